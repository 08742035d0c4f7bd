"""The corrected text of a page laid back onto the OCR word boxes, the geometry every export needs.

Tokens of the text come aligned with the OCR words (``text.alignment.link_words``, made once per text); then:

- a token linked alone to a word takes its box (a replaced word keeps its box);
- tokens linked to one word share its box by character counts (a split word divides its box);
- a token longer than its word also takes the unlinked words beside it on the same OCR line when
  their length accounts for the difference (``of the`` to ``ofthe``: merged words join boxes). The
  alignment links a merge to the word sharing most characters with it, which may be any of its
  parts (``iis cussion`` to ``discussion`` links ``cussion``), so the words before it count too;
- an OCR word no token took is dropped (a deleted word disappears);
- a typed token gets a box interpolated between its neighbours on its text line, or after the last
  (before the first) boxed word of the line.

Lines are the corrected text's lines (blank lines skipped), so a line the archivist broke or joined
is exported that way. A line whose every word came from one OCR line keeps that line's box as the
engine drew it (``OcrWord.line_box``), and the blocks and paragraphs of such lines keep theirs
(``PageLayout.block_boxes``): engines draw them their own way, not as the union of the words, and
checkers compare against that. Any other line's box is the union of its words.

A line with no boxed word at all (typed by the archivist, or any line of a page never recognised)
is placed in the free height between the lines around it, evenly, and takes its block and
paragraph from the line before it (else after it).
On a page with no OCR words every line is such a line: they are stacked evenly down the page, left
at a tenth of its width, in block 0 and one paragraph per blank-line-separated paragraph of the text,
so every exporter always has geometry to write.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import TypeVar

from workbench.formats.word_boxes import Box, char_width, clamp, interpolate, split, spread, stack, union
from workbench.records import BoxTuple, OcrWord, WordLink

_K = TypeVar("_K", int, tuple[int, int])


@dataclass(frozen=True)
class LaidWord:
    """A word of the corrected text with the box it sits in on the scan."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    """0..100: the OCR's for a word the archivist left as it was read, 100 for one they changed."""
    changed: bool
    """Differs from the OCR word: replaced, split, merged or inserted. Writers mark such a word as
    corrected where their format can (ALTO's ``CS``, PAGE's TextEquiv ``comments``, JSON)."""


@dataclass(frozen=True)
class LaidLine:
    """A line of the corrected text, boxed as the engine drew it or as the union of its words."""

    words: tuple[LaidWord, ...]
    left: int
    top: int
    width: int
    height: int
    block: int
    paragraph: int
    """The OCR's block and paragraph numbers of the line's first boxed word: exporters group lines by them."""
    as_drawn: bool = False
    """Every word came from one OCR line the engine drew a box for, and the line has that box."""


Edges = tuple[int, int, int, int]
"""Left, top, right and bottom (exclusive) in page-image pixels, as the writers' ``outline`` gives them."""


@dataclass(frozen=True)
class PageLayout:
    width: int
    height: int
    lines: tuple[LaidLine, ...]
    """In reading order: the order of the corrected text."""
    block_boxes: Mapping[int, Edges] = field(default_factory=dict)
    """The OCR's blocks as the engine drew them, by block number; empty where it drew none."""
    paragraph_boxes: Mapping[tuple[int, int], Edges] = field(default_factory=dict)
    """The OCR's paragraphs as the engine drew them, by block and paragraph number."""


@dataclass
class _Token:
    """A token while it is being laid out; a typed one has no origin, and no box until placed."""

    text: str
    box: Box | None
    confidence: float
    changed: bool
    origin: tuple[int, int] | None
    """Block and paragraph of the OCR word it came from."""
    drawn_line: tuple[tuple[int, int, int], Box | None] | None = None
    """The OCR line the word it came from is on (block, paragraph, line), and its box as the engine
    drew it; None for a typed token."""


