"""Suggestions for a page's text, and the project vocabulary they draw their candidates from."""

from __future__ import annotations

from collections import Counter

import sqlite_utils

from workbench.store import lexicon, ocr_runs, revisions
from workbench.suggest.low_confidence import suggest_low_confidence
from workbench.suggest.model import Suggestion
from workbench.suggest.vocabulary import Vocabulary, count_words
from workbench.text.alignment import WordLink, link_words


class ProjectVocabulary:
    """Word counts over the current texts of all pages, recounted page by page as texts change.

    Counting every page again after each save would take seconds on a large project. Every change
    of a text adds a revision (a save, OCR, a revert, by this window or any other process), so the
    newest revision id says whether anything changed, and only pages whose current revision is newer
    than at the last look are recounted.
    """

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._counted: dict[int, int] = {}
        """The revision each page's words were counted from."""
        self._seen_revision = 0
        self._snapshot: Vocabulary | None = None

    @property
    def counted(self) -> bool:
        return self._snapshot is not None

    def current(self, db: sqlite_utils.Database) -> Vocabulary:
        """The vocabulary as the project's texts stand now; the same object while they do not change."""
        latest = revisions.latest_revision_id(db)
        if self._snapshot is None or latest != self._seen_revision:
            self._recount(db, revisions.current_texts_after(db, self._seen_revision))
            self._seen_revision = latest
            self._snapshot = Vocabulary(self._counts)
        return self._snapshot

    def _recount(self, db: sqlite_utils.Database, current: list[tuple[int, int, str]]) -> None:
        """Swap the counts of the pages' old texts for those of their current texts, all at once:
        counting many texts together is several times faster than one by one."""
        # A page may come again if it was saved while the last look was under way.
        changed = [(page, revision, text) for page, revision, text in current
                   if self._counted.get(page) != revision]
        old = [revisions.revision(db, self._counted[page]) for page, _, _ in changed if page in self._counted]
        removed = count_words(revision.text for revision in old if revision is not None)
        self._counts.update(count_words(text for _, _, text in changed))
        self._counts.subtract(removed)
        for word in removed:
            if self._counts[word] <= 0:
                del self._counts[word]
        self._counted.update((page, revision) for page, revision, _ in changed)


def word_links(db: sqlite_utils.Database, page_id: int, text: str) -> list[WordLink]:
    """The tokens of ``text`` linked to the page's latest OCR words; empty if it was never recognised."""
    run = ocr_runs.latest_ocr_run(db, page_id)
    return [] if run is None else link_words(text, run.words)


def suggestions(
    db: sqlite_utils.Database, vocabulary: ProjectVocabulary, page_id: int, text: str
) -> list[Suggestion]:
    """Suggestions for ``text`` as a version of the page: its words still as the OCR read them."""
    run = ocr_runs.latest_ocr_run(db, page_id)
    if run is None:
        return []
    return suggest_low_confidence(
        text, link_words(text, run.words), run.words, vocabulary.current(db), lexicon=lexicon.words(db)
    )
