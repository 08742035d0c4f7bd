"""Where a batch export lands: a folder or a single ZIP, whole or not at all.

An export that stops half way (cancelled, killed, a full disk, a scan that cannot be read) must not
leave a mix of new and old files that a later reader takes for a finished batch. Both targets
therefore write the whole export into a hidden staging folder beside the target (same parent, so the
same file system), get it on disk, and put it in place with one rename that swaps it with the earlier
export; the earlier export is removed after. A process killed at any moment leaves the complete
earlier export or the complete new one at the target, at worst beside a hidden leftover named
``.TARGET.XXXXXXXXXXXX.workbench-export``, which the next export to that target removes.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import hashlib
import os
import re
import secrets
import shutil
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Protocol

from workbench.errors import ExportTargetTakenError, WorkbenchError
from workbench.formats.earlier_export import foreign_content
from workbench.formats.files import sync_to_disk, path_inside

if sys.platform != "win32":
    import fcntl

# Images (PNG, JPEG inside PDF) are compressed already; deflating them again costs time for nothing.
_STORED_SUFFIXES = frozenset({".png", ".pdf", ".docx", ".jpg", ".tif"})
_MARK = ".workbench-export"
_ASIDE = "-old"
"""Added to a staging name for an earlier export moved aside, where names cannot be swapped."""
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class ExportTarget(Protocol):
    def add(self, name: str, data: bytes) -> str:
        """Stage one file under its relative POSIX ``name``; returns the data's hex SHA-256."""

    def commit(self) -> None:
        """Put the whole export in place of the target."""

    def abort(self) -> None:
        """Forget every staged file; the target is left as it was before the export."""


def open_target(path: Path, project_id: str, *, overwrite: bool = False) -> ExportTarget:
    """A ZIP target when ``path`` ends in ``.zip`` (any case), else a folder target.

    Leftovers of killed exports to ``path`` are removed first. What is at ``path`` is replaced only
    when it is an earlier export of project ``project_id``, or when ``overwrite`` is set.

    Raises:
        ExportTargetTakenError: ``path`` holds something else and ``overwrite`` is not set.
        WorkbenchError: The staging folder cannot be made.
    """
    is_zip = path.suffix.casefold() == ".zip"
    remove_leftovers(path)
    foreign = None if overwrite else foreign_content(path, project_id)
    if foreign is not None:
        raise ExportTargetTakenError(path, foreign)
    return ZipTarget(path) if is_zip else FolderTarget(path)


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


def remove_leftovers(target: Path) -> None:
    """Remove what killed exports to ``target`` left beside it, and nothing else: only names of our
    staging pattern for this target, and not while a running export holds them. An earlier export
    moved aside is put back when the kill came before the new one took its place."""
    pattern = re.compile(rf"\.{re.escape(_short(target))}\.[0-9a-f]{{12}}{re.escape(_MARK)}({_ASIDE})?")
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or _in_use(entry):
            continue
        if match.group(1) and not os.path.lexists(target):
            with contextlib.suppress(OSError):
                os.rename(entry, target)
            continue
        _remove(entry)


class _Staging:
    """A hidden folder beside the target, locked while this export uses it, that ``publish`` swaps
    (or a file inside it) into the target's place."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.path = target.with_name(f".{_short(target)}.{secrets.token_hex(6)}{_MARK}")
        try:
            self.path.mkdir()
            self._lock = _lock(self.path)
        except OSError as error:
            _remove(self.path)
            raise WorkbenchError(f"Cannot create the export folder {target}: {error.strerror}.") from error

    def publish(self, new: Path, flush: Callable[[], None]) -> None:
        """Get ``new`` on disk, put it at the target in one step, then remove the earlier export."""
        try:
            flush()
            earlier = _put_in_place(new, self.target, self.path.with_name(self.path.name + _ASIDE))
            sync_to_disk(self.target.parent)
        except OSError as error:
            self.discard()
            raise WorkbenchError(
                f"Cannot put the export in place at {self.target}: {error.strerror}."
            ) from error
        if earlier is not None:
            _remove(earlier)
        self.discard()

    def discard(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None
        _remove(self.path)


class FolderTarget:
    """Files staged in a hidden folder beside ``FOLDER``, which takes ``FOLDER``'s place on commit."""

    def __init__(self, folder: Path) -> None:
        self.path = folder
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WorkbenchError(f"Cannot create the export folder {folder}: {error.strerror}.") from error
        self._staging = _Staging(folder)
        self._names: list[str] = []

    def add(self, name: str, data: bytes) -> str:
        staged = path_inside(self._staging.path, checked_name(name))
        try:
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(data)
        except OSError as error:
            self.abort()
            raise WorkbenchError(f"Cannot write {self.path / name}: {error.strerror}.") from error
        self._names.append(name)
        return hashlib.sha256(data).hexdigest()

    def commit(self) -> None:
        self._staging.publish(self._staging.path, self._flush_to_disk)

    def _flush_to_disk(self) -> None:
        """Get the staged data on disk before the rename publishes it, so that a power cut cannot leave
        published files empty. One ``sync`` for the whole batch: a training-lines export has tens of
        thousands of small files, and a sync per file took three quarters of its time."""
        if hasattr(os, "sync"):
            os.sync()
            return
        for name in self._names:
            with (self._staging.path / name).open("rb+") as stream:
                os.fsync(stream.fileno())

    def abort(self) -> None:
        self._staging.discard()


class ZipTarget:
    """Entries streamed into a ZIP in a hidden folder beside the target, which replaces it on commit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.parent.is_dir():
            raise WorkbenchError(f"Cannot create the export file {path}: its folder does not exist.")
        self._staging = _Staging(path)
        self._file = self._staging.path / "export.zip"
        try:
            self._zip = zipfile.ZipFile(self._file, "w", zipfile.ZIP_DEFLATED)
        except OSError as error:
            self._staging.discard()
            raise WorkbenchError(f"Cannot create the export file {path}: {error.strerror}.") from error
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
        try:
            self._zip.writestr(entry, data)
        except OSError as error:
            self.abort()
            raise WorkbenchError(f"Cannot write {self.path}: {error.strerror}.") from error
        return hashlib.sha256(data).hexdigest()

    def commit(self) -> None:
        self._staging.publish(self._file, self._finish)

    def _finish(self) -> None:
        self._zip.close()
        with self._file.open("rb+") as stream:
            os.fsync(stream.fileno())

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self._zip.close()
        self._staging.discard()


def _put_in_place(new: Path, target: Path, aside: Path) -> Path | None:
    """Move ``new`` to ``target``; returns where the earlier target now is, for removal."""
    if not os.path.lexists(target):
        os.rename(new, target)
        return None
    if _exchange(new, target):
        return new
    # No atomic swap here: for a moment there is no target; remove_leftovers puts ``aside`` back.
    os.rename(target, aside)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(aside, target)
        raise
    return aside


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names in one step (Linux renameat2); False where the system or file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


@functools.cache
def _renameat2() -> Callable[[int, bytes, int, bytes, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is None:  # a C library older than glibc 2.28
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]


def _lock(folder: Path) -> int | None:
    """An exclusive lock on ``folder`` that lasts while this process holds the returned descriptor."""
    if sys.platform == "win32":
        return None
    descriptor = os.open(folder, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor


def _in_use(folder: Path) -> bool:
    """Whether a running export holds ``folder``'s lock (a killed one no longer does)."""
    if sys.platform == "win32" or not folder.is_dir() or folder.is_symlink():
        return False
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False


def _short(target: Path) -> str:
    """The target's name as staging names carry it, short enough to leave room for the rest."""
    return target.name[:100]


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()

