"""The command line as scripts use it: every command documents itself, user errors are one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.command_line import workbench
from workbench.records import OcrSettings
from workbench.project import Project

COMMANDS = ["new", "add", "ocr", "status", "history", "diff", "revert", "text", "save", "mark",
            "relink", "export", "sample", "suggest", "replace"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = workbench(command, "--help")
    assert result.returncode == 0 and "usage: workbench" in result.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["status", "nowhere.wbproj"], "workbench new"),
        (["history", "{project}", "999"], "no page 999"),
        (["add", "{project}", "missing.png"], "no such file"),
        (["ocr", "{project}", "--lang", "xyz"], "xyz"),
        (["export", "{project}", "--out", "{project}/inside-a-file"], "export folder"),
        (["new", "{project}"], "already exists"),
    ],
)
def test_user_errors_print_one_line_and_exit_non_zero(tmp_path: Path, arguments: list[str],
                                                       message: str) -> None:
    project = tmp_path / "p.wbproj"
    assert workbench("new", str(project)).returncode == 0
    result = workbench(*[a.replace("{project}", str(project)) for a in arguments], cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1


def test_status_text_mark_and_a_stale_save(recognised_project_path: Path, tmp_path: Path) -> None:
    project = str(recognised_project_path)
    status = workbench("status", project)
    assert status.returncode == 0 and "4 pages: 0 new, 4 recognised" in status.stdout
    text = workbench("text", project, "EHRI-DR-19390125-US_02")
    assert text.returncode == 0 and "Iron Guard" in text.stdout
    edited = tmp_path / "edited.txt"
    edited.write_text("corrected text", encoding="utf-8")
    with Project.open(recognised_project_path) as opened:
        recognised = opened.pages.get(1).current_revision_id
    assert workbench("save", project, "1", str(edited), "--author", "ana").returncode == 0
    stale = workbench("save", project, "1", str(edited), "--parent", str(recognised))
    assert stale.returncode == 1 and "conflict" in stale.stderr and "draft" in stale.stderr
    assert "refused as a conflict" in workbench("status", project).stdout
    assert workbench("mark", project, "verified", "1", "2").returncode == 0
    assert "2 verified" in workbench("status", project).stdout


@pytest.mark.slow
@pytest.mark.live_ocr
def test_sample_command_builds_and_describes_the_sample(tmp_path: Path) -> None:
    result = workbench("sample", str(tmp_path / "sample.wbproj"))
    assert result.returncode == 0, result.stderr
    assert "4 pages: 0 new, 4 recognised" in result.stdout  # the CER lines alone come without any OCR too
    assert result.stdout.count("CER vs ground truth") == 4


@pytest.mark.slow
@pytest.mark.live_ocr
def test_ocr_uses_the_projects_recognition_options_unless_told_otherwise(
    tmp_path: Path, sample_scans: list[Path]
) -> None:
    project_path = tmp_path / "p.wbproj"
    with Project.create(project_path) as project:
        project.pages.add_scans([sample_scans[0]])
        project.recognition.set_settings(OcrSettings(psm=4, second_look=False))
    for arguments, used in (((), OcrSettings(psm=4, second_look=False)),
                            (("--psm", "6", "--force"), OcrSettings(psm=6, second_look=False))):
        assert workbench("ocr", str(project_path), *arguments).returncode == 0
        with Project.open(project_path) as project:
            run = project.recognition.ocr_run(project.pages.all()[0].id)
        assert run is not None and run.settings == used.as_dict()
