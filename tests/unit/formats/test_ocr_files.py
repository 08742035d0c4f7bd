"""The format of a foreign OCR file is read from its content; plain text keeps its text and has no words."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench.errors import ForeignFileError
from workbench.formats.imported_ocr import MAX_PAGE_TEXT_BYTES
from workbench.formats.ocr_files import detect_ocr_format, find_sidecar, read_ocr_file

EVAL = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "ehri"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('<?xml version="1.0"?>\n<!-- made by hand -->\n<alto xmlns="x"/>', "alto"),
        ('<pc:PcGts xmlns:pc="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"/>', "page"),
        ("<!DOCTYPE html>\n<HTML><body></body></HTML>", "hocr"),
        ("\ufeffJust the text\nof a page", "text"),
    ],
)
def test_the_format_comes_from_the_content(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "sidecar.xml"
    path.write_text(content, encoding="utf-8")
    assert detect_ocr_format(path) == expected


def test_the_eval_files_are_recognised() -> None:
    assert detect_ocr_format(EVAL / "EHRI-DR-19390125-US_02.tess.hocr") == "hocr"
    assert detect_ocr_format(EVAL / "EHRI-DR-19390125-US_02.alto.xml") == "alto"
    assert detect_ocr_format(EVAL / "EHRI-DR-19390125-US_02.tess.txt") == "text"


def test_other_markup_is_refused_but_a_txt_file_is_text_whatever_it_starts_with(tmp_path: Path) -> None:
    svg = tmp_path / "drawing.xml"
    svg.write_text("<svg/>")
    with pytest.raises(ForeignFileError, match="its root element is <svg>"):
        detect_ocr_format(svg)
    note = tmp_path / "note.txt"
    note.write_text("<illegible> stamp\r\nsecond line")
    imported = read_ocr_file(note, image_width=10, image_height=10)
    assert (imported.text, imported.words, imported.format) == ("<illegible> stamp\nsecond line", (), "text")


def test_text_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"caf\xe9")
    with pytest.raises(ForeignFileError, match="not UTF-8 text"):
        read_ocr_file(path, image_width=10, image_height=10)


def test_a_sidecar_with_boxes_wins_over_plain_text(tmp_path: Path) -> None:
    scan = tmp_path / "page.jpg"
    assert find_sidecar(scan) is None
    (tmp_path / "page.txt").write_text("text")
    assert find_sidecar(scan) == tmp_path / "page.txt"
    (tmp_path / "page.hocr").write_text("<html/>")
    assert find_sidecar(scan) == tmp_path / "page.hocr"


def test_plain_text_over_a_page_s_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"x" * (MAX_PAGE_TEXT_BYTES + 1))
    with pytest.raises(ForeignFileError, match=r"page.txt: the file is 2.0 MB; a page's text may be at most"):
        read_ocr_file(path, image_width=10, image_height=10)


def test_markup_whose_text_is_over_a_page_s_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.xml"
    word = "w" * (MAX_PAGE_TEXT_BYTES + 1)
    path.write_text("<alto><Description><MeasurementUnit>pixel</MeasurementUnit></Description><Layout>"
                    f'<Page><PrintSpace><TextBlock><TextLine><String CONTENT="{word}" HPOS="0" VPOS="0" '
                    'WIDTH="10" HEIGHT="10"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>')
    with pytest.raises(ForeignFileError, match=r"page.xml: its text is 2.0 MB; a page's text may be at most 2 MB"):
        read_ocr_file(path, image_width=10, image_height=10)


def test_a_fifo_or_a_link_out_of_the_folder_is_a_sidecar_refused_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    os.mkfifo(folder / "one.txt")
    (tmp_path / "secret.txt").write_text("secret")
    (folder / "two.txt").symlink_to(tmp_path / "secret.txt")
    assert find_sidecar(folder / "one.jpg") == folder / "one.txt"
    assert find_sidecar(folder / "two.jpg") == folder / "two.txt"
    with pytest.raises(ForeignFileError, match=r"one.txt: not a regular file \(a FIFO\)"):
        read_ocr_file(folder / "one.txt", image_width=10, image_height=10, folder=folder)
    with pytest.raises(ForeignFileError, match="two.txt: a symbolic link to a file outside"):
        read_ocr_file(folder / "two.txt", image_width=10, image_height=10, folder=folder)
    assert read_ocr_file(folder / "two.txt", image_width=10, image_height=10).text == "secret"


FILES = Path(__file__).resolve().parents[2] / "files"
BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize(
    ("source", "expected"),
    [(FILES / "abbyy_fre11_alto2_bom.xml", "alto"), (EVAL / "EHRI-BF-19380509b_EN_04.tess.hocr", "hocr"),
     (FILES / "abbyy_fre9_page2010_regions.xml", "page"), (EVAL / "EHRI-BF-19380509b_EN_04.alto.xml", "alto")],
)
def test_the_format_is_read_after_a_utf8_byte_order_mark(tmp_path: Path, source: Path, expected: str) -> None:
    data = source.read_bytes()
    path = tmp_path / "sidecar.xml"
    path.write_bytes(data if data.startswith(BOM) else BOM + data)
    assert detect_ocr_format(path) == expected


def test_abbyy_alto_with_a_byte_order_mark_imports_its_words_not_its_markup() -> None:
    imported = read_ocr_file(FILES / "abbyy_fre11_alto2_bom.xml", image_width=940, image_height=1180)
    assert imported.format == "alto" and imported.engine == "ABBYY FineReader Engine 11"
    assert len(imported.words) == 107 and "<" not in imported.text
    assert imported.text.startswith("2. %It is necessary to care primarily for the immediate existence\n")


def test_hocr_with_a_byte_order_mark_imports_as_hocr(tmp_path: Path) -> None:
    path = tmp_path / "page.hocr"
    path.write_bytes(BOM + (EVAL / "EHRI-BF-19380509b_EN_04.tess.hocr").read_bytes())
    with_bom = read_ocr_file(path, image_width=940, image_height=1180)
    plain = read_ocr_file(EVAL / "EHRI-BF-19380509b_EN_04.tess.hocr", image_width=940, image_height=1180)
    assert (with_bom.format, with_bom.words, with_bom.text) == ("hocr", plain.words, plain.text)


def test_an_xml_document_named_txt_is_not_taken_for_text(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(BOM + b'<?xml version="1.0"?>\n<Document><page/></Document>')
    with pytest.raises(ForeignFileError, match="its root element is <Document>"):
        read_ocr_file(path, image_width=10, image_height=10)
