"""Looking into a project file as another program would: through SQLite, on the test's own
connection, never through a Project's private parts."""

from __future__ import annotations

import sqlite3
import struct
import sys
import zlib
from array import array
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from workbench.store.text_packing import SQL_FUNCTION


def sql(path: Path, statement: str, parameters: Sequence[object] = ()) -> list[tuple[object, ...]]:
    """Run one statement on the file (committed if it writes) and return its rows."""
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        return connection.execute(statement, parameters).fetchall()


def copy_rows_with_plain_texts(connection: sqlite3.Connection, attached: str) -> None:
    """Copy every row of the project attached as ``attached`` into the older-format file open on
    ``connection`` (its tables made by that format's migrations), revision texts unpacked as
    formats before text packing stored them. ``connection`` needs the store's SQL functions."""
    for table in ("settings", "documents", "pages", "ocr_runs", "revisions", "status_changes"):
        columns = [row[1] for row in connection.execute(f"PRAGMA main.table_info({table})")]
        selected = ", ".join(f"{SQL_FUNCTION}(text)" if (table, column) == ("revisions", "text") else column
                             for column in columns)
        connection.execute(f"INSERT INTO main.{table} ({', '.join(columns)}) SELECT {selected} FROM {attached}.{table}")


def stored_box_changes(packed: bytes) -> list[int]:
    """Each word's box changes in a run's stored words (``word_packing``'s layout 2: its eleventh
    column): not 0 where the word gives a line, paragraph or block box of its own."""
    assert packed[0] == 2, f"words in layout {packed[0]}"
    payload = zlib.decompress(packed[1:])
    code, count = struct.unpack_from("<cI", payload)
    integers = array(code.decode())
    start = struct.calcsize("<cI") + 10 * count * integers.itemsize
    integers.frombytes(payload[start:start + count * integers.itemsize])
    if sys.byteorder == "big":
        integers.byteswap()
    return integers.tolist()


def still_open(connections: list[sqlite3.Connection]) -> sqlite3.Connection:
    """The one of ``connections`` still open: a Project's own, once the probes of its opening and
    its daily backup have closed theirs."""
    alive = []
    for connection in connections:
        try:
            connection.execute("SELECT 1")
        except sqlite3.ProgrammingError:  # closed
            continue
        alive.append(connection)
    [connection] = alive
    return connection


@contextmanager
def connections_opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[sqlite3.Connection]]:
    """The SQLite connections opened inside the block (give them to ``still_open`` for a Project's
    own, to look at its settings or trace its statements)."""
    opened: list[sqlite3.Connection] = []
    connect = sqlite3.connect

    def recorded(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = connect(*args, **kwargs)  # type: ignore[arg-type]
        opened.append(connection)
        return connection

    with monkeypatch.context() as patch:
        patch.setattr(sqlite3, "connect", recorded)
        yield opened
