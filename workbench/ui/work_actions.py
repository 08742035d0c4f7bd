"""The window's long work, each a background job: recognising pages, importing scans, exporting,
and asking Tesseract which languages it has for the recognition options."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from workbench.errors import WorkbenchError
from workbench.progress import Progress
from workbench.project import EVERYTHING, BatchSummary, ChangeSet, ImportReport, OcrSettings, installed_languages
from workbench.ui import project_jobs
from workbench.ui.export_dialog import ExportRequest
from workbench.ui.jobs import Job, StartJob
from workbench.ui.recognition_dialog import describe

if TYPE_CHECKING:
    from workbench.ui.main_window import MainWindow


class WorkActions:
    """What each job changed goes back through the window's ``apply_changes``."""

    def __init__(self, window: MainWindow, start: StartJob) -> None:
        self._window = window
        self._start = start

    # Recognition

    def recognise_selected(self) -> None:
        page_ids = tuple(self._window.navigator.selected_page_ids())
        self._recognise(page_ids or None, force=bool(page_ids))

    def recognise_all(self) -> None:
        self._recognise(None, force=False)

    def _recognise(self, page_ids: tuple[int, ...] | None, *, force: bool) -> None:
        self._window.link.call(lambda project: project.recognition.settings(),
                               partial(self._start_recognising, page_ids, force), title="Reading the options")

    def _start_recognising(self, page_ids: tuple[int, ...] | None, force: bool, settings: OcrSettings) -> None:
        window = self._window
        request = project_jobs.OcrRequest(window.facts.path, page_ids, settings, force)
        job = self._start(partial(project_jobs.recognise_pages, request), "Recognising", self._recognised)
        job.signals.advanced.connect(lambda *_: window.navigator.apply_changes(EVERYTHING))

    def _recognised(self, summary: BatchSummary) -> None:
        self._window.apply_changes(EVERYTHING)  # recognised by the job's own connection: as if elsewhere
        if summary.failures:
            self._window.prompts.error(
                "\n".join(f"Page {page_id}: {reason}" for page_id, reason in summary.failures))

    def choose_recognition_options(self) -> Job[list[str]]:
        """Ask Tesseract for its languages (a subprocess: off the GUI thread), then for the
        collection's recognition options, and keep them in the project file."""
        return self._start(_languages, "Asking Tesseract for its languages", self._ask_options, visible=False)

    def _ask_options(self, installed: list[str]) -> None:
        self._window.link.call(lambda project: project.recognition.settings(),
                               partial(self._choose_options, installed), title="Reading the options")

    def _choose_options(self, installed: list[str], current: OcrSettings) -> None:
        window = self._window
        chosen = window.prompts.recognition_options(current, installed)
        if chosen is not None:
            window.link.call(lambda project: project.recognition.set_settings(chosen),
                             partial(self._options_kept, chosen), refused=self._options_refused,
                             title="Keeping the options")

    def _options_kept(self, chosen: OcrSettings, changes: ChangeSet) -> None:
        self._window.apply_changes(changes)
        self._window.statusBar().showMessage(f"Pages will be recognised with {describe(chosen)}.", 8000)

    def _options_refused(self, error: WorkbenchError) -> None:
        self._window.prompts.error(f"The options could not be kept in {self._window.facts.path.name}: {error}")

    # Import

    def choose_scans_to_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self._window, "Import scans", str(self._window.facts.folder),
            "Scans (*.png *.jpg *.jpeg *.tif *.tiff *.pdf);;All files (*)")
        if files:
            self.import_paths([Path(file) for file in files])

    def import_paths(self, paths: Sequence[Path]) -> Job[ImportReport]:
        return self._start(partial(project_jobs.import_scans, self._window.facts.path, list(paths)),
                           "Importing", self._imported)

    def _imported(self, report: ImportReport) -> None:
        window = self._window
        window.apply_changes(ChangeSet(pages_added=tuple(report.page_ids)))
        problems = [f"{f.path.name}: {f.reason}" for f in report.failures]
        problems += [f"{f.path.name} (OCR not imported): {f.reason}" for f in report.ocr_failures]
        if problems:
            window.prompts.error("Not imported:\n" + "\n".join(problems))
        window.statusBar().showMessage(
            f"Added {len(report.page_ids)} pages, {len(report.ocr_imported)} with their OCR.", 8000)

    # Export

    def choose_export(self) -> None:
        request = self._window.prompts.export_request(self._window.facts.folder)
        if request is not None:
            self.export(request)

    def export(self, request: ExportRequest) -> Job[project_jobs.ExportOutcome]:
        return self._start(partial(project_jobs.export_pages, self._window.facts.path, request), "Exporting",
                           partial(self._exported, request))

    def _exported(self, request: ExportRequest, result: project_jobs.ExportOutcome) -> None:
        """Report the export; when its target held something else, ask before replacing it."""
        window = self._window
        if not isinstance(result, project_jobs.ExportRefused):
            window.statusBar().showMessage(f"Exported to {request.target}; see manifest.csv there.", 8000)
        elif window.prompts.replace_export(request.target, result.found):
            self.export(replace(request, overwrite=True))
        else:
            window.statusBar().showMessage(f"Nothing was exported; {request.target} was left as it was.", 8000)


def _languages(progress: Progress) -> list[str]:
    return installed_languages()
