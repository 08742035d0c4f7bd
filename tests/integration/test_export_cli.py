"""``workbench export`` as scripts call it: several formats, a ZIP target, a page range, clear errors."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tests.command_line import workbench
from workbench.project import Project

REFUSED = "holds files that are not an earlier export of this project"


def test_export_formats_into_a_zip_for_a_page_range(recognised_project_path: Path, tmp_path: Path) -> None:
    project = str(recognised_project_path)
    target = tmp_path / "batch.zip"
    result = workbench("export", project, "--format", "alto,hocr,pdf", "--out", str(target),
                       "--pages", "2-3", "--document", "Bucharest despatch")
    assert result.returncode == 0, result.stderr
    assert "Exported 2 pages (5 files)" in result.stdout
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        manifest = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8"))))
    assert names == {row["file"] for row in manifest} | {"manifest.csv", "manifest.json"}
    assert "Bucharest despatch.pdf" in names
    assert {row["page"] for row in manifest if row["page"]} == {"EHRI-DR-19390125-US_03", "EHRI-DR-19390125-US_04"}


def test_training_lines_say_which_pages_were_left_out(recognised_project_path: Path, tmp_path: Path) -> None:
    result = workbench("export", str(recognised_project_path), "--format", "lines", "--out", str(tmp_path / "gt"))
    assert result.returncode == 1 and "leave out all 4 pages with text" in result.stderr
    assert "nothing was written" in result.stderr and not (tmp_path / "gt").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [(["--format", "txt,odt"], "unknown format 'odt'"), (["--pages", "5-2"], "not a page range")],
)
def test_bad_export_options_are_refused_before_any_work(tmp_path: Path, arguments: list[str],
                                                        message: str) -> None:
    project = tmp_path / "p.wbproj"
    assert workbench("new", str(project)).returncode == 0
    result = workbench("export", str(project), "--out", str(tmp_path / "out"), *arguments)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def _project(folder: Path, name: str = "box.wbproj") -> Path:
    """Two blank scans with a saved text each, no OCR."""
    frames = [Image.new("L", (80, 100), 255) for _ in range(2)]
    scans = folder / f"{name}.tif"
    frames[0].save(scans, save_all=True, append_images=frames[1:], dpi=(300, 300))
    path = folder / name
    with Project.create(path) as project:
        project.pages.add_scans([scans])
        for page in project.pages.all():
            project.revisions.save(page.id, f"page {page.position}", parent_id=None, author="test")
    return path


def _export(project: Path, out: Path, *options: str) -> tuple[int, str]:
    result = workbench("export", str(project), "--format", "txt", "--out", str(out), *options)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout + result.stderr


def _is_export_of(out: Path, project: Path) -> bool:
    with Project.open(project) as opened:
        name = opened.name
    if out.suffix == ".zip":
        with zipfile.ZipFile(out) as archive:
            return json.loads(archive.read("manifest.json"))["project"] == name
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["project"] == name


def _hidden(folder: Path) -> list[str]:
    return [path.name for path in folder.rglob(".*")]


def test_an_unrelated_zip_is_replaced_only_with_overwrite(tmp_path: Path) -> None:
    project = _project(tmp_path)
    target = tmp_path / "batch.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("notes.txt", "my notes")
    before = target.read_bytes()
    code, output = _export(project, target)
    assert code == 1 and REFUSED in output and "--overwrite" in output and target.read_bytes() == before
    assert _export(project, target, "--overwrite")[0] == 0 and _is_export_of(target, project)
    assert _export(project, target)[0] == 0  # now an earlier export of this project: replaced unasked
    assert _is_export_of(target, project) and not _hidden(tmp_path)


def test_a_project_file_named_zip_is_never_taken_for_an_export(tmp_path: Path) -> None:
    project = _project(tmp_path)
    other = _project(tmp_path, "other.zip")
    before = other.read_bytes()
    code, output = _export(project, other)
    assert code == 1 and REFUSED in output and "not a ZIP file" in output and other.read_bytes() == before
    own = _project(tmp_path, "own.zip")
    before = own.read_bytes()
    code, output = _export(own, own, "--overwrite")
    assert code == 1 and "the project file own.zip" in output and own.read_bytes() == before


def test_a_users_own_files_in_the_folder_are_not_replaced_unasked(tmp_path: Path) -> None:
    project = _project(tmp_path)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my notes", encoding="utf-8")
    code, output = _export(project, mine)
    assert code == 1 and REFUSED in output and "notes.txt" in output
    assert [path.name for path in mine.iterdir()] == ["notes.txt"]

    earlier = tmp_path / "earlier"
    assert _export(project, earlier)[0] == 0
    assert _export(project, earlier)[0] == 0  # an earlier export of this project alone: replaced unasked
    document = next(path for path in earlier.iterdir() if path.is_dir())
    (document / "notes.txt").write_text("added by hand", encoding="utf-8")
    code, output = _export(project, earlier)
    assert code == 1 and f"{document.name}/notes.txt" in output and (document / "notes.txt").exists()

    assert _export(project, mine, "--overwrite")[0] == 0
    assert not (mine / "notes.txt").exists() and _is_export_of(mine, project)
    assert not _hidden(tmp_path)


def test_an_export_of_another_project_is_not_replaced_unasked(tmp_path: Path) -> None:
    project, other = _project(tmp_path), _project(tmp_path, "other.wbproj")
    target = tmp_path / "out"
    assert _export(other, target)[0] == 0
    shutil.copy(other, tmp_path / "copy.wbproj")  # a copy of a project is the same project
    assert _export(tmp_path / "copy.wbproj", target)[0] == 0
    code, output = _export(project, target)
    assert code == 1 and REFUSED in output and _is_export_of(target, other)


def test_exporting_no_pages_says_so_and_writes_nothing(tmp_path: Path) -> None:
    project = _project(tmp_path)
    code, output = _export(project, tmp_path / "out", "--status", "verified")
    assert code == 1 and "Nothing to export: no page is chosen" in output
    code, output = _export(project, tmp_path / "out.zip", "--status", "verified")
    assert code == 1 and "nothing was written" in output
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.zip").exists() and not _hidden(tmp_path)
