"""Batch export: chosen pages, in chosen formats, into a folder or one ZIP, with a manifest.

Per page: ``DOCUMENT/NNNN_LABEL`` plus each format's suffix (``.txt``, ``.alto.xml``, ``_l0001.png``
...); per document: ``DOCUMENT`` plus its suffix (``.txt``, ``.pdf``, ``.docx``). ``manifest.csv`` and
``manifest.json`` list every file with the page, scan, revision, author, time, status and SHA-256 it
came from, and the project's lasting id. The export lands whole or not at all (see
``formats.export_target``): a cancel, a kill, a scan that cannot be read or a full disk leaves the
target as it was. It replaces only an earlier export of the same project unless told to overwrite,
and a selection with nothing to export writes nothing.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import sqlite_utils

from workbench.errors import WorkbenchError
from workbench.formats.export_formats import FORMATS, DocumentWriter, ExportFormat
from workbench.formats.export_model import PageExport
from workbench.formats.earlier_export import MANIFEST_CSV, MANIFEST_JSON, PROJECT_ID
from workbench.formats.export_target import ExportTarget, open_target
from workbench.formats.files import safe_file_name
from workbench.progress import Progress
from workbench.project.export_pages import SOFTWARE, page_export
from workbench.project.scans import CheckedScans
from workbench.records import Document, Page, PageStatus
from workbench.store import pages
from workbench.store.transactions import write_transaction

MANIFEST_COLUMNS = (
    "file", "format", "document", "page", "page_id", "source_scan", "revision_id", "author", "time",
    "status", "chain_hash", "sha256",
)
PROJECT_ID_SETTING = "project_id"
EXPORT_FORMATS: tuple[str, ...] = tuple(FORMATS)
"""The format names, in the order the command line lists them."""


@dataclass(frozen=True)
class ExportReport:
    target: Path
    """The folder, or the ZIP file, the export was written to."""
    formats: tuple[str, ...]
    pages: int
    """Pages exported (in at least one format)."""
    files: int
    """Files written, not counting the two manifests."""
    skipped_without_text: int
    skipped_by_status: int
    """Pages a format left out for their status: training lines take only corrected and verified pages."""
    manifest: str = MANIFEST_CSV
    """The CSV manifest's name inside the target (``manifest.json`` sits beside it)."""


@dataclass(frozen=True)
class Selection:
    """Which pages to export: ``None`` means no restriction."""

    statuses: Iterable[PageStatus] | None = None
    document_id: int | None = None
    page_range: tuple[int, int] | None = None
    """First and last position (from 1) of pages in their document, both included."""


class _Source(NamedTuple):
    """What a whole-document file's manifest row says about each of its pages."""

    revision_id: int
    author: str
    created: str
    chain_hash: str


@dataclass
class _Batch:
    """One export in progress: where it writes, what it has written, and the counts for the report."""

    db: sqlite_utils.Database
    project_folder: Path
    project_name: str
    chosen: dict[str, ExportFormat]
    target: ExportTarget
    progress: Progress
    total: int
    rows: list[dict[str, object]] = field(default_factory=list)
    exported: int = 0
    skipped_without_text: int = 0
    skipped_by_status: int = 0
    scans: CheckedScans | None = None
    """Set when a chosen format embeds the scans: each is checked against its sha256 first."""

    def write_document(self, document: Document, folder: str, document_pages: list[Page]) -> None:
        """Write one document's pages, then its whole-document files, in every chosen format."""
        writers: dict[str, DocumentWriter] = {}
        sources: dict[str, list[_Source]] = {}
        for page in document_pages:
            self.progress.advance(self.exported + self.skipped_without_text + 1, self.total, page.label)
            if page.current_revision_id is None:
                self.skipped_without_text += 1
                continue
            if self.scans is not None:
                self.scans.verified_file(page)
            exported = page_export(self.db, self.project_folder, self.project_name, page, None)
            self.exported += 1
            stem = f"{folder}/{page.position:04d}_{safe_file_name(page.label)}"
            left_out = False
            for name, kind in self.chosen.items():
                if kind.only_statuses is not None and exported.status not in kind.only_statuses:
                    left_out = True
                    continue
                for suffix, data in [] if kind.page_files is None else kind.page_files(exported):
                    self._add(stem + suffix, data, _page_row(name, exported, page))
                if kind.document_writer is not None:
                    writers.setdefault(name, kind.document_writer()).add(exported)
                    sources.setdefault(name, []).append(
                        _Source(exported.revision_id, exported.author, exported.created, exported.chain_hash)
                    )
            self.skipped_by_status += left_out
        for name, writer in writers.items():
            self._add(folder + self.chosen[name].document_suffix, writer.finish(),
                      _document_row(name, document, sources[name]))

    def _add(self, name: str, data: bytes, row: dict[str, object]) -> None:
        self.rows.append({"file": name, **row, "sha256": self.target.add(name, data)})


