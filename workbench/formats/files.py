"""Writing export files safely: atomic replacement, harmless file names, no escape from the target folder."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from workbench.errors import WorkbenchError

# Leaves room for an extension the exporter adds within the 255-byte name limit of common file systems.
_MAX_CHARS = 120
_MAX_BYTES = 200

# Separators plus the characters Windows refuses, so that an export folder can be copied to any system.
_UNSAFE_RUN = re.compile(r'[/\\<>:"|?*]+')

_RESERVED_ON_WINDOWS = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"COM{n}" for n in range(1, 10)]
    + [f"LPT{n}" for n in range(1, 10)]
)


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never a torn one.

    The data goes to a temporary file in the same folder, is flushed to disk and then renamed over
    ``path``. An error at any point leaves the previous file as it was and removes the temporary file; a
    crash leaves the previous file too, at worst beside a stray ``.*.workbench.tmp``. Text is written as
    UTF-8 with its newlines as given, never translated to ``\\r\\n``.

    Raises:
        WorkbenchError: The folder or file cannot be written (missing, read-only, full disk).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_file(path) as stream:
        stream.write(payload)


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary stream that replaces ``path`` when the ``with`` block ends, as write_atomically does.

    For output too large to hold in memory (a ZIP of a whole export). An exception inside the block,
    Cancelled included, removes the temporary file and leaves ``path`` as it was.

    Raises:
        WorkbenchError: The folder or file cannot be written (missing, read-only, full disk).
    """
    temporary = path.with_name(f".{secrets.token_hex(6)}.workbench.tmp")
    try:
        # 0o666 lets the umask decide the final permissions, as for any newly created file.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(temporary, flags, 0o666)
        try:
            with os.fdopen(fd, "wb") as stream:
                yield stream
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        sync_to_disk(path.parent)
    except OSError as error:
        raise WorkbenchError(f"Cannot write {path}: {error.strerror or error}") from error


def sync_to_disk(path: Path) -> None:
    """Flush a file, or a folder's entries (so that a rename survives a power cut), where the
    platform allows it.

    Windows cannot open a folder for syncing, and some network file systems refuse it; the new file is
    already in place by then, so failing here would report a write that happened as failed.
    """
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def safe_file_name(name: str, *, fallback: str = "untitled") -> str:
    """Turn a title (a page label, a batch name) into one file name that is safe on any system.

    Separators and characters Windows forbids become ``_``; control and formatting characters (which
    include the bidirectional overrides used to disguise names) are dropped; whitespace runs become one
    space; leading dots (hidden files, ``..``) and trailing dots and spaces (which Windows drops) are
    removed; Windows device names such as ``CON`` get a leading ``_``. Letters of any script are kept.
    The result is at most 120 characters and 200 UTF-8 bytes.

    Args:
        name: The title to turn into a file name.
        fallback: Returned when nothing usable is left; it must itself be a safe name.
    """
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if ch.isspace() or unicodedata.category(ch)[0] != "C")
    name = " ".join(_UNSAFE_RUN.sub("_", name).split())
    name = name.lstrip(". ")[:_MAX_CHARS].encode("utf-8")[:_MAX_BYTES].decode("utf-8", errors="ignore")
    name = name.rstrip(". ")
    if name.split(".", 1)[0].rstrip().upper() in _RESERVED_ON_WINDOWS:
        name = f"_{name}"
    return name or fallback


def path_inside(folder: Path, relative: str | Path) -> Path:
    """Resolve ``relative`` against ``folder``, refusing any result that is not inside ``folder``.

    Paths named by foreign files (an image referenced from a PAGE file, a name in a batch) are hostile:
    ``..``, absolute paths and symbolic links that lead out of the folder are all refused. The folder
    itself is refused too, as it names no file in it.

    Raises:
        WorkbenchError: The path would leave ``folder`` or cannot be resolved.
    """
    try:
        root = folder.resolve()
        target = (root / relative).resolve()
    except (OSError, RuntimeError, ValueError) as error:  # RuntimeError: a symbolic link loop
        raise WorkbenchError(f"Cannot use the path {str(relative)!r} in {folder}: {error}") from error
    if target == root or not target.is_relative_to(root):
        raise WorkbenchError(f"The path {str(relative)!r} leads outside the folder {folder}; it was refused.")
    return target
