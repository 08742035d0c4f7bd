"""Which foreign OCR format a file is, read by its content, and the sidecar files that sit beside scans.

The format is taken from the file's content, never trusted from its name: vendors write ALTO and
PAGE alike as ``.xml``, and hOCR as ``.html`` or ``.hocr``; a byte-order mark before the markup is
looked past. Only a file that is not markup at all is plain text, so markup is never stored as a text.

Sidecars are picked up by name from folders nobody vetted, so a file is checked before it is opened
(a regular file, inside the scan folder: ``local_files``) and before it is read whole (its size).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from workbench.errors import ForeignFileError
from workbench.formats.alto_reader import read_alto
from workbench.formats.hocr_reader import read_hocr
from workbench.formats.imported_ocr import MAX_PAGE_TEXT_BYTES, ImportedOcr, OcrReader
from workbench.formats.local_files import refusal
from workbench.formats.page_reader import read_page_xml
from workbench.formats.safe_xml import MAX_FOREIGN_BYTES, markup_text, read_bounded

SIDECAR_SUFFIXES = (".hocr", ".xml", ".txt")
"""Beside ``x.jpg``, ``x.hocr``, ``x.xml`` (ALTO or PAGE) or ``x.txt``; the first found is taken, so
a file with word boxes wins over plain text."""

_HEAD_BYTES = 64 * 1024
# The first start tag that is not a declaration, a processing instruction or a comment: the root.
_ROOT_TAG = re.compile(r"<(?![?!/])(?:[\w.-]+:)?([\w.-]+)")
_READERS: dict[str, OcrReader] = {"hocr": read_hocr, "alto": read_alto, "page": read_page_xml}
_ROOTS = {"html": "hocr", "alto": "alto", "PcGts": "page"}


def detect_ocr_format(path: Path) -> str:
    """"hocr", "alto", "page" or "text", from what the start of the file holds.

    Raises:
        ForeignFileError: The file is markup of another kind, or cannot be read.
    """
    try:
        with path.open("rb") as file:
            head = markup_text(file.read(_HEAD_BYTES))
    except OSError as error:
        raise ForeignFileError(path, f"the file cannot be read ({error.strerror or error})") from error
    if not head.lstrip(" \t\r\n").startswith("<"):
        return "text"
    match = _ROOT_TAG.search(head)
    root = match.group(1) if match else ""
    if root.lower() == "html":
        return "hocr"
    if root in _ROOTS:
        return _ROOTS[root]
    if path.suffix.lower() == ".txt" and not head.lstrip(" \t\r\n").startswith("<?xml"):
        return "text"  # plain text that happens to start with "<"; an XML document never is
    raise ForeignFileError(
        path, f"not hOCR, ALTO, PAGE XML or plain text (its root element is <{root or '?'}>)"
    )


def read_ocr_file(
    path: Path, *, image_width: int, image_height: int, dpi: int | None = None, folder: Path | None = None
) -> ImportedOcr:
    """The OCR in ``path``, whichever of the known formats it is, checked against the scan's size.

    Refused before it is opened: anything but a regular file, and, when ``folder`` is given, a link
    leading out of it. Refused before it is read whole: plain text over MAX_PAGE_TEXT_BYTES, markup
    over MAX_FOREIGN_BYTES (with a box per word, markup is many times its text). Refused after it is
    read: markup whose text is over MAX_PAGE_TEXT_BYTES.
    """
    reason = refusal(path, folder)
    if reason is not None:
        raise ForeignFileError(path, reason)
    found = detect_ocr_format(path)
    if found == "text":
        _refuse_size(path, "the file is", path.stat().st_size, MAX_PAGE_TEXT_BYTES, "a page's text")
        return read_plain_text(path)
    _refuse_size(path, "the file is", path.stat().st_size, MAX_FOREIGN_BYTES, "an OCR file")
    imported = _READERS[found](path, image_width=image_width, image_height=image_height, dpi=dpi)
    text_size = len(imported.text.encode("utf-8"))
    _refuse_size(path, "its text is", text_size, MAX_PAGE_TEXT_BYTES, "a page's text")
    return imported


def read_plain_text(path: Path) -> ImportedOcr:
    """A plain-text sidecar as it is (UTF-8, newlines made ``\\n``): a text without word boxes."""
    try:
        text = read_bounded(path, max_bytes=MAX_PAGE_TEXT_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = f"the file is not UTF-8 text ({error.reason} at byte {error.start})"
        raise ForeignFileError(path, reason) from error
    if "\0" in text:
        raise ForeignFileError(path, "the file is not text (it holds NUL characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ImportedOcr(words=(), text=text, engine="unknown", format="text", level="page")


def find_sidecar(scan: Path) -> Path | None:
    """The OCR file beside ``scan`` with its stem (``x.jpg`` → ``x.hocr``, ``x.xml``, ``x.txt``).

    Whatever has the name counts, except a folder: a FIFO or a link leading away is then refused,
    by name, when it is read, rather than silently passed over.
    """
    for suffix in SIDECAR_SUFFIXES:
        candidate = scan.with_suffix(suffix)
        if os.path.lexists(candidate) and not candidate.is_dir():
            return candidate
    return None


def _refuse_size(path: Path, what: str, size: int, limit: int, kind: str) -> None:
    if size > limit:
        raise ForeignFileError(
            path, f"{what} {size / 2**20:,.1f} MB; {kind} may be at most {limit // 2**20} MB"
        )