def export(
    db: sqlite_utils.Database,
    project_folder: Path,
    project_name: str,
    out: Path,
    formats: Sequence[str],
    *,
    selection: Selection,
    created: str,
    progress: Progress,
    overwrite: bool = False,
) -> ExportReport:
    """Write the selected pages' current revisions in ``formats`` to ``out`` (a folder, or a ``.zip``),
    in place of an earlier export of this project there (or of anything there, with ``overwrite``).

    Raises:
        ExportTargetTakenError: ``out`` holds something else than an earlier export of this project.
        WorkbenchError: An unknown format, nothing to export, a target that cannot be written, a scan
            that cannot be read.
        Cancelled: From ``progress``; nothing is left behind.
    """
    chosen = format_table(formats)
    _refuse_the_project_itself(db, out)
    selected = _select(db, selection)
    documents = {document.id: document for document in pages.documents(db)}
    folder_names = _unique_names(documents.values())
    identity = project_id(db)
    target = open_target(out, identity, overwrite=overwrite)
    batch = _Batch(db, project_folder, project_name, chosen, target, progress, len(selected))
    if any(kind.embeds_scan for kind in chosen.values()):
        batch.scans = CheckedScans(project_folder)
    try:
        for document_id, document_pages in _by_document(selected).items():
            batch.write_document(documents[document_id], folder_names[document_id], document_pages)
        if not batch.rows:
            raise WorkbenchError(f"Nothing to export: {_why_nothing(len(selected), batch.exported)}; "
                                 "nothing was written.")
        target.add(MANIFEST_CSV, _csv(batch.rows).encode("utf-8"))
        target.add(MANIFEST_JSON, _json(project_name, identity, created, chosen, batch.rows).encode("utf-8"))
        target.commit()
    except BaseException:
        target.abort()
        raise
    return ExportReport(out, tuple(chosen), batch.exported, len(batch.rows),
                        batch.skipped_without_text, batch.skipped_by_status)


def _why_nothing(chosen: int, with_text: int) -> str:
    if not chosen:
        return "no page is chosen"
    if not with_text:
        return f"none of the {chosen} pages chosen has text yet"
    return (f"the formats chosen leave out all {with_text} pages with text (training lines take only "
            "corrected and verified pages)")


def project_id(db: sqlite_utils.Database) -> str:
    """The project's lasting id, which its export manifests carry so that a later export knows its
    own; made on first use (a copy of the project file keeps it, a new project gets its own)."""
    stored = pages.setting(db, PROJECT_ID_SETTING)
    if stored is not None:
        return stored
    if db.execute("PRAGMA query_only").fetchone()[0]:
        # A read-only project cannot keep an id: one derived from where it lies stands in for it.
        return uuid.uuid5(uuid.NAMESPACE_URL, database_path(db).as_uri()).hex
    with write_transaction(db) as connection:
        stored = pages.setting(db, PROJECT_ID_SETTING)
        if stored is None:
            stored = uuid.uuid4().hex
            pages.put_setting(connection, PROJECT_ID_SETTING, stored)
    return stored


def database_path(db: sqlite_utils.Database) -> Path:
    return Path(next(row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"))


def _refuse_the_project_itself(db: sqlite_utils.Database, out: Path) -> None:
    """An export replaces its target whole: onto the project file, or a folder holding it, it would
    delete the project, so not even ``overwrite`` allows that."""
    project_file = database_path(db)
    if project_file == out.resolve() or project_file.is_relative_to(out.resolve()):
        raise WorkbenchError(f"{out} is, or holds, the project file {project_file.name}; "
                             "choose another place for the export.")


def format_table(names: Sequence[str]) -> dict[str, ExportFormat]:
    """The formats named, in the order given, without repeats.

    Raises:
        WorkbenchError: A name is not a known format, or no format is named.
    """
    unknown = [name for name in names if name not in FORMATS]
    if unknown or not names:
        raise WorkbenchError(
            f"Unknown export format {', '.join(map(repr, unknown)) or '(none given)'}; "
            f"choose among {', '.join(FORMATS)}."
        )
    return {name: FORMATS[name] for name in names}


def _select(db: sqlite_utils.Database, selection: Selection) -> list[Page]:
    selected = pages.pages(db, document_id=selection.document_id, statuses=selection.statuses)
    if selection.page_range is None:
        return selected
    first, last = selection.page_range
    return [page for page in selected if first <= page.position <= last]


def _by_document(selected: list[Page]) -> dict[int, list[Page]]:
    grouped: dict[int, list[Page]] = {}
    for page in selected:
        grouped.setdefault(page.document_id, []).append(page)
    return grouped


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


def _page_row(format_name: str, exported: PageExport, page: Page) -> dict[str, object]:
    return {
        "format": format_name, "document": exported.document_name, "page": page.label, "page_id": page.id,
        "source_scan": page.scan_path, "revision_id": exported.revision_id, "author": exported.author,
        "time": exported.created, "status": exported.status, "chain_hash": exported.chain_hash,
    }


def _document_row(format_name: str, document: Document, sources: list[_Source]) -> dict[str, object]:
    return {
        "format": format_name, "document": document.name, "page": "", "page_id": "",
        "source_scan": document.source,
        "revision_id": ";".join(str(source.revision_id) for source in sources),
        "author": ";".join(sorted({source.author for source in sources})),
        "time": max(source.created for source in sources), "status": "",
        "chain_hash": ";".join(source.chain_hash for source in sources),
    }


def _csv(rows: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _json(project_name: str, identity: str, created: str, chosen: dict[str, ExportFormat],
          rows: list[dict[str, object]]) -> str:
    manifest = {
        "project": project_name, PROJECT_ID: identity, "software": SOFTWARE, "created": created,
        "formats": list(chosen),
        "files": rows,
    }
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
