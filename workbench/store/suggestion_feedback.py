"""What the archivist did with suggestions (accepted fixes, rejected flags), and corrected pages'
texts beside their OCR: the material suggestions learn from."""

from __future__ import annotations

import sqlite3

import sqlite_utils

from workbench.store.text_packing import SQL_FUNCTION


def add_feedback(connection: sqlite3.Connection, *, page_id: int, action: str, wrong: str, fixed: str | None,
                 author: str, created: str) -> None:
    connection.execute(
        "INSERT INTO suggestion_feedback (page_id, action, wrong, fixed, author, created) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [page_id, action, wrong, fixed, author, created],
    )


def accepted_fixes(db: sqlite_utils.Database) -> list[tuple[str, str, int]]:
    """(wrong, fixed, times) of every fix the archivist accepted."""
    rows = db.execute(
        "SELECT wrong, fixed, COUNT(*) FROM suggestion_feedback WHERE action = 'accepted' AND fixed IS NOT NULL "
        "GROUP BY wrong, fixed"
    ).fetchall()
    return [(wrong, fixed, count) for wrong, fixed, count in rows]


def learning_state(db: sqlite_utils.Database) -> tuple[int, ...]:
    """Numbers that change whenever anything suggestions learn from changes."""
    row = db.execute(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM revisions), (SELECT COALESCE(MAX(id), 0) FROM suggestion_feedback),"
        " (SELECT COUNT(*) FROM project_lexicon), (SELECT COALESCE(MAX(id), 0) FROM status_changes)"
    ).fetchone()
    return tuple(int(value) for value in row)


def corrected_texts(db: sqlite_utils.Database) -> list[tuple[int, int, str, str | None]]:
    """(page id, current revision id, current text, latest OCR text or None) of pages marked corrected
    or verified."""
    rows = db.execute(
        f"SELECT pages.id, current.id, {SQL_FUNCTION}(current.text), {SQL_FUNCTION}(recognised.text) FROM pages "
        "JOIN revisions AS current ON current.id = pages.current_revision_id "
        "LEFT JOIN revisions AS recognised ON recognised.id = ("
        "    SELECT MAX(id) FROM revisions WHERE page_id = pages.id AND kind IN ('ocr', 'import')) "
        "WHERE pages.status IN ('corrected', 'verified')"
    ).fetchall()
    return [(page_id, revision_id, text, ocr) for page_id, revision_id, text, ocr in rows]
