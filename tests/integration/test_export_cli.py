"""``workbench export`` as scripts call it: several formats, a ZIP target, a page range, clear errors."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from tests.integration.test_cli import _workbench


@pytest.mark.slow
def test_export_formats_into_a_zip_for_a_page_range(recognised_project_path: Path, tmp_path: Path) -> None:
    project = str(recognised_project_path)
    target = tmp_path / "batch.zip"
    result = _workbench("export", project, "--format", "alto,hocr,pdf", "--out", str(target),
                        "--pages", "2-3", "--document", "Bucharest despatch")
    assert result.returncode == 0, result.stderr
    assert "Exported 2 pages (5 files)" in result.stdout
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        manifest = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8"))))
    assert names == {row["file"] for row in manifest} | {"manifest.csv", "manifest.json"}
    assert "Bucharest despatch.pdf" in names
    assert {row["page"] for row in manifest if row["page"]} == {"EHRI-DR-19390125-US_03", "EHRI-DR-19390125-US_04"}


@pytest.mark.slow
def test_training_lines_say_which_pages_were_left_out(recognised_project_path: Path, tmp_path: Path) -> None:
    result = _workbench("export", str(recognised_project_path), "--format", "lines", "--out", str(tmp_path / "gt"))
    assert result.returncode == 0, result.stderr
    assert "Exported 4 pages (0 files)" in result.stdout and "Left 4 pages out" in result.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [(["--format", "txt,odt"], "unknown format 'odt'"), (["--pages", "5-2"], "not a page range")],
)
def test_bad_export_options_are_refused_before_any_work(tmp_path: Path, arguments: list[str],
                                                        message: str) -> None:
    project = tmp_path / "p.wbproj"
    assert _workbench("new", str(project)).returncode == 0
    result = _workbench("export", str(project), "--out", str(tmp_path / "out"), *arguments)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
