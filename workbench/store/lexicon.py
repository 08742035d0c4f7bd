"""The project lexicon: words the archivist has accepted as right, so they are not flagged again."""

from __future__ import annotations

import sqlite3

import sqlite_utils


def add_word(connection: sqlite3.Connection, word: str, *, author: str, created: str, page_id: int) -> None:
    """Add ``word``; a word already there keeps who accepted it first, and when."""
    connection.execute(
        "INSERT INTO project_lexicon (word, author, created, page_id) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (word) DO NOTHING",
        [word, author, created, page_id],
    )


def words(db: sqlite_utils.Database) -> set[str]:
    return {row[0] for row in db.execute("SELECT word FROM project_lexicon").fetchall()}
