"""Plain data the core hands to its callers: documents, pages, revisions, drafts.

No SQL rows leak past ``workbench.store``; these frozen dataclasses are what the facade, the
command line and the window see.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from workbench.ocr.engine import OcrWord


class PageStatus(enum.StrEnum):
    """Where a page stands in the archivist's work, in the order pages move through it."""

    NEW = "new"
    RECOGNISED = "recognised"
    IN_PROGRESS = "in progress"
    CORRECTED = "corrected"
    VERIFIED = "verified"


class RevisionKind(enum.StrEnum):
    """Why a revision exists."""

    OCR = "ocr"
    EDIT = "edit"
    BATCH = "batch"
    REVERT = "revert"
    IMPORT = "import"


@dataclass(frozen=True)
class Document:
    id: int
    name: str
    source: str
    reference: str | None
    title: str | None
    position: int


@dataclass(frozen=True)
class Page:
    """A page of a document and the scan it was read from."""

    id: int
    document_id: int
    position: int
    label: str
    scan_path: str
    """As stored: relative to the project file's folder where possible, POSIX separators."""
    scan_index: int
    scan_size: int
    scan_sha256: str
    width: int
    height: int
    dpi: int | None
    status: PageStatus
    current_revision_id: int | None


@dataclass(frozen=True)
class Revision:
    """One saved state of a page's text; revisions are never changed or deleted."""

    id: int
    page_id: int
    parent_id: int | None
    kind: RevisionKind
    author: str
    created: str
    note: str | None
    text: str
    ocr_run_id: int | None


@dataclass(frozen=True)
class Draft:
    """Unsaved text of a page, kept so that a crash costs at most a few seconds of typing."""

    page_id: int
    base_revision_id: int | None
    text: str
    author: str
    updated: str


@dataclass(frozen=True)
class StatusChange:
    page_id: int
    status: PageStatus
    author: str
    created: str


@dataclass(frozen=True)
class OcrRun:
    """One recognition of one page: its words and how they were made."""

    id: int
    page_id: int
    engine: str
    engine_version: str
    settings: dict[str, object]
    seconds: float
    created: str
    words: tuple[OcrWord, ...]
