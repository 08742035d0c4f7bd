"""OCR results as stored: one row per recognition of a page, its words packed as JSON.

Words are kept as one compact JSON array per run rather than a row per word: a page is always
read whole, and 10,000 pages of 600 words would otherwise be six million rows. A word is nine
fields, a tenth (its alternatives) where Tesseract weighed other readings, and an eleventh (its
second look) where the smaller page read it otherwise.
"""

from __future__ import annotations

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
         *_optional_fields(w)]
        for w in words
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
        words=tuple(_word(packed) for packed in json.loads(words)),
    )


def _optional_fields(word: OcrWord) -> list[Any]:
    """The alternatives, then the second look, each only where it or a later field has something.
    A version that knows only ten fields reads the eleventh as nothing, so the format is still 4."""
    if word.second_look:
        return [list(word.alternatives), word.second_look]
    return [list(word.alternatives)] if word.alternatives else []


def _word(packed: list[Any]) -> OcrWord:
    """A word as packed: nine fields, its alternatives as a tenth and its second look as an
    eleventh where it has them (format 4)."""
    text, left, top, width, height, confidence, block, paragraph, line = packed[:9]
    return OcrWord(text, left, top, width, height, confidence, block, paragraph, line,
                   tuple(packed[9]) if len(packed) > 9 else (), packed[10] if len(packed) > 10 else "")
