"""``project.recognition``: reading pages with Tesseract, the collection's options, the OCR kept,
and OCR made elsewhere brought in."""

from __future__ import annotations

import json
from collections.abc import Sequence
from concurrent.futures import Executor
from pathlib import Path

from workbench.progress import NoProgress, Progress
from workbench.project import ocr_import, recognition
from workbench.project.context import now
from workbench.records import BatchSummary, ChangeSet, OcrRun, OcrSettings
from workbench.store import ocr_runs, pages
from workbench.project.nouns import Noun
from workbench.store.errors import translate_storage_errors
from workbench.store.transactions import write_transaction

OCR_SETTINGS_KEY = "ocr_settings"
"""The settings row holding the collection's recognition options (``OcrSettings.as_dict``, as JSON)."""


@translate_storage_errors
class Recognition(Noun):
    def recognise(
        self,
        page_ids: Sequence[int] | None = None,
        *,
        settings: OcrSettings = OcrSettings(),
        jobs: int | None = None,
        executor: Executor | None = None,
        force: bool = False,
        author: str = "ocr",
        progress: Progress = NoProgress(),
    ) -> BatchSummary:
        return recognition.recognise(
            self._context.db, self._context.folder, page_ids, settings=settings, jobs=jobs, executor=executor,
            force=force, author=author, clock=now, progress=progress,
        )

    def settings(self) -> OcrSettings:
        """The recognition options chosen for this collection; the defaults until some are chosen
        (or when what is stored cannot be read)."""
        stored = pages.setting(self._context.db, OCR_SETTINGS_KEY)
        try:
            data = json.loads(stored) if stored is not None else {}
        except ValueError:
            data = {}
        return OcrSettings.from_dict(data) if isinstance(data, dict) else OcrSettings()

    def set_settings(self, settings: OcrSettings) -> ChangeSet:
        with write_transaction(self._context.db) as connection:
            pages.put_setting(connection, OCR_SETTINGS_KEY, json.dumps(settings.as_dict()))
        return ChangeSet(settings=True)

    def ocr_run(self, page_id: int) -> OcrRun | None:
        """The page's latest OCR result, with its words and boxes."""
        return ocr_runs.latest_ocr_run(self._context.db, page_id)

    def import_ocr(self, page_id: int, path: Path, *, author: str, force: bool = False) -> ChangeSet:
        """Make the OCR in ``path`` (hOCR, ALTO, PAGE or plain text) the page's first revision.

        A page that has text already is refused unless ``force``, which adds the import on top.
        """
        revision_id = ocr_import.import_ocr(
            self._context.db, page_id, path, author=author, created=now(), force=force)
        return ChangeSet(pages=(self._context.page(page_id),), revisions=(self._context.revision(revision_id),))
