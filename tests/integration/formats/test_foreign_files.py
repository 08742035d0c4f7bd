"""OCR files as other tools write them, added beside their scan as an archivist would (issue 16).

The files are in ``tests/files`` (see its README): an ABBYY FineReader ALTO with a byte-order mark,
and ABBYY's PAGE with text at region level only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import EVAL
from workbench.formats.alto_writer import write_alto
from workbench.project import Project

STEM = "EHRI-BF-19380509b_EN_04"
ALTO = "{http://www.loc.gov/standards/alto/ns-v4#}"
FILES = Path(__file__).resolve().parents[2] / "files"

pytestmark = pytest.mark.skipif(not (EVAL / "ehri" / f"{STEM}.jpg").is_file(), reason="evaluation data not present")


def _added_with_sidecar(folder: Path, sidecar: Path) -> tuple[Project, int]:
    scan = folder / f"{STEM}.jpg"
    shutil.copy(EVAL / "ehri" / f"{STEM}.jpg", scan)
    shutil.copy(sidecar, scan.with_suffix(".xml"))
    project = Project.create(folder / "p.wbproj")
    report = project.pages.add_scans([folder])
    assert report.ocr_failures == ()
    (page_id,) = report.page_ids
    return project, page_id


def test_abbyy_alto_with_a_byte_order_mark_becomes_words_on_their_boxes(tmp_path: Path) -> None:
    project, page_id = _added_with_sidecar(tmp_path, FILES / "abbyy_fre11_alto2_bom.xml")
    with project:
        run = project.recognition.ocr_run(page_id)
        text = project.revisions.current_text(page_id)
    assert run is not None and run.engine == "ABBYY FineReader Engine 11" and len(run.words) == 107
    assert "<" not in text and text.split() == [word.text for word in run.words]


def test_abbyy_page_with_text_only_in_regions_imports_every_word_and_says_from_which_level(tmp_path: Path) -> None:
    project, page_id = _added_with_sidecar(tmp_path, FILES / "abbyy_fre9_page2010_regions.xml")
    with project:
        run = project.recognition.ocr_run(page_id)
        revision = project.revisions.current(page_id)
    assert run is not None and len(run.words) == 309 and revision is not None
    assert revision.text.split() == [word.text for word in run.words]
    assert "text at region level" in revision.note


def test_the_exports_name_the_producer_of_an_imported_file(tmp_path: Path) -> None:
    """Issue 16, defect 8: ABBYY's name was replaced by the workbench's."""
    project, page_id = _added_with_sidecar(tmp_path, FILES / "abbyy_fre11_alto2_bom.xml")
    with project:
        alto = etree.fromstring(write_alto(project.exports.page(page_id)))
    (ocr,) = alto.findall(f".//{ALTO}Processing[@ID='ocr']")
    assert ocr.findtext(f".//{ALTO}softwareName") == "ABBYY FineReader Engine 11"
    assert ocr.findtext(f"{ALTO}processingStepSettings") == f"imported from {STEM}.xml (alto)"
