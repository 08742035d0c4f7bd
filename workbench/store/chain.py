"""Tamper evidence for history: each revision's hash covers its content and its parent's hash.

Archives ask that a record prove it was not altered. A revision's ``chain_hash`` is the SHA-256 of
its parent's hash and of everything it says (page, kind, author, time, note, text, OCR run), so
changing any stored revision changes the hash that every later revision of its page was built on.
``workbench verify`` recomputes the chains; an export's manifest carries each page's chain head,
so even a file whose hashes were all recomputed is caught against an earlier export.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from workbench.store.text_packing import SQL_FUNCTION

CHAIN_COLUMNS = f"id, page_id, parent_id, kind, author, created, note, {SQL_FUNCTION}(text), ocr_run_id, chain_hash"


def revision_hash(
    parent_hash: str | None,
    *,
    page_id: int,
    kind: str,
    author: str,
    created: str,
    note: str | None,
    text: str,
    ocr_run_id: int | None,
) -> str:
    """The hash a revision with this content and this parent must carry (hex SHA-256)."""
    content = json.dumps(
        [parent_hash or "", page_id, kind, author, created, note, text, ocr_run_id],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def parent_hash(connection: sqlite3.Connection, parent_id: int | None) -> str | None:
    if parent_id is None:
        return None
    row = connection.execute("SELECT chain_hash FROM revisions WHERE id = ?", [parent_id]).fetchone()
    return None if row is None else row[0]


@dataclass(frozen=True)
class BrokenLink:
    """A revision whose stored hash is not the one its content and parent give."""

    revision_id: int
    page_id: int
    reason: str


def broken_links(connection: sqlite3.Connection) -> Iterator[BrokenLink]:
    """Every revision whose hash does not follow from its content and its parent's stored hash."""
    stored: dict[int, str | None] = {}
    for row in connection.execute(f"SELECT {CHAIN_COLUMNS} FROM revisions ORDER BY id"):
        revision_id, page_id, parent_id, chain_hash = row[0], row[1], row[2], row[-1]
        stored[revision_id] = chain_hash
        if parent_id is not None and parent_id not in stored:
            yield BrokenLink(revision_id, page_id, f"its parent {parent_id} is missing or newer than it")
        elif chain_hash is None:
            yield BrokenLink(revision_id, page_id, "it has no hash: something other than Workbench stored it")
        elif chain_hash != _row_hash(row, stored.get(parent_id) if parent_id is not None else None):
            yield BrokenLink(revision_id, page_id, "its content does not match its hash: it was changed after it was saved")


def hash_existing_revisions(connection: sqlite3.Connection) -> None:
    """Give the revisions of an older project their hashes, oldest first (a parent is always older)."""
    hashes: dict[int, str] = {}
    for row in connection.execute(f"SELECT {CHAIN_COLUMNS} FROM revisions ORDER BY id").fetchall():
        revision_id, parent_id = row[0], row[2]
        hashes[revision_id] = _row_hash(row, None if parent_id is None else hashes.get(parent_id))
        connection.execute("UPDATE revisions SET chain_hash = ? WHERE id = ?", [hashes[revision_id], revision_id])


def _row_hash(row: tuple[Any, ...], parent: str | None) -> str:
    _, page_id, _, kind, author, created, note, text, ocr_run_id, _ = row
    return revision_hash(
        parent, page_id=page_id, kind=kind, author=author, created=created, note=note, text=text,
        ocr_run_id=ocr_run_id,
    )
