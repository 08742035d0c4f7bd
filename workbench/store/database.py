"""Opening and creating project files, refusing every file that is not one we may change.

A project is one SQLite file (WAL, foreign keys on) marked with our ``application_id`` and a
schema version in ``user_version``. Every check that can refuse a file runs on a read-only
connection first, so a refused file is never altered.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path

import sqlite_utils

from workbench.errors import NewerProjectError, ProjectFileError, ReadOnlyProjectError
from workbench.store.errors import BUSY, CANTOPEN, LOCKED, NOTADB, damaged, primary_code, storage_error
from workbench.store.migrations import APPLICATION_ID, LATEST_VERSION, REQUIRED_TABLES, migrate
from workbench.store.text_packing import add_sql_functions

__all__ = ["APPLICATION_ID", "create_database", "open_database", "is_writable", "backup_before_migration"]

_BUSY_TIMEOUT_MS = 10_000


def create_database(path: Path) -> None:
    """Create an empty project file at ``path``, whole or not at all."""
    if path.exists():
        raise ProjectFileError(f"{path} already exists; open it, or choose another name.")
    if not path.parent.is_dir():
        raise ProjectFileError(f"The folder {path.parent} does not exist.")
    _require_writable_folder(path.parent)
    partial = path.with_name(path.name + ".creating")
    partial.unlink(missing_ok=True)
    try:
        connection = sqlite3.connect(partial, isolation_level=None)
        try:
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            add_sql_functions(connection)
            migrate(sqlite_utils.Database(connection))
        finally:
            connection.close()
        os.replace(partial, path)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise ProjectFileError(f"Could not create {path}: {error}") from error


def open_database(path: Path, *, read_only: bool = False) -> sqlite_utils.Database:
    """Open an existing project, migrating an older one after a backup.

    Only SQLite touches the file: on POSIX, closing any other descriptor of it would drop this
    process's locks, and another process closing the project would then delete the write-ahead
    log from under it. ``read_only`` opens a project whose file or folder cannot be written, for
    reading and export.
    """
    _require_database_file(path)
    version = _schema_version(path)
    if version < LATEST_VERSION:
        if read_only:
            raise ReadOnlyProjectError(
                f"{path} is in an older project format and cannot be upgraded where it is (read-only); "
                "copy it to a folder you can write to."
            )
        backup_before_migration(path, version)
    connection = _connect(path, read_only=read_only)
    try:
        _configure(connection, read_only=read_only)
        db = sqlite_utils.Database(connection)
        if version < LATEST_VERSION:
            migrate(db)
        _refuse_damaged(connection, path)
        if not read_only:
            _reclaim_space(connection)
    except sqlite3.Error as error:
        connection.close()
        raise storage_error(error, path) or damaged(path, str(error)) from error
    except BaseException:
        connection.close()
        raise
    return db


def is_writable(path: Path) -> bool:
    """Whether the project can be opened for writing: its file, and its folder for the WAL files."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        return _read_only_connection(path)
    return sqlite3.connect(path, isolation_level=None, timeout=_BUSY_TIMEOUT_MS / 1000)


def _checked(connection: sqlite3.Connection) -> sqlite3.Connection:
    """SQLite opens lazily: read the schema now, so that a file it cannot use fails here."""
    try:
        connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def _configure(connection: sqlite3.Connection, *, read_only: bool) -> None:
    add_sql_functions(connection)
    connection.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    if read_only:
        connection.execute("PRAGMA query_only = ON")
        return
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")  # a save survives power loss, not just a crash


def _reclaim_space(connection: sqlite3.Connection) -> None:
    """Give the disk back the space of a file at least a quarter empty: a migration that repacked
    words and texts leaves it so (daily work, which only appends, never does).

    SQLite reuses free pages but never shrinks the file by itself. ``VACUUM`` rewrites it as one
    transaction, so a process killed meanwhile leaves the file as it was, for the next opening to
    shrink. Another process busy with the file only postpones this: free pages serve later writes.
    """
    free = int(connection.execute("PRAGMA freelist_count").fetchone()[0])
    if free * 4 < int(connection.execute("PRAGMA page_count").fetchone()[0]):
        return
    try:
        connection.execute("VACUUM")
    except sqlite3.OperationalError as error:
        if primary_code(error) not in (BUSY, LOCKED):
            raise
        return
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the rewritten file, not a log as large


