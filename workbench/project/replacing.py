"""Find and replace across a project, and "apply to all occurrences" of a fix, undoable as one step.

A query finds occurrences in the pages' current texts; each occurrence remembers the revision it was
found in, the line around it (for the concordance) and the OCR box of its word (to crop the word's
image). The archivist unticks any; the rest become one BATCH revision per page on top of the revision
they were found in. A page saved meanwhile is a conflict and is left alone, never overwritten. Undo
adds a REVERT revision per page that is still as the batch left it: history only grows.

Which pages to read: a literal whole-word query asks the search index first (it holds the query's
words wherever the text holds the query), anything else reads every chosen page's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import sqlite_utils

from workbench.errors import WorkbenchError
from workbench.project.word_alignment import ALIGNMENTS
from workbench.records import (
    BatchResult, ChangeSet, Occurrence, OcrWord, PageStatus, ReplaceQuery, Revision, RevisionKind, StatusChange,
)
from workbench.records.replacing import Box
from workbench.store import ocr_runs, pages, revisions, suggestion_feedback
from workbench.store.current_texts import current_texts, page_status
from workbench.store.transactions import Transaction, write_transaction
from workbench.suggest.vocabulary import lexicon_form
from workbench.text.phrases import phrase_words


def find_occurrences(
    db: sqlite_utils.Database,
    query: ReplaceQuery,
    *,
    statuses: Iterable[PageStatus] | None = None,
    document_id: int | None = None,
) -> list[Occurrence]:
    """Every match of ``query`` in the chosen pages' current texts, in reading order."""
    pattern = query.compiled()
    found: list[Occurrence] = []
    chosen = current_texts(db, phrase=_index_words(query), document_id=document_id, statuses=statuses)
    for page_id, revision_id, text in chosen:
        matches = [match for match in pattern.finditer(text) if match.end() > match.start()]
        if matches:
            boxes = _WordBoxes(db, page_id, text)
            found.extend(
                _occurrence(page_id, revision_id, text, match, query.replacement_for(match), boxes)
                for match in matches
            )
    return found


def _index_words(query: ReplaceQuery) -> list[str] | None:
    """Words the search index can look for to narrow the pages, or None if it cannot.

    Only for literal whole-word queries: then every page holding the query holds these words in
    a row. Kept to ASCII queries, where Python and the index agree on what a word character is.
    """
    if query.regex or not query.whole_word or not query.pattern.isascii():
        return None
    return phrase_words(query.pattern) or None


def rebased(db: sqlite_utils.Database, query: ReplaceQuery, occurrences: Sequence[Occurrence], page_id: int
            ) -> list[Occurrence]:
    """``occurrences``, with those on ``page_id`` moved onto its current text where their lines
    still read the same (the archivist saved the page just before replacing). An occurrence on a
    line that was edited stays as it was, so the page is left alone and reported as changed
    meanwhile: what was ticked there may no longer be what is written."""
    current_id = revisions.current_revision_id(db, page_id)
    current = None if current_id is None else revisions.revision(db, current_id)
    if current is None:
        return list(occurrences)
    boxes = _WordBoxes(db, page_id, current.text)
    now: dict[tuple[str, int, str], list[Occurrence]] = {}
    for match in query.compiled().finditer(current.text):
        if match.end() > match.start():
            found = _occurrence(page_id, current.id, current.text, match, query.replacement_for(match), boxes)
            now.setdefault(_place(found), []).append(found)
    moved = []
    for occurrence in occurrences:
        same = now.get(_place(occurrence)) if occurrence.page_id == page_id else None
        moved.append(same.pop(0) if same else occurrence)
    return moved


def _place(occurrence: Occurrence) -> tuple[str, int, str]:
    """Where an occurrence is, in words that survive edits of other lines."""
    return occurrence.line_text, occurrence.start - occurrence.line_start, occurrence.text


def apply_replacements(
    db: sqlite_utils.Database, occurrences: Sequence[Occurrence], *, author: str, note: str, created: str
) -> BatchResult:
    """One BATCH revision per page for the given occurrences, all in one transaction.

    A page whose current revision is not the one its occurrences were found in is a conflict and is
    not touched. Each single-word fix is also recorded as an accepted suggestion, once per page.

    Raises:
        WorkbenchError: Occurrences on a page overlap, or do not fit the text they claim to be from.
    """
    by_page: dict[int, list[Occurrence]] = {}
    for occurrence in occurrences:
        by_page.setdefault(occurrence.page_id, []).append(occurrence)
    done: dict[int, tuple[int, int]] = {}
    conflicts: list[int] = []
    changes: list[ChangeSet] = []
    with write_transaction(db) as connection:
        for page_id, chosen in by_page.items():
            parent_id = chosen[0].revision_id
            current_id = revisions.current_revision_id(connection, page_id)
            if current_id is None or any(o.revision_id != current_id for o in chosen):
                conflicts.append(page_id)
                continue
            parent = revisions.revision(connection, parent_id)
            assert parent is not None  # it is the page's current revision
            revision = revisions.insert_revision(
                connection, page_id=page_id, parent_id=parent_id, kind=RevisionKind.BATCH, author=author,
                created=created, text=_replaced(parent.text, chosen), note=note,
            )
            changes.append(_move_to(connection, revision, author=author, created=created))
            fixes = _word_fixes(chosen)
            for wrong, fixed in fixes:
                suggestion_feedback.add_feedback(
                    connection, page_id=page_id, action="accepted", wrong=wrong, fixed=fixed, author=author,
                    created=created,
                )
            changes.append(ChangeSet(lexicon=tuple(word for fix in fixes for word in fix)))
            done[page_id] = (parent_id, revision.id)
    return BatchResult(done, tuple(conflicts), ChangeSet.combined(changes))


