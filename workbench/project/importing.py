"""Adding scans to a project: each file is checked whole before any of its pages is stored.

OCR made elsewhere comes along: a single-page scan ``x.jpg`` with ``x.hocr``, ``x.xml`` or ``x.txt``
beside it (or the file named by ``ocr``) gets that OCR as its first revision, stored in the same
transaction as the page. A sidecar that cannot be used is reported by name with its reason and the
page is added without it: the scan is fine, and refusing it for its OCR would lose the page too.

Folders come from anywhere, so a file is checked before it is opened (a regular file, and no link out
of the folder the user gave: ``local_files``), and one whose path the project cannot record (not
UTF-8) is refused alone. Each file is stored in a transaction of its own, so an add that was stopped
or killed is simply run again: files already in the project (same size and sha256) are skipped before
they are decoded, and the rest go into the same document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from workbench.errors import ForeignFileError, UnreadableScanError, WorkbenchError
from workbench.formats.imported_ocr import ImportedOcr
from workbench.formats.local_files import refusal
from workbench.formats.ocr_files import find_sidecar
from workbench.formats.scans import ScanPage, find_scan_files, read_scan_pages, sha256_of_file
from workbench.progress import Progress
from workbench.project.ocr_import import read_for_page, store_import
from workbench.project.scans import stored_scan_path
from workbench.store import pages
from workbench.store.pages import NewPage
from workbench.store.transactions import Transaction, write_transaction

_UNRECORDABLE_NAME = (
    "the file's name or folder is not UTF-8, which the project file cannot record; "
    "rename it (convmv does it for many files) and add it again"
)


@dataclass(frozen=True)
class ImportFailure:
    path: Path
    reason: str


@dataclass(frozen=True)
class ImportReport:
    page_ids: tuple[int, ...]
    failures: tuple[ImportFailure, ...]
    already_present: tuple[Path, ...]
    """Files already in the project (same size and sha256): skipped, not added twice, so that an add
    run again after it was stopped goes on where it stopped."""
    ocr_imported: tuple[tuple[int, Path], ...] = ()
    """(page id, OCR file) of each page that got its first revision from an OCR file."""
    ocr_failures: tuple[ImportFailure, ...] = ()
    """OCR files that were refused; their pages were added without them."""
    changed: tuple[Path, ...] = ()
    """Files at the path of a page already in the project, but with other contents: added as new
    pages, the earlier pages kept with their revisions."""


@dataclass(frozen=True)
class _Source:
    """One argument of an import: a folder or file, and the scan files found in it."""

    path: Path
    files: tuple[Path, ...]

    @property
    def folder(self) -> Path | None:
        """The folder the user gave, which no scan may lead out of; None for a file named itself."""
        return self.path if self.path.is_dir() else None


@dataclass(frozen=True)
class _ScanFile:
    """A scan file as found, before it is decoded: where the project records it, and its contents."""

    path: Path
    stored_path: str
    size: int
    sha256: str


class _KnownScans:
    """The scans the project holds, read once, so that an add stays linear in files and pages."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        stored = pages.pages(db)
        self._contents = {(page.scan_sha256, page.scan_size) for page in stored}
        self._paths = {page.scan_path for page in stored}

    def holds(self, scan: _ScanFile) -> bool:
        return (scan.sha256, scan.size) in self._contents

    def has_path(self, scan: _ScanFile) -> bool:
        return scan.stored_path in self._paths

    def add(self, scan: _ScanFile) -> None:
        self._contents.add((scan.sha256, scan.size))
        self._paths.add(scan.stored_path)


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
    if ocr is not None and not ocr.exists():
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
    known = _KnownScans(db)
    page_ids: list[int] = []
    already_present: list[Path] = []
    changed: list[Path] = []
    done = 0
    for source in sources:
        document_id: int | None = None
        for file in source.files:
            done += 1
            progress.advance(done, total, file.name)
            try:
                scan = _identified(project_folder, file, source.folder)
                if known.holds(scan):
                    already_present.append(file)
                    if ocr is not None:
                        ocr_failures.append(ImportFailure(ocr, "the scan is already in the project"))
                    continue
                scan_pages = read_scan_pages(file)
            except UnreadableScanError as error:
                failures.append(ImportFailure(error.path, error.reason))
                continue
            if known.has_path(scan):
                changed.append(file)
            new_pages = [_new_page(scan_page, len(scan_pages), scan) for scan_page in scan_pages]
            sidecar = ocr or find_sidecar(file)
            imported = None
            if sidecar is not None:
                sidecar_folder = None if ocr is not None else source.folder or file.parent
                imported = _read_sidecar(sidecar, sidecar_folder, new_pages, ocr_failures)
            with write_transaction(db) as connection:
                if document_id is None:
                    document_id = _target_document(
                        db, connection, source.path, document, reference, title, created
                    )
                new_ids = pages.insert_pages(connection, document_id, new_pages)
                if imported is not None and sidecar is not None:
                    store_import(connection, new_ids[0], imported, sidecar, author=author, created=created)
                    ocr_imported.append((new_ids[0], sidecar))
            known.add(scan)
            page_ids.extend(new_ids)
    return ImportReport(
        tuple(page_ids), tuple(failures), tuple(already_present), tuple(ocr_imported), tuple(ocr_failures),
        tuple(changed),
    )


