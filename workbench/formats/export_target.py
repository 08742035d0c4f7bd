"""Where a batch export lands: a folder or a single ZIP, whole or not at all.

An export that stops half way (cancelled, a full disk, a scan that cannot be read) must not leave a
mix of new and old files that a later reader takes for a finished batch. Both targets therefore
collect the files aside and put them in place only in ``commit``: the folder target in a hidden
staging folder inside the target folder (same file system, so each file lands with one rename),
the ZIP target in a temporary file renamed over the ZIP.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
import time
import zipfile
from contextlib import ExitStack
from pathlib import Path, PurePosixPath
from typing import Protocol

from workbench.errors import WorkbenchError
from workbench.formats.files import atomic_file, path_inside

# Images (PNG, JPEG inside PDF) are compressed already; deflating them again costs time for nothing.
_STORED_SUFFIXES = frozenset({".png", ".pdf", ".docx", ".jpg", ".tif"})


class ExportTarget(Protocol):
    def add(self, name: str, data: bytes) -> str:
        """Stage one file under its relative POSIX ``name``; returns the data's hex SHA-256."""

    def commit(self) -> None:
        """Put every staged file in place."""

    def abort(self) -> None:
        """Forget every staged file; the target is left as it was before the export."""


def open_target(path: Path) -> ExportTarget:
    """A ZIP target when ``path`` ends in ``.zip`` (any case), else a folder target."""
    return ZipTarget(path) if path.suffix.casefold() == ".zip" else FolderTarget(path)


def checked_name(name: str) -> str:
    """``name`` if it is a harmless relative POSIX path, as every name inside an export must be.

    Names are built from safe_file_name parts already; this is the last check before a name reaches
    a folder or a ZIP, where ``..``, an absolute path or a backslash would let it land elsewhere when
    the ZIP is unpacked.

    Raises:
        WorkbenchError: The name is absolute, empty, or has a ``..``, ``.``, backslash or drive part.
    """
    parts = name.split("/")
    if "\\" in name or ":" in name or "\x00" in name or any(part in ("", ".", "..") for part in parts):
        raise WorkbenchError(f"The export file name {name!r} is not a safe relative name; it was refused.")
    return name


class FolderTarget:
    """Files staged in ``FOLDER/.export-*.workbench.tmp`` and moved into ``FOLDER`` on commit."""

    def __init__(self, folder: Path) -> None:
        self.path = folder
        self._created = not folder.exists()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._staging = folder / f".export-{secrets.token_hex(6)}.workbench.tmp"
            self._staging.mkdir()
        except OSError as error:
            raise WorkbenchError(f"Cannot create the export folder {folder}: {error.strerror}.") from error
        self._names: list[str] = []

    def add(self, name: str, data: bytes) -> str:
        staged = path_inside(self._staging, checked_name(name))
        try:
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(data)
        except OSError as error:
            self.abort()
            raise WorkbenchError(f"Cannot write {self.path / name}: {error.strerror}.") from error
        self._names.append(name)
        return hashlib.sha256(data).hexdigest()

    def commit(self) -> None:
        try:
            self._flush_to_disk()
            for name in self._names:
                final = path_inside(self.path, name)
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(self._staging / name, final)
        except OSError as error:
            raise WorkbenchError(f"Cannot move the exported files into {self.path}: {error.strerror}.") from error
        finally:
            self.abort()

    def _flush_to_disk(self) -> None:
        """Get the staged data on disk before the renames publish it, so that a power cut cannot leave
        published files empty. One ``sync`` for the whole batch: a training-lines export has tens of
        thousands of small files, and a sync per file took three quarters of its time."""
        if hasattr(os, "sync"):
            os.sync()
            return
        for name in self._names:
            with (self._staging / name).open("rb+") as stream:
                os.fsync(stream.fileno())

    def abort(self) -> None:
        shutil.rmtree(self._staging, ignore_errors=True)
        if self._created:
            with contextlib.suppress(OSError):  # only if empty: a commit has put files there
                self.path.rmdir()


class ZipTarget:
    """Entries streamed into a temporary file beside the ZIP, which replaces the ZIP on commit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.parent.is_dir():
            raise WorkbenchError(f"Cannot create the export file {path}: its folder does not exist.")
        self._stack = ExitStack()
        stream = self._stack.enter_context(atomic_file(path))
        self._zip = self._stack.enter_context(zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED))
        self._names: set[str] = set()
        self._time = time.localtime()[:6]

    def add(self, name: str, data: bytes) -> str:
        checked_name(name)
        if name in self._names:
            raise WorkbenchError(f"The export would hold {name!r} twice; it was refused.")
        self._names.add(name)
        stored = PurePosixPath(name).suffix.casefold() in _STORED_SUFFIXES
        entry = zipfile.ZipInfo(name, date_time=self._time)
        entry.external_attr = 0o644 << 16  # rw-r--r-- when unpacked, like any file the user makes
        entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        self._zip.writestr(entry, data)
        return hashlib.sha256(data).hexdigest()

    def commit(self) -> None:
        self._stack.close()

    def abort(self) -> None:
        """Leave the ``with`` blocks as if by an error: atomic_file then removes its temporary file."""
        self._stack.__exit__(WorkbenchError, WorkbenchError("export aborted"), None)
