"""Full-text search over the pages' current texts (the FTS5 index the schema keeps current)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlite_utils


def pages_with_phrase(db: sqlite_utils.Database, words: Sequence[str]) -> list[int]:
    """The pages whose current text holds ``words`` in a row, in reading order.

    The words go to FTS5 as one quoted phrase, with any quote doubled, so no input can be read as
    query syntax (``NEAR``, ``OR``, ``*``, a column filter) or fail to parse. Only ids come back:
    sorting texts as well made a search for a common word over 10,000 pages ten times slower.
    """
    phrase = '"' + " ".join(words).replace('"', '""') + '"'
    rows = db.execute(
        "SELECT pages.id FROM page_search "
        "JOIN pages ON pages.id = page_search.rowid "
        "JOIN documents ON documents.id = pages.document_id "
        "WHERE page_search MATCH ? ORDER BY documents.position, pages.position",
        [phrase],
    ).fetchall()
    return [row[0] for row in rows]


def current_text(db: sqlite_utils.Database, page_id: int) -> str:
    """The page's current text, as the index reads it ("" for a page with none)."""
    row = db.execute("SELECT text FROM current_texts WHERE page_id = ?", [page_id]).fetchone()
    return "" if row is None else str(row[0])
