"""Exports keep the line, paragraph and block boxes the engine drew (issue 16, defect 6).

They were rebuilt as the union of the words; on EHRI-BF-19380509b_EN_03 hocr-check then failed its
overlap checks for paragraphs and blocks that Tesseract's own hOCR passes: Tesseract's block 7 ends
at y 816 and block 8 starts at 817, while their words reach 821 and 808.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import EVAL
from workbench.formats.hocr_writer import write_hocr
from workbench.formats.page_writer import write_page_xml
from workbench.project import Project

STEM = "EHRI-BF-19380509b_EN_03"
PAGE = "{http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15}"
_STRUCTURE = re.compile(r"class=['\"](ocr_carea|ocr_par|ocr_line)['\"][^>]*title=['\"]bbox (\d+ \d+ \d+ \d+)")

pytestmark = pytest.mark.skipif(not (EVAL / "ehri" / f"{STEM}.tess.hocr").is_file(),
                                reason="evaluation data not present")


def _structure(hocr: str) -> list[tuple[str, str]]:
    return _STRUCTURE.findall(hocr)


@pytest.fixture
def project(tmp_path: Path) -> tuple[Project, int]:
    scan = tmp_path / f"{STEM}.jpg"
    shutil.copy(EVAL / "ehri" / f"{STEM}.jpg", scan)
    project = Project.create(tmp_path / "p.wbproj")
    (page_id,) = project.pages.add_scans([scan], ocr=EVAL / "ehri" / f"{STEM}.tess.hocr").page_ids
    return project, page_id


def test_hocr_in_and_out_keeps_tesseracts_blocks_paragraphs_and_lines(project: tuple[Project, int]) -> None:
    opened, page_id = project
    with opened:
        exported = write_hocr(opened.exports.page(page_id)).decode()
    tesseract = _structure((EVAL / "ehri" / f"{STEM}.tess.hocr").read_text())
    assert ("ocr_carea", "6 779 887 816") in tesseract
    assert _structure(exported) == tesseract


def test_a_corrected_word_leaves_its_line_box_as_drawn_but_a_broken_line_is_boxed_anew(
    project: tuple[Project, int],
) -> None:
    opened, page_id = project
    with opened:
        text = opened.revisions.current_text(page_id)
        first_line = text.split("\n")[0]
        head, tail = first_line.split(" ", 1)
        corrected = text.replace(first_line, f"{head}X {tail}", 1)
        opened.revisions.save(page_id, corrected, parent_id=opened.pages.get(page_id).current_revision_id,
                              author="ana")
        kept = opened.exports.page(page_id).layout.lines[0]
        opened.revisions.save(page_id, text.replace(first_line, f"{head}\n{tail}", 1),
                              parent_id=opened.pages.get(page_id).current_revision_id, author="ana")
        broken = opened.exports.page(page_id).layout.lines[:2]
    tesseract_first = _structure((EVAL / "ehri" / f"{STEM}.tess.hocr").read_text())[2][1]
    x0, y0, x1, y1 = map(int, tesseract_first.split())
    assert (kept.as_drawn, (kept.left, kept.top, kept.left + kept.width, kept.top + kept.height)) == (
        True, (x0, y0, x1, y1))
    assert not any(line.as_drawn for line in broken)
    assert broken[0].left + broken[0].width < broken[1].left  # each half boxed around its own words


def _edges(element: etree._Element) -> tuple[int, int, int, int]:
    points = [tuple(map(int, p.split(","))) for p in element.find(f"{PAGE}Coords").get("points").split()]
    xs, ys = zip(*points)
    return min(xs), min(ys), max(xs), max(ys)


def _within(inner: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def test_page_keeps_the_drawn_boxes_grown_to_hold_their_words_as_ocrd_requires(project: tuple[Project, int]) -> None:
    """OCR-D's validator refuses a Word outside its TextLine: Tesseract's line 2 of block 7 stops at
    y 816 above the descender of its first word (to 821), so PAGE grows it where hOCR keeps it."""
    opened, page_id = project
    with opened:
        root = etree.fromstring(write_page_xml(opened.exports.page(page_id)))
    regions = list(root.iter(f"{PAGE}TextRegion"))
    for region in regions:
        for line in region.iter(f"{PAGE}TextLine"):
            assert _within(_edges(line), _edges(region))
            assert all(_within(_edges(word), _edges(line)) for word in line.iter(f"{PAGE}Word"))
    first_line = regions[0].find(f"{PAGE}TextLine")
    assert _edges(first_line) == (221, 137, 853, 153)  # Tesseract's, where its words lie within it
    grown = next(line for line in root.iter(f"{PAGE}TextLine")
                 if line.findtext(f"{PAGE}Word/{PAGE}TextEquiv/{PAGE}Unicode") == "STuet2,")
    assert _edges(grown)[3] == 821
