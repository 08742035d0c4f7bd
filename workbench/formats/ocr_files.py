"""Which foreign OCR format a file is, read by its content, and the sidecar files that sit beside scans.

The format is taken from the file's content, never trusted from its name: vendors write ALTO and
PAGE alike as ``.xml``, and hOCR as ``.html`` or ``.hocr``. Only a file that is not markup at all is
plain text.
"""

from __future__ import annotations

import re
from pathlib import Path

from workbench.errors import ForeignFileError
from workbench.formats.alto_reader import read_alto
from workbench.formats.hocr_reader import read_hocr
from workbench.formats.imported_ocr import ImportedOcr, OcrReader
from workbench.formats.page_reader import read_page_xml
from workbench.formats.safe_xml import MAX_FOREIGN_BYTES, markup_text, read_bounded

SIDECAR_SUFFIXES = (".hocr", ".xml", ".txt")
"""Beside ``x.jpg``, ``x.hocr``, ``x.xml`` (ALTO or PAGE) or ``x.txt``; the first found is taken, so
a file with word boxes wins over plain text."""

_HEAD_CHARS = 64 * 1024
# The first start tag that is not a declaration, a processing instruction or a comment: the root.
_ROOT_TAG = re.compile(r"<(?![?!/])(?:[\w.-]+:)?([\w.-]+)")
_READERS: dict[str, OcrReader] = {"hocr": read_hocr, "alto": read_alto, "page": read_page_xml}
_ROOTS = {"html": "hocr", "alto": "alto", "PcGts": "page"}


def detect_ocr_format(path: Path, *, max_bytes: int = MAX_FOREIGN_BYTES) -> str:
    """"hocr", "alto", "page" or "text", from what the file holds.

    Raises:
        ForeignFileError: The file is markup of another kind, or cannot be read.
    """
    head = markup_text(read_bounded(path, max_bytes=max_bytes)[:_HEAD_CHARS])
    if not head.lstrip("\ufeff \t\r\n").startswith("<"):
        return "text"
    match = _ROOT_TAG.search(head)
    root = match.group(1) if match else ""
    if root.lower() == "html":
        return "hocr"
    if root in _ROOTS:
        return _ROOTS[root]
    if path.suffix.lower() == ".txt":
        return "text"  # plain text that happens to start with "<"
    raise ForeignFileError(
        path, f"not hOCR, ALTO, PAGE XML or plain text (its root element is <{root or '?'}>)"
    )


def read_ocr_file(
    path: Path, *, image_width: int, image_height: int, dpi: int | None = None,
    max_bytes: int = MAX_FOREIGN_BYTES,
) -> ImportedOcr:
    """The OCR in ``path``, whichever of the known formats it is, checked against the scan's size."""
    found = detect_ocr_format(path, max_bytes=max_bytes)
    if found == "text":
        return read_plain_text(path, max_bytes=max_bytes)
    return _READERS[found](path, image_width=image_width, image_height=image_height, dpi=dpi)


def read_plain_text(path: Path, *, max_bytes: int = MAX_FOREIGN_BYTES) -> ImportedOcr:
    """A plain-text sidecar as it is (UTF-8, newlines made ``\\n``): a text without word boxes."""
    try:
        text = read_bounded(path, max_bytes=max_bytes).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = f"the file is not UTF-8 text ({error.reason} at byte {error.start})"
        raise ForeignFileError(path, reason) from error
    if "\0" in text:
        raise ForeignFileError(path, "the file is not text (it holds NUL characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ImportedOcr(words=(), text=text, engine="unknown", format="text")


def find_sidecar(scan: Path) -> Path | None:
    """The OCR file beside ``scan`` with its stem (``x.jpg`` → ``x.hocr``, ``x.xml``, ``x.txt``)."""
    for suffix in SIDECAR_SUFFIXES:
        candidate = scan.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None
