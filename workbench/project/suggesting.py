"""Suggestions for a page's text, and the project vocabulary they draw their candidates from."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

import sqlite_utils

from workbench.errors import NotFoundError
from workbench.records import OcrWord, Suggestion, WordEvidence, WordLink
from workbench.store import lexicon, ocr_runs, pages, revisions, suggestion_feedback
from workbench.suggest.context import LearnedFixes, SuggestContext
from workbench.suggest.engine import SuggestionEngine
from workbench.suggest.error_model import count_confusions
from workbench.suggest.general_lexicon import general_lexicon, general_prefixes
from workbench.suggest.habits import Habits, find_habits
from workbench.suggest.learning import compare, fixes_table
from workbench.suggest.neighbours import english_pairs
from workbench.suggest.vocabulary import count_words
from workbench.project.word_alignment import ALIGNMENTS


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
        self._snapshot: Mapping[str, int] | None = None

    def current(self, db: sqlite_utils.Database) -> Mapping[str, int]:
        """The vocabulary as the project's texts stand now; the same object while they do not change."""
        latest = revisions.latest_revision_id(db)
        if self._snapshot is None or latest != self._seen_revision:
            self._recount(db, revisions.current_texts_after(db, self._seen_revision))
            self._seen_revision = latest
            self._snapshot = MappingProxyType(dict(self._counts))
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
    return ALIGNMENTS.links(ocr_runs.latest_ocr_run(db, page_id), text)


HABITS_REREAD = 0.1
"""A document's habits are read again when this share more of its pages were recognised."""


class _DocumentEngine(NamedTuple):
    recognised: int
    """The document's recognised revisions when its habits were read."""
    own: Habits
    """Its own habits, to be joined with the project's."""
    engine: SuggestionEngine
    project: SuggestionEngine
    """The project's engine that ``engine`` was made from: when that changes, so must this."""


class ProjectEngine:
    """The suggestion engine for the project as it stands: rebuilt only when something it learns
    from changed (a text, a status, the lexicon, an accepted or rejected suggestion)."""

    def __init__(self) -> None:
        self._state: tuple[int, ...] | None = None
        self._engine: SuggestionEngine | None = None
        self._confusions: Counter[tuple[str, str]] = Counter()
        """Learned from the archivist's corrections, for every document's error model."""
        self._pairs: dict[int, tuple[int, list[tuple[str, str]], Counter[str], list[str]]] = {}
        """Corrected page → (its revision, OCR/corrected word pairs, OCR words kept, its words)."""
        self._documents: dict[int, _DocumentEngine] = {}

    def current(self, db: sqlite_utils.Database, vocabulary: ProjectVocabulary,
                document_id: int | None = None) -> SuggestionEngine:
        """The engine for the project as it stands; for one document's pages, with that document's
        habits (each typewriter and scan has its own, and a habit of one document among many would
        be lost in the counts of the whole project)."""
        state = suggestion_feedback.learning_state(db)
        if self._engine is None or state != self._state:
            self._engine = SuggestionEngine(self._context(db, vocabulary.current(db)), previous=self._engine)
            self._state = state
        return self._engine if document_id is None else self._document_engine(db, document_id, self._engine)

    def _document_engine(self, db: sqlite_utils.Database, document_id: int, project: SuggestionEngine
                         ) -> SuggestionEngine:
        """The document's engine. Its habits are read again once a tenth more of its pages were
        recognised since: not after every page while a long document is being recognised."""
        known = self._documents.get(document_id)
        if known is not None and known.project is project:
            return known.engine  # nothing was stored since, so nothing was recognised either
        recognised = revisions.recognised_revisions_of_document(db, document_id)
        if known is None or recognised > known.recognised * (1 + HABITS_REREAD):
            own = find_habits(count_words(revisions.recognised_texts_of_document(db, document_id)),
                              project.context.general)
        else:
            own, recognised = known.own, known.recognised
        habits = own | project.context.habits
        context = project.context.with_habits(habits, self._confusions)
        engine = SuggestionEngine(context, previous=None if known is None else known.engine)
        self._documents[document_id] = _DocumentEngine(recognised, own, engine, project)
        return engine

    def _context(self, db: sqlite_utils.Database, counts: Mapping[str, int]) -> SuggestContext:
        pairs: list[tuple[str, str, int]] = []
        corrected: Counter[str] = Counter()
        kept: Counter[str] = Counter()
        seen = {}
        for page_id, revision_id, text, ocr in suggestion_feedback.corrected_texts(db):
            known = self._pairs.get(page_id)
            if known is None or known[0] != revision_id:
                found, unchanged = compare(ocr, text) if ocr is not None else ([], Counter[str]())
                known = (revision_id, found, unchanged, [w.lower() for w in count_words([text]).elements()])
            seen[page_id] = known
            pairs.extend((wrong, right, 1) for wrong, right in known[1])
            kept.update(known[2])
            corrected.update(known[3])
        self._pairs = seen
        pairs.extend(suggestion_feedback.accepted_fixes(db))
        # Confusions are learned from misreadings that are no word: a real word replaced by another
        # is as often a different reading of the line as a misread letter.
        general = general_lexicon()
        self._confusions = count_confusions(
            (wrong, right) for wrong, right, count in pairs if wrong.lower() not in general for _ in range(count)
        )
        return SuggestContext(
            general,
            project_counts=counts,
            accepted=frozenset(lexicon.words(db)),
            corrected=corrected,
            learned=LearnedFixes(fixes_table(pairs), kept),
            prefixes=general_prefixes(),
            pairs=english_pairs(),
        ).with_habits(find_habits(counts, general), self._confusions)


