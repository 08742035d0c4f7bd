"""``workbench add`` on folders nobody vetted: links out, FIFOs, huge sidecars, odd names, and a run
killed half way that is simply run again."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.command_line import workbench, workbench_process
from workbench.project import Project

PAGES = 30


def _new_project(tmp_path: Path) -> Path:
    project = tmp_path / "p.wbproj"
    assert workbench("new", project).returncode == 0
    return project


def _scan_folder(tmp_path: Path, sample_scans: list[Path], *names: str) -> Path:
    folder = tmp_path / "scans"
    folder.mkdir()
    for name, sample in zip(names, sample_scans):
        shutil.copy(sample, folder / name)
    return folder


def test_a_sidecar_linked_to_a_file_outside_the_folder_is_refused_one_inside_is_read(
    tmp_path: Path, sample_scans: list[Path]
) -> None:
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    folder = _scan_folder(tmp_path, sample_scans, "a.jpg", "b.jpg")
    (folder / "a.txt").symlink_to(secret)
    (folder / "texts").mkdir()
    (folder / "texts" / "b.txt").write_text("the text of b\n")
    (folder / "b.txt").symlink_to(Path("texts", "b.txt"))
    with Project.create(tmp_path / "p.wbproj") as project:
        report = project.pages.add_scans([folder])
        a, b = project.pages.all()
        assert a.current_revision_id is None
        assert project.revisions.current_text(b.id) == "the text of b\n"
    (failure,) = report.ocr_failures
    assert failure.path == folder / "a.txt" and "outside" in failure.reason


def test_a_scan_linked_from_outside_the_folder_is_refused(tmp_path: Path, sample_scans: list[Path]) -> None:
    folder = _scan_folder(tmp_path, sample_scans, "a.jpg")
    shutil.copy(sample_scans[1], tmp_path / "elsewhere.jpg")
    (folder / "b.jpg").symlink_to(tmp_path / "elsewhere.jpg")
    (folder / "c.jpg").symlink_to("a.jpg")  # inside the folder: fine, and the same scan as a.jpg
    with Project.create(tmp_path / "p.wbproj") as project:
        report = project.pages.add_scans([folder])
        assert [page.label for page in project.pages.all()] == ["a"]
    (failure,) = report.failures
    assert failure.path == folder / "b.jpg" and "outside" in failure.reason
    assert report.already_present == (folder / "c.jpg",)


@pytest.mark.timeout(60)  # opening a FIFO would block for ever
def test_fifos_are_reported_and_never_opened(tmp_path: Path, sample_scans: list[Path]) -> None:
    project = _new_project(tmp_path)
    folder = _scan_folder(tmp_path, sample_scans, "a.jpg")
    os.mkfifo(folder / "page.jpg")
    os.mkfifo(folder / "a.txt")
    result = workbench("add", project, folder)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Added 1 pages." in result.stdout
    assert f"Not added: {folder / 'page.jpg'}: not a regular file (a FIFO)" in result.stderr
    assert f"OCR not imported: {folder / 'a.txt'}: not a regular file (a FIFO)" in result.stderr


def test_an_oversized_text_sidecar_is_refused_with_the_limit(tmp_path: Path, sample_scans: list[Path]) -> None:
    folder = _scan_folder(tmp_path, sample_scans, "a.jpg")
    (folder / "a.txt").write_text("word " * (3 * 1024 * 1024 // 5 + 1))
    with Project.create(tmp_path / "p.wbproj") as project:
        report = project.pages.add_scans([folder])
        (page,) = project.pages.all()
        assert page.current_revision_id is None
    (failure,) = report.ocr_failures
    assert failure.reason == "the file is 3.0 MB; a page's text may be at most 2 MB"


def _small_scans(folder: Path, sample_scans: list[Path]) -> list[str]:
    """PAGES real pages at about a third of their size, each a different file; their labels in order."""
    folder.mkdir()
    labels = [f"page{number}" for number in range(1, PAGES + 1)]
    for number, label in enumerate(labels):
        with Image.open(sample_scans[number % len(sample_scans)]) as image:
            width = 700 + number  # every file differs, so none is skipped as a copy of another
            image.resize((width, width * image.height // image.width)).save(folder / f"{label}.jpg")
    return labels


def _page_count(project: Path) -> int:
    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as connection:
        count: int = connection.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
    connection.close()
    return count


def test_an_add_killed_half_way_resumes_into_the_same_document(
    tmp_path: Path, sample_scans: list[Path]
) -> None:
    project = _new_project(tmp_path)
    folder = tmp_path / "letters"
    labels = _small_scans(folder, sample_scans)
    process = subprocess.Popen([sys.executable, "-m", "workbench.cli", "add", str(project), str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while _page_count(project) < 3 and process.poll() is None:
        pass
    process.kill()
    process.wait()
    added_before = _page_count(project)
    assert 3 <= added_before < PAGES, "the add was not killed half way"

    result = workbench("add", project, folder)
    assert result.returncode == 0, result.stderr
    assert f"Added {PAGES - added_before} pages." in result.stdout
    assert f"{added_before} already in the project, skipped." in result.stdout
    with Project.open(project) as reopened:
        (document,) = reopened.pages.documents()
        assert document.name == "letters"
        assert [page.label for page in reopened.pages.all()] == labels


def test_adding_another_folder_of_the_same_name_still_makes_its_own_document(
    tmp_path: Path, sample_scans: list[Path]
) -> None:
    first = tmp_path / "one" / "letters"
    second = tmp_path / "two" / "letters"
    first.mkdir(parents=True)
    second.mkdir(parents=True)
    shutil.copy(sample_scans[0], first / "a.jpg")
    shutil.copy(sample_scans[1], second / "a.jpg")
    with Project.create(tmp_path / "p.wbproj") as project:
        project.pages.add_scans([first])
        project.pages.add_scans([second])
        assert [document.name for document in project.pages.documents()] == ["letters", "letters"]


def test_a_different_file_at_a_path_already_added_is_a_new_page_with_a_note(
    tmp_path: Path, sample_scans: list[Path]
) -> None:
    folder = _scan_folder(tmp_path, sample_scans, "a.jpg", "b.jpg")
    with Project.create(tmp_path / "p.wbproj") as project:
        project.pages.add_scans([folder])
        shutil.copy(sample_scans[2], folder / "b.jpg")
        report = project.pages.add_scans([folder])
        assert report.already_present == (folder / "a.jpg",) and report.changed == (folder / "b.jpg",)
        assert [page.label for page in project.pages.all()] == ["a", "b", "b"]
        assert len(project.pages.documents()) == 1


def test_a_file_name_that_is_not_utf8_is_refused_alone_without_a_traceback(
    tmp_path: Path, sample_scans: list[Path]
) -> None:
    project = _new_project(tmp_path)
    folder = _scan_folder(tmp_path, sample_scans, "a.jpg", "z.jpg")
    odd = Path(os.fsdecode(os.fsencode(folder) + b"/scan-\xff.jpg"))
    shutil.copy(sample_scans[2], odd)
    result = workbench_process("add", project, folder)  # the name as a real process prints it
    assert "Traceback" not in result.stderr and result.returncode == 1
    assert "Added 2 pages." in result.stdout
    refusal = result.stderr.splitlines()[-1]
    assert refusal.startswith("Not added: ")
    assert "scan-\ufffd.jpg: the file's name or folder is not UTF-8" in refusal
    with Project.open(project) as reopened:
        assert [page.label for page in reopened.pages.all()] == ["a", "z"]


def test_a_scan_named_twice_in_one_add_is_stored_once(tmp_path: Path, sample_scans: list[Path]) -> None:
    folder = _scan_folder(tmp_path, sample_scans, "a.jpg")
    with Project.create(tmp_path / "p.wbproj") as project:
        report = project.pages.add_scans([folder, folder / "a.jpg"])
        assert len(report.page_ids) == 1 and len(report.already_present) == 1
        assert len(project.pages.all()) == 1
