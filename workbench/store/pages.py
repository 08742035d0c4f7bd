"""Documents, pages, their scans and their status, as stored in the project file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from workbench.records import Document, Page, PageStatus, StatusChange

_PAGE_COLUMNS = (
    "id, document_id, position, label, scan_path, scan_index, scan_size, scan_sha256, "
    "width, height, dpi, status, current_revision_id"
)


@dataclass(frozen=True)
class NewPage:
    """A page about to be stored: where its scan is and what it looks like."""

    label: str
    scan_path: str
    scan_index: int
    scan_size: int
    scan_sha256: str
    width: int
    height: int
    dpi: int | None


def setting(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def put_setting(connection: sqlite3.Connection, key: str, value: str) -> None:
    connection.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def insert_document(
    connection: sqlite3.Connection,
    *,
    name: str,
    source: str,
    reference: str | None,
    title: str | None,
    created: str,
) -> int:
    position = connection.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM documents").fetchone()[0]
    cursor = connection.execute(
        "INSERT INTO documents (name, source, reference, title, position, created) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [name, source, reference, title, position, created],
    )
    return int(cursor.lastrowid or 0)


def insert_pages(connection: sqlite3.Connection, document_id: int, pages: Sequence[NewPage]) -> list[int]:
    """Append pages to the end of a document, in the order given."""
    last = connection.execute(
        "SELECT COALESCE(MAX(position), 0) FROM pages WHERE document_id = ?", [document_id]
    ).fetchone()[0]
    ids = []
    for offset, page in enumerate(pages, start=1):
        cursor = connection.execute(
            "INSERT INTO pages (document_id, position, label, scan_path, scan_index, scan_size, "
            "scan_sha256, width, height, dpi) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [document_id, last + offset, page.label, page.scan_path, page.scan_index,
             page.scan_size, page.scan_sha256, page.width, page.height, page.dpi],
        )
        ids.append(int(cursor.lastrowid or 0))
    return ids


def documents(db: sqlite_utils.Database) -> list[Document]:
    rows = db.execute(
        "SELECT id, name, source, reference, title, position FROM documents ORDER BY position"
    ).fetchall()
    return [Document(*row) for row in rows]


def document_by_name(db: sqlite_utils.Database, name: str) -> Document | None:
    row = db.execute(
        "SELECT id, name, source, reference, title, position FROM documents WHERE name = ?", [name]
    ).fetchone()
    return None if row is None else Document(*row)


def page_filter(
    table: str, *, document_id: int | None, statuses: Iterable[PageStatus] | None
) -> tuple[list[str], list[object]]:
    """SQL conditions (and their parameters) choosing pages of ``table`` by document and status."""
    clauses: list[str] = []
    parameters: list[object] = []
    if document_id is not None:
        clauses.append(f"{table}.document_id = ?")
        parameters.append(document_id)
    if statuses is not None:
        wanted = [str(status) for status in statuses]
        clauses.append(f"{table}.status IN ({', '.join('?' * len(wanted))})")
        parameters.extend(wanted)
    return clauses, parameters


def pages(
    db: sqlite_utils.Database,
    *,
    document_id: int | None = None,
    statuses: Iterable[PageStatus] | None = None,
) -> list[Page]:
    """Pages in reading order: by document, then by position within it."""
    clauses, parameters = page_filter("p", document_id=document_id, statuses=statuses)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    columns = ", ".join(f"p.{column.strip()}" for column in _PAGE_COLUMNS.split(","))
    rows = db.execute(
        f"SELECT {columns} FROM pages p JOIN documents d ON d.id = p.document_id {where} "
        "ORDER BY d.position, p.position",
        parameters,
    ).fetchall()
    return [_page(row) for row in rows]


def page(db: sqlite_utils.Database | sqlite3.Connection, page_id: int) -> Page | None:
    row = db.execute(f"SELECT {_PAGE_COLUMNS} FROM pages WHERE id = ?", [page_id]).fetchone()
    return None if row is None else _page(row)


def pages_by_label(db: sqlite_utils.Database, label: str) -> list[Page]:
    rows = db.execute(f"SELECT {_PAGE_COLUMNS} FROM pages WHERE label = ?", [label]).fetchall()
    return [_page(row) for row in rows]


def page_with_scan(db: sqlite_utils.Database, sha256: str, scan_index: int) -> Page | None:
    row = db.execute(
        f"SELECT {_PAGE_COLUMNS} FROM pages WHERE scan_sha256 = ? AND scan_index = ? LIMIT 1",
        [sha256, scan_index],
    ).fetchone()
    return None if row is None else _page(row)


def status_counts(db: sqlite_utils.Database) -> dict[PageStatus, int]:
    counts = {status: 0 for status in PageStatus}
    for status, count in db.execute("SELECT status, COUNT(*) FROM pages GROUP BY status").fetchall():
        counts[PageStatus(status)] = count
    return counts


def set_status(
    connection: sqlite3.Connection, page_id: int, status: PageStatus, *, author: str, created: str
) -> StatusChange:
    """Change a page's status and log who did it and when."""
    connection.execute("UPDATE pages SET status = ? WHERE id = ?", [str(status), page_id])
    connection.execute(
        "INSERT INTO status_changes (page_id, status, author, created) VALUES (?, ?, ?, ?)",
        [page_id, str(status), author, created],
    )
    return StatusChange(page_id, status, author, created)


def status_changes(db: sqlite_utils.Database, page_id: int) -> list[StatusChange]:
    rows = db.execute(
        "SELECT page_id, status, author, created FROM status_changes WHERE page_id = ? ORDER BY id",
        [page_id],
    ).fetchall()
    return [StatusChange(row[0], PageStatus(row[1]), row[2], row[3]) for row in rows]


def set_current_revision(connection: sqlite3.Connection, page_id: int, revision_id: int) -> None:
    connection.execute("UPDATE pages SET current_revision_id = ? WHERE id = ?", [revision_id, page_id])


def relink_scan(connection: sqlite3.Connection, page_id: int, scan_path: str) -> None:
    connection.execute("UPDATE pages SET scan_path = ? WHERE id = ?", [scan_path, page_id])


def _page(row: Any) -> Page:
    values = list(row)
    values[11] = PageStatus(values[11])
    return Page(*values)
