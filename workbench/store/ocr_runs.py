"""OCR results as stored: one row per recognition of a page, its words packed as JSON.

Words are kept as one compact JSON array per run rather than a row per word: a page is always
read whole, and 10,000 pages of 600 words would otherwise be six million rows. A word is nine
fields, a tenth (its alternatives) where Tesseract weighed other readings, an eleventh (its
second look) where the smaller page read it otherwise, and a twelfth (the boxes of its line,
paragraph and block as the engine drew them) on the first word of each line: the words after it
on the same line take the same boxes. A version that knows fewer fields reads the words alike.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

import sqlite_utils

from workbench.records import OcrResult, OcrRun, OcrWord


def insert_ocr_run(
    connection: sqlite3.Connection, page_id: int, result: OcrResult, *, created: str
) -> int:
    return insert_words(
        connection, page_id, result.words, engine=result.engine, engine_version=result.engine_version,
        settings=result.settings.as_dict(), seconds=result.seconds, created=created,
    )


def insert_words(
    connection: sqlite3.Connection,
    page_id: int,
    words: Sequence[OcrWord],
    *,
    engine: str,
    engine_version: str,
    settings: Mapping[str, object],
    seconds: float,
    created: str,
) -> int:
    """Store words as an OCR run whatever made them: the engine here, or a file imported from elsewhere
    (whose ``settings`` then say where it came from)."""
    packed = [
        [w.text, w.left, w.top, w.width, w.height, round(w.confidence, 2), w.block, w.paragraph, w.line,
         *_optional_fields(w, previous)]
        for w, previous in zip(words, [None, *words])
    ]
    cursor = connection.execute(
        "INSERT INTO ocr_runs (page_id, engine, engine_version, settings, seconds, created, words) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [page_id, engine, engine_version, json.dumps(dict(settings)), seconds, created,
         json.dumps(packed, ensure_ascii=False, separators=(",", ":"))],
    )
    return int(cursor.lastrowid or 0)


_SELECT_RUN = "SELECT id, page_id, engine, engine_version, settings, seconds, created, words FROM ocr_runs"


def latest_ocr_run(db: sqlite_utils.Database, page_id: int) -> OcrRun | None:
    row = db.execute(f"{_SELECT_RUN} WHERE page_id = ? ORDER BY id DESC LIMIT 1", [page_id]).fetchone()
    return None if row is None else _ocr_run(row)


def ocr_run(db: sqlite_utils.Database, run_id: int) -> OcrRun | None:
    row = db.execute(f"{_SELECT_RUN} WHERE id = ?", [run_id]).fetchone()
    return None if row is None else _ocr_run(row)


def recognised_page_ids(db: sqlite_utils.Database) -> set[int]:
    return {row[0] for row in db.execute("SELECT DISTINCT page_id FROM ocr_runs").fetchall()}


def _ocr_run(row: Any) -> OcrRun:
    run_id, page_id, engine, version, settings, seconds, created, words = row
    return OcrRun(
        id=run_id,
        page_id=page_id,
        engine=engine,
        engine_version=version,
        settings=json.loads(settings),
        seconds=seconds,
        created=created,
        words=_words(json.loads(words)),
    )


def _optional_fields(word: OcrWord, previous: OcrWord | None) -> list[Any]:
    """The alternatives, the second look and the engine's boxes, each only where it or a later field
    has something; the boxes only where they are not the previous word's (``_inherited``)."""
    boxes = _boxes(word)
    fields: list[Any] = [list(word.alternatives), word.second_look,
                         None if boxes == _boxes(_inherited(word, previous)) else boxes]
    while fields and not fields[-1]:
        fields.pop()
    return fields


def _boxes(word: OcrWord) -> list[list[int] | None]:
    return [None if box is None else list(box) for box in (word.line_box, word.paragraph_box, word.block_box)]


def _inherited(word: OcrWord, previous: OcrWord | None) -> OcrWord:
    """``word`` with the boxes it takes from the word before it: its line's, paragraph's and block's
    where it is in the same one, else none."""
    same_block = previous is not None and previous.block == word.block
    same_paragraph = same_block and previous is not None and previous.paragraph == word.paragraph
    same_line = same_paragraph and previous is not None and previous.line == word.line
    return dataclasses.replace(
        word,
        line_box=previous.line_box if same_line and previous is not None else None,
        paragraph_box=previous.paragraph_box if same_paragraph and previous is not None else None,
        block_box=previous.block_box if same_block and previous is not None else None,
    )


def _words(packed_words: list[list[Any]]) -> tuple[OcrWord, ...]:
    """Words as packed: nine fields, then their alternatives, second look and the engine's boxes
    where they have them (format 4)."""
    words: list[OcrWord] = []
    for packed in packed_words:
        text, left, top, width, height, confidence, block, paragraph, line = packed[:9]
        word = OcrWord(text, left, top, width, height, confidence, block, paragraph, line,
                       tuple(packed[9]) if len(packed) > 9 else (), packed[10] if len(packed) > 10 else "")
        word = _inherited(word, words[-1] if words else None)
        if len(packed) > 11 and packed[11]:
            line_box, paragraph_box, block_box = (None if box is None else tuple(box) for box in packed[11])
            word = dataclasses.replace(word, line_box=line_box, paragraph_box=paragraph_box, block_box=block_box)
        words.append(word)
    return tuple(words)
