"""Revision texts as stored: compressed where that makes them smaller, as they are otherwise.

With the words packed, revision texts were most of the project file: five revisions of a page of
2.6 KB each took one 4 KB database page apiece (two such rows do not fit in one). A stored text
is either TEXT, the text itself (short texts, and every text stored before format 6), or a BLOB:
one byte naming the layout (``LAYOUT``), then zlib of the text in UTF-8. SQL reads a text through
the ``revision_text`` function, which every connection of ours registers (``add_sql_functions``):
the search index's view of the current texts and its trigger use it.
"""

from __future__ import annotations

import sqlite3
import zlib

LAYOUT = 1
SQL_FUNCTION = "revision_text"


def pack_text(text: str) -> str | bytes:
    """The stored form of ``text``: compressed if that is smaller, else the text itself."""
    encoded = text.encode("utf-8", "surrogatepass")
    packed = bytes([LAYOUT]) + zlib.compress(encoded)
    return packed if len(packed) < len(encoded) else text


def unpack_text(stored: str | bytes) -> str:
    """The text ``pack_text`` stored.

    Raises:
        ValueError: a compressed text in a layout this version does not know, or damaged.
    """
    if isinstance(stored, str):
        return stored
    if not stored or stored[0] != LAYOUT:
        raise ValueError(f"a stored text in an unknown layout ({stored[:1].hex() or 'empty'})")
    try:
        return zlib.decompress(stored[1:]).decode("utf-8", "surrogatepass")
    except (zlib.error, UnicodeDecodeError) as error:
        raise ValueError(f"a stored text is damaged ({error})") from error


def pack_existing_texts(connection: sqlite3.Connection) -> None:
    """Store the texts of an older project's revisions packed; what they say does not change, so
    neither do their hashes nor the search index."""
    last_id = 0
    while True:
        rows = connection.execute(
            "SELECT id, text FROM revisions WHERE id > ? AND typeof(text) = 'text' ORDER BY id LIMIT 500",
            [last_id],
        ).fetchall()
        if not rows:
            return
        connection.executemany("UPDATE revisions SET text = ? WHERE id = ?",
                               [(pack_text(text), revision_id) for revision_id, text in rows])
        last_id = rows[-1][0]


def add_sql_functions(connection: sqlite3.Connection) -> None:
    """Let SQL on ``connection`` read stored texts (the search index needs them)."""
    connection.create_function(SQL_FUNCTION, 1, _sql_text, deterministic=True)


def _sql_text(stored: str | bytes | None) -> str | None:
    return None if stored is None else unpack_text(stored)
