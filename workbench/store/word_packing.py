"""An OCR run's words as stored: one compressed blob of columns, a few kilobytes per page.

A page's words were a JSON array of arrays (about 17 KB for 450 words); most of the project file
was those arrays. Measured on 450-word pages (benchmarks/project_scale.py's and Tesseract's own
pages of the EHRI set), per page: JSON 17.1/15.6 KB, JSON with zlib 4.9/5.5 KB, these columns with
zlib 3.2/4.5 KB; reading them back into words takes about as long as parsing the JSON did (1–2 ms).
lzma and bz2 made the columns another 10–20% smaller for three to six times the time to encode;
zlib was kept. The engine's line, paragraph and block boxes add about 430 bytes (12%) to a page of
Tesseract's, as they are stored once for the words that share them.

Layout: one byte naming the layout (``LAYOUT``), then zlib of: a header (the array type code of
the integers, the number of words), eleven integer columns of one value a word (``_COLUMNS``), the
boxes given (four integers each), the byte length of each string, and the strings in UTF-8 (lone
surrogates passed through, so that no Python string makes a page unstorable). The strings are each
word's text, then its alternatives, then its second look where it has one. Left and top edges are
stored as the difference from the previous word's, which zlib compresses better; confidence as
hundredths, as it was always rounded. A word's box changes say, for its line's, paragraph's and
block's box in turn, whether it is the previous word's, none, or the next box given.

Layout 1 (the same without the boxes) was never released and is not read.
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from array import array
from collections.abc import Iterator, Sequence
from itertools import islice

from workbench.records import BoxTuple, OcrWord

LAYOUT = 2
_HEADER = struct.Struct("<cI")  # integer type code, number of words
_COLUMNS = 11
"""Integer columns of one value a word: left, top, width, height, confidence, block, paragraph, line,
number of alternatives, whether it has a second look, box changes."""
_BOX_KINDS = 3  # the line's, the paragraph's and the block's, two bits each in a word's box changes
_KEPT, _NONE, _GIVEN = 0, 1, 2  # the previous word's box; no box; a box given in the box values
_CODES = ("i", "q")  # 32-bit integers where every value fits, else 64-bit
_INT32 = range(-(2**31), 2**31)


def pack_words(words: Sequence[OcrWord]) -> bytes:
    """The stored form of ``words``; every field comes back from ``unpack_words`` as it went in,
    the confidence rounded to hundredths (as it always was stored)."""
    strings: list[bytes] = []
    for word in words:
        strings.append(word.text.encode("utf-8", "surrogatepass"))
        if word.alternatives:
            strings.extend(alternative.encode("utf-8", "surrogatepass") for alternative in word.alternatives)
        if word.second_look:
            strings.append(word.second_look.encode("utf-8", "surrogatepass"))
    lefts = [word.left for word in words]
    tops = [word.top for word in words]
    box_changes, box_values = _box_changes(words)
    integers = (
        _differences(lefts) + _differences(tops) + [word.width for word in words]
        + [word.height for word in words] + [_hundredths(word.confidence) for word in words]
        + [word.block for word in words] + [word.paragraph for word in words] + [word.line for word in words]
        + [len(word.alternatives) for word in words] + [1 if word.second_look else 0 for word in words]
        + box_changes + box_values + [len(string) for string in strings]
    )
    code = "i" if not integers or (min(integers) in _INT32 and max(integers) in _INT32) else "q"
    column = array(code, integers)
    if sys.byteorder == "big":
        column.byteswap()  # stored little-endian, whatever the machine
    payload = _HEADER.pack(code.encode(), len(words)) + column.tobytes() + b"".join(strings)
    return bytes([LAYOUT]) + zlib.compress(payload)


def unpack_words(packed: bytes) -> tuple[OcrWord, ...]:
    """The words ``pack_words`` stored.

    Raises:
        ValueError: ``packed`` is not in a layout this version knows, or is damaged.
    """
    if not packed or packed[0] != LAYOUT:
        raise ValueError(f"stored words in an unknown layout ({packed[:1].hex() or 'empty'})")
    try:
        payload = zlib.decompress(packed[1:])
        stored_code, count = _HEADER.unpack_from(payload)
    except (zlib.error, struct.error) as error:
        raise ValueError(f"stored words are damaged ({error})") from error
    code = stored_code.decode("latin-1")
    if code not in _CODES:
        raise ValueError(f"stored words are damaged (integers of type {code!r})")
    size = array(code).itemsize
    fixed = _HEADER.size + _COLUMNS * count * size
    integers = _integers(code, payload[_HEADER.size:fixed])
    if len(integers) != _COLUMNS * count:
        raise ValueError("stored words are damaged (their columns are cut short)")
    columns = [integers[n * count:(n + 1) * count].tolist() for n in range(_COLUMNS)]
    box_values_count = 4 * _boxes_given(columns[10])
    boxes_end = fixed + box_values_count * size
    box_values = _integers(code, payload[fixed:boxes_end])
    strings_count = count + sum(columns[8]) + sum(columns[9])
    lengths = _integers(code, payload[boxes_end:boxes_end + strings_count * size])
    if len(box_values) != box_values_count or len(lengths) != strings_count:
        raise ValueError("stored words are damaged (their columns are cut short)")
    strings = _split(payload[boxes_end + strings_count * size:], lengths)
    boxes = zip(*[iter(box_values.tolist())] * 4)
    return tuple(_words(columns, iter(strings), boxes))


def _integers(code: str, data: bytes) -> array[int]:
    integers = array(code)
    try:
        integers.frombytes(data)
    except ValueError as error:  # a length that is no whole number of integers
        raise ValueError(f"stored words are damaged ({error})") from error
    if sys.byteorder == "big":
        integers.byteswap()
    return integers


def _words(columns: list[list[int]], strings: Iterator[str], boxes: Iterator[BoxTuple]) -> Iterator[OcrWord]:
    left = top = 0
    line_box: BoxTuple | None = None
    paragraph_box: BoxTuple | None = None
    block_box: BoxTuple | None = None
    for left_step, top_step, width, height, hundredths, block, paragraph, line, alternatives, second, changes in zip(
        *columns
    ):
        left += left_step
        top += top_step
        if changes:
            line_box, paragraph_box, block_box = (
                _changed(box, (changes >> 2 * kind) & 3, boxes)
                for kind, box in enumerate((line_box, paragraph_box, block_box))
            )
        yield OcrWord(
            next(strings), left, top, width, height, hundredths / 100, block, paragraph, line,
            tuple(islice(strings, alternatives)) if alternatives else (), next(strings) if second else "",
            line_box, paragraph_box, block_box,
        )


def _box_changes(words: Sequence[OcrWord]) -> tuple[list[int], list[int]]:
    """Each word's box changes (two bits a box: ``_KEPT``, ``_NONE`` or ``_GIVEN``), and the left,
    top, width and height of every box given, in the order they are read."""
    changes: list[int] = []
    values: list[int] = []
    previous: tuple[BoxTuple | None, ...] = (None,) * _BOX_KINDS
    for word in words:
        boxes = (word.line_box, word.paragraph_box, word.block_box)
        change = 0
        if boxes != previous:
            for kind, (box, before) in enumerate(zip(boxes, previous)):
                if box is None and before is not None:
                    change |= _NONE << 2 * kind
                elif box is not None and box != before:
                    change |= _GIVEN << 2 * kind
                    values.extend(box)
            previous = boxes
        changes.append(change)
    return changes, values


def _boxes_given(changes: list[int]) -> int:
    """How many boxes the box changes say were given."""
    if changes and not 0 <= min(changes) <= max(changes) < 1 << 2 * _BOX_KINDS:
        raise ValueError("stored words are damaged (their box changes are out of range)")
    return sum(1 for change in changes if change for kind in range(_BOX_KINDS) if (change >> 2 * kind) & 3 == _GIVEN)


def _changed(box: BoxTuple | None, change: int, boxes: Iterator[BoxTuple]) -> BoxTuple | None:
    if change == _KEPT:
        return box
    if change == _NONE:
        return None
    if change == _GIVEN:
        return next(boxes)
    raise ValueError(f"stored words are damaged (a box change of {change})")


def _split(data: bytes, lengths: Sequence[int]) -> list[str]:
    strings, position = [], 0
    for length in lengths:
        try:
            strings.append(data[position:position + length].decode("utf-8", "surrogatepass"))
        except UnicodeDecodeError as error:  # lengths that cut a character in two
            raise ValueError(f"stored words are damaged ({error})") from error
        position += length
    if position != len(data):
        raise ValueError("stored words are damaged (their strings do not add up)")
    return strings


def _differences(values: list[int]) -> list[int]:
    """Each value less the one before it (the first less nothing)."""
    return [value - previous for value, previous in zip(values, [0, *values])]


def _hundredths(confidence: float) -> int:
    """The confidence in hundredths, as it was always rounded (``round(confidence, 2)``), exactly."""
    if not math.isfinite(confidence):
        raise ValueError(f"a word's confidence must be a number, not {confidence}")
    return round(round(confidence, 2) * 100)
