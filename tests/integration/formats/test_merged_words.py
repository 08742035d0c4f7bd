"""A word the archivist merged covers the boxes of all its OCR parts in every export (issue 16, defect 1);
TEI zones are line boxes, checked in ``tests/unit/formats/test_layout.py``. The words around it keep
Tesseract's confidence, and only it is marked corrected (defect 7).

On EHRI-BF-19380509b_EN_04 Tesseract read "free discussion" as "free iis cussion" (``iis`` at x 699,
``cussion`` at x 730 to 807). Alignment links "discussion" to ``cussion``, the part sharing most
characters with it; the export must still start the word at 699.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import EVAL
from workbench.formats.hocr_reader import read_hocr
from workbench.project import Project

STEM = "EHRI-BF-19380509b_EN_04"
MERGED = (699, 716, 807, 729)
"""The union of the boxes of ``iis`` (699 716 721 729) and ``cussion`` (730 717 807 729) in the hOCR."""
ALTO = "{http://www.loc.gov/standards/alto/ns-v4#}"
PAGE = "{http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15}"
XHTML = "{http://www.w3.org/1999/xhtml}"

pytestmark = pytest.mark.skipif(not (EVAL / "ehri" / f"{STEM}.tess.hocr").is_file(),
                                reason="evaluation data not present")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page imported with Tesseract's hOCR, "iis cussion" saved as "discussion", exported in the
    formats with word boxes."""
    folder = tmp_path_factory.mktemp("merged")
    scan = folder / f"{STEM}.jpg"
    shutil.copy(EVAL / "ehri" / f"{STEM}.jpg", scan)
    with Project.create(folder / "p.wbproj") as project:
        (page_id,) = project.pages.add_scans([scan], ocr=EVAL / "ehri" / f"{STEM}.tess.hocr").page_ids
        text = project.revisions.current_text(page_id)
        assert "free iis cussion of" in text
        project.revisions.save(page_id, text.replace("free iis cussion of", "free discussion of"),
                               parent_id=project.pages.get(page_id).current_revision_id, author="ana")
        project.exports.write(folder / "out", ["alto", "page", "hocr", "json", "pdf"])
    return folder / "out"


def _one(folder: Path, pattern: str) -> Path:
    (found,) = folder.rglob(pattern)
    return found


def test_alto_string_covers_both_parts(exported: Path) -> None:
    root = etree.parse(_one(exported, "*.alto.xml")).getroot()
    (string,) = [s for s in root.iter(f"{ALTO}String") if s.get("CONTENT") == "discussion"]
    left, top = int(string.get("HPOS")), int(string.get("VPOS"))
    box = (left, top, left + int(string.get("WIDTH")), top + int(string.get("HEIGHT")))
    assert box == MERGED


def test_page_word_covers_both_parts(exported: Path) -> None:
    root = etree.parse(_one(exported, "*.page.xml")).getroot()
    (word,) = [w for w in root.iter(f"{PAGE}Word") if w.findtext(f"{PAGE}TextEquiv/{PAGE}Unicode") == "discussion"]
    points = [tuple(map(int, p.split(","))) for p in word.find(f"{PAGE}Coords").get("points").split()]
    xs, ys = zip(*points)
    assert (min(xs), min(ys), max(xs), max(ys)) == MERGED


def test_hocr_word_covers_both_parts(exported: Path) -> None:
    root = etree.parse(_one(exported, "*.hocr")).getroot()
    (word,) = [w for w in root.iter(f"{XHTML}span") if w.text == "discussion"]
    assert tuple(map(int, re.search(r"bbox (\d+) (\d+) (\d+) (\d+)", word.get("title")).groups())) == MERGED


def test_json_word_covers_both_parts(exported: Path) -> None:
    document = json.loads(_one(exported, "0001_*.json").read_text())
    (word,) = [w for p in document["pages"] for line in p["lines"] for w in line["words"]
               if w["text"] == "discussion"]
    box = word["box"]
    assert (box["left"], box["top"], box["left"] + box["width"], box["top"] + box["height"]) == MERGED


def test_pdf_text_layer_starts_the_word_at_the_first_part(exported: Path) -> None:
    pdf = _one(exported, "*.pdf")
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    (x_min,) = [float(x) for x, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', boxes)
                if word == "discussion"]
    with Project.open(exported.parent / "p.wbproj") as project:
        dpi = project.pages.all()[0].dpi or 300
    assert x_min == pytest.approx(MERGED[0] * 72 / dpi, abs=0.5)


def test_words_the_archivist_did_not_change_keep_tesseracts_confidence(exported: Path) -> None:
    """Issue 16, defect 7: after one correction all 309 words exported with WC 1.00."""
    tesseract = read_hocr(EVAL / "ehri" / f"{STEM}.tess.hocr", image_width=940, image_height=1180).words
    root = etree.parse(_one(exported, "*.alto.xml")).getroot()
    strings = [(s.get("CONTENT"), s.get("WC"), s.get("CS")) for s in root.iter(f"{ALTO}String")]
    assert [s for s in strings if s[2] is not None] == [("discussion", "1.00", "true")]
    kept = [(text, wc) for text, wc, cs in strings if cs is None]
    assert len(kept) == 307
    assert kept == [(w.text, f"{w.confidence / 100:.2f}") for w in tesseract if w.text not in ("iis", "cussion")]


def test_the_corrected_word_is_marked_in_page_and_hocr(exported: Path) -> None:
    page = etree.parse(_one(exported, "*.page.xml")).getroot()
    marked = [w.findtext(f"{PAGE}TextEquiv/{PAGE}Unicode") for w in page.iter(f"{PAGE}Word")
              if w.find(f"{PAGE}TextEquiv").get("comments") == "corrected"]
    hocr = etree.parse(_one(exported, "*.hocr")).getroot()
    flagged = [w.text for w in hocr.iter(f"{XHTML}span") if "x_corrected 1" in (w.get("title") or "")]
    assert marked == flagged == ["discussion"]
