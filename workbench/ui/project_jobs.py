"""Background work the window starts: each opens its own Project, since a SQLite connection
belongs to the thread that opened it, and returns plain values the window applies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import ExportTargetTakenError
from workbench.progress import Progress
from workbench.project import BatchSummary, Document, ExportReport, ImportReport, OcrSettings, PageProgress, Project
from workbench.ui.export_dialog import ExportRequest
from workbench.records import NEEDING_WORK
from workbench.ui.character_palette import characters_in_use


@dataclass(frozen=True)
class OcrRequest:
    project_path: Path
    page_ids: tuple[int, ...] | None
    settings: OcrSettings
    force: bool


def recognise_pages(request: OcrRequest, progress: Progress) -> BatchSummary:
    with Project.open(request.project_path) as project:
        return project.recognition.recognise(request.page_ids, settings=request.settings, force=request.force,
                                 progress=progress)


def import_scans(project_path: Path, paths: Sequence[Path], progress: Progress) -> ImportReport:
    with Project.open(project_path) as project:
        return project.pages.add_scans(list(paths), progress=progress)


@dataclass(frozen=True)
class ExportRefused:
    """The export's target holds something else than an earlier export; the window asks before it
    exports again with ``overwrite``."""

    found: str
    """What is there instead: 'such as notes.txt', 'it is not a ZIP file' ..."""


ExportOutcome = ExportReport | ExportRefused


def export_pages(project_path: Path, request: ExportRequest, progress: Progress) -> ExportOutcome:
    with Project.open(project_path) as project:
        try:
            return project.exports.write(request.target, request.formats, statuses=request.statuses,
                                  progress=progress, overwrite=request.overwrite)
        except ExportTargetTakenError as error:
            return ExportRefused(error.found)


@dataclass(frozen=True)
class Measurement:
    """Pages' shares of the overview, and the open suggestions on those still being worked on
    (corrected and verified pages are done: counting theirs would only cost time)."""

    documents: tuple[Document, ...]
    pages: tuple[PageProgress, ...]
    open_suggestions: dict[int, int]


def measure_progress(project_path: Path, page_ids: Sequence[int] | None, progress: Progress) -> Measurement:
    """Measure every page (None) or only ``page_ids``."""
    with Project.open(project_path) as project:
        measured = project.page_progress(page_ids)
        counts = {}
        needing_work = [page for page in measured if page.status in NEEDING_WORK]
        for done, page in enumerate(needing_work, start=1):
            counts[page.page_id] = len(project.suggestions.for_page(page.page_id))
            progress.advance(done, len(needing_work))
        return Measurement(tuple(project.pages.documents()), tuple(measured), counts)


def project_characters(project_path: Path, progress: Progress) -> list[str]:
    """The non-ASCII characters the project's current texts use, for the palette."""
    with Project.open(project_path) as project:
        return characters_in_use(project.revisions.current_text(page.id) for page in project.pages.all())
