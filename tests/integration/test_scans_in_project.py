"""Importing scans: bad files are reported by name and store nothing; moved scans are found again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from workbench.project import Project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project.create(tmp_path / "p.wbproj")


def _counts(project: Project) -> tuple[int, int]:
    return len(project.pages.documents()), len(project.pages.all())


def test_bad_files_are_reported_by_name_and_the_rest_of_the_batch_goes_on(
    project: Project, tmp_path: Path, sample_scans: list[Path]
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(sample_scans[0], folder / "a good page.jpg")
    (folder / "empty.png").write_bytes(b"")
    (folder / "notes.png").write_text("not an image")
    data = sample_scans[1].read_bytes()
    (folder / "cut.jpg").write_bytes(data[: len(data) // 3])
    frames = [Image.open(scan) for scan in sample_scans[2:4]]
    frames[0].save(tmp_path / "two.tif", save_all=True, append_images=frames[1:])
    tiff = (tmp_path / "two.tif").read_bytes()
    (folder / "cut.tif").write_bytes(tiff[: len(tiff) * 3 // 4])

    report = project.pages.add_scans([folder])

    failed = {failure.path.name: failure.reason for failure in report.failures}
    assert set(failed) == {"empty.png", "notes.png", "cut.jpg", "cut.tif"}
    assert "empty" in failed["empty.png"]
    assert [page.label for page in project.pages.all()] == ["a good page"]  # nothing partial stored


def test_a_batch_of_only_bad_files_leaves_the_project_unchanged(project: Project, tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage")
    before = _counts(project)
    report = project.pages.add_scans([bad, tmp_path / "missing.png"])
    assert len(report.failures) == 2 and not report.page_ids
    assert _counts(project) == before


def test_adding_the_same_scan_twice_stores_it_once(project: Project, sample_scans: list[Path]) -> None:
    project.pages.add_scans([sample_scans[0]])
    report = project.pages.add_scans([sample_scans[0]])
    assert report.already_present == (sample_scans[0],) and len(project.pages.all()) == 1


def test_scans_are_stored_relative_to_the_project(project: Project, tmp_path: Path,
                                                  sample_scans: list[Path]) -> None:
    (tmp_path / "scans").mkdir()
    shutil.copy(sample_scans[0], tmp_path / "scans" / "one.jpg")
    project.pages.add_scans([tmp_path / "scans"])
    page = project.pages.all()[0]
    assert page.scan_path == "scans/one.jpg"
    assert page.scan_size == (tmp_path / "scans" / "one.jpg").stat().st_size
    assert len(page.scan_sha256) == 64 and page.dpi == 300


def test_a_moved_scan_is_reported_and_relinked_by_content(project: Project, tmp_path: Path,
                                                          sample_scans: list[Path]) -> None:
    (tmp_path / "scans").mkdir()
    for scan in sample_scans[:2]:
        shutil.copy(scan, tmp_path / "scans" / scan.name)
    project.pages.add_scans([tmp_path / "scans"])
    (tmp_path / "scans").rename(tmp_path / "renamed")
    problems = project.pages.scan_problems()
    assert {problem.kind for problem in problems} == {"missing"} and len(problems) == 2
    assert project.pages.relink_scans(tmp_path / "renamed") == 2
    assert project.pages.scan_problems() == []
    assert project.pages.all()[0].scan_path.startswith("renamed/")


def test_a_changed_scan_is_reported(project: Project, tmp_path: Path, sample_scans: list[Path]) -> None:
    scan = tmp_path / "page.jpg"
    shutil.copy(sample_scans[0], scan)
    project.pages.add_scans([scan])
    with Image.open(scan) as image:
        image.rotate(1).save(scan)
    problems = project.pages.scan_problems()
    assert [problem.kind for problem in problems] == ["changed"]


def test_a_changed_scan_of_the_same_size_is_found_when_verifying(project: Project, tmp_path: Path,
                                                                 sample_scans: list[Path]) -> None:
    scan = tmp_path / "page.jpg"
    shutil.copy(sample_scans[0], scan)
    project.pages.add_scans([scan])
    data = bytearray(scan.read_bytes())
    data[-100] ^= 0xFF
    scan.write_bytes(bytes(data))
    assert project.pages.scan_problems() == []
    assert [p.kind for p in project.pages.scan_problems(verify_contents=True)] == ["changed"]
