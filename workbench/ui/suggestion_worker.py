"""Suggestions computed off the GUI thread, on one thread that keeps its own Project open.

Making suggestions for a badly recognised page can take most of a second the first time, and
counting a large project's words takes seconds, so the window never asks on its own thread. One
long-lived thread with its own connection keeps the engine's caches warm between requests; only
the newest request for a page is worked on, older ones are dropped.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from workbench.project import Project, Suggestion, WordLink
from workbench.ui.project_link import ProjectLink


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
        # A link of its own: a slow first page of suggestions never holds up a save.
        self._link = ProjectLink(project_path, self)
        self._latest: tuple[int, str] | None = None
        self._stopped = False

    @property
    def busy(self) -> bool:
        return self._link.busy

    def link(self, page_id: int, text: str) -> None:
        """Align ``text`` with the page's OCR words; asked before suggestions, so answered first."""
        self._latest = (page_id, text)
        self._link.call(partial(self._word_links, page_id, text), partial(self._linked, page_id, text),
                        title="Word links")

    def request(self, page_id: int, text: str, within: tuple[int, int] | None = None) -> None:
        self._latest = (page_id, text)
        self._link.call(partial(self._suggest, page_id, text, within),
                        partial(self._finished, page_id, text, within), title="Suggestions")

    def ask(self, page_id: int, text: str, offset: int) -> None:
        """Ask for the candidates of the word at ``offset``, flagged or not."""
        self._link.call(lambda project: project.suggestions.at(page_id, offset, text),
                        partial(self._answered, page_id, text, offset), title="Candidates")

    def stop(self) -> None:
        """Close the thread's Project and wait for the thread: call before the window goes."""
        self._latest = None
        self._stopped = True  # answers still queued for the window are dropped
        self._link.close()

    def _suggest(self, page_id: int, text: str, within: tuple[int, int] | None, project: Project
                 ) -> list[Suggestion] | None:
        if self._latest != (page_id, text):
            return None  # a newer request will answer
        return project.suggestions.for_page(page_id, text, within=within)

    def _word_links(self, page_id: int, text: str, project: Project) -> list[WordLink] | None:
        if self._latest != (page_id, text):
            return None  # typing went on: the newer text will be linked
        return project.suggestions.word_links(page_id, text)

    def _finished(self, page_id: int, text: str, within: tuple[int, int] | None, result: object) -> None:
        if result is not None and not self._stopped:
            self.ready.emit(page_id, text, within, result)

    def _linked(self, page_id: int, text: str, result: object) -> None:
        if result is not None and not self._stopped:
            self.linked.emit(page_id, text, result)

    def _answered(self, page_id: int, text: str, offset: int, result: object) -> None:
        if not self._stopped:
            self.answered.emit(page_id, text, offset, result)
