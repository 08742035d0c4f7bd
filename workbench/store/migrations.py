"""The project file's schema, as a list of forward migrations; ``user_version`` counts those applied.

Add a migration by appending to ``MIGRATIONS``; never edit one that has shipped. The caller takes
a backup copy before upgrading an existing file (``database.backup_before_migration``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlite_utils

from workbench.store.chain import hash_existing_revisions
from workbench.store.former_words import repack_json_words
from workbench.store.text_packing import SQL_FUNCTION, pack_existing_texts
from workbench.store.transactions import write_transaction

APPLICATION_ID = 0x57424E43  # "WBNC": tells our files from any other SQLite database

Step = str | Callable[[sqlite3.Connection], None]
"""A migration step: an SQL statement, or a function for what SQL alone cannot compute."""

_VERSION_1 = (
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        source TEXT NOT NULL,
        reference TEXT,
        title TEXT,
        position INTEGER NOT NULL UNIQUE,
        created TEXT NOT NULL
    )""",
    """CREATE TABLE pages (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        position INTEGER NOT NULL,
        label TEXT NOT NULL,
        scan_path TEXT NOT NULL,
        scan_index INTEGER NOT NULL DEFAULT 0,
        scan_size INTEGER NOT NULL,
        scan_sha256 TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        dpi INTEGER,
        status TEXT NOT NULL DEFAULT 'new'
            CHECK (status IN ('new', 'recognised', 'in progress', 'corrected', 'verified')),
        current_revision_id INTEGER REFERENCES revisions(id),
        UNIQUE (document_id, position)
    )""",
    "CREATE INDEX pages_by_label ON pages(label)",
    """CREATE TABLE ocr_runs (
        id INTEGER PRIMARY KEY,
        page_id INTEGER NOT NULL REFERENCES pages(id),
        engine TEXT NOT NULL,
        engine_version TEXT NOT NULL,
        settings TEXT NOT NULL,
        seconds REAL NOT NULL,
        created TEXT NOT NULL,
        words TEXT NOT NULL
    )""",
    "CREATE INDEX ocr_runs_by_page ON ocr_runs(page_id, id)",
    """CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        page_id INTEGER NOT NULL REFERENCES pages(id),
        parent_id INTEGER REFERENCES revisions(id),
        kind TEXT NOT NULL CHECK (kind IN ('ocr', 'edit', 'batch', 'revert', 'import')),
        author TEXT NOT NULL,
        created TEXT NOT NULL,
        note TEXT,
        text TEXT NOT NULL,
        ocr_run_id INTEGER REFERENCES ocr_runs(id)
    )""",
    "CREATE INDEX revisions_by_page ON revisions(page_id, id)",
    """CREATE TRIGGER revisions_are_never_changed BEFORE UPDATE ON revisions
       BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END""",
    """CREATE TRIGGER revisions_are_never_deleted BEFORE DELETE ON revisions
       BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END""",
    """CREATE TABLE status_changes (
        id INTEGER PRIMARY KEY,
        page_id INTEGER NOT NULL REFERENCES pages(id),
        status TEXT NOT NULL,
        author TEXT NOT NULL,
        created TEXT NOT NULL
    )""",
    "CREATE INDEX status_changes_by_page ON status_changes(page_id, id)",
    """CREATE TABLE drafts (
        page_id INTEGER PRIMARY KEY REFERENCES pages(id),
        base_revision_id INTEGER REFERENCES revisions(id),
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        updated TEXT NOT NULL
    )""",
)

# Search and the archivist's own words. The index holds no copy of any text (a page's text lives only
# in its revisions): its content is the view of current texts, its rowid the page id, and one trigger
# keeps it current whoever moves a page's current-revision pointer (OCR, save, revert).
_VERSION_2 = (
    """CREATE VIEW current_texts AS
       SELECT pages.id AS page_id, revisions.text AS text
       FROM pages JOIN revisions ON revisions.id = pages.current_revision_id""",
    """CREATE VIRTUAL TABLE page_search USING fts5(
        text, content = 'current_texts', content_rowid = 'page_id',
        tokenize = 'unicode61 remove_diacritics 2'
    )""",
    "INSERT INTO page_search (page_search) VALUES ('rebuild')",
    """CREATE TRIGGER page_search_follows_current_text
       AFTER UPDATE OF current_revision_id ON pages
       WHEN old.current_revision_id IS NOT new.current_revision_id
       BEGIN
           INSERT INTO page_search (page_search, rowid, text)
               SELECT 'delete', old.id, text FROM revisions WHERE id = old.current_revision_id;
           INSERT INTO page_search (rowid, text)
               SELECT new.id, text FROM revisions WHERE id = new.current_revision_id;
       END""",
    """CREATE TABLE project_lexicon (
        word TEXT PRIMARY KEY,
        author TEXT NOT NULL,
        created TEXT NOT NULL,
        page_id INTEGER REFERENCES pages(id)
    )""",
)

