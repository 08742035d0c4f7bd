"""Words as project formats 1–5 stored them, read only to repack them (migration 6).

Those formats kept a run's words as a JSON array of arrays: nine fields a word, a tenth (its
alternatives) where Tesseract weighed other readings, an eleventh (its second look) where the
smaller page read it otherwise, and a twelfth (the boxes of its line, paragraph and block as the
engine drew them) on the first word of each line: the words after it on the same line took the
same boxes (still format 5, from when the engine's boxes were kept).
"""

from __future__ import annotations

import json
import sqlite3

from workbench.records import BoxTuple, OcrWord
from workbench.store.word_packing import pack_words

_BATCH = 200
"""Runs repacked at a time: a page of JSON words is about 17 KB, so memory stays small."""


def words_from_json(stored: str) -> tuple[OcrWord, ...]:
    """The words of a run as formats 1–5 stored them."""
    words: list[OcrWord] = []
    for packed in json.loads(stored):
        text, left, top, width, height, confidence, block, paragraph, line = packed[:9]
        if len(packed) > 11 and packed[11]:
            line_box, paragraph_box, block_box = (None if box is None else tuple(box) for box in packed[11])
        else:
            line_box, paragraph_box, block_box = _inherited(words[-1] if words else None, block, paragraph, line)
        words.append(OcrWord(text, left, top, width, height, confidence, block, paragraph, line,
                             tuple(packed[9]) if len(packed) > 9 else (), packed[10] if len(packed) > 10 else "",
                             line_box, paragraph_box, block_box))
    return tuple(words)


def repack_json_words(connection: sqlite3.Connection) -> None:
    """Store every run's words packed (``word_packing``) instead of as JSON text."""
    last_id = 0
    while True:
        rows = connection.execute(
            "SELECT id, words FROM ocr_runs WHERE id > ? AND typeof(words) = 'text' ORDER BY id LIMIT ?",
            [last_id, _BATCH],
        ).fetchall()
        if not rows:
            return
        connection.executemany(
            "UPDATE ocr_runs SET words = ? WHERE id = ?",
            [(pack_words(words_from_json(words)), run_id) for run_id, words in rows],
        )
        last_id = rows[-1][0]


def _inherited(previous: OcrWord | None, block: int, paragraph: int, line: int) -> tuple[BoxTuple | None, ...]:
    """The line, paragraph and block boxes a word took from the word before it: each where it was in
    the same line, paragraph or block, else none."""
    if previous is None or previous.block != block:
        return None, None, None
    if previous.paragraph != paragraph:
        return None, None, previous.block_box
    if previous.line != line:
        return None, previous.paragraph_box, previous.block_box
    return previous.line_box, previous.paragraph_box, previous.block_box
