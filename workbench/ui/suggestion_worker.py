"""Suggestions computed off the GUI thread, on one thread that keeps its own Project open.

Making suggestions for a badly recognised page can take most of a second the first time, and
counting a large project's words takes seconds, so the window never asks on its own thread. One
long-lived thread with its own connection keeps the engine's caches warm between requests; only
the newest request for a page is worked on, older ones are dropped.
"""

from __future__ import annotations

import threading
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from workbench.progress import Progress
from workbench.project import Project, Suggestion, WordLink
from workbench.ui.jobs import Job, JobRunner


class SuggestionWorker(QObject):
    """Signals:
        linked(page_id, text, links): the tokens of ``text`` linked to the page's OCR words (aligned
            once per version of the text, on this thread; the suggestions reuse the alignment).
        ready(page_id, text, within, suggestions): suggestions for ``text``, offsets into it; for
            the words inside ``within`` (offsets) only, or for all if it is None.
        answered(page_id, text, offset, suggestion): the suggestion for the word at ``offset`` of
            ``text`` that ``ask`` asked for (None where there is no word).
    """

    linked = Signal(int, str, object)
    ready = Signal(int, str, object, object)
    answered = Signal(int, str, int, object)

    def __init__(self, project_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project_path = project_path
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        pool.setExpiryTimeout(-1)  # the thread, and the Project it holds, live as long as the window
        self._runner = JobRunner(pool, self)
        self._thread_state = threading.local()
        self._latest: tuple[int, str] | None = None
        self._stopped = False

    @property
    def busy(self) -> bool:
        return bool(self._runner.running)

    def link(self, page_id: int, text: str) -> None:
        """Align ``text`` with the page's OCR words; asked before suggestions, so answered first."""
        self._latest = (page_id, text)
        job = Job(partial(self._link, page_id, text), title="Word links")
        job.signals.finished.connect(partial(self._linked, page_id, text))
        self._runner.start(job)

    def request(self, page_id: int, text: str, within: tuple[int, int] | None = None) -> None:
        self._latest = (page_id, text)
        job = Job(partial(self._suggest, page_id, text, within), title="Suggestions")
        job.signals.finished.connect(partial(self._finished, page_id, text, within))
        self._runner.start(job)

    def ask(self, page_id: int, text: str, offset: int) -> None:
        """Ask for the candidates of the word at ``offset``, flagged or not."""
        job = Job(partial(self._ask, page_id, text, offset), title="Candidates")
        job.signals.finished.connect(partial(self._answered, page_id, text, offset))
        self._runner.start(job)

    def stop(self) -> None:
        """Close the thread's Project and wait for the thread: call before the window goes."""
        self._latest = None
        self._stopped = True  # answers still queued for the window are dropped
        self._runner.start(Job(self._close_project, title="Closing suggestions"))
        self._runner.cancel_all_and_wait()

    def _suggest(self, page_id: int, text: str, within: tuple[int, int] | None, progress: Progress
                 ) -> list[Suggestion] | None:
        if self._latest != (page_id, text):
            return None  # a newer request will answer
        return self._project().suggestions.for_page(page_id, text, within=within)

    def _link(self, page_id: int, text: str, progress: Progress) -> list[WordLink] | None:
        if self._latest != (page_id, text):
            return None  # typing went on: the newer text will be linked
        return self._project().suggestions.word_links(page_id, text)

    def _ask(self, page_id: int, text: str, offset: int, progress: Progress) -> Suggestion | None:
        return self._project().suggestions.at(page_id, offset, text)

    def _project(self) -> Project:
        """The thread's own Project, opened on first use."""
        project = getattr(self._thread_state, "project", None)
        if project is None:
            project = self._thread_state.project = Project.open(self._project_path)
        return project

    def _close_project(self, progress: Progress) -> None:
        project = getattr(self._thread_state, "project", None)
        if project is not None:
            project.close()
            self._thread_state.project = None

    def _finished(self, page_id: int, text: str, within: tuple[int, int] | None, result: object) -> None:
        if result is not None and not self._stopped:
            self.ready.emit(page_id, text, within, result)

    def _linked(self, page_id: int, text: str, result: object) -> None:
        if result is not None and not self._stopped:
            self.linked.emit(page_id, text, result)

    def _answered(self, page_id: int, text: str, offset: int, result: object) -> None:
        if not self._stopped:
            self.answered.emit(page_id, text, offset, result)
