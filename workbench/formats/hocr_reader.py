"""hOCR in: Tesseract's XHTML and other engines' HTML, read into the project's words.

Structure comes from the hOCR classes: ``ocr_carea`` (and ``ocrx_block``) are blocks, ``ocr_par``
paragraphs, ``ocr_line`` and its kin (``ocrx_line``, ``ocr_header``, ``ocr_caption``, ...) lines,
``ocrx_word`` words. A line without word elements has its text split into words over its box.
Boxes are the ``bbox`` of each element's ``title``, confidence its ``x_wconf``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from pathlib import Path

from lxml import etree

from workbench.errors import ForeignFileError
from workbench.formats.imported_ocr import (
    ImportedOcr,
    check_image_size,
    confidence_0_100,
    imported_ocr,
    optional_float,
    words_in_box,
)
from workbench.formats.safe_xml import MAX_FOREIGN_BYTES, local_name, parse_xml
from workbench.formats.word_boxes import Box
from workbench.records import BoxTuple, OcrWord

_BLOCKS = frozenset({"ocr_carea", "ocrx_block", "ocr_column", "ocr_document"})
_PARAGRAPHS = frozenset({"ocr_par"})
_LINES = frozenset({"ocr_line", "ocrx_line", "ocr_header", "ocr_footer", "ocr_caption",
                    "ocr_textfloat", "ocr_chapter_title"})
_WORDS = frozenset({"ocrx_word", "ocr_word"})


def read_hocr(
    path: Path, *, image_width: int, image_height: int, dpi: int | None = None,
    max_bytes: int = MAX_FOREIGN_BYTES,
) -> ImportedOcr:
    """The words of an hOCR file (its first page), in document order. ``dpi`` is unused: hOCR
    measures in pixels of the image."""
    root = parse_xml(path, max_bytes=max_bytes, html_fallback=True)
    check_image_size(path, _page_size(root), image_width, image_height)
    walk = _HocrWalk(path)
    words = list(walk.words(root))
    page = next((element for element in root.iter() if "ocr_page" in _classes(element)), None)
    read = page if page is not None else next((e for e in root.iter() if local_name(e) == "body"), None)
    return imported_ocr(
        path, words, engine=_engine(root), format="hocr", image_width=image_width, image_height=image_height,
        level="line" if walk.line_level else "word",
        holds_text=read is not None and bool("".join(read.itertext()).strip()),
    )


def _engine(root: etree._Element) -> str:
    for meta in root.iter():
        if local_name(meta) == "meta" and (meta.get("name") or "").lower() == "ocr-system":
            return (meta.get("content") or "").strip() or "unknown"
    return "unknown"


def _page_size(root: etree._Element) -> tuple[int, int] | None:
    """The image size the first ``ocr_page`` bbox gives, when it starts at the origin as it should."""
    page = next((element for element in root.iter() if "ocr_page" in _classes(element)), None)
    box = _title(page).get("bbox", "").split() if page is not None else []
    numbers = [optional_float(value) for value in box]
    if len(numbers) != 4 or None in numbers or numbers[:2] != [0, 0]:
        return None
    return round(numbers[2] or 0), round(numbers[3] or 0)


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


class _HocrWalk:
    """One pass over the element tree, numbering blocks, paragraphs and lines as they open."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._block = self._paragraph = self._line = 0
        self._boxes: dict[str, BoxTuple | None] = {"block_box": None, "paragraph_box": None, "line_box": None}
        self._pages = 0
        self.line_level = False
        """Whether a line without word elements had its box divided among its words."""

    def words(self, element: etree._Element) -> Iterator[OcrWord]:
        classes = _classes(element)
        if "ocr_page" in classes:
            self._pages += 1
            if self._pages > 1:
                return  # a scan is one page: OCR of a multi-page document is imported page by page
        if classes & _BLOCKS:
            self._block += 1
            self._boxes.update(block_box=_bbox(element), paragraph_box=None, line_box=None)
        if classes & _PARAGRAPHS:
            self._paragraph += 1
            self._boxes.update(paragraph_box=_bbox(element), line_box=None)
        if classes & _LINES:
            self._line += 1
            self._boxes["line_box"] = _bbox(element)
            if not any(_classes(child) & _WORDS for child in element.iter()):
                yield from self._line_words(element)
                return
        if classes & _WORDS:
            yield from self._word(element)
            return
        for child in element:
            yield from self.words(child)

    def _word(self, element: etree._Element) -> list[OcrWord]:
        text = "".join(element.itertext()).strip()
        if not text:
            return []
        properties = _title(element)
        box = self._box(element, properties, text)
        confidence = confidence_0_100(optional_float(properties.get("x_wconf")), scale=100)
        return words_in_box(text, box, confidence=confidence, **self._position())

    def _line_words(self, element: etree._Element) -> list[OcrWord]:
        text = " ".join("".join(element.itertext()).split())
        if not text:
            return []
        box = self._box(element, _title(element), text)
        self.line_level = True
        return words_in_box(text, box, confidence=confidence_0_100(None, scale=100), **self._position())

    def _position(self) -> dict[str, Any]:
        return {"block": self._block, "paragraph": self._paragraph, "line": self._line, **self._boxes}

    def _box(self, element: etree._Element, properties: dict[str, str], text: str) -> Box:
        try:
            x0, y0, x1, y1 = (round(float(value)) for value in properties["bbox"].split())
        except (KeyError, ValueError, OverflowError) as error:
            tag = local_name(element)
            raise ForeignFileError(
                self._path, f"word {text!r} has no usable bbox in its title (a <{tag}> element)"
            ) from error
        return Box(x0, y0, x1, y1)


def _bbox(element: etree._Element) -> BoxTuple | None:
    """An element's bbox as left, top, width and height; None where it has none that can be read."""
    numbers = [optional_float(value) for value in _title(element).get("bbox", "").split()]
    if len(numbers) != 4 or None in numbers:
        return None
    x0, y0, x1, y1 = (round(number or 0.0) for number in numbers)
    return x0, y0, x1 - x0, y1 - y0


def _title(element: etree._Element) -> dict[str, str]:
    """The hOCR properties of an element's ``title``: ``bbox 1 2 3 4; x_wconf 95`` as a dict."""
    properties = {}
    for part in (element.get("title") or "").split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            properties[name] = value.strip()
    return properties
