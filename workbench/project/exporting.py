"""Plain-text export: one file per page and one per document, with a manifest of what was sent."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from workbench.errors import WorkbenchError
from workbench.formats.files import path_inside, safe_file_name, write_atomically
from workbench.progress import Progress
from workbench.records import Document, Page, PageStatus, Revision
from workbench.store import pages, revisions

MANIFEST_COLUMNS = (
    "file", "document", "page", "page_id", "source_scan", "revision_id", "author", "time", "status",
    "sha256",
)


@dataclass(frozen=True)
class ExportReport:
    out_dir: Path
    pages: int
    files: int
    manifest: Path
    skipped_without_text: int


def export_text(
    db: sqlite_utils.Database,
    out_dir: Path,
    *,
    statuses: Iterable[PageStatus] | None,
    document_id: int | None,
    progress: Progress,
) -> ExportReport:
    """Write ``DOCUMENT/LABEL.txt`` per page, ``DOCUMENT.txt`` per document and ``manifest.csv``.

    Each file holds a page's current revision exactly as saved; every write is atomic.
    """
    _prepare_folder(out_dir)
    selected = pages.pages(db, document_id=document_id, statuses=statuses)
    documents = {document.id: document for document in pages.documents(db)}
    folder_names = _unique_names(documents.values())
    rows: list[dict[str, object]] = []
    texts_by_document: dict[int, list[tuple[Page, Revision]]] = {}
    skipped = 0
    for done, page in enumerate(selected, start=1):
        progress.advance(done, len(selected), page.label)
        revision = None if page.current_revision_id is None else revisions.revision(db, page.current_revision_id)
        if revision is None:
            skipped += 1
            continue
        document = documents[page.document_id]
        relative = f"{folder_names[document.id]}/{page.position:04d}_{safe_file_name(page.label)}.txt"
        digest = _write(out_dir, relative, revision.text)
        rows.append(_row(relative, document, page, revision, digest))
        texts_by_document.setdefault(document.id, []).append((page, revision))
    for document_id_, page_texts in texts_by_document.items():
        document = documents[document_id_]
        relative = f"{folder_names[document.id]}.txt"
        text = "\n\n".join(revision.text.rstrip("\n") for _, revision in page_texts) + "\n"
        digest = _write(out_dir, relative, text)
        rows.append(_document_row(relative, document, page_texts, digest))
    manifest = out_dir / "manifest.csv"
    write_atomically(manifest, _csv(rows))
    return ExportReport(out_dir, len(selected) - skipped, len(rows), manifest, skipped)


def _prepare_folder(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WorkbenchError(f"Cannot create the export folder {out_dir}: {error.strerror}.") from error


def _unique_names(documents: Iterable[Document]) -> dict[int, str]:
    """A folder name per document; two documents whose names clean up alike get their number added."""
    names: dict[int, str] = {}
    taken: set[str] = set()
    for document in documents:
        name = safe_file_name(document.name)
        if name.casefold() in taken:
            name = f"{name}-{document.id}"
        taken.add(name.casefold())
        names[document.id] = name
    return names


def _write(out_dir: Path, relative: str, text: str) -> str:
    target = path_inside(out_dir, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    try:
        write_atomically(target, data)
    except OSError as error:
        raise WorkbenchError(f"Cannot write {target}: {error.strerror}.") from error
    return hashlib.sha256(data).hexdigest()


def _row(relative: str, document: Document, page: Page, revision: Revision, digest: str) -> dict[str, object]:
    return {
        "file": relative, "document": document.name, "page": page.label, "page_id": page.id,
        "source_scan": page.scan_path, "revision_id": revision.id, "author": revision.author,
        "time": revision.created, "status": str(page.status), "sha256": digest,
    }


def _document_row(
    relative: str, document: Document, page_texts: list[tuple[Page, Revision]], digest: str
) -> dict[str, object]:
    newest = max((revision for _, revision in page_texts), key=lambda revision: revision.created)
    return {
        "file": relative, "document": document.name, "page": "", "page_id": "",
        "source_scan": document.source,
        "revision_id": ";".join(str(revision.id) for _, revision in page_texts),
        "author": ";".join(sorted({revision.author for _, revision in page_texts})),
        "time": newest.created, "status": "", "sha256": digest,
    }


def _csv(rows: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
