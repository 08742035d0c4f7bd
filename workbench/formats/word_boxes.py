"""Box arithmetic for laying corrected words on a page: unions, proportional splits and spreads.

Boxes here are ``(x0, y0, x1, y1)`` in page-image pixels with exclusive right and bottom edges;
``layout.py`` turns them into the left/top/width/height that every export format speaks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from workbench.records import BoxTuple, OcrWord


class Box(NamedTuple):
    x0: int
    y0: int
    x1: int
    y1: int

    @classmethod
    def of(cls, word: OcrWord) -> Box:
        return cls(word.left, word.top, word.left + word.width, word.top + word.height)

    def ltwh(self) -> BoxTuple:
        """Left, top, width and height, as OcrWord keeps boxes."""
        return self.x0, self.y0, self.width, self.height

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0


def union(boxes: Iterable[Box]) -> Box:
    """The smallest box holding all of ``boxes`` (there must be at least one)."""
    x0s, y0s, x1s, y1s = zip(*boxes)
    return Box(min(x0s), min(y0s), max(x1s), max(y1s))


def split(box: Box, lengths: Sequence[int]) -> list[Box]:
    """Cut ``box`` side by side into parts whose widths follow ``lengths`` (character counts).

    A word split by the archivist (``ofthe`` to ``of the``) was printed in that box, so each part
    gets the share of the width its characters take; the parts tile the box without gaps.
    """
    total = max(sum(lengths), 1)
    edges, done = [box.x0], 0
    for length in lengths:
        done += length
        edges.append(box.x0 + round(box.width * done / total))
    return [Box(a, box.y0, max(b, a + 1), box.y1) for a, b in zip(edges, edges[1:])]


def spread(lengths: Sequence[int], x0: float, x1: float, y0: int, y1: int) -> list[Box]:
    """Lay words of ``lengths`` characters across ``x0..x1``, one space's width at each end and between.

    Used where no box exists (a word or a line the archivist typed): a typewriter-like guess that
    keeps words in order and apart, so a viewer's selection lands between the right neighbours.
    """
    unit = (x1 - x0) / max(sum(lengths) + len(lengths) + 1, 1)
    boxes, x = [], x0 + unit
    for length in lengths:
        left = round(x)
        boxes.append(Box(left, y0, max(round(x + length * unit), left + 1), max(y1, y0 + 1)))
        x += (length + 1) * unit
    return boxes


def interpolate(
    lengths: Sequence[int], before: Box | None, after: Box | None, char_width: float, page_width: int
) -> list[Box]:
    """Boxes for words typed between two boxed words of a line, or beyond its first or last word.

    Between neighbours the words share the gap; where the gap or the margin is too narrow for their
    estimated width, they overlap the neighbour rather than shrink to nothing.
    """
    wanted = (sum(lengths) + len(lengths) + 1) * char_width
    if before is not None and after is not None:
        x0, x1 = float(before.x1), float(after.x0)
        if x1 - x0 < wanted:
            middle = (x0 + x1) / 2
            x0, x1 = middle - wanted / 2, middle + wanted / 2
        return spread(lengths, x0, x1, min(before.y0, after.y0), max(before.y1, after.y1))
    if before is not None:
        x1 = min(before.x1 + wanted, page_width)
        return spread(lengths, min(before.x1, x1 - wanted), x1, before.y0, before.y1)
    assert after is not None, "a line without any boxed word is placed by stack()"
    x0 = max(after.x0 - wanted, 0)
    return spread(lengths, x0, max(after.x0, x0 + wanted), after.y0, after.y1)


def stack(
    count: int, above: Box | None, below: Box | None, page_height: int, typical: float | None
) -> list[tuple[int, int]]:
    """Top and bottom edges for ``count`` lines typed between the lines ``above`` and ``below``.

    Between two lines they share the free height evenly; after the last line (before the first)
    they follow it at one and a half line heights; with no line at all they fill the page evenly.
    """
    top, bottom = float(above.y1 if above else 0), float(below.y0 if below else page_height)
    slot = (bottom - top) / count
    line_height = min(typical or 0.8 * slot, page_height / 20)
    pitch = slot if (above is None) == (below is None) else min(max(slot, 0), 1.5 * line_height)
    if above is None and below is not None:
        top = bottom - count * pitch
    pitch = max(pitch, line_height)
    edges = []
    for index in range(count):
        y0 = round(top + index * pitch + (pitch - line_height) / 2)
        y0 = max(min(y0, page_height - round(line_height)), 0)
        edges.append((y0, y0 + max(round(line_height), 1)))
    return edges


def clamp(box: Box, width: int, height: int) -> Box:
    """``box`` moved and cut to lie on the page, at least one pixel wide and high."""
    x0 = min(max(box.x0, 0), width - 1)
    y0 = min(max(box.y0, 0), height - 1)
    return Box(x0, y0, min(max(box.x1, x0 + 1), width), min(max(box.y1, y0 + 1), height))


def char_width(words: Iterable[tuple[str, Box]]) -> float | None:
    """Average width of a character over boxed words, or None when there are none."""
    chars = pixels = 0
    for text, box in words:
        chars += len(text)
        pixels += box.width
    return pixels / chars if chars else None
