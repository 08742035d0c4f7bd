"""The facade: everything the command line and the window do to a project goes through ``Project``.

One ``Project`` holds one SQLite connection, which belongs to the thread that opened it; a
background job opens its own ``Project`` on the same path (WAL lets readers work beside a writer).
Its work is reached through six nouns (``workbench.project.nouns``); long work (import, OCR,
export) lives in the sibling modules they open onto.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from workbench.errors import ConflictError
from workbench.ocr.cluster import make_cluster_executor
from workbench.ocr.tesseract import installed_languages, tesseract_version
from workbench.progress import NoProgress, Progress
from workbench.formats.files import write_atomically
from workbench.formats.scans import MAX_PIXELS, load_page_image
from workbench.project import backups
from workbench.project.context import ProjectContext
from workbench.project.nouns.exports import Exports
from workbench.project.nouns.pages import Pages
from workbench.project.nouns.recognition import Recognition
from workbench.project.nouns.replace import Replace
from workbench.project.nouns.revisions import Revisions
from workbench.project.nouns.suggestions import Suggestions
from workbench.project import exporting, importing, overview, scans, searching, suggesting, verifying
from workbench.records import (
    EVERYTHING,
    BatchResult,
    BatchSummary,
    Candidate,
    ChangeSet,
    Document,
    DocumentOverview,
    Draft,
    DraftOrigin,
    Occurrence,
    OcrRun,
    OcrSettings,
    OcrWord,
    Page,
    PageProgress,
    PageStatus,
    PageTally,
    ProjectOverview,
    ReplaceQuery,
    Revision,
    RevisionKind,
    SearchHit,
    StatusChange,
    Suggestion,
    SuggestionKind,
    WordLink,
)
from workbench.store import pages, presence
from workbench.store.database import create_database, is_writable, open_database
from workbench.store.errors import translate_storage_errors
from workbench.store.migrations import LATEST_VERSION
from workbench.store.transactions import write_transaction
from workbench.suggest.vocabulary import lexicon_form
from workbench.text.diff import DiffOp, render_inline
from workbench.text.phrases import find_phrase, phrase_words
from workbench.text.rates import ErrorRates

__all__ = [
    "EVERYTHING", "BatchResult", "BatchSummary", "Candidate", "ChangeSet", "ConflictError", "DiffOp", "Document",
    "DocumentOverview", "Draft", "DraftOrigin", "ErrorRates", "OcrRun", "OcrSettings", "OcrWord", "Occurrence",
    "Page", "PageProgress", "PageStatus", "PageTally", "Project", "ProjectOverview", "ReplaceQuery", "Revision",
    "RevisionKind", "SearchHit", "StatusChange", "Suggestion", "SuggestionKind", "WordLink",
    # What the window and the command line need of the engines besides a Project:
    "EXPORT_FORMATS", "MAX_PIXELS", "find_phrase", "installed_languages", "lexicon_form", "load_page_image",
    "make_cluster_executor", "phrase_words", "render_inline", "tesseract_version", "write_atomically",
]

ExportReport = exporting.ExportReport
EXPORT_FORMATS = exporting.EXPORT_FORMATS
PROJECT_FORMAT_VERSION = LATEST_VERSION
"""The newest project file format this version reads and writes."""
ImportReport = importing.ImportReport
ScanProblem = scans.ScanProblem


@translate_storage_errors
class Project:
    """An open project file. Use as a context manager, or call ``close()``.

    Its work hangs off six nouns over one shared context: ``pages``, ``revisions``,
    ``recognition``, ``suggestions``, ``replace`` and ``exports``. Every change they make comes
    back as a ``ChangeSet``.

    Any number of Projects, in any number of processes, may have one file open at once: SQLite's
    locks and the write-ahead log keep every acknowledged write durable and visible to the others.
    A full disk, a lock held too long or a damaged file reach the caller as WorkbenchErrors.
    """

    def __init__(self, path: Path) -> None:
        self.path = path.resolve()
        self.read_only = path.exists() and not is_writable(self.path)
        """A project whose file or folder cannot be written opens for reading and export only."""
        self._context = ProjectContext(self.path, open_database(self.path, read_only=self.read_only),
                                       read_only=self.read_only)
        self._seen_version = presence.data_version(self._context.db)
        self._closed = False
        self.pages = Pages(self._context)
        self.revisions = Revisions(self._context)
        self.recognition = Recognition(self._context)
        self.suggestions = Suggestions(self._context)
        self.replace = Replace(self._context, self.pages)
        self.exports = Exports(self._context, self.pages)

    @classmethod
    def create(cls, path: Path, *, name: str | None = None) -> Project:
        create_database(path)
        project = cls(path)
        with write_transaction(project._context.db) as connection:
            pages.put_setting(connection, "name", name or path.stem)
        return project

    @classmethod
    def open(cls, path: Path) -> Project:
        """Open an existing project; the first open of a day takes its daily backup."""
        project = cls(path)
        if not project.read_only:
            backups.daily_backup_if_due(project.path)
        return project

    def close(self) -> None:
        self._context.db.conn.close()
        self._closed = True

    @property
    def is_open(self) -> bool:
        return not self._closed

    def __enter__(self) -> Project:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    @property
    def name(self) -> str:
        return self._context.name

    @property
    def folder(self) -> Path:
        return self.path.parent

    # Sharing the file with other windows and processes

    def changed_elsewhere(self) -> bool:
        """Whether anyone else (another window, a command, a background job) committed a change
        since the last time this was asked: a window polls it to refresh what it shows."""
        version = presence.data_version(self._context.db)
        changed, self._seen_version = version != self._seen_version, version
        return changed

    def announce_window(self, window_id: str, *, author: str) -> list[str]:
        """Say that a window is (still) open on the project; the authors of the other open windows."""
        stamp = time.time()
        if not self.read_only:
            with write_transaction(self._context.db) as connection:
                presence.beat(connection, window_id, host=socket.gethostname(), pid=os.getpid(),
                              author=author, now=stamp)
        return presence.other_windows(self._context.db, window_id, now=stamp)

    def window_closed(self, window_id: str) -> None:
        if not self.read_only:
            with write_transaction(self._context.db) as connection:
                presence.leave(connection, window_id)

    # The whole project

    def search(self, query: str, *, limit: int = 200) -> list[SearchHit]:
        """Every occurrence of ``query``, typed as a plain phrase, in the pages' current texts.

        Case, accents and punctuation between words do not count; no query can fail as bad syntax.
        """
        return searching.search(self._context.db, query, limit=limit)

    def overview(self, *, progress: Progress = NoProgress()) -> ProjectOverview:
        """Pages per status and CER of OCR against the current text, per document and in total.

        Compares every changed page's texts: on a large project, run it as a background job.
        """
        return overview.overview(self._context.db, progress)

    def page_progress(self, page_ids: Sequence[int] | None = None) -> list[PageProgress]:
        """Every page's share of the overview, or those of ``page_ids`` (measured again after a
        change touched them); ``ProjectOverview.of`` adds them up."""
        return overview.page_progress(self._context.db, page_ids, NoProgress())

    def verify(self, *, progress: Progress = NoProgress()) -> verifying.VerifyReport:
        """Check the file, every revision's hash chain and every scan's checksum (reads everything)."""
        return verifying.verify(self._context.db, self.folder, progress)


def default_author() -> str:
    """Who a change is recorded as, when the user has not said: WORKBENCH_AUTHOR, else the login."""
    return os.environ.get("WORKBENCH_AUTHOR") or os.environ.get("USER") or "archivist"



def suggest_text(text: str) -> list[Suggestion]:
    """Suggestions for OCR text that came without scan, confidences or project (``workbench suggest --text``)."""
    return suggesting.suggestions_for_text(text)
