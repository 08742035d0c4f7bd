"""OCR made elsewhere, as the readers of hOCR, ALTO, PAGE and plain text hand it to the project.

Whatever the format, the result is the project's own ``OcrWord``s and the text ``OcrResult.text()``
would make of them, so the imported page's first revision maps token for token onto its words, as
a page recognised here does.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from lxml import etree

from workbench.errors import ForeignFileError
from workbench.formats.safe_xml import local_name
from workbench.formats.word_boxes import Box, split
from workbench.records import BoxTuple, OcrResult, OcrSettings, OcrWord

MAX_PAGE_TEXT_BYTES = 2 * 1024 * 1024
"""The most text (UTF-8) one page may import. A typed page holds about 3 KB and a dense newspaper page
about 60 KB, so no real page comes near it; the window, diffs and suggestions work on a page's whole
text at once, and a "page" of a whole book or a log file would make the project slow to work with.
Such a file is not the OCR of one page, so it is refused rather than stored."""

UNKNOWN_CONFIDENCE = 75.0
"""The confidence of an imported word whose file gives none (ground truth, many vendors' ALTO).

Not 100: nothing vouches for the word, so it must not look certain. Not low either: flagging every
word of a file as doubtful would bury the real suggestions. 75 sits at the suggestion engine's
default low-confidence threshold, so such a word is neither flagged nor trusted for its confidence;
the other signals (lexicons, OCR confusions) decide.
"""


@dataclass(frozen=True)
class ImportedOcr:
    """The words and text of one page of foreign OCR, and where it came from."""

    words: tuple[OcrWord, ...]
    """In reading order, with block, paragraph and line numbers from the file's structure; empty for
    plain text, which has no boxes."""
    text: str
    """The page's first revision: the words laid out as ``OcrResult.text()`` does, or the plain text."""
    engine: str
    """The producer the file names ("tesseract 5.3.0", "ABBYY FineReader 12"), else "unknown"."""
    format: str
    """"hocr", "alto", "page" or "text"."""
    level: str = "word"
    """The coarsest level of the file's structure the text was taken from: "word" when every word
    has its own box; "line" or "region" when a line's or a region's box was divided among its words
    (the file had no text, or no positions, below it); "page" for plain text, which has no boxes."""


class OcrReader(Protocol):
    """What every reader of a foreign OCR format looks like."""

    def __call__(
        self, path: Path, *, image_width: int, image_height: int, dpi: int | None = None
    ) -> ImportedOcr:
        """Read ``path`` for a scan of ``image_width`` × ``image_height`` pixels; ``dpi`` converts
        physical units (ALTO's mm10 and inch1200) to pixels."""
        ...


def imported_ocr(
    path: Path,
    words: Iterable[OcrWord],
    *,
    engine: str,
    format: str,
    image_width: int,
    image_height: int,
    level: str = "word",
    holds_text: bool,
) -> ImportedOcr:
    """The words as an import, refusing the file if any word lies off the scan, or if it has no
    words although it ``holds_text`` somewhere (in elements the reader does not take text from).

    A box off the scan means the file belongs to another image (or another resolution of it): its
    words would sit in the wrong places, so it is refused rather than stored. A file whose text was
    not found would import as an empty page and look like a success; it is refused with its reason.
    """
    kept = tuple(words)
    if not kept and holds_text:
        raise ForeignFileError(
            path, f"the file holds text, but none in the {format.upper()} elements the workbench reads "
            "words from; nothing was imported",
        )
    for word in kept:
        if (
            word.width < 0 or word.height < 0 or word.left < 0 or word.top < 0
            or word.left + word.width > image_width or word.top + word.height > image_height
        ):
            raise ForeignFileError(
                path, f"word {word.text!r} lies outside the {image_width}×{image_height} scan "
                f"(box {word.left},{word.top} {word.width}×{word.height}); is it OCR of another image?",
            )
    text = OcrResult(kept, engine, "", OcrSettings(), 0.0).text()
    return ImportedOcr(kept, text, engine or "unknown", format, level)


def check_image_size(
    path: Path, declared: tuple[int, int] | None, image_width: int, image_height: int
) -> None:
    """Refuse a file that says it describes an image of another size than the scan (hOCR's page bbox,
    PAGE's imageWidth and imageHeight): its boxes would all be off, even those that stay on the scan."""
    if declared is not None and declared != (image_width, image_height):
        raise ForeignFileError(
            path, f"the file describes a {declared[0]}×{declared[1]} image, but the scan is "
            f"{image_width}×{image_height}; is it OCR of another image?",
        )


def words_in_box(
    text: str, box: Box, *, confidence: float, block: int, paragraph: int, line: int,
    line_box: BoxTuple | None = None, paragraph_box: BoxTuple | None = None, block_box: BoxTuple | None = None,
) -> list[OcrWord]:
    """The whitespace-separated words of ``text`` with ``box`` divided between them by characters.

    Used wherever a file gives one box for several words: a line without word elements (ALTO and
    PAGE ground truth often has only lines), or a String or Word whose content holds a space. Each
    space between words takes a character's width too, so the words stay apart as printed. The
    boxes of the line, paragraph and block the file draws go to every word (``OcrWord.line_box``).
    """
    parts = text.split()
    lengths: list[int] = []
    for part in parts:
        lengths.extend((1, len(part)) if lengths else (len(part),))
    boxes = split(box, lengths)[::2] if parts else []
    return [
        OcrWord(part, part_box.x0, part_box.y0, part_box.width, part_box.height, confidence,
                block, paragraph, line, line_box=line_box, paragraph_box=paragraph_box, block_box=block_box)
        for part, part_box in zip(parts, boxes)
    ]


def bounding_box(points: Iterable[tuple[int, int]]) -> Box:
    """The smallest box around a polygon (PAGE's Coords), with exclusive right and bottom edges."""
    xs, ys = zip(*points)
    return Box(min(xs), min(ys), max(xs), max(ys))


def confidence_0_100(value: float | None, *, scale: float) -> float:
    """A file's confidence (``scale`` 1 for ALTO's WC and PAGE's conf, 100 for hOCR's x_wconf) as the
    project's 0..100, clamped; UNKNOWN_CONFIDENCE when the file gives none."""
    if value is None:
        return UNKNOWN_CONFIDENCE
    return min(max(value * 100.0 / scale, 0.0), 100.0)


_LARGEST_NUMBER = 1e9
"""Larger than any coordinate, size or confidence of a real page, in any unit."""


def optional_float(value: str | None) -> float | None:
    """An attribute's number, None when it is missing or no number a page can have (the caller
    decides what then): 1e308 is finite, but scaled to pixels it overflows every integer."""
    try:
        number = None if value is None else float(value)
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) and abs(number) <= _LARGEST_NUMBER else None


def reading_order(root: etree._Element, reference: str) -> dict[str, int]:
    """The place of each element id the file's ``ReadingOrder`` names, from 0: PAGE's (``reference``
    "regionRef") and ALTO 4.2's (``REF``, which may name several ids) alike. An ordered group's
    members go by their ``index`` where they have one (PAGE), else in the file's order; an unordered
    group's in the file's order. Empty when the file has no ReadingOrder."""
    order = next((element for element in root.iter() if local_name(element) == "ReadingOrder"), None)
    places: dict[str, int] = {}
    if order is not None:
        _walk_order(order, reference, places)
    return places


def _walk_order(element: etree._Element, reference: str, places: dict[str, int]) -> None:
    for name in (element.get(reference) or "").split():
        places.setdefault(name, len(places))
    members = [child for child in element if isinstance(child.tag, str)]
    indices = [optional_float(member.get("index")) for member in members]
    if local_name(element).startswith("OrderedGroup") and None not in indices:
        members = [member for _, member in sorted(zip(indices, members), key=lambda pair: pair[0] or 0.0)]
    for member in members:
        _walk_order(member, reference, places)
