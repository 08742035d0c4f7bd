"""The overview's figures kept page by page, so that a change measures only the pages it touched.

A save, a mark or a replacement tells the window which pages changed and how (a ``ChangeSet``):
a new status is counted at once; a new text is measured again, for those pages only, in the
background. Only a change made elsewhere (another window, a command) measures the whole project.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from workbench.project import ChangeSet, Document, PageProgress, ProjectOverview
from workbench.records import NEEDING_WORK


class ProgressLedger:
    def __init__(self) -> None:
        self._documents: tuple[Document, ...] = ()
        self._pages: dict[int, PageProgress] = {}
        self._open_suggestions: dict[int, int] = {}
        self.measured = False
        """Whether the whole project has been measured once: nothing is shown before."""

    def fill(self, documents: Iterable[Document], pages: Iterable[PageProgress],
             open_suggestions: Mapping[int, int]) -> None:
        """Take a measurement of the whole project."""
        self._documents = tuple(documents)
        self._pages = {page.page_id: page for page in pages}
        self._open_suggestions = dict(open_suggestions)
        self.measured = True

    def apply(self, changes: ChangeSet) -> list[int]:
        """Count the new statuses; the pages whose texts must be measured again."""
        for page in changes.pages:
            known = self._pages.get(page.id)
            if known is not None and known.status != page.status:
                self._pages[page.id] = PageProgress(
                    page.id, page.document_id, page.status, known.compared_chars, known.char_errors)
        for page in changes.pages:
            if page.status not in NEEDING_WORK:
                self._open_suggestions.pop(page.id, None)  # done pages' suggestions are not counted
        remeasure = {revision.page_id for revision in changes.revisions} | set(changes.pages_added)
        return sorted(remeasure)

    def remeasured(self, pages: Iterable[PageProgress], open_suggestions: Mapping[int, int]) -> None:
        for page in pages:
            self._pages[page.page_id] = page
        self._open_suggestions.update(open_suggestions)

    def count_open_suggestions(self, page_id: int, count: int) -> None:
        """The page shown reports its own count, as its suggestions arrive."""
        if page_id in self._pages and self._pages[page_id].status in NEEDING_WORK:
            self._open_suggestions[page_id] = count

    def overview(self) -> ProjectOverview:
        return ProjectOverview.of(self._documents, self._pages.values())

    def open_suggestions(self) -> int:
        return sum(self._open_suggestions.values())

    def suggestion_counts(self) -> dict[int, int]:
        return dict(self._open_suggestions)