def lay_out(
    text: str, words: Sequence[OcrWord], links: Sequence[WordLink], *, width: int, height: int
) -> PageLayout:
    """Lay ``text`` (a revision of a page) onto ``words`` (the page's OCR) in a page of that size;
    ``links`` are the text's tokens aligned with the words (``text.alignment.link_words``).

    A word the archivist did not change keeps the OCR's confidence, in their revisions too: saving a
    page is no judgement on each word of it, and readers of the export (search engines ranking hits,
    quality control sampling doubtful words) need to tell what was read from what was corrected.
    """
    width, height = max(width, 1), max(height, 1)
    tokens = _tokens(text, links, words)
    numbers = _line_numbers(text, links)
    lines = _text_lines(numbers, tokens)
    page_char_width = char_width((t.text, t.box) for t in tokens if t.box is not None)
    for line in lines:
        if any(token.box is not None for token in line):
            _fill_line(line, page_char_width or 1.0, width)
    _place_lines(lines, width, height, page_char_width)
    origins = _origins(lines, _text_paragraphs(numbers))
    # An OCR line the archivist broke in two keeps its drawn box for neither half.
    shares = Counter(key for line in lines for key in {t.drawn_line[0] for t in line if t.drawn_line is not None})
    laid = [_laid_line(line, origin, width, height, shares) for line, origin in zip(lines, origins)]
    return PageLayout(
        width, height, tuple(laid),
        block_boxes=_drawn([(w.block, w.block_box) for w in words], width, height),
        paragraph_boxes=_drawn([((w.block, w.paragraph), w.paragraph_box) for w in words], width, height),
    )


def _tokens(text: str, links: Sequence[WordLink], words: Sequence[OcrWord]) -> list[_Token]:
    parts_of: dict[int, list[int]] = {}
    for index, link in enumerate(links):
        if link.word_index is not None:
            parts_of.setdefault(link.word_index, []).append(index)
    taken = set(parts_of)
    tokens = []
    for index, link in enumerate(links):
        token = text[link.start : link.end]
        if link.word_index is None:
            tokens.append(_Token(token, None, 100.0, True, None))
            continue
        word = words[link.word_index]
        origin = (word.block, word.paragraph)
        drawn_line = (_line_key(word), None if word.line_box is None else _box(word.line_box))
        parts = parts_of[link.word_index]
        if len(parts) > 1:
            lengths = [links[part].end - links[part].start for part in parts]
            box = split(Box.of(word), lengths)[parts.index(index)]
            tokens.append(_Token(token, box, 100.0, True, origin, drawn_line))
            continue
        merged = _merged_words(token, link.word_index, words, taken)
        box = union(Box.of(words[k]) for k in merged)
        changed = len(merged) > 1 or token != word.text
        confidence = 100.0 if changed else min(max(word.confidence, 0.0), 100.0)
        tokens.append(_Token(token, box, confidence, changed, origin, drawn_line))
    return tokens


def _merged_words(token: str, index: int, words: Sequence[OcrWord], taken: set[int]) -> range:
    """The OCR words ``token`` stands for: ``words[index]`` and the words no token took beside it on
    its OCR line that it swallowed. A neighbour (the nearer fit of the two sides first) joins while
    adding its length brings the lengths closer; the words joined are added to ``taken``, so no
    other token joins them too."""
    line = _line_key(words[index])
    low = high = index
    length = len(words[index].text)
    while True:
        sides = [k for k in (low - 1, high + 1)
                 if 0 <= k < len(words) and k not in taken and _line_key(words[k]) == line]
        best = min(sides, key=lambda k: abs(len(token) - length - len(words[k].text)), default=None)
        if best is None or abs(len(token) - length - len(words[best].text)) >= abs(len(token) - length):
            break
        length += len(words[best].text)
        low, high = min(low, best), max(high, best)
    taken.update(range(low, high + 1))
    return range(low, high + 1)


def _line_key(word: OcrWord) -> tuple[int, int, int]:
    return word.block, word.paragraph, word.line


def _line_numbers(text: str, links: Sequence[WordLink]) -> list[int]:
    """The line of ``text`` each token is on, counting newlines once from token to token."""
    numbers, line, position = [], 0, 0
    for link in links:
        line += text.count("\n", position, link.start)
        position = link.start
        numbers.append(line)
    return numbers


def _text_lines(numbers: Sequence[int], tokens: list[_Token]) -> list[list[_Token]]:
    """Tokens grouped by their line of the text; lines without a token are left out."""
    lines: dict[int, list[_Token]] = {}
    for number, token in zip(numbers, tokens):
        lines.setdefault(number, []).append(token)
    return list(lines.values())


def _text_paragraphs(numbers: Sequence[int]) -> list[int]:
    """For each line of ``_text_lines``, its paragraph in the text: paragraphs end at blank lines."""
    distinct = sorted(set(numbers))
    paragraphs, paragraph = [], 0
    for previous, number in zip([None, *distinct], distinct):
        if previous is not None and number > previous + 1:
            paragraph += 1
        paragraphs.append(paragraph)
    return paragraphs


