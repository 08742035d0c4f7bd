"""Opening and creating project files, refusing every file that is not one we may change.

A project is one SQLite file (WAL, foreign keys on) marked with our ``application_id`` and a
schema version in ``user_version``. Every check that can refuse a file runs on a read-only
connection first, so a refused file is never altered.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from pathlib import Path

import sqlite_utils

from workbench.errors import NewerProjectError, ProjectFileError, ReadOnlyProjectError
from workbench.store.migrations import LATEST_VERSION, migrate

APPLICATION_ID = 0x57424E43  # "WBNC": tells our files from any other SQLite database
_SQLITE_MAGIC = b"SQLite format 3\x00"
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
            migrate(sqlite_utils.Database(connection), from_version=0)
        finally:
            connection.close()
        os.replace(partial, path)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise ProjectFileError(f"Could not create {path}: {error}") from error


def open_database(path: Path) -> sqlite_utils.Database:
    """Open an existing project for reading and writing, migrating an older one after a backup."""
    _require_database_file(path)
    _require_writable(path)  # before SQLite opens it: WAL needs to write beside the file
    version = _schema_version(path)
    if version < LATEST_VERSION:
        backup_before_migration(path, version)
    connection = sqlite3.connect(path, isolation_level=None, timeout=_BUSY_TIMEOUT_MS / 1000)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = FULL")  # a save survives power loss, not just a crash
        connection.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        db = sqlite_utils.Database(connection)
        if version < LATEST_VERSION:
            migrate(db, from_version=version)
    except sqlite3.OperationalError as error:
        connection.close()
        raise ReadOnlyProjectError(
            f"{path} cannot be written ({error}); copy it to a folder you can write to."
        ) from error
    return db


def _require_database_file(path: Path) -> None:
    if not path.exists():
        raise ProjectFileError(f"There is no project at {path}; create one with 'workbench new {path}'.")
    if path.is_dir():
        raise ProjectFileError(f"{path} is a folder, not a project file.")
    header = _read_header(path)
    if not header.startswith(_SQLITE_MAGIC):
        raise ProjectFileError(f"{path} is not a Workbench project (it is not a database at all).")
    _refuse_truncated(path, header)


def _schema_version(path: Path) -> int:
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as ro:
            application_id = ro.execute("PRAGMA application_id").fetchone()[0]
            version = int(ro.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as error:
        raise ProjectFileError(
            f"{path} is damaged ({error}); restore it from a backup. The file was not changed."
        ) from error
    if application_id != APPLICATION_ID:
        raise ProjectFileError(f"{path} is a database, but not a Workbench project.")
    if version > LATEST_VERSION:
        raise NewerProjectError(
            f"{path} was written by a newer Workbench (project format {version}; this version reads "
            f"up to {LATEST_VERSION}). Update Workbench to open it; the file was not changed."
        )
    return version


def backup_before_migration(path: Path, version: int) -> Path:
    """Copy the project, consistently, to ``NAME.vVERSION.bak`` before its schema is upgraded."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    partial = target.with_name(target.name + ".partial")
    with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as source:
        with contextlib.closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)
    os.replace(partial, target)
    return target


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(100)
    except OSError as error:
        raise ProjectFileError(f"{path} cannot be read: {error.strerror}.") from error


def _refuse_truncated(path: Path, header: bytes) -> None:
    """Compare the size the header promises with the file's size: a cut-off copy is caught here."""
    if len(header) < 100:
        raise ProjectFileError(f"{path} is truncated; restore it from a backup.")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages_in_header = struct.unpack(">I", header[28:32])[0]
    if pages_in_header and path.stat().st_size < page_size * pages_in_header:
        raise ProjectFileError(
            f"{path} is truncated (shorter than its own header says); restore it from a backup. "
            "The file was not changed."
        )


def _require_writable(path: Path) -> None:
    if not os.access(path, os.W_OK):
        raise ReadOnlyProjectError(
            f"{path} is read-only; copy it to a folder you can write to, or change its permissions."
        )
    _require_writable_folder(path.parent)


def _require_writable_folder(folder: Path) -> None:
    """SQLite's write-ahead log lives beside the project file, so the folder must be writable too."""
    if not os.access(folder, os.W_OK):
        raise ReadOnlyProjectError(
            f"The folder {folder} is read-only; Workbench needs to write beside the project file. "
            "Copy the project to a folder you can write to."
        )
