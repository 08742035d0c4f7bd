"""``project.replace``: find a word or pattern across the project and replace it, as one undoable batch."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from workbench.project import backups, replacing
from workbench.project.context import ProjectContext, now
from workbench.project.nouns.pages import Pages
from workbench.records import BatchResult, Occurrence, PageStatus, ReplaceQuery
from workbench.project.nouns import Noun
from workbench.store.errors import translate_storage_errors


@translate_storage_errors
class Replace(Noun):
    def __init__(self, context: ProjectContext, pages: Pages) -> None:
        super().__init__(context)
        self._pages = pages

    def find(
        self, query: ReplaceQuery, *, statuses: Iterable[PageStatus] | None = None, document: str | None = None
    ) -> list[Occurrence]:
        """Every match of ``query`` in the current texts (of pages with these statuses, in this
        document), in reading order, with its line and OCR word box for a concordance."""
        document_id = None if document is None else self._pages.document(document).id
        return replacing.find_occurrences(self._context.db, query, statuses=statuses, document_id=document_id)

    def apply(self, occurrences: Sequence[Occurrence], *, author: str, note: str) -> BatchResult:
        """Apply the chosen occurrences as one BATCH revision per page, in one transaction; pages
        saved since the occurrences were found are reported as conflicts and left alone.
        ``undo`` of the result is its inverse. A backup is taken first (see ``backups``)."""
        if occurrences:
            backups.backup_quietly(self._context.path, backups.BEFORE_REPLACE)
        return replacing.apply_replacements(
            self._context.db, occurrences, author=author, note=note, created=now())

    def rebase(self, query: ReplaceQuery, occurrences: Sequence[Occurrence], page_id: int) -> list[Occurrence]:
        """The occurrences, with those on ``page_id`` moved onto the text it was just saved with,
        where their lines still read the same."""
        return replacing.rebased(self._context.db, query, occurrences, page_id)

    def undo(self, result: BatchResult, *, author: str, note: str = "undid a batch replacement") -> BatchResult:
        """Give the pages of a batch their old texts back as REVERT revisions, in one transaction;
        pages edited since are conflicts and keep their text. Undoing the returned result redoes."""
        return replacing.undo_batch(self._context.db, result, author=author, note=note, created=now())