# What the archivist did with suggestions: accepted fixes (wrong form → fix) and rejected flags, so
# later suggestions learn from them. Append-only, like revisions.
_VERSION_3 = (
    """CREATE TABLE suggestion_feedback (
        id INTEGER PRIMARY KEY,
        page_id INTEGER REFERENCES pages(id),
        action TEXT NOT NULL CHECK (action IN ('accepted', 'rejected')),
        wrong TEXT NOT NULL,
        fixed TEXT,
        author TEXT NOT NULL,
        created TEXT NOT NULL
    )""",
    "CREATE INDEX suggestion_feedback_by_action ON suggestion_feedback(action, wrong)",
)

# No table changes: OCR words may now carry a tenth field, their alternatives, which a version that
# knows only nine cannot read. The new version number makes such versions refuse the file cleanly.
_VERSION_4: tuple[str, ...] = ()

# Tamper evidence and drafts that are never replaced. Each revision carries a hash chained to its
# parent's (store/chain.py), so a rewritten revision is detected by ``workbench verify``; an INSERT
# that reuses a revision's id (INSERT OR REPLACE deletes without firing delete triggers) is refused.
# Drafts become records of their own: a refused save or another window's autosave no longer
# replaces the only copy of someone's typing.
_VERSION_5: tuple[Step, ...] = (
    "ALTER TABLE revisions ADD COLUMN chain_hash TEXT",
    "DROP TRIGGER revisions_are_never_changed",
    hash_existing_revisions,
    """CREATE TRIGGER revisions_are_never_changed BEFORE UPDATE ON revisions
       BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END""",
    """CREATE TRIGGER revisions_are_never_replaced BEFORE INSERT ON revisions
       WHEN EXISTS (SELECT 1 FROM revisions WHERE id = new.id)
       BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END""",
    """CREATE TABLE kept_drafts (
        id INTEGER PRIMARY KEY,
        page_id INTEGER NOT NULL REFERENCES pages(id),
        base_revision_id INTEGER REFERENCES revisions(id),
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        updated TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('autosave', 'refused')),
        session TEXT
    )""",
    """INSERT INTO kept_drafts (page_id, base_revision_id, text, author, updated, origin)
       SELECT page_id, base_revision_id, text, author, updated, 'autosave' FROM drafts""",
    "DROP TABLE drafts",
    "ALTER TABLE kept_drafts RENAME TO drafts",
    "CREATE INDEX drafts_by_page ON drafts(page_id, id)",
    # Windows open on the project, each beating every few seconds, so that a second window on the
    # same file can say so; a killed window's row simply stops beating.
    """CREATE TABLE open_windows (
        id TEXT PRIMARY KEY,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        author TEXT NOT NULL,
        heartbeat REAL NOT NULL
    )""",
)

# A project of 10,000 pages a third of the size. Each run's words become one compressed blob of
# columns (store/word_packing.py) instead of JSON text, and each revision's text is compressed
# where that makes it smaller (store/text_packing.py); both columns keep their declared types, as
# SQLite keeps a blob as it is in any column. SQL reads a stored text through ``revision_text``,
# which every connection of ours registers: the search index's view and trigger now do.
_VERSION_6: tuple[Step, ...] = (
    repack_json_words,
    "DROP TRIGGER page_search_follows_current_text",
    "DROP VIEW current_texts",
    f"""CREATE VIEW current_texts AS
       SELECT pages.id AS page_id, {SQL_FUNCTION}(revisions.text) AS text
       FROM pages JOIN revisions ON revisions.id = pages.current_revision_id""",
    f"""CREATE TRIGGER page_search_follows_current_text
       AFTER UPDATE OF current_revision_id ON pages
       WHEN old.current_revision_id IS NOT new.current_revision_id
       BEGIN
           INSERT INTO page_search (page_search, rowid, text)
               SELECT 'delete', old.id, {SQL_FUNCTION}(text) FROM revisions WHERE id = old.current_revision_id;
           INSERT INTO page_search (rowid, text)
               SELECT new.id, {SQL_FUNCTION}(text) FROM revisions WHERE id = new.current_revision_id;
       END""",
    "DROP TRIGGER revisions_are_never_changed",
    pack_existing_texts,
    """CREATE TRIGGER revisions_are_never_changed BEFORE UPDATE ON revisions
       BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END""",
)

MIGRATIONS: tuple[tuple[Step, ...], ...] = (
    _VERSION_1, _VERSION_2, _VERSION_3, _VERSION_4, _VERSION_5, _VERSION_6,
)
LATEST_VERSION = len(MIGRATIONS)
REQUIRED_TABLES = frozenset({"settings", "documents", "pages", "ocr_runs", "revisions", "status_changes", "drafts"})
"""Tables every project has had since version 1: a marked file without them is damaged."""


def migrate(db: sqlite_utils.Database) -> None:
    """Apply every migration the file lacks in one transaction, then record the version.

    The version is read inside the transaction: another process may have migrated the file while
    this one waited for the write lock, and its migrations must not run twice. A process killed
    midway leaves the file as it was, since the transaction is never committed.
    """
    with write_transaction(db) as connection:
        applied = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if applied >= LATEST_VERSION:
            return
        for steps in MIGRATIONS[applied:]:
            for step in steps:
                if isinstance(step, str):
                    connection.execute(step)
                else:
                    step(connection)
        connection.execute(f"PRAGMA user_version = {LATEST_VERSION}")
