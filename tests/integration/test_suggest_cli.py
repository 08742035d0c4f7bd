"""``workbench suggest``: the JSON list other tools read, for a project page or a bare text file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.command_line import workbench
from workbench.project import Project


def assert_suggestion_shape(items: list[dict[str, object]], text: str) -> None:
    assert items
    for item in items:
        assert set(item) == {"start", "end", "text", "candidates", "reasons"}
        start, end = item["start"], item["end"]
        assert isinstance(start, int) and isinstance(end, int)
        assert text[start:end] == item["text"]
        candidates = item["candidates"]
        assert isinstance(candidates, list)
        for candidate in candidates:
            assert set(candidate) == {"text", "score"}
            assert isinstance(candidate["text"], str) and isinstance(candidate["score"], float)
        assert isinstance(item["reasons"], list) and all(isinstance(r, str) for r in item["reasons"])


def test_suggest_a_text_file_prints_the_json_list(tmp_path: Path) -> None:
    text = "The offioials in Sngland reported in 19h2 that the faot was known.\n"
    source = tmp_path / "page.txt"
    source.write_text(text, encoding="utf-8")
    result = workbench("suggest", "--text", str(source), "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert_suggestion_shape(items, text)
    fixes = {item["text"]: item["candidates"][0]["text"] for item in items}
    assert fixes == {"offioials": "officials", "Sngland": "England", "19h2": "1942", "faot": "fact"}


def test_suggest_a_project_page_prints_offsets_into_its_current_text(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.find("EHRI-DR-19390125-US_03")
        text = project.revisions.current_text(page.id)
        expected = [s.as_json() for s in project.suggestions.for_page(page.id)]
    result = workbench("suggest", str(recognised_project_path), "--page", page.label, "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert_suggestion_shape(items, text)
    assert items == expected


def test_suggest_needs_a_page_or_a_text(tmp_path: Path) -> None:
    result = workbench("suggest", "--json")
    assert result.returncode != 0
    assert "--page" in result.stderr and "Traceback" not in result.stderr
