"""A second look at the page: Tesseract reads it again at three quarters of its size.

The two readings fail in different places. On the EHRI typescripts, of the 1,125 words the first
reading got wrong (one word for one), the smaller page reads 559 otherwise and 324 right ("looked" →
"locked", "oven" → "open", "Merch" → "March"); of the 12,478 it got right, it reads all but 321 the
same. So a word the two looks disagree on is doubtful, and the other look is a candidate straight
from the image. At 1.5× the page the figures were 563, 293 and 344: no better.
The second look doubles the recognition time (``benchmarks/ocr_throughput.py``: 29.6 pages a
minute against 58.1 for a single look, on two cores); ``OcrSettings.second_look`` turns it off.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence

from PIL import Image

from workbench.records import OcrWord

SCALE = 0.75
MIN_OVERLAP = 0.5
"""A word of the second look stands for a word of the first where their boxes overlap at least this
much (intersection over union): less is another word, or the same word split differently."""
_BAND = 40
"""Boxes are looked up by the band of rows their middle falls in, and the bands either side (pixels)."""

Box = tuple[float, float, float, float]


def smaller_page(image: bytes) -> bytes:
    """The page image at ``SCALE`` of its size, as PNG; Pillow decodes what Tesseract accepts."""
    with Image.open(io.BytesIO(image)) as page:
        page.load()
        resized = page.resize((max(1, round(page.width * SCALE)), max(1, round(page.height * SCALE))),
                              Image.Resampling.LANCZOS)
    encoded = io.BytesIO()
    resized.save(encoded, format="PNG")
    return encoded.getvalue()


def with_second_look(words: Sequence[OcrWord], looked: Sequence[OcrWord]) -> tuple[OcrWord, ...]:
    """``words`` of the first look, each with the second look's reading of its box where that differs.

    ``looked`` are the words read on the smaller page, boxes in its pixels. The reading is the
    looked word that overlaps the box most, if enough: where the second look split a word, its
    bigger half stands ("fairly" of "a-fairly", but also "aning" of "becaning"). Refusing split
    words lost more right readings than it kept junk out: junk seldom wins a candidate's place."""
    boxes = [_box_at_full_size(word) for word in looked]
    by_line = _by_line(boxes)
    marked = []
    for word in words:
        box = (word.left, word.top, word.width, word.height)
        nearby = by_line.get(_band(word.top + word.height / 2), [])
        best = max(nearby, key=lambda index: _overlap(box, boxes[index]), default=None)
        reading = looked[best].text if best is not None and _overlap(box, boxes[best]) >= MIN_OVERLAP else ""
        marked.append(dataclasses.replace(word, second_look=reading) if reading and reading != word.text
                      else word)
    return tuple(marked)


def _box_at_full_size(word: OcrWord) -> Box:
    return (word.left / SCALE, word.top / SCALE, word.width / SCALE, word.height / SCALE)


def _band(middle: float) -> int:
    return int(middle // _BAND)


def _by_line(boxes: Sequence[Box]) -> dict[int, list[int]]:
    """Box indexes by band, each box under its own band and the two next to it."""
    found: dict[int, list[int]] = {}
    for index, (_, top, _, height) in enumerate(boxes):
        band = _band(top + height / 2)
        for near in (band - 1, band, band + 1):
            found.setdefault(near, []).append(index)
    return found


def _overlap(one: Box, other: Box) -> float:
    """Intersection over union of two boxes."""
    shared = _shared_area(one, other)
    union = one[2] * one[3] + other[2] * other[3] - shared
    return shared / union if union > 0 else 0.0


def _shared_area(one: Box, other: Box) -> float:
    left, top, width, height = one
    other_left, other_top, other_width, other_height = other
    across = max(0.0, min(left + width, other_left + other_width) - max(left, other_left))
    down = max(0.0, min(top + height, other_top + other_height) - max(top, other_top))
    return across * down
