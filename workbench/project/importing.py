"""Adding scans to a project: each file is checked whole before any of its pages is stored.

OCR made elsewhere comes along: a single-page scan ``x.jpg`` with ``x.hocr``, ``x.xml`` or ``x.txt``
beside it (or the file named by ``ocr``) gets that OCR as its first revision, stored in the same
transaction as the page. A sidecar that cannot be used is reported by name with its reason and the
page is added without it: the scan is fine, and refusing it for its OCR would lose the page too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from workbench.errors import ForeignFileError, UnreadableScanError, WorkbenchError
from workbench.formats.imported_ocr import ImportedOcr
from workbench.formats.ocr_files import find_sidecar
from workbench.formats.scans import ScanPage, find_scan_files, read_scan_pages, sha256_of_file
from workbench.progress import Progress
from workbench.project.ocr_import import read_for_page, store_import
from workbench.project.scans import stored_scan_path
from workbench.store import pages
from workbench.store.pages import NewPage
from workbench.store.transactions import write_transaction


@dataclass(frozen=True)
class ImportFailure:
    path: Path
    reason: str


@dataclass(frozen=True)
class ImportReport:
    page_ids: tuple[int, ...]
    failures: tuple[ImportFailure, ...]
    already_present: tuple[Path, ...]
    """Files whose every page was already in the project (same contents); they are not added twice."""
    ocr_imported: tuple[tuple[int, Path], ...] = ()
    """(page id, OCR file) of each page that got its first revision from an OCR file."""
    ocr_failures: tuple[ImportFailure, ...] = ()
    """OCR files that were refused; their pages were added without them."""


@dataclass(frozen=True)
class _Source:
    """One argument of an import: a folder or file, and the scan files found in it."""

    path: Path
    files: tuple[Path, ...]


def add_scans(
    db: sqlite_utils.Database,
    project_folder: Path,
    paths: Sequence[Path],
    *,
    document: str | None,
    reference: str | None,
    title: str | None,
    created: str,
    progress: Progress,
    ocr: Path | None = None,
    author: str = "import",
) -> ImportReport:
    """Add files and folders. A folder becomes one document, a file one document, unless
    ``document`` names the single document (new or existing) that everything goes into.

    ``ocr`` is an OCR file for the one scan in ``paths``, instead of any sidecar beside it; ``author``
    is recorded with imported OCR.
    """
    if ocr is not None and (len(paths) != 1 or paths[0].is_dir()):
        raise WorkbenchError(f"{ocr} can be imported for one scan file only, not for several or a folder.")
    if ocr is not None and not ocr.is_file():
        raise WorkbenchError(f"{ocr}: there is no such OCR file; nothing was added.")
    failures: list[ImportFailure] = []
    ocr_failures: list[ImportFailure] = []
    ocr_imported: list[tuple[int, Path]] = []
    sources = []
    for path in paths:
        try:
            sources.append(_Source(path, tuple(find_scan_files([path]))))
        except UnreadableScanError as error:
            failures.append(ImportFailure(error.path, error.reason))
    total = sum(len(source.files) for source in sources)
    page_ids: list[int] = []
    already_present: list[Path] = []
    done = 0
    for source in sources:
        document_id: int | None = None
        for file in source.files:
            done += 1
            progress.advance(done, total, file.name)
            try:
                new_pages, page_count = _checked_pages(db, project_folder, file)
            except UnreadableScanError as error:
                failures.append(ImportFailure(error.path, error.reason))
                continue
            if not new_pages:
                already_present.append(file)
                if ocr is not None:
                    ocr_failures.append(ImportFailure(ocr, "the scan is already in the project"))
                continue
            sidecar = ocr or find_sidecar(file)
            imported = None
            if sidecar is not None:
                imported = _read_sidecar(sidecar, new_pages, page_count, ocr_failures)
            with write_transaction(db) as connection:
                if document_id is None:
                    document_id = _target_document(
                        db, connection, source.path, document, reference, title, created
                    )
                new_ids = pages.insert_pages(connection, document_id, new_pages)
                if imported is not None and sidecar is not None:
                    store_import(connection, new_ids[0], imported, sidecar, author=author, created=created)
                    ocr_imported.append((new_ids[0], sidecar))
            page_ids.extend(new_ids)
    return ImportReport(
        tuple(page_ids), tuple(failures), tuple(already_present), tuple(ocr_imported), tuple(ocr_failures)
    )


def _read_sidecar(
    path: Path, new_pages: list[NewPage], page_count: int, failures: list[ImportFailure]
) -> ImportedOcr | None:
    """The OCR for a scan's one page, read and checked before the page is stored; None (and a failure
    noted) when it cannot be used."""
    if page_count != 1:
        failures.append(ImportFailure(path, "OCR files are imported for single-page scans only"))
        return None
    try:
        return read_for_page(path, new_pages[0])
    except ForeignFileError as error:
        failures.append(ImportFailure(error.path, error.reason))
        return None


def _checked_pages(
    db: sqlite_utils.Database, project_folder: Path, file: Path
) -> tuple[list[NewPage], int]:
    """The file's pages not yet in the project, and how many pages it has; raises if any page of it
    cannot be decoded."""
    scan_pages = read_scan_pages(file)
    digest = sha256_of_file(file)
    size = file.stat().st_size
    stored_path = stored_scan_path(project_folder, file)
    new_pages = [
        _new_page(scan_page, len(scan_pages), stored_path, size, digest)
        for scan_page in scan_pages
        if pages.page_with_scan(db, digest, scan_page.index) is None
    ]
    return new_pages, len(scan_pages)


def _new_page(scan: ScanPage, page_count: int, stored_path: str, size: int, digest: str) -> NewPage:
    label = scan.path.stem if page_count == 1 else f"{scan.path.stem}-p{scan.index + 1}"
    return NewPage(
        label=label, scan_path=stored_path, scan_index=scan.index, scan_size=size,
        scan_sha256=digest, width=scan.width, height=scan.height, dpi=scan.dpi,
    )


def _target_document(
    db: sqlite_utils.Database,
    connection: sqlite3.Connection,
    source: Path,
    document: str | None,
    reference: str | None,
    title: str | None,
    created: str,
) -> int:
    name = document or (source.name if source.is_dir() else source.stem)
    if document is not None:
        existing = pages.document_by_name(db, document)
        if existing is not None:
            return existing.id
    return pages.insert_document(
        connection, name=name, source=source.resolve().as_posix(), reference=reference,
        title=title, created=created,
    )