def _origins(lines: list[list[_Token]], paragraphs: list[int]) -> list[tuple[int, int]]:
    """Block and paragraph of each line: of its first boxed word, else of the line before (after) it,
    else (0, its paragraph in the text) when nothing on the page came from the OCR."""
    found = [next((t.origin for t in line if t.origin is not None), None) for line in lines]
    for index in range(1, len(found)):
        found[index] = found[index] or found[index - 1]
    for index in range(len(found) - 2, -1, -1):
        found[index] = found[index] or found[index + 1]
    return [origin or (0, paragraph) for origin, paragraph in zip(found, paragraphs)]


def _fill_line(line: list[_Token], page_char_width: float, page_width: int) -> None:
    """Give the typed tokens of a line that has boxed words a box between their neighbours."""
    line_char_width = char_width((t.text, t.box) for t in line if t.box is not None) or page_char_width
    start = 0
    while start < len(line):
        if line[start].box is not None:
            start += 1
            continue
        end = start
        while end < len(line) and line[end].box is None:
            end += 1
        before = line[start - 1].box if start > 0 else None
        after = line[end].box if end < len(line) else None
        boxes = interpolate([len(t.text) for t in line[start:end]], before, after, line_char_width, page_width)
        for token, box in zip(line[start:end], boxes):
            token.box = box
        start = end


def _place_lines(lines: list[list[_Token]], width: int, height: int, page_char_width: float | None) -> None:
    """Place the lines that have no boxed word, evenly in the free height between their neighbours."""
    heights = [union(_boxes(line)).height for line in lines if _boxes(line)]
    typical = median(heights) if heights else None
    start = 0
    while start < len(lines):
        if _boxes(lines[start]):
            start += 1
            continue
        end = start
        while end < len(lines) and not _boxes(lines[end]):
            end += 1
        above = union(_boxes(lines[start - 1])) if start > 0 else None
        below = union(_boxes(lines[end])) if end < len(lines) else None
        edges = stack(end - start, above, below, height, typical)
        left = (above or below or Box(width // 10, 0, 0, 0)).x0
        # In character widths, with a space between words and at both ends, as spread() lays them.
        units = [sum(len(t.text) + 1 for t in line) + 1 for line in lines[start:end]]
        line_height = edges[0][1] - edges[0][0]
        cw = page_char_width or min(0.6 * line_height, 0.8 * width / max(units))
        for line, (y0, y1), size in zip(lines[start:end], edges, units):
            boxes = spread([len(t.text) for t in line], left, min(left + size * cw, width), y0, y1)
            for token, box in zip(line, boxes):
                token.box = box
        start = end


def _boxes(line: list[_Token]) -> list[Box]:
    return [token.box for token in line if token.box is not None]


def _laid_line(
    line: list[_Token], origin: tuple[int, int], width: int, height: int, shares: Counter[tuple[int, int, int]]
) -> LaidLine:
    words = []
    for token in line:
        assert token.box is not None, "every token has a box once the lines are placed"
        box = clamp(token.box, width, height)
        words.append(
            LaidWord(token.text, box.x0, box.y0, box.width, box.height, token.confidence, token.changed)
        )
    drawn = {token.drawn_line for token in line}
    only = next(iter(drawn)) if len(drawn) == 1 else None
    engine_box = None if only is None or shares[only[0]] > 1 else only[1]
    if engine_box is not None:
        outline = clamp(engine_box, width, height)
    else:
        outline = union(Box(w.left, w.top, w.left + w.width, w.top + w.height) for w in words)
    return LaidLine(tuple(words), outline.x0, outline.y0, outline.width, outline.height, *origin,
                    as_drawn=engine_box is not None)


def _box(left_top_width_height: BoxTuple) -> Box:
    left, top, width, height = left_top_width_height
    return Box(left, top, left + width, top + height)


def _drawn(boxes: Iterable[tuple[_K, BoxTuple | None]], width: int, height: int) -> dict[_K, Edges]:
    """The boxes the engine drew, by key, on the page; the first word's where words disagree."""
    drawn: dict[_K, Edges] = {}
    for key, box in boxes:
        if box is not None and key not in drawn:
            x0, y0, x1, y1 = clamp(_box(box), width, height)
            drawn[key] = (x0, y0, x1, y1)
    return drawn
