"""Batch export into folders and ZIPs: manifests that prove every file, selection, and all-or-nothing."""

from __future__ import annotations

import csv
import hashlib
import json
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from workbench.errors import WorkbenchError
from workbench.progress import Cancelled
from workbench.project import PageStatus, Project
from workbench.project.exporting import EXPORT_FORMATS

pytestmark = pytest.mark.slow

ALL = ["txt", "alto", "page", "hocr", "tei", "json", "pdf", "docx", "lines"]


class CancelAt:
    """Stops the export when it reaches page ``page`` of the batch, as the Cancel button does."""

    def __init__(self, page: int) -> None:
        self.page = page

    def advance(self, done: int, total: int, note: str = "") -> None:
        if done == self.page:
            raise Cancelled


def _manifests(read: dict[str, bytes]) -> tuple[list[dict[str, str]], dict[str, object]]:
    rows = list(csv.DictReader(read["manifest.csv"].decode("utf-8").splitlines()))
    return rows, json.loads(read["manifest.json"])


def _check_manifests(files: dict[str, bytes]) -> list[dict[str, str]]:
    rows, manifest = _manifests(files)
    assert {row["file"] for row in rows} == set(files) - {"manifest.csv", "manifest.json"}
    for row in rows:
        assert row["sha256"] == hashlib.sha256(files[row["file"]]).hexdigest(), row["file"]
    listed = manifest["files"]
    assert isinstance(listed, list)
    assert [(entry["file"], entry["sha256"]) for entry in listed] == [(r["file"], r["sha256"]) for r in rows]
    assert manifest["formats"] == ALL and str(manifest["software"]).startswith("Workbench")
    return rows


def test_every_format_into_a_folder_with_a_manifest_that_proves_each_file(
    corrected_project_path: Path, tmp_path: Path
) -> None:
    assert list(EXPORT_FORMATS) == ["txt", "alto", "page", "hocr", "tei", "json", "pdf", "pdf-pages",
                                    "docx", "lines"]
    out = tmp_path / "out"
    with Project.open(corrected_project_path) as project:
        report = project.exports.write(out, ALL)
        first = project.pages.all()[0]
    files = {str(path.relative_to(out)): path.read_bytes() for path in out.rglob("*") if path.is_file()}
    rows = _check_manifests(files)
    assert report.pages == 4 and report.files == len(rows) and report.skipped_by_status == 2
    assert {row["format"] for row in rows} == set(ALL)
    stem = f"Bucharest despatch/0001_{first.label}"
    for suffix in (".txt", ".alto.xml", ".page.xml", ".hocr", ".tei.xml", ".json", "_l0001.png"):
        assert stem + suffix in files
    row = next(r for r in rows if r["file"] == stem + ".alto.xml")
    assert row["status"] == "verified" and row["author"] == "ana" and row["page_id"] == str(first.id)
    assert row["revision_id"] == str(first.current_revision_id) and row["source_scan"] == first.scan_path
    whole = next(r for r in rows if r["file"] == "Bucharest despatch.pdf")
    assert whole["page"] == "" and len(whole["revision_id"].split(";")) == 4
    assert not [path for path in out.rglob("*") if "workbench.tmp" in path.name]


def test_a_zip_holds_the_same_files_under_safe_names(corrected_project_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "batch.zip"
    with Project.open(corrected_project_path) as project:
        report = project.exports.write(target, ALL)
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        files = {name: archive.read(name) for name in archive.namelist()}
    for name in files:
        path = PurePosixPath(name)
        assert not path.is_absolute() and ".." not in path.parts and "\\" not in name
    assert len(_check_manifests(files)) == report.files
    assert sorted(path.name for path in tmp_path.iterdir()) == ["batch.zip", "work"]


def test_selection_by_status_document_and_page_range(corrected_project_path: Path, tmp_path: Path) -> None:
    with Project.open(corrected_project_path) as project:
        finished = project.exports.write(tmp_path / "a", ["alto"], statuses=[PageStatus.CORRECTED, PageStatus.VERIFIED])
        ranged = project.exports.write(tmp_path / "b", ["txt"], document="Bucharest despatch", pages=(2, 3))
        with pytest.raises(WorkbenchError, match="no document"):
            project.exports.write(tmp_path / "c", ["txt"], document="Another box")
        with pytest.raises(WorkbenchError, match="Unknown export format 'odt'"):
            project.exports.write(tmp_path / "d", ["txt", "odt"])
    assert finished.pages == 2 and sorted(p.name for p in (tmp_path / "a" / "Bucharest despatch").iterdir()) == [
        "0001_EHRI-DR-19390125-US_02.alto.xml", "0002_EHRI-DR-19390125-US_03.alto.xml"]
    assert ranged.pages == 2 and sorted(p.name for p in (tmp_path / "b" / "Bucharest despatch").iterdir()) == [
        "0002_EHRI-DR-19390125-US_03.txt", "0003_EHRI-DR-19390125-US_04.txt"]
    assert not (tmp_path / "c").exists() and not (tmp_path / "d").exists()


@pytest.mark.parametrize("target_name", ["folder", "batch.zip"])
def test_cancel_leaves_nothing_behind(corrected_project_path: Path, tmp_path: Path, target_name: str) -> None:
    target = tmp_path / "exports" / target_name
    target.parent.mkdir()
    with Project.open(corrected_project_path) as project, pytest.raises(Cancelled):
        project.exports.write(target, ALL, progress=CancelAt(3))
    assert list(target.parent.iterdir()) == []


def test_cancel_keeps_an_earlier_export_in_the_folder_as_it_was(corrected_project_path: Path,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "out"
    with Project.open(corrected_project_path) as project:
        project.exports.write(out, ["txt"])
        before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
        first = project.pages.all()[0]
        project.revisions.save(first.id, "changed since", parent_id=project.pages.get(first.id).current_revision_id,
                     author="ana")
        with pytest.raises(Cancelled):
            project.exports.write(out, ["txt", "alto"], progress=CancelAt(4))
    assert {path: path.read_bytes() for path in out.rglob("*") if path.is_file()} == before
    assert not [path for path in out.rglob("*") if path not in before and path.is_file()]
