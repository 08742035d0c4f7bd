"""The pages' current texts read in bulk, for operations that look at many pages at once."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

import sqlite_utils

from workbench.records import PageStatus
from workbench.store.pages import page_filter
from workbench.store.text_packing import SQL_FUNCTION


def current_texts(
    db: sqlite_utils.Database,
    *,
    phrase: Sequence[str] | None = None,
    document_id: int | None = None,
    statuses: Iterable[PageStatus] | None = None,
) -> list[tuple[int, int, str]]:
    """(page id, current revision id, current text) of the chosen pages, in reading order.

    With ``phrase``, only pages the search index says hold those words in a row (quoted as one FTS5
    phrase, so no input is read as query syntax); pages without a text are left out.
    """
    clauses, parameters = page_filter("pages", document_id=document_id, statuses=statuses)
    if phrase is not None:
        clauses.append("pages.id IN (SELECT rowid FROM page_search WHERE page_search MATCH ?)")
        parameters.append('"' + " ".join(phrase).replace('"', '""') + '"')
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = db.execute(
        f"SELECT pages.id, revisions.id, {SQL_FUNCTION}(revisions.text) FROM pages "
        "JOIN revisions ON revisions.id = pages.current_revision_id "
        f"JOIN documents ON documents.id = pages.document_id {where} "
        "ORDER BY documents.position, pages.position",
        parameters,
    ).fetchall()
    return [(page_id, revision_id, text) for page_id, revision_id, text in rows]


def page_status(connection: sqlite3.Connection, page_id: int) -> PageStatus | None:
    """The page's status as this transaction sees it; None for no such page."""
    row = connection.execute("SELECT status FROM pages WHERE id = ?", [page_id]).fetchone()
    return None if row is None else PageStatus(row[0])
