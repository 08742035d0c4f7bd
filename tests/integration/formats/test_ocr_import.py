"""Importing OCR made elsewhere into a project: the eval scan with its real hOCR and ALTO ground truth."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EVAL
from workbench.errors import ForeignFileError, HostileFileError, WorkbenchError
from workbench.formats.hocr_reader import read_hocr
from workbench.project import PageStatus, Project, RevisionKind

STEM = "EHRI-DR-19390125-US_02"
EHRI = EVAL / "ehri"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.wbproj") as created:
        yield created


def _scan(folder: Path, *sidecars: tuple[str, str]) -> Path:
    """The eval scan copied into ``folder``, with (eval file, sidecar suffix) copies beside it."""
    scan = folder / f"{STEM}.jpg"
    shutil.copy(EHRI / f"{STEM}.jpg", scan)
    for source, suffix in sidecars:
        shutil.copy(EHRI / source, scan.with_suffix(suffix))
    return scan


def _nothing_stored(project: Project, page_id: int) -> bool:
    return project.revisions.all(page_id) == [] and project.recognition.ocr_run(page_id) is None


def test_an_hocr_sidecar_becomes_the_first_revision_with_word_boxes(project: Project, tmp_path: Path) -> None:
    scan = _scan(tmp_path, (f"{STEM}.tess.hocr", ".hocr"))
    report = project.pages.add_scans([scan])
    (page_id,) = report.page_ids
    assert report.ocr_imported == ((page_id, scan.with_suffix(".hocr")),) and report.ocr_failures == ()
    revision = project.revisions.current(page_id)
    assert revision is not None and revision.kind == RevisionKind.IMPORT and revision.parent_id is None
    run = project.recognition.ocr_run(page_id)
    assert run is not None and revision.ocr_run_id == run.id
    assert run.engine == "tesseract 5.3.0"
    assert run.settings == {"imported_from": f"{STEM}.hocr", "format": "hocr"}
    expected = read_hocr(EHRI / f"{STEM}.tess.hocr", image_width=1926, image_height=3219)
    assert run.words == expected.words
    assert revision.text.split() == [word.text for word in run.words]
    assert project.pages.get(page_id).status == PageStatus.RECOGNISED
    assert all(link.word_index == index for index, link in enumerate(project.suggestions.word_links(page_id)))


def test_the_alto_ground_truth_given_explicitly(project: Project, tmp_path: Path) -> None:
    scan = _scan(tmp_path, (f"{STEM}.tess.txt", ".txt"))  # --ocr wins over the sidecar
    report = project.pages.add_scans([scan], ocr=EHRI / f"{STEM}.alto.xml")
    (page_id,) = report.page_ids
    assert project.revisions.current_text(page_id) == (EHRI / f"{STEM}.gt.txt").read_text().strip()
    run = project.recognition.ocr_run(page_id)
    assert run is not None and run.settings["format"] == "alto" and len(run.words) == 247


def test_a_plain_text_sidecar_gives_a_revision_without_words(project: Project, tmp_path: Path) -> None:
    scan = _scan(tmp_path, (f"{STEM}.tess.txt", ".txt"))
    (page_id,) = project.pages.add_scans([scan]).page_ids
    assert project.revisions.current_text(page_id) == (EHRI / f"{STEM}.tess.txt").read_text()
    assert project.revisions.current(page_id).kind == RevisionKind.IMPORT  # type: ignore[union-attr]
    assert project.recognition.ocr_run(page_id) is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html>&x;</html>',
         "declares XML entities"),
        ("<html><body><span class='ocrx_word' title='bbox 1900 3000 2100 3100'>stamp</span></body></html>",
         "word 'stamp' lies outside the 1926×3219 scan"),
        ("<alto><Layout><Page><TextBlock>", "not well-formed"),
    ],
)
def test_a_bad_sidecar_is_reported_and_the_page_added_without_it(
    project: Project, tmp_path: Path, content: str, message: str
) -> None:
    scan = _scan(tmp_path)
    scan.with_suffix(".hocr").write_text(content)
    report = project.pages.add_scans([scan])
    (page_id,) = report.page_ids
    (failure,) = report.ocr_failures
    assert failure.path == scan.with_suffix(".hocr") and message in failure.reason
    assert report.ocr_imported == () and _nothing_stored(project, page_id)
    assert project.pages.get(page_id).status == PageStatus.NEW


def test_import_into_an_existing_page_refuses_hostile_files_and_stores_nothing(
    project: Project, tmp_path: Path
) -> None:
    (page_id,) = project.pages.add_scans([_scan(tmp_path)]).page_ids
    laughs = tmp_path / "laughs.xml"
    entities = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 9))
    laughs.write_text(f'<!DOCTYPE alto [<!ENTITY l0 "ha">{entities}]><alto>&l8;</alto>')
    with pytest.raises(HostileFileError, match="laughs.xml: .*billion-laughs"):
        project.recognition.import_ocr(page_id, laughs, author="archivist")
    wrong_scan = tmp_path / "other.hocr"
    shutil.copy(EHRI / "EHRI-DR-19421116-US_02.tess.hocr", wrong_scan)
    with pytest.raises(ForeignFileError, match="describes a 2488×3296 image, but the scan is 1926×3219"):
        project.recognition.import_ocr(page_id, wrong_scan, author="archivist")
    assert _nothing_stored(project, page_id)


def test_a_page_with_text_is_only_imported_over_with_force(project: Project, tmp_path: Path) -> None:
    scan = _scan(tmp_path, (f"{STEM}.tess.hocr", ".hocr"))
    (page_id,) = project.pages.add_scans([scan]).page_ids
    first = project.revisions.current(page_id)
    assert first is not None
    with pytest.raises(WorkbenchError, match="already has text"):
        project.recognition.import_ocr(page_id, EHRI / f"{STEM}.alto.xml", author="archivist")
    assert project.revisions.all(page_id) == [first]
    second = project.recognition.import_ocr(page_id, EHRI / f"{STEM}.alto.xml", author="archivist", force=True).revision
    assert second.parent_id == first.id and second.kind == RevisionKind.IMPORT
    assert [revision.id for revision in project.revisions.all(page_id)] == [first.id, second.id]
    assert project.recognition.ocr_run(page_id).id == second.ocr_run_id  # type: ignore[union-attr]


def test_a_missing_ocr_file_is_refused_before_anything_is_added(project: Project, tmp_path: Path) -> None:
    with pytest.raises(WorkbenchError, match="no such OCR file"):
        project.pages.add_scans([_scan(tmp_path)], ocr=tmp_path / "missing.xml")
    assert project.pages.all() == []


def test_sidecars_are_only_for_single_page_scans(project: Project, tmp_path: Path) -> None:
    pdf = tmp_path / "two.pdf"
    _two_page_pdf(pdf)
    pdf.with_suffix(".txt").write_text("one text for two pages")
    report = project.pages.add_scans([pdf])
    assert len(report.page_ids) == 2 and report.ocr_imported == ()
    assert "single-page scans only" in report.ocr_failures[0].reason


def _two_page_pdf(path: Path) -> None:
    from PIL import Image

    pages = [Image.new("L", (200, 300), "white"), Image.new("L", (200, 300), "white")]
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=100)
