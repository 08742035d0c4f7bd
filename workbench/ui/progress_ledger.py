"""The overview's figures kept page by page, so that a change measures only the pages it touched.

A save, a mark or a replacement tells the window which pages changed and how (a ``ChangeSet``):
a new status is counted at once; a new text is measured again, for those pages only, in the
background. Only a change made elsewhere (another window, a command) measures the whole project.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from workbench.project import ChangeSet, Document, Page, PageProgress, ProjectOverview
from workbench.records import NEEDING_WORK


TOLD_KEPT = 10_000
"""Page records kept from the change-sets told, for measurements that were asked for before them."""


class ProgressLedger:
    """Per page: its status and its text's figures. Statuses come from the change-sets as they
    happen; a measurement, which runs in the background, may have read the file before the latest
    of them, so whatever was told after it was asked for is told again on top of it."""

    def __init__(self) -> None:
        self._documents: tuple[Document, ...] = ()
        self._pages: dict[int, PageProgress] = {}
        self._open_suggestions: dict[int, int] = {}
        self._told: list[tuple[int, Page]] = []
        self.generation = 0
        """How many change-sets were told: a measurement is asked for at one of them."""
        self.measured = False
        """Whether the whole project has been measured once: nothing is shown before."""

    def fill(self, documents: Iterable[Document], pages: Iterable[PageProgress],
             open_suggestions: Mapping[int, int], *, asked_at: int) -> None:
        """Take a measurement of the whole project, asked for at generation ``asked_at``."""
        self._documents = tuple(documents)
        self._pages = {page.page_id: page for page in pages}
        self._open_suggestions = dict(open_suggestions)
        self.measured = True
        self._tell_again(asked_at)

    def apply(self, changes: ChangeSet) -> list[int]:
        """Count the new statuses; the pages whose texts must be measured again."""
        self.generation += 1
        for page in changes.pages:
            self._told.append((self.generation, page))
            self._take_status(page)
        del self._told[:-TOLD_KEPT]
        return sorted({revision.page_id for revision in changes.revisions} | set(changes.pages_added))

    def remeasured(self, documents: Iterable[Document], pages: Iterable[PageProgress],
                   open_suggestions: Mapping[int, int], *, asked_at: int) -> None:
        """Take a measurement of some pages (pages added may be in a document new to the ledger)."""
        self._documents = tuple(documents)
        for page in pages:
            self._pages[page.page_id] = page
        self._open_suggestions.update(open_suggestions)
        self._tell_again(asked_at)

    def count_open_suggestions(self, page_id: int, count: int) -> None:
        """The page shown reports its own count, as its suggestions arrive."""
        if page_id in self._pages and self._pages[page_id].status in NEEDING_WORK:
            self._open_suggestions[page_id] = count

    def overview(self) -> ProjectOverview:
        return ProjectOverview.of(self._documents, self._pages.values())

    def open_suggestions(self) -> int:
        return sum(self._open_suggestions.values())

    def _tell_again(self, asked_at: int) -> None:
        for generation, page in self._told:
            if generation > asked_at:
                self._take_status(page)

    def _take_status(self, page: Page) -> None:
        known = self._pages.get(page.id)
        if known is not None and known.status != page.status:
            self._pages[page.id] = replace(known, status=page.status)
        if page.status not in NEEDING_WORK:
            self._open_suggestions.pop(page.id, None)  # done pages' suggestions are not counted
