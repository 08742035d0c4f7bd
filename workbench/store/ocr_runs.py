"""OCR results as stored: one row per recognition of a page, its words packed in one blob.

Words are kept as one blob per run rather than a row per word: a page is always read whole, and
10,000 pages of 600 words would otherwise be six million rows. How the blob is laid out is
``word_packing``'s business (since format 6; JSON arrays before, which migration 6 repacks).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

import sqlite_utils

from workbench.records import OcrResult, OcrRun, OcrWord
from workbench.store.word_packing import pack_words, unpack_words


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
    cursor = connection.execute(
        "INSERT INTO ocr_runs (page_id, engine, engine_version, settings, seconds, created, words) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [page_id, engine, engine_version, json.dumps(dict(settings)), seconds, created, pack_words(words)],
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
        words=unpack_words(words),
    )
