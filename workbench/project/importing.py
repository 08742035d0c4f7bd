"""Adding scans to a project: each file is checked whole before any of its pages is stored."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from workbench.errors import UnreadableScanError
from workbench.formats.scans import ScanPage, find_scan_files, read_scan_pages, sha256_of_file
from workbench.progress import Progress
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
) -> ImportReport:
    """Add files and folders. A folder becomes one document, a file one document, unless
    ``document`` names the single document (new or existing) that everything goes into."""
    failures: list[ImportFailure] = []
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
                new_pages = _checked_pages(db, project_folder, file)
            except UnreadableScanError as error:
                failures.append(ImportFailure(error.path, error.reason))
                continue
            if not new_pages:
                already_present.append(file)
                continue
            with write_transaction(db) as connection:
                if document_id is None:
                    document_id = _target_document(
                        db, connection, source.path, document, reference, title, created
                    )
                page_ids.extend(pages.insert_pages(connection, document_id, new_pages))
    return ImportReport(tuple(page_ids), tuple(failures), tuple(already_present))


def _checked_pages(db: sqlite_utils.Database, project_folder: Path, file: Path) -> list[NewPage]:
    """The file's pages not yet in the project; raises if any page of it cannot be decoded."""
    scan_pages = read_scan_pages(file)
    digest = sha256_of_file(file)
    size = file.stat().st_size
    stored_path = stored_scan_path(project_folder, file)
    return [
        _new_page(scan_page, len(scan_pages), stored_path, size, digest)
        for scan_page in scan_pages
        if pages.page_with_scan(db, digest, scan_page.index) is None
    ]


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
