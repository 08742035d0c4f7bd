"""Append-only revisions and the drafts of unsaved text, as stored in the project file.

The schema's triggers refuse any UPDATE or DELETE of a revision, and any INSERT reusing a
revision's id, so history cannot be rewritten even by a bug here; each revision's hash is chained
to its parent's (store/chain.py). The page's current revision is a pointer
(``pages.current_revision_id``). Drafts are records of their own: a refused save is always a new
one, and an autosave replaces only the autosave of the same editing session.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

import sqlite_utils

from workbench.records import Draft, DraftOrigin, Revision, RevisionKind
from workbench.store.chain import parent_hash, revision_hash
from workbench.store.text_packing import SQL_FUNCTION, pack_text

_REVISION_COLUMNS = (
    f"id, page_id, parent_id, kind, author, created, note, {SQL_FUNCTION}(text), ocr_run_id, chain_hash"
)
_DRAFT_COLUMNS = "id, page_id, base_revision_id, text, author, updated, origin, session"
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
) -> Revision:
    """Append a revision; the record returned is the one stored, so callers need not read it back."""
    chain_hash = revision_hash(
        parent_hash(connection, parent_id), page_id=page_id, kind=str(kind), author=author,
        created=created, note=note, text=text, ocr_run_id=ocr_run_id,
    )
    cursor = connection.execute(
        "INSERT INTO revisions (page_id, parent_id, kind, author, created, note, text, ocr_run_id, "
        "chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [page_id, parent_id, str(kind), author, created, note, pack_text(text), ocr_run_id, chain_hash],
    )
    return Revision(int(cursor.lastrowid or 0), page_id, parent_id, kind, author, created, note, text,
                    ocr_run_id, chain_hash)


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


def texts_against_ocr(
    db: sqlite_utils.Database, page_ids: Sequence[int] | None = None
) -> Iterator[tuple[int, int, str, str | None, str | None]]:
    """(page id, document id, status, current text, latest recognised text) of every page, or of
    ``page_ids``, in reading order and one query; a text the page lacks is None."""
    chosen = "" if page_ids is None else f"WHERE pages.id IN ({', '.join('?' * len(page_ids))}) "
    rows = db.execute(
        f"SELECT pages.id, pages.document_id, pages.status, {SQL_FUNCTION}(current.text), "
        f"{SQL_FUNCTION}(recognised.text) FROM pages "
        "LEFT JOIN revisions AS current ON current.id = pages.current_revision_id "
        "LEFT JOIN revisions AS recognised ON recognised.id = ("
        f"    SELECT MAX(id) FROM revisions WHERE page_id = pages.id AND {_RECOGNISED}) "
        f"{chosen}ORDER BY pages.id",
        [] if page_ids is None else list(page_ids),
    )
    yield from rows


def recognised_texts_of_document(db: sqlite_utils.Database, document_id: int) -> list[str]:
    """The latest recognised text of each page of a document that has one: what the machine read,
    whatever was corrected since."""
    rows = db.execute(
        f"SELECT {SQL_FUNCTION}(revisions.text) FROM pages JOIN revisions ON revisions.id = ("
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
        f"SELECT pages.id, revisions.id, {SQL_FUNCTION}(revisions.text) FROM pages "
        "JOIN revisions ON revisions.id = pages.current_revision_id "
        "WHERE pages.current_revision_id > ?",
        [revision_id],
    ).fetchall()
    return [(page_id, current_id, text) for page_id, current_id, text in rows]


def add_draft(connection: sqlite3.Connection, draft: Draft) -> int:
    """Keep a text as a new draft record; nothing else is replaced."""
    cursor = connection.execute(
        "INSERT INTO drafts (page_id, base_revision_id, text, author, updated, origin, session) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [draft.page_id, draft.base_revision_id, draft.text, draft.author, draft.updated,
         str(draft.origin), draft.session],
    )
    return int(cursor.lastrowid or 0)


def put_autosave(connection: sqlite3.Connection, draft: Draft) -> int:
    """Update this editing session's autosave of the page, or start one: a session's typing
    replaces only its own earlier typing, never another session's draft or a refused text."""
    row = connection.execute(
        "SELECT id FROM drafts WHERE page_id = ? AND session = ? AND origin = 'autosave'",
        [draft.page_id, draft.session],
    ).fetchone()
    if row is None or draft.session is None:
        return add_draft(connection, draft)
    connection.execute(
        "UPDATE drafts SET base_revision_id = ?, text = ?, author = ?, updated = ? WHERE id = ?",
        [draft.base_revision_id, draft.text, draft.author, draft.updated, row[0]],
    )
    return int(row[0])


def drafts(db: sqlite_utils.Database, page_id: int | None = None) -> list[Draft]:
    """Drafts of one page, or of all pages, oldest first."""
    where, parameters = ("WHERE page_id = ?", [page_id]) if page_id is not None else ("", [])
    rows = db.execute(f"SELECT {_DRAFT_COLUMNS} FROM drafts {where} ORDER BY id", parameters).fetchall()
    return [_draft(row) for row in rows]


def draft_by_id(db: sqlite_utils.Database, draft_id: int) -> Draft | None:
    row = db.execute(f"SELECT {_DRAFT_COLUMNS} FROM drafts WHERE id = ?", [draft_id]).fetchone()
    return None if row is None else _draft(row)


def adopt_draft(connection: sqlite3.Connection, draft_id: int, session: str) -> tuple[int, ...]:
    """Make a draft the session's autosave; the session's older autosave of that page goes, as
    the adopted text replaces it in the editor. The ids of the drafts gone."""
    page_id = connection.execute("SELECT page_id FROM drafts WHERE id = ?", [draft_id]).fetchone()[0]
    gone = connection.execute(
        "DELETE FROM drafts WHERE page_id = ? AND session = ? AND origin = 'autosave' AND id != ? "
        "RETURNING id",
        [page_id, session, draft_id],
    ).fetchall()
    connection.execute(
        "UPDATE drafts SET session = ?, origin = 'autosave' WHERE id = ?", [session, draft_id]
    )
    return tuple(draft_id for (draft_id,) in gone)


def delete_draft(connection: sqlite3.Connection, draft_id: int) -> None:
    connection.execute("DELETE FROM drafts WHERE id = ?", [draft_id])


def delete_session_autosave(connection: sqlite3.Connection, page_id: int, session: str) -> tuple[int, ...]:
    """The session's typing on the page is saved as a revision: its autosave has done its job.
    The ids of the drafts gone."""
    gone = connection.execute(
        "DELETE FROM drafts WHERE page_id = ? AND session = ? AND origin = 'autosave' RETURNING id",
        [page_id, session],
    ).fetchall()
    return tuple(draft_id for (draft_id,) in gone)


def _draft(row: Any) -> Draft:
    draft_id, page_id, base, text, author, updated, origin, session = row
    return Draft(page_id, base, text, author, updated, DraftOrigin(origin), session, draft_id)


def _revision(row: Any) -> Revision:
    values = list(row)
    values[3] = RevisionKind(values[3])
    return Revision(*values)
