"""Who else has the project open, and whether anyone else changed it, asked of SQLite alone.

``PRAGMA data_version`` changes whenever another connection (another window, a command-line
run, a background job) commits to the file, so a window can refresh exactly when it must. Open
windows announce themselves in ``open_windows`` with a heartbeat; a window killed without closing
stops beating and is no longer counted.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils

STALE_AFTER_SECONDS = 30.0
"""A window that has not beaten for this long is taken to be gone (it beats every few seconds)."""


def data_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def beat(connection: sqlite3.Connection, window_id: str, *, host: str, pid: int, author: str, now: float) -> None:
    connection.execute(
        "INSERT INTO open_windows (id, host, pid, author, heartbeat) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET heartbeat = excluded.heartbeat, author = excluded.author",
        [window_id, host, pid, author, now],
    )
    connection.execute("DELETE FROM open_windows WHERE heartbeat < ?", [now - 10 * STALE_AFTER_SECONDS])


def leave(connection: sqlite3.Connection, window_id: str) -> None:
    connection.execute("DELETE FROM open_windows WHERE id = ?", [window_id])


def other_windows(db: sqlite_utils.Database, window_id: str, *, now: float) -> list[str]:
    """The authors of the other windows open on the project now."""
    rows = db.execute(
        "SELECT author FROM open_windows WHERE id != ? AND heartbeat >= ? ORDER BY heartbeat",
        [window_id, now - STALE_AFTER_SECONDS],
    )
    return [author for (author,) in rows]
