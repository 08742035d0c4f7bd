"""Gathering one page's revision, metadata and word layout into a ``PageExport`` for the writers."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from workbench import APP_NAME, __version__
from workbench.errors import NotFoundError
from workbench.formats.export_model import OcrSource, PageExport
from workbench.formats.layout import lay_out
from workbench.project.word_alignment import ALIGNMENTS
from workbench.records import OcrRun, OcrSettings, Page, Revision
from workbench.store import ocr_runs, pages, revisions

SOFTWARE = f"{APP_NAME} {__version__}"


def page_export(
    db: sqlite_utils.Database, project_folder: Path, project_name: str, page: Page, revision_id: int | None
) -> PageExport:
    """The page at ``revision_id`` (its current revision by default), laid on the OCR it was read from.

    A revision made from an OCR run uses that run's boxes; any other (an edit) uses the page's latest
    OCR run, the one the window showed while it was made.
    """
    revision = _revision(db, page, revision_id)
    run = None if revision.ocr_run_id is None else ocr_runs.ocr_run(db, revision.ocr_run_id)
    run = run or ocr_runs.latest_ocr_run(db, page.id)
    document = next(document for document in pages.documents(db) if document.id == page.document_id)
    layout = lay_out(
        revision.text, () if run is None else run.words, ALIGNMENTS.links(run, revision.text),
        width=page.width, height=page.height,
    )
    return PageExport(
        project_name=project_name, document_name=document.name, document_reference=document.reference,
        page_id=page.id, page_label=page.label, position=page.position,
        scan_path=(project_folder / page.scan_path).resolve(), scan_index=page.scan_index,
        width=page.width, height=page.height, dpi=page.dpi, revision_id=revision.id,
        author=revision.author, created=revision.created, chain_hash=revision.chain_hash or "",
        status=str(page.status),
        revision_kind=str(revision.kind), text=revision.text, layout=layout, software=SOFTWARE,
        ocr=None if run is None else _ocr_source(run),
    )


def _ocr_source(run: OcrRun) -> OcrSource:
    """How the run was made, from what the project stored with it: the settings of a recognition
    here, or the file and format an import came from (``ocr_import.store_import``)."""
    imported_from = run.settings.get("imported_from")
    if imported_from is not None:
        settings = f"imported from {imported_from} ({run.settings.get('format', 'unknown format')})"
    else:
        chosen = OcrSettings.from_dict(run.settings)
        settings = f"languages {chosen.languages}, page segmentation mode {chosen.psm}"
    return OcrSource(run.engine, run.engine_version, settings, run.created)


def _revision(db: sqlite_utils.Database, page: Page, revision_id: int | None) -> Revision:
    wanted = page.current_revision_id if revision_id is None else revision_id
    revision = None if wanted is None else revisions.revision(db, wanted)
    if revision is None or revision.page_id != page.id:
        which = "no text yet" if wanted is None else f"no revision {wanted}"
        raise NotFoundError(f"Page {page.label!r} has {which}; there is nothing to export.")
    return revision
