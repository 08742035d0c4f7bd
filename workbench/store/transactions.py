"""One immediate transaction per change, so that a change is stored whole or not at all."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from typing import TypeAlias

import sqlite_utils

Transaction: TypeAlias = sqlite3.Connection
"""What a ``write_transaction`` block writes through: the store's functions take it, and code
above the store only passes it on (so only the store names SQLite)."""


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[Transaction]:
    """Run the block as one ``BEGIN IMMEDIATE`` transaction: the write lock is taken up front,
    so two processes saving at once queue instead of failing half-way."""
    connection = db.conn
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
