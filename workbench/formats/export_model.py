"""Everything an exporter needs to write one page, gathered once so that writers are pure functions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.formats.layout import PageLayout


@dataclass(frozen=True)
class OcrSource:
    """The recognition the page's words came from, named in the exports beside the workbench's own
    correcting step, so an archive can tell which engine read its pages and how."""

    engine: str
    """The engine ("tesseract"), or the producer an imported file names ("ABBYY FineReader Engine 11")."""
    version: str
    """The engine's version, empty when the name already carries it or nothing says."""
    settings: str
    """How it read the page ("languages eng, page segmentation mode 3"), or which file it was
    imported from ("imported from x.xml (alto)")."""
    created: str
    """When the page was recognised or imported, UTC ISO 8601."""


@dataclass(frozen=True)
class PageExport:
    """One revision of one page with its metadata and its words laid on the scan.

    Writers take this and return bytes; they never touch the project, so the same value can be
    written to several formats, on another thread, or in a benchmark without a project file.
    """

    project_name: str
    document_name: str
    document_reference: str | None
    page_id: int
    page_label: str
    position: int
    """The page's place in its document, from 1."""
    scan_path: Path
    """The scan on disk (absolute). Writers record only its name: exports travel without the folders."""
    scan_index: int
    """Which image of a multi-page scan file (TIFF, PDF) the page is, from 0."""
    width: int
    height: int
    """Of the scan in pixels, the coordinate space of every box in ``layout``."""
    dpi: int | None
    revision_id: int
    author: str
    created: str
    """When the revision was saved, UTC ISO 8601."""
    chain_hash: str
    """The revision's tamper-evidence hash (the head of the page's hash chain), for manifests."""
    status: str
    revision_kind: str
    text: str
    """The revision's text exactly as saved."""
    layout: PageLayout
    software: str
    """The exporting program and version, e.g. "Workbench 0.1.0"."""
    ocr: OcrSource | None = None
    """The OCR the words came from; None for a page that has none (plain text, typed)."""
