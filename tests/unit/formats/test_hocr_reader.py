"""hOCR in: Tesseract's real output and other engines' dialects become words with boxes and layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import ForeignFileError
from workbench.formats.hocr_reader import read_hocr
from workbench.formats.imported_ocr import UNKNOWN_CONFIDENCE
from workbench.records import OcrWord

EVAL = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "ehri"
SCAN_SIZE = {"image_width": 1926, "image_height": 3219}


def test_tesseract_hocr_gives_its_words_boxes_confidences_and_text() -> None:
    imported = read_hocr(EVAL / "EHRI-DR-19390125-US_02.tess.hocr", **SCAN_SIZE)
    assert imported.engine == "tesseract 5.3.0" and imported.format == "hocr"
    assert imported.words[0] == OcrWord("influences", 339, 284, 279, 35, 95.0, 1, 1, 1,
                                        line_box=(339, 284, 1208, 46), paragraph_box=(339, 284, 1208, 46),
                                        block_box=(184, 284, 1556, 604))
    assert imported.words[7].paragraph_box == (337, 332, 1209, 42)  # the engine's own boxes (issue 16, defect 6)
    assert imported.words[6].text == "to..change" and imported.words[6].confidence == 35.0
    assert imported.words[7].paragraph == 2  # "this situation ..." is Tesseract's second paragraph
    expected = (EVAL / "EHRI-DR-19390125-US_02.tess.txt").read_text().strip()
    assert imported.text == expected
    assert imported.text.split() == [word.text for word in imported.words]


def _hocr(body: str) -> str:
    return (
        '<html xmlns="http://www.w3.org/1999/xhtml"><head>'
        '<meta name="ocr-system" content="OCRmyPDF-ish 2.1"/></head><body>'
        f"<div class='ocr_page' title='bbox 0 0 1000 800'>{body}</div></body></html>"
    )


def test_other_line_classes_and_words_without_confidence(tmp_path: Path) -> None:
    path = tmp_path / "page.hocr"
    path.write_text(_hocr(
        "<div class='ocr_carea'><span class='ocr_header' title='bbox 10 10 300 50'>"
        "<span class='ocrx_word' title='bbox 10 10 100 50'><strong>Report</strong></span></span>"
        "<span class='ocrx_line' title='bbox 10 60 300 100'>"
        "<span class='ocrx_word' title='bbox 10 60 90 100; x_wconf 40'>of</span>"
        "<span class='ocrx_word' title='bbox 100 60 300 100; x_wconf 88'>1939</span></span></div>"
    ))
    imported = read_hocr(path, image_width=1000, image_height=800)
    assert imported.engine == "OCRmyPDF-ish 2.1"
    assert [(w.text, w.line, w.confidence) for w in imported.words] == [
        ("Report", 1, UNKNOWN_CONFIDENCE), ("of", 2, 40.0), ("1939", 2, 88.0)
    ]
    assert imported.text == "Report\nof 1939"


def test_a_line_without_word_elements_is_split_over_its_box(tmp_path: Path) -> None:
    path = tmp_path / "page.hocr"
    path.write_text(_hocr("<span class='ocr_line' title='bbox 0 0 110 20'>ab  cdefgh</span>"))
    imported = read_hocr(path, image_width=1000, image_height=800)
    assert [(w.text, w.left, w.width) for w in imported.words] == [("ab", 0, 24), ("cdefgh", 37, 73)]


def test_html5_hocr_from_other_engines_is_read(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset=utf-8><meta name=ocr-system content=kraken></head>"
        "<body><div class=ocr_page title='bbox 0 0 500 500'><span class=ocr_line title='bbox 0 0 90 20'>"
        "<span class=ocrx_word title='bbox 0 0 40 20'>caf&eacute;</span><br>"
        "<span class=ocrx_word title='bbox 50 0 90 20'>noir</span></span></div></body></html>"
    )
    imported = read_hocr(path, image_width=500, image_height=500)
    assert imported.text == "café noir" and imported.engine == "kraken"


def test_hocr_of_an_image_of_another_size_is_refused() -> None:
    with pytest.raises(ForeignFileError, match="describes a 1926×3219 image, but the scan is 963×1610"):
        read_hocr(EVAL / "EHRI-DR-19390125-US_02.tess.hocr", image_width=963, image_height=1610)


def test_a_word_outside_the_scan_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.hocr"
    path.write_text(_hocr("<span class='ocrx_word' title='bbox 900 10 1200 40'>margin</span>"))
    with pytest.raises(ForeignFileError, match=r"page.hocr: word 'margin' lies outside the 1000×800 scan"):
        read_hocr(path, image_width=1000, image_height=800)


@pytest.mark.parametrize("title", ["x_wconf 90", "bbox 1 2 3", "bbox 1 2 inf 4", "bbox 1 2 nan 4"])
def test_a_word_without_a_usable_box_is_refused(tmp_path: Path, title: str) -> None:
    path = tmp_path / "page.hocr"
    path.write_text(_hocr(f"<span class='ocrx_word' title='{title}'>lost</span>"))
    with pytest.raises(ForeignFileError, match="word 'lost' has no usable bbox"):
        read_hocr(path, image_width=1000, image_height=800)
