"""OCR imported and exported again without edits keeps every word, box and line: ALTO, hOCR, PAGE (issue 5)."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EVAL
from workbench.formats.alto_reader import read_alto
from workbench.formats.alto_writer import write_alto
from workbench.formats.export_model import PageExport
from workbench.formats.hocr_reader import read_hocr
from workbench.formats.hocr_writer import write_hocr
from workbench.formats.page_reader import read_page_xml
from workbench.formats.page_writer import write_page_xml
from workbench.project import Project
from workbench.records import OcrWord

STEM = "EHRI-DR-19390125-US_02"
EHRI = EVAL / "ehri"

_VENDOR_ALTO = """<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Description>
<MeasurementUnit>pixel</MeasurementUnit></Description><Layout><Page WIDTH="1926" HEIGHT="3219">
<PrintSpace>
<TextBlock ID="b1"><TextLine HPOS="300" VPOS="200" WIDTH="700" HEIGHT="50">
  <String CONTENT="AMERICAN" HPOS="300" VPOS="200" WIDTH="300" HEIGHT="50" WC="0.97"/><SP/>
  <String CONTENT="LEGATION" HPOS="640" VPOS="200" WIDTH="360" HEIGHT="50" WC="0.42"/></TextLine>
<TextLine HPOS="300" VPOS="270" WIDTH="500" HEIGHT="45">
  <String CONTENT="Bucharest," HPOS="300" VPOS="270" WIDTH="320" HEIGHT="45" WC="0.88"/>
</TextLine></TextBlock>
<TextBlock ID="b2"><TextLine HPOS="300" VPOS="600" WIDTH="900" HEIGHT="48">
  <String CONTENT="Strictly" HPOS="300" VPOS="600" WIDTH="250" HEIGHT="48" WC="0.9"/>
  <String CONTENT="Confidential" HPOS="580" VPOS="600" WIDTH="420" HEIGHT="48" WC="0.6"/>
</TextLine></TextBlock>
</PrintSpace></Page></Layout></alto>"""


def _boxes(words: tuple[OcrWord, ...]) -> list[tuple[str, int, int, int, int]]:
    return [(word.text, word.left, word.top, word.width, word.height) for word in words]


def _lines(words: tuple[OcrWord, ...]) -> list[list[str]]:
    groups = itertools.groupby(words, key=lambda word: (word.block, word.paragraph, word.line))
    return [[word.text for word in line] for _, line in groups]


@pytest.mark.parametrize("source", ["eval ground truth", "vendor ALTO 3"])
def test_alto_in_and_out_unchanged_keeps_words_boxes_and_lines(tmp_path: Path, source: str) -> None:
    alto = EHRI / f"{STEM}.alto.xml"
    if source == "vendor ALTO 3":
        alto = tmp_path / "vendor.xml"
        alto.write_text(_VENDOR_ALTO)
    scan = tmp_path / "scan.jpg"
    shutil.copy(EHRI / f"{STEM}.jpg", scan)
    with Project.create(tmp_path / "p.wbproj") as project:
        (page_id,) = project.pages.add_scans([scan], ocr=alto).page_ids
        imported = read_alto(alto, image_width=1926, image_height=3219)
        exported = tmp_path / "out.alto.xml"
        exported.write_bytes(write_alto(project.exports.page(page_id)))
    back = read_alto(exported, image_width=1926, image_height=3219)
    assert _boxes(back.words) == _boxes(imported.words)
    assert _lines(back.words) == _lines(imported.words)
    assert back.text == imported.text
    assert [word.confidence for word in back.words] == [word.confidence for word in imported.words]


def _import_and_export(tmp_path: Path, name: str, ocr_file: Path, write: Callable[[PageExport], bytes]) -> Path:
    """A new project whose one page takes ``ocr_file`` as its OCR, exported again with ``write``."""
    folder = tmp_path / name
    folder.mkdir()
    scan = folder / "scan.jpg"
    shutil.copy(EHRI / f"{STEM}.jpg", scan)
    with Project.create(folder / "p.wbproj") as project:
        (page_id,) = project.pages.add_scans([scan], ocr=ocr_file).page_ids
        exported = folder / f"out{ocr_file.suffix}"
        exported.write_bytes(write(project.exports.page(page_id)))
    return exported


def test_hocr_in_and_out_unchanged_keeps_words_boxes_and_lines(tmp_path: Path) -> None:
    hocr = tmp_path / "tesseract.hocr"
    shutil.copy(EHRI / f"{STEM}.tess.hocr", hocr)
    exported = _import_and_export(tmp_path, "hocr", hocr, write_hocr)
    imported = read_hocr(hocr, image_width=1926, image_height=3219)
    back = read_hocr(exported, image_width=1926, image_height=3219)
    assert _boxes(back.words) == _boxes(imported.words)
    assert _lines(back.words) == _lines(imported.words)
    assert back.text == imported.text


def test_page_xml_in_and_out_unchanged_keeps_words_boxes_and_lines(tmp_path: Path) -> None:
    """PAGE made by our own export of the ground truth, imported into a new project and exported again."""
    first = _import_and_export(tmp_path, "from-alto", EHRI / f"{STEM}.alto.xml", write_page_xml)
    second = _import_and_export(tmp_path, "from-page", first, write_page_xml)
    imported = read_page_xml(first, image_width=1926, image_height=3219)
    back = read_page_xml(second, image_width=1926, image_height=3219)
    assert len(imported.words) > 200
    assert _boxes(back.words) == _boxes(imported.words)
    assert _lines(back.words) == _lines(imported.words)
    assert back.text == imported.text
