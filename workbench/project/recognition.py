"""Batch OCR of a project's pages, each result stored the moment it arrives."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from functools import partial
from pathlib import Path

import sqlite_utils

from workbench.errors import NotFoundError
from workbench.ocr.batch import OcrTask, make_local_executor, run_batch
from workbench.ocr.tesseract import TesseractEngine
from workbench.progress import Progress
from workbench.project.scans import CheckedScans
from workbench.records import BatchSummary, OcrResult, OcrSettings, Page, PageStatus, RevisionKind
from workbench.store import ocr_runs, pages, revisions
from workbench.store.transactions import Transaction, write_transaction


def recognise(
    db: sqlite_utils.Database,
    project_folder: Path,
    page_ids: Sequence[int] | None,
    *,
    settings: OcrSettings,
    jobs: int | None,
    executor: Executor | None,
    force: bool,
    author: str,
    clock: Callable[[], str],
    progress: Progress,
) -> BatchSummary:
    """OCR the pages (all when ``page_ids`` is None), skipping recognised ones unless ``force``.

    Checks the engine and its languages before any work. A page whose text someone has edited
    keeps that text when it is recognised again; the new words are stored beside it.
    """
    engine = TesseractEngine(settings)
    engine.check()
    targets = _pages_to_recognise(db, page_ids, force=force)
    scans = CheckedScans(project_folder)
    tasks = [OcrTask(page.id, partial(scans.page_image, page)) for page in targets]
    store = partial(_store_result, db, author=author, clock=clock)
    if executor is not None:
        return run_batch(tasks, engine, executor, store, progress)
    with make_local_executor(jobs) as local_executor:
        return run_batch(tasks, engine, local_executor, store, progress)


def _pages_to_recognise(
    db: sqlite_utils.Database, page_ids: Sequence[int] | None, *, force: bool
) -> list[Page]:
    chosen = pages.pages(db) if page_ids is None else [_existing(db, pid) for pid in page_ids]
    if force:
        return chosen
    recognised = ocr_runs.recognised_page_ids(db)
    return [page for page in chosen if page.id not in recognised]


def _existing(db: sqlite_utils.Database, page_id: int) -> Page:
    page = pages.page(db, page_id)
    if page is None:
        raise NotFoundError(f"There is no page {page_id} in this project.")
    return page


def _store_result(
    db: sqlite_utils.Database, page_id: int, result: OcrResult, *, author: str, clock: Callable[[], str]
) -> None:
    """Store one page's OCR as its own transaction, so a crash loses only pages still in flight."""
    stamp = clock()
    with write_transaction(db) as connection:
        run_id = ocr_runs.insert_ocr_run(connection, page_id, result, created=stamp)
        current_id = revisions.current_revision_id(connection, page_id)
        current = None if current_id is None else revisions.revision(connection, current_id)
        if current is not None and current.kind not in (RevisionKind.OCR, RevisionKind.IMPORT):
            return  # the archivist's text stays current; the new words sit beside it
        store_machine_text(
            connection, page_id, result.text(), kind=RevisionKind.OCR, ocr_run_id=run_id, author=author,
            created=stamp, note=f"{result.engine} {result.engine_version}, {result.settings.languages}",
        )


def store_machine_text(
    connection: Transaction,
    page_id: int,
    text: str,
    *,
    kind: RevisionKind,
    ocr_run_id: int | None,
    author: str,
    created: str,
    note: str,
) -> int:
    """Make machine text (OCR here, or OCR imported) the page's current revision, on top of whatever
    was current, and mark the page recognised. Runs inside the caller's transaction."""
    revision_id = revisions.insert_revision(
        connection, page_id=page_id, parent_id=revisions.current_revision_id(connection, page_id),
        kind=kind, author=author, created=created, text=text, ocr_run_id=ocr_run_id, note=note,
    ).id
    pages.set_current_revision(connection, page_id, revision_id)
    pages.set_status(connection, page_id, PageStatus.RECOGNISED, author=author, created=created)
    return revision_id
