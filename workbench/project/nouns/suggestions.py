"""``project.suggestions``: the doubtful words of a page's text with their candidates, the word links
they are made from, and what the archivist teaches them (words accepted as right, fixes chosen)."""

from __future__ import annotations

from workbench.project import suggesting
from workbench.project.context import ProjectContext, now
from workbench.records import ChangeSet, Suggestion, WordLink
from workbench.store import lexicon, suggestion_feedback
from workbench.project.nouns import Noun
from workbench.store.errors import translate_storage_errors
from workbench.store.transactions import write_transaction
from workbench.suggest.vocabulary import lexicon_form


@translate_storage_errors
class Suggestions(Noun):
    def __init__(self, context: ProjectContext) -> None:
        super().__init__(context)
        self._vocabulary = suggesting.ProjectVocabulary()
        self._engine = suggesting.ProjectEngine()

    def for_page(
        self, page_id: int, text: str | None = None, *, within: tuple[int, int] | None = None
    ) -> list[Suggestion]:
        """Doubtful words of the current text, or of ``text`` (an edit not saved yet), with candidates.

        Offsets point into the text the suggestions were made for. Candidates come from the words of
        all current texts of the project, so a word corrected on one page is offered on the others.
        ``within``: only for the words inside these offsets (the lines being edited).
        """
        return suggesting.suggestions(
            self._context.db, self._vocabulary, self._engine, page_id, self._text(page_id, text), within=within
        )

    def at(self, page_id: int, offset: int, text: str | None = None) -> Suggestion | None:
        """The suggestion for the word at ``offset`` of the current text (or ``text``), whether or
        not it is flagged: the archivist asked for candidates there. None where there is no word."""
        return suggesting.suggestion_at(
            self._context.db, self._vocabulary, self._engine, page_id, self._text(page_id, text), offset
        )

    def word_links(self, page_id: int, text: str | None = None) -> list[WordLink]:
        """Which word of the page's latest OCR each token came from, for the current text or ``text``.

        Empty if the page was never recognised.
        """
        return suggesting.word_links(self._context.db, page_id, self._text(page_id, text))

    def warm_up(self) -> suggesting.ProjectVocabulary:
        """Count the project's words and load the general word list now, so that the first
        suggestions do not wait for either (benchmarks warm up with it)."""
        self._vocabulary.current(self._context.db)
        suggesting.load_word_lists()
        return self._vocabulary

    def reject(self, page_id: int, word: str, *, author: str) -> ChangeSet:
        """Record that ``word`` (rejected as a suggestion on a page) is right: it is not flagged again
        anywhere in the project."""
        self._context.page(page_id)
        stamp = now()
        with write_transaction(self._context.db) as connection:
            lexicon.add_word(connection, lexicon_form(word), author=author, created=stamp, page_id=page_id)
            suggestion_feedback.add_feedback(
                connection, page_id=page_id, action="rejected", wrong=word, fixed=None, author=author,
                created=stamp,
            )
        return ChangeSet(lexicon=(lexicon_form(word),))

    def accepted(self, page_id: int, wrong: str, fixed: str, *, author: str) -> ChangeSet:
        """Record that the archivist replaced ``wrong`` with ``fixed`` from a suggestion: the fix is
        then offered first, and the misreading flagged, wherever ``wrong`` occurs in the project."""
        self._context.page(page_id)
        wrong_word, fixed_word = lexicon_form(wrong), lexicon_form(fixed)
        with write_transaction(self._context.db) as connection:
            suggestion_feedback.add_feedback(
                connection, page_id=page_id, action="accepted", wrong=wrong_word, fixed=fixed_word,
                author=author, created=now(),
            )
        return ChangeSet(lexicon=(wrong_word, fixed_word))

    def lexicon(self) -> set[str]:
        """The words the archivist has accepted as right for this project."""
        return lexicon.words(self._context.db)

    def _text(self, page_id: int, text: str | None) -> str:
        """The text to judge: ``text`` as given, or the page's current text (either way, of a page
        that exists)."""
        if text is None:
            return self._context.current_text(page_id)
        self._context.page(page_id)
        return text
