"""PAGE XML in (the 2010 to 2019 schemas): TextRegions, TextLines and Words read into the project's words.

Elements are matched by local name, as each schema version has its own namespace. Regions are read in
the file's ReadingOrder where it has one (else in document order); each region is a block and its
one paragraph, each TextLine a line, each Word a word, boxed by its Coords polygon. A line without
Words (common in ground truth) has its TextEquiv split into words over its box.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from workbench.errors import ForeignFileError
from workbench.formats.imported_ocr import (
    ImportedOcr,
    bounding_box,
    check_image_size,
    confidence_0_100,
    imported_ocr,
    optional_float,
    words_in_box,
)
from workbench.formats.safe_xml import MAX_FOREIGN_BYTES, local_name, parse_document
from workbench.formats.word_boxes import Box
from workbench.records import OcrWord


def read_page_xml(
    path: Path, *, image_width: int, image_height: int, dpi: int | None = None,
    max_bytes: int = MAX_FOREIGN_BYTES,
) -> ImportedOcr:
    """The words of a PAGE file. ``dpi`` is unused: PAGE measures in pixels of the image."""
    root = parse_document(path, "PcGts", "a PAGE file", max_bytes=max_bytes)
    check_image_size(path, _image_size(root), image_width, image_height)
    words: list[OcrWord] = []
    line_number = 0
    for block, region in enumerate(_regions_in_reading_order(root), start=1):
        for line in _children(region, "TextLine"):
            line_number += 1
            words.extend(_line_words(path, line, block, line_number))
    return imported_ocr(
        path, words, engine=_engine(root), format="page", image_width=image_width, image_height=image_height
    )


def _line_words(path: Path, line: etree._Element, block: int, number: int) -> list[OcrWord]:
    position = {"block": block, "paragraph": block, "line": number}
    words: list[OcrWord] = []
    for word in _children(line, "Word"):
        text, confidence = _text_equiv(word)
        if text:
            words.extend(words_in_box(text, _coords(path, word, text), confidence=confidence, **position))
    if words:
        return words
    text, confidence = _text_equiv(line)
    return words_in_box(text, _coords(path, line, text), confidence=confidence, **position) if text else []


def _image_size(root: etree._Element) -> tuple[int, int] | None:
    page = next((element for element in root.iter() if local_name(element) == "Page"), None)
    if page is None:
        return None
    width, height = (optional_float(page.get(name)) for name in ("imageWidth", "imageHeight"))
    return (round(width), round(height)) if width and height else None


def _regions_in_reading_order(root: etree._Element) -> list[etree._Element]:
    regions = [element for element in root.iter() if local_name(element) == "TextRegion"]
    order: dict[str, int] = {}
    for element in root.iter():
        if local_name(element) in ("RegionRefIndexed", "RegionRef") and element.get("regionRef"):
            order.setdefault(element.get("regionRef") or "", len(order))
    if not order:
        return regions
    # Regions the reading order leaves out follow those it names, in document order.
    unnamed = len(order)
    return sorted(regions, key=lambda region: order.get(region.get("id") or "", unnamed))


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local_name(child) == name]


def _text_equiv(element: etree._Element) -> tuple[str, float]:
    """The best reading (lowest ``index``) of an element's own TextEquiv, and its confidence 0..100."""
    equivs = _children(element, "TextEquiv")
    if not equivs:
        return "", confidence_0_100(None, scale=1)
    best = min(equivs, key=lambda equiv: optional_float(equiv.get("index")) or 0.0)
    unicode = _children(best, "Unicode")
    text = " ".join("".join(unicode[0].itertext()).split()) if unicode else ""
    return text, confidence_0_100(optional_float(best.get("conf")), scale=1)


def _coords(path: Path, element: etree._Element, text: str) -> Box:
    """The bounding box of the element's Coords polygon (``points="x,y x,y"``, or 2010's Point children)."""
    points: list[tuple[int, int]] = []
    for coords in _children(element, "Coords"):
        try:
            if coords.get("points"):
                for pair in (coords.get("points") or "").split():
                    x, y = pair.split(",")
                    points.append((round(float(x)), round(float(y))))
            else:
                points.extend(
                    (round(float(point.get("x") or "")), round(float(point.get("y") or "")))
                    for point in _children(coords, "Point")
                )
        except (ValueError, OverflowError) as error:
            raise ForeignFileError(path, f"word {text!r} has malformed Coords") from error
    if not points:
        raise ForeignFileError(path, f"word {text!r} has no Coords")
    return bounding_box(points)


def _engine(root: etree._Element) -> str:
    for element in root.iter():
        if local_name(element) == "Creator":
            return (element.text or "").strip() or "unknown"
    return "unknown"
