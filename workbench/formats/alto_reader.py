"""ALTO in (versions 1 to 4): TextBlocks, TextLines and Strings read into the project's words.

Elements are matched by local name, as each ALTO version has its own namespace. Each TextBlock is a
block (and its one paragraph: ALTO has no paragraphs), each TextLine a line, each String a word;
lines are read in the file's ReadingOrder (ALTO 4.2) where it has one, else in document order. A
String whose CONTENT holds spaces (ground truth often has one String per line), and a line whose
Strings lack positions, are split into words over their box. A hyphen given as ``HYP`` is kept at the
end of the word before it, so the text reads as printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from workbench.errors import ForeignFileError
from workbench.formats.imported_ocr import (
    ImportedOcr,
    confidence_0_100,
    imported_ocr,
    optional_float,
    reading_order,
    words_in_box,
)
from workbench.formats.safe_xml import MAX_FOREIGN_BYTES, local_name, parse_document
from workbench.formats.word_boxes import Box
from workbench.records import OcrWord

_UNITS_PER_INCH = {"mm10": 254.0, "inch1200": 1200.0}
_OLD_NAMESPACES = ("http://www.loc.gov/standards/alto/ns-v2#", "http://schema.ccs-gmbh.com/ALTO")


def read_alto(
    path: Path, *, image_width: int, image_height: int, dpi: int | None = None,
    max_bytes: int = MAX_FOREIGN_BYTES,
) -> ImportedOcr:
    """The words of an ALTO file's first page; ``dpi`` (the scan's) converts mm10 and inch1200."""
    root = parse_document(path, "alto", "an ALTO file", max_bytes=max_bytes)
    scale = _scale(path, root, image_width, dpi)
    words: list[OcrWord] = []
    pages = [element for element in root.iter() if local_name(element) == "Page"]
    level = "word"
    block_numbers: dict[int, int] = {}
    for line_number, (place, block, line) in enumerate(_lines_in_reading_order(root, pages[0] if pages else None), 1):
        block_number = block_numbers.setdefault(place, len(block_numbers) + 1)
        block_box, line_box = (None if box is None else box.ltwh() for box in (_box(block, scale), _box(line, scale)))
        position = {"block": block_number, "paragraph": block_number, "line": line_number,
                    "block_box": block_box, "paragraph_box": block_box, "line_box": line_box}
        line_words, line_level = _line_words(path, line, scale, position)
        words.extend(line_words)
        level = "line" if line_level == "line" else level
    return imported_ocr(
        path, words, engine=_engine(root), format="alto", image_width=image_width, image_height=image_height,
        level=level, holds_text=any(local_name(element) == "String" and (element.get("CONTENT") or "").strip()
                                    for element in (pages[0] if pages else root).iter()),
    )


def _lines_in_reading_order(
    root: etree._Element, page: etree._Element | None
) -> list[tuple[int, etree._Element, etree._Element]]:
    """(block's place in the file, block, line) of every TextLine of the page, in the file's ReadingOrder
    (ALTO 4.2, written by eScriptorium and kraken: its ElementRefs name blocks or lines) where it has
    one, else in document order. Lines it leaves out follow those it names, in document order."""
    blocks = [element for element in page.iter() if local_name(element) == "TextBlock"] if page is not None else []
    lines = [(number, block, line) for number, block in enumerate(blocks)
             for line in block if local_name(line) == "TextLine"]
    order = reading_order(root, "REF")
    unnamed = len(order)

    def place(entry: tuple[int, etree._Element, etree._Element]) -> int:
        _, block, line = entry
        return order.get(line.get("ID") or "", order.get(block.get("ID") or "", unnamed))

    return sorted(lines, key=place)


def _line_words(
    path: Path, line: etree._Element, scale: float, position: dict[str, Any]
) -> tuple[list[OcrWord], str]:
    """The words of a line at ``position`` (its numbers and boxes, as ``words_in_box`` takes them),
    and the level their boxes came from ("word", or "line" when the Strings have no positions)."""
    strings: list[tuple[str, etree._Element]] = []
    for child in line:
        name = local_name(child)
        if name == "String" and (child.get("CONTENT") or "").strip():
            strings.append(((child.get("CONTENT") or "").strip(), child))
        elif name == "HYP" and strings:
            text, string = strings[-1]
            strings[-1] = (text + (child.get("CONTENT") or "-"), string)
    if strings and any(_box(string, scale) is None for _, string in strings):
        line_box = _box(line, scale)
        if line_box is None:
            raise ForeignFileError(path, f"word {strings[0][0]!r} has no position, nor has its TextLine")
        text = " ".join(text for text, _ in strings)
        return words_in_box(text, line_box, confidence=confidence_0_100(None, scale=1), **position), "line"
    words: list[OcrWord] = []
    for text, string in strings:
        box = _box(string, scale)
        assert box is not None
        confidence = confidence_0_100(optional_float(string.get("WC")), scale=1)
        words.extend(words_in_box(text, box, confidence=confidence, **position))
    return words, "word"


def _box(element: etree._Element, scale: float) -> Box | None:
    values = [optional_float(element.get(name)) for name in ("HPOS", "VPOS", "WIDTH", "HEIGHT")]
    if any(value is None for value in values):
        return None
    left, top, width, height = (value * scale for value in values if value is not None)
    x0, y0 = round(left), round(top)
    return Box(x0, y0, x0 + round(width), y0 + round(height))


def _scale(path: Path, root: etree._Element, image_width: int, dpi: int | None) -> float:
    """Pixels per unit of the file's MeasurementUnit (pixel by default from ALTO 3, mm10 before)."""
    units = [element.text for element in root.iter() if local_name(element) == "MeasurementUnit"]
    namespace = etree.QName(root).namespace or ""
    old = not namespace or namespace in _OLD_NAMESPACES
    unit = (units[0] or "").strip() if units else ("mm10" if old else "pixel")
    if unit == "pixel":
        return 1.0
    if unit not in _UNITS_PER_INCH:
        raise ForeignFileError(path, f"unknown MeasurementUnit {unit!r} (ALTO knows pixel, mm10, inch1200)")
    if dpi:
        return dpi / _UNITS_PER_INCH[unit]
    pages = [element for element in root.iter() if local_name(element) == "Page"]
    page_width = optional_float(pages[0].get("WIDTH")) if pages else None
    if page_width:
        return image_width / page_width  # the page is the whole scan, so its width gives the scale
    raise ForeignFileError(
        path, f"the file measures in {unit} but neither the scan nor the file says how large the page is"
    )


def _engine(root: etree._Element) -> str:
    """The software of the last processing step: "ABBYY FineReader 11.0", "tesseract 5.3.0"."""
    found = "unknown"
    for software in root.iter():
        if local_name(software) == "processingSoftware":
            parts = {local_name(child): (child.text or "").strip() for child in software}
            named = " ".join(filter(None, (parts.get("softwareName"), parts.get("softwareVersion"))))
            found = named or found
    return found
