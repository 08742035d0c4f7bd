"""PAGE XML in (the 2010 to 2019 schemas): TextRegions, TextLines and Words read into the project's words.

Elements are matched by local name, as each schema version has its own namespace. Regions are read in
the file's ReadingOrder where it has one (else in document order); each region is a block and its
one paragraph, each TextLine a line, each Word a word, boxed by its Coords polygon.

Text is taken from the deepest level that has it: a line's Words, else the line's own TextEquiv
(common in ground truth) split into words over its box, else, for a region none of whose lines has
text (ABBYY FineReader's PAGE has no lines at all), the region's TextEquiv, one line per line of it,
stacked evenly in the region's box. ``ImportedOcr.level`` says the coarsest level used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from workbench.errors import ForeignFileError
from workbench.formats.imported_ocr import (
    ImportedOcr,
    bounding_box,
    check_image_size,
    confidence_0_100,
    imported_ocr,
    optional_float,
    reading_order,
    words_in_box,
)
from workbench.formats.safe_xml import MAX_FOREIGN_BYTES, local_name, parse_document
from workbench.formats.word_boxes import Box
from workbench.records import BoxTuple, OcrWord


def read_page_xml(
    path: Path, *, image_width: int, image_height: int, dpi: int | None = None,
    max_bytes: int = MAX_FOREIGN_BYTES,
) -> ImportedOcr:
    """The words of a PAGE file. ``dpi`` is unused: PAGE measures in pixels of the image."""
    root = parse_document(path, "PcGts", "a PAGE file", max_bytes=max_bytes)
    check_image_size(path, _image_size(root), image_width, image_height)
    words: list[OcrWord] = []
    levels = {"word"}
    line_number = 0
    for block, region in enumerate(_regions_in_reading_order(root), start=1):
        region_words: list[OcrWord] = []
        region_box = _drawn_box(path, region)
        for line in _children(region, "TextLine"):
            line_number += 1
            position = {"block": block, "paragraph": block, "line": line_number, "block_box": region_box,
                        "paragraph_box": region_box, "line_box": _drawn_box(path, line)}
            line_words, level = _line_words(path, line, position)
            region_words.extend(line_words)
            levels.add(level)
        if not region_words:
            text_lines, confidence = _region_text(region)
            boxes = _stacked(_coords(path, region, text_lines[0]), len(text_lines)) if text_lines else []
            for text, box in zip(text_lines, boxes):
                line_number += 1
                region_words.extend(words_in_box(text, box, confidence=confidence, block=block, paragraph=block,
                                                 line=line_number, block_box=region_box, paragraph_box=region_box))
                levels.add("region")
        words.extend(region_words)
    return imported_ocr(
        path, words, engine=_engine(root), format="page", image_width=image_width, image_height=image_height,
        level=next(level for level in ("region", "line", "word") if level in levels),
        holds_text=any(local_name(element) == "Unicode" and "".join(element.itertext()).strip()
                       for element in root.iter()),
    )


def _line_words(path: Path, line: etree._Element, position: dict[str, Any]) -> tuple[list[OcrWord], str]:
    """The words of a line at ``position`` (its numbers and boxes, as ``words_in_box`` takes them),
    and the level they came from ("word" or "line")."""
    words: list[OcrWord] = []
    for word in _children(line, "Word"):
        text, confidence = _text_equiv(word)
        if text:
            words.extend(words_in_box(text, _coords(path, word, text), confidence=confidence, **position))
    if words:
        return words, "word"
    text, confidence = _text_equiv(line)
    if not text:
        return [], "word"
    return words_in_box(text, _coords(path, line, text), confidence=confidence, **position), "line"


def _region_text(region: etree._Element) -> tuple[list[str], float]:
    """The lines of a region's own best TextEquiv (its text split at newlines, blank lines left out)."""
    unicode, confidence = _best_unicode(region)
    lines = [" ".join(line.split()) for line in unicode.splitlines()]
    return [line for line in lines if line], confidence


def _stacked(box: Box, count: int) -> list[Box]:
    """``box`` cut into ``count`` lines of equal height, top to bottom."""
    edges = [box.y0 + round(box.height * k / count) for k in range(count + 1)]
    return [Box(box.x0, top, box.x1, max(bottom, top + 1)) for top, bottom in zip(edges, edges[1:])]


def _image_size(root: etree._Element) -> tuple[int, int] | None:
    page = next((element for element in root.iter() if local_name(element) == "Page"), None)
    if page is None:
        return None
    width, height = (optional_float(page.get(name)) for name in ("imageWidth", "imageHeight"))
    return (round(width), round(height)) if width and height else None


def _regions_in_reading_order(root: etree._Element) -> list[etree._Element]:
    regions = [element for element in root.iter() if local_name(element) == "TextRegion"]
    order = reading_order(root, "regionRef")
    # Regions the reading order leaves out follow those it names, in document order.
    unnamed = len(order)
    return sorted(regions, key=lambda region: order.get(region.get("id") or "", unnamed))


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local_name(child) == name]


def _text_equiv(element: etree._Element) -> tuple[str, float]:
    """The best reading of an element's own TextEquiv on one line, and its confidence 0..100."""
    unicode, confidence = _best_unicode(element)
    return " ".join(unicode.split()), confidence


def _best_unicode(element: etree._Element) -> tuple[str, float]:
    """The Unicode of the best reading (lowest ``index``) of an element's own TextEquiv as written,
    and its confidence 0..100."""
    equivs = _children(element, "TextEquiv")
    if not equivs:
        return "", confidence_0_100(None, scale=1)
    best = min(equivs, key=lambda equiv: optional_float(equiv.get("index")) or 0.0)
    unicode = _children(best, "Unicode")
    text = "".join(unicode[0].itertext()) if unicode else ""
    return text, confidence_0_100(optional_float(best.get("conf")), scale=1)


def _drawn_box(path: Path, element: etree._Element) -> BoxTuple | None:
    """The bounding box of a region's or line's Coords, as OcrWord keeps the engine's boxes; None
    for an element without usable Coords (they were never needed for its words)."""
    try:
        return _coords(path, element, "").ltwh()
    except ForeignFileError:
        return None


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