def load_word_lists() -> None:
    """Load the general word list, its prefixes and the word pairs (cached for the process) ahead of first use."""
    general_lexicon()
    general_prefixes()
    english_pairs()


def suggestions(
    db: sqlite_utils.Database, vocabulary: ProjectVocabulary, engine: ProjectEngine, page_id: int, text: str,
    *, within: tuple[int, int] | None = None,
) -> list[Suggestion]:
    """Suggestions for ``text`` as a version of the page (for the words inside ``within`` only, if given).

    Words still as the OCR read them carry its confidence and its other readings; words the
    archivist typed are not judged. A page never recognised is judged as plain text.
    """
    return engine.current(db, vocabulary, _document_of(db, page_id)).suggest(
        text, _ocr_evidence(db, page_id, text), within=within)


def suggestion_at(
    db: sqlite_utils.Database, vocabulary: ProjectVocabulary, engine: ProjectEngine, page_id: int, text: str,
    offset: int,
) -> Suggestion | None:
    """The suggestion for the word at ``offset`` of ``text``, flagged or not (see ``SuggestionEngine.asked``)."""
    return engine.current(db, vocabulary, _document_of(db, page_id)).asked(
        text, offset, _ocr_evidence(db, page_id, text))


def _document_of(db: sqlite_utils.Database, page_id: int) -> int:
    page = pages.page(db, page_id)
    if page is None:
        raise NotFoundError(f"There is no page {page_id} in this project.")
    return page.document_id


def _ocr_evidence(db: sqlite_utils.Database, page_id: int, text: str) -> list[WordEvidence | None] | None:
    """What the page's latest OCR says of each token of ``text``: None for a token the archivist
    typed, and no list at all for a page never recognised (judged as plain text)."""
    run = ocr_runs.latest_ocr_run(db, page_id)
    if run is None:
        return None
    said: list[WordEvidence | None] = []
    for link in ALIGNMENTS.links(run, text):
        word = None if link.word_index is None else run.words[link.word_index]
        if word is None or text[link.start : link.end] != word.text:
            said.append(None)  # typed by the archivist
        else:
            said.append(evidence_of(word))
    return said


def evidence_of(word: OcrWord) -> WordEvidence:
    """What the OCR said of a word, as the suggestions weigh it."""
    return WordEvidence(word.confidence, word.alternatives, word.second_look)


def suggestions_for_text(text: str) -> list[Suggestion]:
    """Suggestions for OCR text with no scan, no confidences and no project."""
    counts, general = count_words([text]), general_lexicon()
    context = SuggestContext(general, project_counts=counts, prefixes=general_prefixes(), pairs=english_pairs())
    return SuggestionEngine(context.with_habits(find_habits(counts, general))).suggest(text)


