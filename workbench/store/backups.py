"""Backup copies of a project file, by SQLite's online backup API only: never by copying bytes.

A byte copy of a file in WAL mode misses what is still in its ``-wal``, and a copy laid over a file
whose old ``-wal`` is still beside it is read as a malformed database. The backup API reads one
consistent snapshot while other processes keep writing, and writes into a live file as one
transaction that every other connection sees whole. The names and the folder of the automatic
backups live here too, so that an error message anywhere below the facade can name the newest one.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from workbench.errors import ProjectFileError
from workbench.formats.files import sync_to_disk
from workbench.store.migrations import APPLICATION_ID

_BUSY_TIMEOUT_S = 10.0
_TIME_FORMAT = "%Y%m%dT%H%M%SZ"
_BACKUP_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<time>\d{8}T\d{6}Z)-(?P<reason>[a-z]+(?:-[a-z]+)*)(?:-(?P<number>\d+))?\.wbproj$"
)
_WAL_HEADER = 2  # bytes 18 and 19 of the header: 1 for a rollback journal, 2 for WAL


@dataclass(frozen=True)
class BackupFile:
    """One backup in a project's backups folder, as its name describes it."""

    path: Path
    taken: datetime  # UTC
    reason: str
    size: int
    number: int = 1  # keeps apart the names of backups taken within the same second


def backups_folder(project_path: Path) -> Path:
    """``NAME.wbproj.backups`` beside the project: it moves and is deleted with the project's folder."""
    return project_path.with_name(project_path.name + ".backups")


def new_backup_path(folder: Path, project_path: Path, reason: str, taken: datetime) -> Path:
    """``STEM-YYYYMMDDTHHMMSSZ-REASON.wbproj`` in ``folder``, numbered after any taken that second
    (never reusing a rotated-away number, which would sort the new backup among the old)."""
    stem = f"{project_path.stem}-{taken.astimezone(timezone.utc).strftime(_TIME_FORMAT)}-{reason}"
    numbers = [1 if match["number"] is None else int(match["number"])
               for match in map(_BACKUP_NAME.match, (path.name for path in folder.glob(f"{stem}*.wbproj")))
               if match is not None and f"{match['stem']}-{match['time']}-{match['reason']}" == stem]
    if not numbers:
        return folder / f"{stem}.wbproj"
    return folder / f"{stem}-{max(numbers) + 1}.wbproj"


def list_backups(project_path: Path) -> list[BackupFile]:
    """The backups in the project's backups folder, newest first; other files there are ignored."""
    folder = backups_folder(project_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _BACKUP_NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        taken = datetime.strptime(match["time"], _TIME_FORMAT).replace(tzinfo=timezone.utc)
        found.append(BackupFile(path, taken, match["reason"], path.stat().st_size, int(match["number"] or 1)))
    return sorted(found, key=lambda backup: (backup.taken, backup.number), reverse=True)


def newest_backup(project_path: Path) -> Path | None:
    """The backup to name in a message that says "restore from a backup"; None if there is none."""
    try:
        backups = list_backups(project_path)
    except OSError:
        return None
    return backups[0].path if backups else None


def copy_project_file(source: Path, target: Path, *, live: bool) -> int:
    """Copy the project file ``source`` to the new file ``target``; return its schema version.

    ``live`` is a project other processes may be writing; otherwise ``source`` is a backup, read
    without leaving files beside it. The copy is written under a temporary name, checked
    (``quick_check``, our ``application_id``), made self-contained (no ``-wal``), flushed to the
    disk, then renamed into place, so ``target`` is either a sound copy or absent.

    Raises:
        ProjectFileError: ``source`` is not a sound project file, or ``target`` cannot be written.
    """
    partial = target.with_name(target.name + ".partial")
    _remove_with_companions(partial)
    try:
        with contextlib.closing(_open_source(source, live=live)) as reader:
            with contextlib.closing(sqlite3.connect(partial, isolation_level=None)) as copy:
                reader.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # the source's WAL mark came with page 1
                version = _check_copy(source, copy)
        sync_to_disk(partial)
        os.replace(partial, target)
    except sqlite3.Error as error:
        if error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_CORRUPT:
            raise ProjectFileError(f"{source} is damaged ({error}).") from error
        raise ProjectFileError(f"{source} cannot be read as a project file ({error}).") from error
    except OSError as error:
        raise ProjectFileError(f"Cannot copy {source} to {target}: {error.strerror or error}.") from error
    finally:
        _remove_with_companions(partial)
    sync_to_disk(target.parent)
    return version


def copy_into(source: Path, project_path: Path) -> None:
    """Write the whole of ``source`` into the project file as one transaction, keeping its WAL mode.

    Other processes may have the project open: they wait for the write lock as for a save, then
    see the new contents (their schema is reloaded).

    Raises:
        ProjectFileError: the copy could not be written; the project is as it was.
    """
    try:
        with contextlib.closing(sqlite3.connect(source, isolation_level=None)) as reader:
            with contextlib.closing(
                sqlite3.connect(project_path, isolation_level=None, timeout=_BUSY_TIMEOUT_S)
            ) as project:
                project.execute("PRAGMA synchronous = FULL")
                reader.backup(project)
    except sqlite3.Error as error:
        raise ProjectFileError(f"Could not write into {project_path} ({error}); it was not changed.") from error


def is_sound_project(path: Path) -> bool:
    """Whether ``path`` (with its ``-wal``) opens as one of our projects and passes ``quick_check``."""
    if not path.is_file():
        return False
    try:
        with contextlib.closing(_open_source(path, live=True)) as reader:
            ours = reader.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
            return ours and reader.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    except sqlite3.DatabaseError:
        return False


def move_aside(path: Path, new_path: Path) -> list[Path]:
    """Rename ``path`` and its ``-wal`` and ``-shm`` together; return the new names of those present.

    The log goes first, so that no ``-wal`` is ever left beside a file it does not belong to.
    """
    present = [suffix for suffix in ("", "-wal", "-shm") if Path(f"{path}{suffix}").exists()]
    for suffix in sorted(present, key=bool, reverse=True):
        os.replace(f"{path}{suffix}", f"{new_path}{suffix}")
    sync_to_disk(path.parent)
    return [Path(f"{new_path}{suffix}") for suffix in present]


def use_wal(path: Path) -> None:
    """Put a project file that no one has open into WAL mode, as every open project is."""
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")


def _open_source(path: Path, *, live: bool) -> sqlite3.Connection:
    """A read-only connection. A file marked WAL with no ``-wal`` beside it is open nowhere, so it is
    read as immutable: SQLite would otherwise leave an empty ``-wal`` and ``-shm`` beside it."""
    if not path.is_file():
        raise ProjectFileError(f"There is no file at {path}.")
    settled = not live and not Path(f"{path}-wal").exists() and _journal_mark(path) == _WAL_HEADER
    mode = "immutable=1" if settled else "mode=ro"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, timeout=_BUSY_TIMEOUT_S)


def _journal_mark(path: Path) -> int:
    with path.open("rb") as file:
        header = file.read(20)
    return header[18] if len(header) == 20 else 0


def _check_copy(source: Path, copy: sqlite3.Connection) -> int:
    problems = [row[0] for row in copy.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise ProjectFileError(f"{source} is damaged (SQLite finds: {problems[0]}).")
    if copy.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise ProjectFileError(f"{source} is a database, but not a Workbench project.")
    return int(copy.execute("PRAGMA user_version").fetchone()[0])


def _remove_with_companions(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
