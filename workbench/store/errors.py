"""SQLite's errors told as what happened to the archivist's project, and what to do about it.

A full disk, a lock held by another program and a damaged file are three different situations;
each gets its own error and advice, so nobody is told to restore a backup over a sound project.
Only errors of the file's environment are translated: any other SQLite error is a bug and is
raised as it is.
"""

from __future__ import annotations

import functools
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from workbench.store.backups import newest_backup
from workbench.errors import (
    DamagedProjectError,
    DiskFullError,
    ProjectBusyError,
    ReadOnlyProjectError,
    StorageError,
    WorkbenchError,
)

BUSY, LOCKED, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
"""SQLite's primary result codes (the low byte of an extended code)."""

_NEARLY_FULL_BYTES = 1_000_000
"""Free space under which an I/O error is taken to be a full disk."""

def restore_advice(path: Path) -> str:
    """Where to restore from: the newest backup if there is one, never a guess."""
    newest = newest_backup(path)
    if newest is None:
        return "no backup of it was found; keep the file as it is and ask for help before changing it"
    return f"the newest backup is {newest} ('workbench restore {newest} {path}')"


def damaged(path: Path, detail: str) -> DamagedProjectError:
    return DamagedProjectError(
        f"{path} is damaged ({detail}); {restore_advice(path)}. The file was not changed."
    )


def primary_code(error: sqlite3.Error) -> int:
    return int(getattr(error, "sqlite_errorcode", 0)) & 0xFF


def storage_error(error: sqlite3.Error, path: Path) -> WorkbenchError | None:
    """The user's error for a failure of the project file's environment, or None for a bug."""
    code = primary_code(error)
    if code in (BUSY, LOCKED):
        return ProjectBusyError(
            f"{path.name} is busy: another window or command kept it locked for too long. "
            "Nothing was lost; try again in a moment."
        )
    if code == FULL or (code in (IOERR, CANTOPEN) and _disk_is_full(path)):
        return DiskFullError(
            f"The disk holding {path} is full; the last change was not stored, everything before it "
            "is intact. Free some space and try again."
        )
    if code == READONLY:
        return ReadOnlyProjectError(
            f"{path} cannot be written ({error}); it was opened read-only, or its folder is read-only. "
            "Copy it to a folder you can write to."
        )
    if code in (CORRUPT, NOTADB):
        return damaged(path, str(error))
    if code in (IOERR, CANTOPEN):
        return StorageError(
            f"{path} could not be read or written ({error}): the disk may be failing, full or "
            "disconnected. The project was not changed by this error."
        )
    return None


def _disk_is_full(path: Path) -> bool:
    """SQLite reports a disk that cannot even hold the shared-memory file as an I/O error."""
    try:
        return shutil.disk_usage(path.parent).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


Method = TypeVar("Method", bound=Callable[..., Any])


def translating(method: Method) -> Method:
    """Wrap a facade method so that environment failures reach the user as WorkbenchErrors."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            translated = storage_error(error, self.path)
            if translated is None:
                raise
            raise translated from error

    return wrapper  # type: ignore[return-value]


Class = TypeVar("Class", bound=type)


def translate_storage_errors(cls: Class) -> Class:
    """Apply ``translating`` to every public method and property of a facade class."""
    for name, member in list(vars(cls).items()):
        if name.startswith("_"):
            continue
        if isinstance(member, property) and member.fget is not None:
            setattr(cls, name, property(translating(member.fget), member.fset))
        elif callable(member) and not isinstance(member, (classmethod, staticmethod)):
            setattr(cls, name, translating(member))
    return cls
