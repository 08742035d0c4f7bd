"""Append-only revisions and per-page drafts, as stored in the project file.

The schema's triggers refuse any UPDATE or DELETE of a revision, so history cannot be rewritten
even by a bug here. The page's current revision is a pointer (``pages.current_revision_id``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import sqlite_utils

from workbench.records import Draft, Revision, RevisionKind

_REVISION_COLUMNS = "id, page_id, parent_id, kind, author, created, note, text, ocr_run_id"
_RECOGNISED = "kind IN ('ocr', 'import')"
"""Revisions a machine made: the baseline a page's corrected text is measured against."""


def insert_revision(
    connection: sqlite3.Connection,
    *,
    page_id: int,
    parent_id: int | None,
    kind: RevisionKind,
    author: str,
    created: str,
    text: str,
    note: str | None = None,
    ocr_run_id: int | None = None,
) -> int:
    cursor = connection.execute(
        "INSERT INTO revisions (page_id, parent_id, kind, author, created, note, text, ocr_run_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [page_id, parent_id, str(kind), author, created, note, text, ocr_run_id],
    )
    return int(cursor.lastrowid or 0)


def revision(db: sqlite_utils.Database | sqlite3.Connection, revision_id: int) -> Revision | None:
    row = db.execute(
        f"SELECT {_REVISION_COLUMNS} FROM revisions WHERE id = ?", [revision_id]
    ).fetchone()
    return None if row is None else _revision(row)


def revisions(db: sqlite_utils.Database, page_id: int) -> list[Revision]:
    """A page's revisions, oldest first."""
    rows = db.execute(
        f"SELECT {_REVISION_COLUMNS} FROM revisions WHERE page_id = ? ORDER BY id", [page_id]
    ).fetchall()
    return [_revision(row) for row in rows]


def current_revision_id(connection: sqlite3.Connection | sqlite_utils.Database, page_id: int) -> int | None:
    row = connection.execute("SELECT current_revision_id FROM pages WHERE id = ?", [page_id]).fetchone()
    return None if row is None else row[0]


def latest_recognised_revision(db: sqlite_utils.Database, page_id: int) -> Revision | None:
    """The newest revision that came from a machine (OCR or imported OCR): the baseline for CER."""
    row = db.execute(
        f"SELECT {_REVISION_COLUMNS} FROM revisions WHERE page_id = ? AND {_RECOGNISED} "
        "ORDER BY id DESC LIMIT 1",
        [page_id],
    ).fetchone()
    return None if row is None else _revision(row)


def texts_against_ocr(db: sqlite_utils.Database) -> Iterator[tuple[int, str, str]]:
    """(document id, current text, latest recognised text) of every page that has both, in one query."""
    rows = db.execute(
        "SELECT pages.document_id, current.text, recognised.text FROM pages "
        "JOIN revisions AS current ON current.id = pages.current_revision_id "
        "JOIN revisions AS recognised ON recognised.id = ("
        f"    SELECT MAX(id) FROM revisions WHERE page_id = pages.id AND {_RECOGNISED})"
    )
    for document_id, current, recognised in rows:
        yield document_id, current, recognised


def recognised_texts_of_document(db: sqlite_utils.Database, document_id: int) -> list[str]:
    """The latest recognised text of each page of a document that has one: what the machine read,
    whatever was corrected since."""
    rows = db.execute(
        "SELECT revisions.text FROM pages JOIN revisions ON revisions.id = ("
        f"    SELECT MAX(id) FROM revisions WHERE page_id = pages.id AND {_RECOGNISED}) "
        "WHERE pages.document_id = ?",
        [document_id],
    )
    return [text for (text,) in rows]


def recognised_revisions_of_document(db: sqlite_utils.Database, document_id: int) -> int:
    """How many recognised revisions the pages of a document have: it grows whenever one of them
    is recognised or imported, again or for the first time."""
    row = db.execute(
        "SELECT COUNT(*) FROM revisions JOIN pages ON pages.id = revisions.page_id "
        f"WHERE pages.document_id = ? AND {_RECOGNISED}",
        [document_id],
    ).fetchone()
    return int(row[0])


def latest_revision_id(db: sqlite_utils.Database) -> int:
    """The newest revision's id, 0 if none: it grows whenever any text is stored, by anyone."""
    return int(db.execute("SELECT COALESCE(MAX(id), 0) FROM revisions").fetchone()[0])


def current_texts_after(db: sqlite_utils.Database, revision_id: int) -> list[tuple[int, int, str]]:
    """(page id, revision id, text) of the pages whose current revision is newer than ``revision_id``."""
    rows = db.execute(
        "SELECT pages.id, revisions.id, revisions.text FROM pages "
        "JOIN revisions ON revisions.id = pages.current_revision_id "
        "WHERE pages.current_revision_id > ?",
        [revision_id],
    ).fetchall()
    return [(page_id, current_id, text) for page_id, current_id, text in rows]


def put_draft(connection: sqlite3.Connection, draft: Draft) -> None:
    connection.execute(
        "INSERT INTO drafts (page_id, base_revision_id, text, author, updated) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (page_id) DO UPDATE SET base_revision_id = excluded.base_revision_id, "
        "text = excluded.text, author = excluded.author, updated = excluded.updated",
        [draft.page_id, draft.base_revision_id, draft.text, draft.author, draft.updated],
    )


def draft(db: sqlite_utils.Database, page_id: int) -> Draft | None:
    row = db.execute(
        "SELECT page_id, base_revision_id, text, author, updated FROM drafts WHERE page_id = ?",
        [page_id],
    ).fetchone()
    return None if row is None else Draft(*row)


def drafts(db: sqlite_utils.Database) -> list[Draft]:
    rows = db.execute(
        "SELECT page_id, base_revision_id, text, author, updated FROM drafts ORDER BY page_id"
    ).fetchall()
    return [Draft(*row) for row in rows]


def delete_draft(connection: sqlite3.Connection, page_id: int) -> None:
    connection.execute("DELETE FROM drafts WHERE page_id = ?", [page_id])


def _revision(row: Any) -> Revision:
    values = list(row)
    values[3] = RevisionKind(values[3])
    return Revision(*values)
