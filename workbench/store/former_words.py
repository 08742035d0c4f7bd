"""Words as project formats 1–5 stored them, read only to repack them (migration 6).

Those formats kept a run's words as a JSON array of arrays: nine fields a word, a tenth (its
alternatives) where Tesseract weighed other readings, an eleventh (its second look) where the
smaller page read it otherwise.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from workbench.records import OcrWord
from workbench.store.word_packing import pack_words

_BATCH = 200
"""Runs repacked at a time: a page of JSON words is about 17 KB, so memory stays small."""


def words_from_json(stored: str) -> tuple[OcrWord, ...]:
    """The words of a run as formats 1–5 stored them."""
    return tuple(_word(packed) for packed in json.loads(stored))


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


def _word(packed: list[Any]) -> OcrWord:
    text, left, top, width, height, confidence, block, paragraph, line = packed[:9]
    return OcrWord(text, left, top, width, height, confidence, block, paragraph, line,
                   tuple(packed[9]) if len(packed) > 9 else (), packed[10] if len(packed) > 10 else "")