def undo_batch(
    db: sqlite_utils.Database, result: BatchResult, *, author: str, note: str, created: str
) -> BatchResult:
    """Give every page of ``result`` its old text back as a REVERT revision, in one transaction.

    Pages edited since the batch are conflicts and keep their text. The returned result undoes this
    undo in turn (it maps each page from the revert back to the batch's text).
    """
    done: dict[int, tuple[int, int]] = {}
    conflicts: list[int] = []
    changes: list[ChangeSet] = []
    with write_transaction(db) as connection:
        for page_id, (old_id, new_id) in result.revisions.items():
            old = revisions.revision(connection, old_id)
            if old is None or revisions.current_revision_id(connection, page_id) != new_id:
                conflicts.append(page_id)
                continue
            revert = revisions.insert_revision(
                connection, page_id=page_id, parent_id=new_id, kind=RevisionKind.REVERT, author=author,
                created=created, text=old.text, note=note,
            )
            changes.append(_move_to(connection, revert, author=author, created=created))
            done[page_id] = (new_id, revert.id)
    return BatchResult(done, tuple(conflicts), ChangeSet.combined(changes))


class _WordBoxes:
    """The OCR boxes of a page's text, linked once per page that has matches."""

    def __init__(self, db: sqlite_utils.Database, page_id: int, text: str) -> None:
        run = ocr_runs.latest_ocr_run(db, page_id)
        self._words: tuple[OcrWord, ...] = () if run is None else run.words
        self._links = ALIGNMENTS.links(run, text)

    def around(self, start: int, end: int) -> Box | None:
        words = [
            self._words[link.word_index] for link in self._links
            if link.start < end and link.end > start and link.word_index is not None
        ]
        if not words:
            return None
        left, top = min(w.left for w in words), min(w.top for w in words)
        right, bottom = max(w.left + w.width for w in words), max(w.top + w.height for w in words)
        return left, top, right - left, bottom - top


def _occurrence(
    page_id: int, revision_id: int, text: str, match: re.Match[str], replacement: str, boxes: _WordBoxes
) -> Occurrence:
    start, end = match.span()
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return Occurrence(
        page_id, revision_id, start, end, match.group(), replacement,
        text[line_start : len(text) if line_end < 0 else line_end], line_start, boxes.around(start, end),
    )


def _replaced(text: str, chosen: Sequence[Occurrence]) -> str:
    parts: list[str] = []
    position = 0
    for occurrence in sorted(set(chosen), key=lambda o: (o.start, o.end)):
        if occurrence.start < position:
            raise WorkbenchError(
                f"Two replacements overlap on page {occurrence.page_id} (at character {occurrence.start}); "
                "find the occurrences again and choose one of them."
            )
        if text[occurrence.start : occurrence.end] != occurrence.text:
            raise WorkbenchError(
                f"Page {occurrence.page_id} does not read {occurrence.text!r} at character "
                f"{occurrence.start}; find the occurrences again."
            )
        parts += [text[position : occurrence.start], occurrence.replacement]
        position = occurrence.end
    return "".join(parts) + text[position:]


def _word_fixes(chosen: Sequence[Occurrence]) -> list[tuple[str, str]]:
    """The distinct (wrong word, fixed word) pairs among the occurrences: only one word for another
    teaches the suggestions anything."""
    pairs: dict[tuple[str, str], None] = {}
    for occurrence in chosen:
        if occurrence.text.split() == [occurrence.text] and occurrence.replacement.split() == [occurrence.replacement]:
            wrong, fixed = lexicon_form(occurrence.text), lexicon_form(occurrence.replacement)
            if wrong != fixed:
                pairs[wrong, fixed] = None
    return list(pairs)


def _move_to(connection: Transaction, revision: Revision, *, author: str, created: str) -> ChangeSet:
    """Make the revision current; a page not yet worked on is now in progress (as a save makes it)."""
    page_id = revision.page_id
    pages.set_current_revision(connection, page_id, revision.id)
    logged: tuple[StatusChange, ...] = ()
    if page_status(connection, page_id) in (PageStatus.NEW, PageStatus.RECOGNISED):
        logged = (pages.set_status(connection, page_id, PageStatus.IN_PROGRESS, author=author, created=created),)
    page = pages.page(connection, page_id)
    assert page is not None  # it was just changed
    return ChangeSet(pages=(page,), revisions=(revision,), status_changes=logged)