def _read_sidecar(
    path: Path, folder: Path | None, new_pages: list[NewPage], failures: list[ImportFailure]
) -> ImportedOcr | None:
    """The OCR for a scan's one page, read and checked before the page is stored; None (and a failure
    noted) when it cannot be used. A sidecar found in ``folder`` must not lead out of it."""
    if len(new_pages) != 1:
        failures.append(ImportFailure(path, "OCR files are imported for single-page scans only"))
        return None
    try:
        return read_for_page(path, new_pages[0], folder=folder)
    except ForeignFileError as error:
        failures.append(ImportFailure(error.path, error.reason))
        return None


def _identified(project_folder: Path, file: Path, folder: Path | None) -> _ScanFile:
    """The file's place and contents, refusing before it is opened a file that is not a regular one
    inside ``folder`` (when given), or whose path the project file cannot record."""
    reason = refusal(file, folder)
    if reason is not None:
        raise UnreadableScanError(file, reason)
    stored_path = stored_scan_path(project_folder, file)
    if _recorded(stored_path) != stored_path:
        raise UnreadableScanError(file, _UNRECORDABLE_NAME)
    return _ScanFile(file, stored_path, file.stat().st_size, sha256_of_file(file))


def _recorded(text: str) -> str:
    """A path or name as the project file can hold it: bytes of a name that are not UTF-8 (which
    Python keeps as lone surrogates) become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _new_page(scan: ScanPage, page_count: int, file: _ScanFile) -> NewPage:
    label = scan.path.stem if page_count == 1 else f"{scan.path.stem}-p{scan.index + 1}"
    return NewPage(
        label=label, scan_path=file.stored_path, scan_index=scan.index, scan_size=file.size,
        scan_sha256=file.sha256, width=scan.width, height=scan.height, dpi=scan.dpi,
    )


def _target_document(
    db: sqlite_utils.Database,
    connection: Transaction,
    source: Path,
    document: str | None,
    reference: str | None,
    title: str | None,
    created: str,
) -> int:
    """The document named ``document``, made if new; without a name, the source's own document.

    That is named after the folder (or the file), and made for the first add of the source; an add of
    the same source again (by its resolved path) adds to it, so that an add that was stopped or killed
    goes on in the same document. Another folder of the same name still gets a document of its own.
    """
    origin = _recorded(source.resolve().as_posix())
    name = document or _recorded(source.name if source.is_dir() else source.stem)
    for existing in pages.documents(db):
        if existing.name == name and (document is not None or existing.source == origin):
            return existing.id
    return pages.insert_document(
        connection, name=name, source=origin, reference=reference, title=title, created=created,
    )
