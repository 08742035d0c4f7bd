"""Plain data the core hands to its callers: documents, pages, revisions, drafts, search hits, progress.

No SQL rows leak past ``workbench.store``; these frozen dataclasses are what the facade, the
command line and the window see.
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.records.ocr import OcrWord


class PageStatus(enum.StrEnum):
    """Where a page stands in the archivist's work, in the order pages move through it."""

    NEW = "new"
    RECOGNISED = "recognised"
    IN_PROGRESS = "in progress"
    CORRECTED = "corrected"
    VERIFIED = "verified"


NEEDING_WORK = frozenset({PageStatus.NEW, PageStatus.RECOGNISED, PageStatus.IN_PROGRESS})
"""Statuses of pages the archivist has not finished: the "next page needing work" and the counts."""


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
    chain_hash: str | None = None
    """SHA-256 over the content and the parent's hash (store/chain.py): tamper evidence."""


class DraftOrigin(enum.StrEnum):
    AUTOSAVE = "autosave"
    """Typing not yet saved, kept every few seconds so that a crash costs little."""
    REFUSED = "refused"
    """A save refused as a conflict: the page was saved elsewhere in between."""


@dataclass(frozen=True)
class Draft:
    """Unsaved text of a page, kept as a record of its own until the archivist discards it."""

    page_id: int
    base_revision_id: int | None
    text: str
    author: str
    updated: str
    origin: DraftOrigin = DraftOrigin.AUTOSAVE
    session: str | None = None
    """The editing session (one window's page editor) an autosave belongs to."""
    id: int = 0


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


@dataclass(frozen=True)
class SearchHit:
    """One occurrence of a searched phrase in a page's current text."""

    page_id: int
    start: int
    end: int
    """The occurrence is ``current_text[start:end]``, in Python character offsets."""
    context: str
    """The line of the current text the occurrence is on (the lines, if it spans a line break)."""


@dataclass(frozen=True)
class PageTally:
    """How far a set of pages has come: pages per status, and how far the texts moved from the OCR."""

    statuses: dict[PageStatus, int]
    """Every status, with zero for those no page has."""
    compared_chars: int
    """Characters of current text (normalised for scoring) on the pages that have OCR to compare with."""
    char_errors: int
    """Character edits between those pages' OCR text and their current text."""

    @property
    def pages(self) -> int:
        return sum(self.statuses.values())

    @property
    def cer(self) -> float | None:
        """The OCR's character error rate against the current text, weighted by characters; None
        when no page has both."""
        return None if self.compared_chars == 0 else self.char_errors / self.compared_chars


@dataclass(frozen=True)
class PageProgress:
    """One page's share of the overview: its status, and how far its text moved from its OCR."""

    page_id: int
    document_id: int
    status: PageStatus
    compared_chars: int
    """Characters of current text compared with the OCR; 0 when the page lacks either."""
    char_errors: int


@dataclass(frozen=True)
class DocumentOverview:
    document_id: int
    name: str
    tally: PageTally


@dataclass(frozen=True)
class ProjectOverview:
    """The archivist's progress: one row per document, in order, and the whole project."""

    documents: tuple[DocumentOverview, ...]
    total: PageTally

    @classmethod
    def of(cls, documents: Iterable[Document], pages: Iterable[PageProgress]) -> ProjectOverview:
        """Add the pages up per document (in the documents' order) and in total; a window keeps
        the pages and adds them up again when some of them change, instead of measuring all."""
        statuses: dict[int, Counter[PageStatus]] = defaultdict(Counter)
        compared: Counter[int] = Counter()
        errors: Counter[int] = Counter()
        for page in pages:
            statuses[page.document_id][page.status] += 1
            compared[page.document_id] += page.compared_chars
            errors[page.document_id] += page.char_errors
        rows = tuple(
            DocumentOverview(document.id, document.name, PageTally(
                {status: statuses[document.id][status] for status in PageStatus},
                compared[document.id], errors[document.id]))
            for document in documents
        )
        total = PageTally(
            {status: sum(row.tally.statuses[status] for row in rows) for status in PageStatus},
            sum(row.tally.compared_chars for row in rows), sum(row.tally.char_errors for row in rows),
        )
        return cls(rows, total)