def _require_database_file(path: Path) -> None:
    """Refuse what is no file at all, by its metadata only: nothing here opens the file."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise ProjectFileError(f"There is no project at {path}; create one with 'workbench new {path}'.") from None
    except OSError as error:
        raise ProjectFileError(f"{path} cannot be read: {error.strerror}.") from error
    if stat.S_ISDIR(mode):
        raise ProjectFileError(f"{path} is a folder, not a project file.")
    if not stat.S_ISREG(mode):
        raise ProjectFileError(f"{path} is not a regular file, so it cannot be a project.")


def _schema_version(path: Path) -> int:
    """The file's format, read on a read-only connection: a file refused here is never altered.

    SQLite recovers a crashed writer's log as it opens the file, so a sound file that was being
    checkpointed when its writer died is read whole, not mistaken for a truncated one.
    """
    try:
        with contextlib.closing(_read_only_connection(path)) as ro:
            application_id = ro.execute("PRAGMA application_id").fetchone()[0]
            version = int(ro.execute("PRAGMA user_version").fetchone()[0])
            tables = {name for (name,) in ro.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        if primary_code(error) == NOTADB:
            raise ProjectFileError(f"{path} is not a Workbench project (it is not a database at all).") from error
        raise storage_error(error, path) or damaged(path, str(error)) from error
    if application_id != APPLICATION_ID:
        raise ProjectFileError(f"{path} is a database, but not a Workbench project.")
    if version > LATEST_VERSION:
        raise NewerProjectError(
            f"{path} was written by a newer Workbench (project format {version}; this version reads "
            f"up to {LATEST_VERSION}). Update Workbench to open it; the file was not changed."
        )
    missing = REQUIRED_TABLES - tables if version > 0 else set()
    if missing:
        raise damaged(path, f"it is marked as a project but lacks its tables {', '.join(sorted(missing))}")
    return version


def _read_only_connection(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri()
    try:
        return _checked(sqlite3.connect(
            f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=_BUSY_TIMEOUT_MS / 1000
        ))
    except sqlite3.OperationalError as error:
        if primary_code(error) != CANTOPEN or path.with_name(path.name + "-wal").exists():
            raise
        # A read-only folder where nobody can be writing (no log beside the file): SQLite may read
        # the file as it stands, without the shared-memory file it cannot create there.
        return _checked(sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None))


def _refuse_damaged(connection: sqlite3.Connection, path: Path) -> None:
    """After SQLite's own recovery: a file shorter than the database it holds is checked whole.

    The pages of a sound file may still sit in the write-ahead log, so a short file alone proves
    nothing; ``quick_check`` decides, and runs only then, since it reads the whole file.
    """
    page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
    page_count = int(connection.execute("PRAGMA page_count").fetchone()[0])
    wal = path.with_name(path.name + "-wal")
    on_disk = path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    if page_size * page_count <= on_disk:
        return
    problems = [row[0] for row in connection.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise damaged(path, "; ".join(problems))


def backup_before_migration(path: Path, version: int) -> Path:
    """Copy the project, consistently, to ``NAME.vVERSION.bak`` before its schema is upgraded.

    Another process may have upgraded the file since its version was read: that process took the
    backup, and a copy of the upgraded file must not replace it.
    """
    target = path.with_name(f"{path.name}.v{version}.bak")
    partial = target.with_name(target.name + ".partial")
    with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as source:
        with contextlib.closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)
            copied_version = int(copy.execute("PRAGMA user_version").fetchone()[0])
    if copied_version != version:
        partial.unlink()
        return target
    os.replace(partial, target)
    return target


def _require_writable_folder(folder: Path) -> None:
    """SQLite's write-ahead log lives beside the project file, so the folder must be writable too."""
    if not os.access(folder, os.W_OK):
        raise ReadOnlyProjectError(
            f"The folder {folder} is read-only; Workbench needs to write beside the project file. "
            "Copy the project to a folder you can write to."
        )
