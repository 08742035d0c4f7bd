"""OCR made elsewhere becoming a page's text: read and checked whole first, then stored in one transaction.

An import is an OCR run (when the file has word boxes) plus a revision of kind ``import`` that makes
its text current, exactly as a recognition here would be stored (``recognition.store_machine_text``).
A file that is refused, for whatever reason, leaves nothing behind.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from workbench.errors import NotFoundError, WorkbenchError
from workbench.formats.imported_ocr import ImportedOcr
from workbench.formats.ocr_files import read_ocr_file
from workbench.project.recognition import store_machine_text
from workbench.records import Page, RevisionKind
from workbench.store import ocr_runs, pages, revisions
from workbench.store.pages import NewPage
from workbench.store.transactions import Transaction, write_transaction


def import_ocr(
    db: sqlite_utils.Database, page_id: int, path: Path, *, author: str, created: str, force: bool
) -> int:
    """Import the OCR in ``path`` as the page's first revision; returns the revision's id.

    A page that already has text is refused unless ``force``: then the import goes on top as a new
    revision, and every earlier one stays.
    """
    page = pages.page(db, page_id)
    if page is None:
        raise NotFoundError(f"There is no page {page_id} in this project.")
    imported = read_for_page(path, page)
    with write_transaction(db) as connection:
        current_id = revisions.current_revision_id(connection, page_id)
        if current_id is not None and not force:
            raise WorkbenchError(
                f"Page {page_id} already has text (revision {current_id}); {path.name} was not imported. "
                "Import it with force to add it as a new revision on top."
            )
        return store_import(connection, page_id, imported, path, author=author, created=created)


def read_for_page(path: Path, page: Page | NewPage, *, folder: Path | None = None) -> ImportedOcr:
    """The OCR in ``path``, checked against the page's scan (its size, and its dpi for ALTO units);
    a sidecar found in ``folder`` must not lead out of it."""
    return read_ocr_file(path, image_width=page.width, image_height=page.height, dpi=page.dpi, folder=folder)


def store_import(
    connection: Transaction,
    page_id: int,
    imported: ImportedOcr,
    path: Path,
    *,
    author: str,
    created: str,
) -> int:
    """Store an import that has been read and checked, inside the caller's transaction."""
    run_id = None
    if imported.words:
        run_id = ocr_runs.insert_words(
            connection, page_id, imported.words, engine=imported.engine, engine_version="",
            settings={"imported_from": path.name, "format": imported.format}, seconds=0.0, created=created,
        )
    return store_machine_text(
        connection, page_id, imported.text, kind=RevisionKind.IMPORT, ocr_run_id=run_id, author=author,
        created=created,
        note=f"imported from {path.name} ({imported.format}, {imported.engine}, text at {imported.level} level)",
    )
