"""The editable text of one page: suggestions marked and settled from the keyboard, words linked to the scan.

Every change the editor makes to the text goes through a ``QTextCursor`` edit block on the
document's own undo stack, so one Ctrl+Z undoes one accepted suggestion. Marks are drawn by
:class:`~workbench.ui.suggestion_highlighter.SuggestionHighlighter` and never touch the text.
Offsets in the API are Python offsets into :meth:`PageEditor.current_text`.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QHelpEvent,
    QColor,
    QFont,
    QFontDatabase,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from workbench.project import Suggestion, WordLink
from workbench.ui.suggestion_highlighter import SuggestionHighlighter, SuggestionMark, SuggestionMarks
from workbench.ui.text_positions import AnchoredSpan, from_qt, to_qt

log = logging.getLogger(__name__)

PAGE_FONT_FAMILY = "DejaVu Sans Mono"  # tells l from 1 and I, and O from 0
PAGE_FONT_POINTS = 11
PICKABLE_CANDIDATES = 5  # Alt+1 to Alt+5
REJECT_KEYS = ("Ctrl+Shift+Return", "Ctrl+Shift+Enter")
CURRENT_MARK_BACKGROUND = QColor("#fff3c4")
_LINE_BREAKS = str.maketrans({"\u2029": "\n", "\u2028": "\n"})


class WordAnchors:
    """The tokens of the text that came from OCR words, kept in place while the text is edited."""

    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self._spans: list[AnchoredSpan] = []  # in text order, which edits never change
        self._words: list[int] = []
        self._by_word: dict[int, tuple[AnchoredSpan, AnchoredSpan]] = {}  # first and last token

    def set_links(self, links: Sequence[WordLink]) -> None:
        """Link tokens, given in Python offsets into the current text, to their OCR words.

        Tokens the archivist typed (no word) and links outside the text are left out.
        """
        text = self._document.toRawText()
        linked: list[tuple[int, int, int]] = []
        for link in links:
            if link.word_index is not None and 0 <= link.start <= link.end <= len(text):
                linked.append((link.start, link.end, link.word_index))
        linked.sort()
        self._spans = [AnchoredSpan(self._document, to_qt(text, s), to_qt(text, e)) for s, e, _ in linked]
        self._words = [word for _, _, word in linked]
        self._by_word = {}
        for word, span in zip(self._words, self._spans, strict=True):
            first, _ = self._by_word.get(word, (span, span))
            self._by_word[word] = (first, span)

    def word_at(self, position: int) -> int | None:
        """The OCR word of the token the Qt ``position`` is in or at either end of."""
        after = bisect.bisect_right(self._spans, position, key=lambda span: span.start)
        if after and self._spans[after - 1].touches(position, position):
            return self._words[after - 1]
        return None

    def words_touching(self, span: AnchoredSpan) -> list[int]:
        """The OCR words of the tokens that overlap a span (Qt positions, as kept through edits)."""
        return [word for word, token in zip(self._words, self._spans, strict=True)
                if token.start < span.end and span.start < token.end]

    def tokens_of(self, word_index: int) -> tuple[int, int] | None:
        """Qt positions from the first to the last token of an OCR word (split words have several)."""
        first, last = self._by_word.get(word_index, (None, None))
        return None if first is None or last is None else (first.start, last.end)


class PageEditor(QPlainTextEdit):
    """The text of one page, with its suggestions marked and its words linked to the scan.

    Load a page with :meth:`set_page_text`, then give it :meth:`set_word_links` and
    :meth:`set_suggestions` computed for that text.

    Attributes:
        suggestion_actions: the keys that settle suggestions (Ctrl+., Ctrl+Return, Alt+1 to Alt+5,
            Ctrl+Shift+Return, F8, Shift+F8) as actions of this widget, for the window's menu.

    Signals:
        caret_word_changed(word_index): the caret moved onto a token of another OCR word, or off
            linked tokens (None: typed text, a blank line).
        suggestion_accepted(suggestion, text): the archivist replaced a suggestion's span by
            ``text``; the suggestion has the offsets its span had just before.
        suggestion_rejected(suggestion): the archivist said the span is right; it is unmarked.
        candidates_wanted(offset): Ctrl+. on a word no suggestion marks; answer with
            ``show_asked``. ``offset`` is the caret's, into ``current_text()``.
        text_edited(): the text changed, by typing, a fix, undo or redo (not by loading a page).
        unsaved_changed(unsaved): the document's modified flag changed.
    """

    caret_word_changed = Signal(object)
    suggestion_accepted = Signal(object, str)
    suggestion_rejected = Signal(object)
    candidates_wanted = Signal(int)
    text_edited = Signal()
    unsaved_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(_page_font())
        # One text line per OCR line, never wrapped: the layout is what lines up with the scan.
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        document = self.document()
        self._marks = SuggestionMarks(document)  # before the highlighter: it must see edits first
        self._highlighter = SuggestionHighlighter(self._marks)
        self._words = WordAnchors(document)
        self._caret_word: int | None = None
        self._loading = False
        document.contentsChange.connect(self._text_changed)
        document.modificationChanged.connect(self.unsaved_changed)
        self._marks.marks_changed.connect(self._show_current_mark)
        self.cursorPositionChanged.connect(self._caret_moved)
        self.suggestion_actions = _suggestion_actions(self)
        self.addActions(list(self.suggestion_actions))

    # Page text

    def set_page_text(self, text: str) -> None:
        """Show a page's text, forgetting the previous page's undo history, marks and word links.

        Qt keeps line breaks as ``"\\n"`` (``"\\r\\n"`` and ``"\\r"`` become one) and drops a byte
        order mark; offsets count in the text as shown, which :meth:`current_text` returns.
        """
        self._loading = True
        try:
            self._marks.set_suggestions(())
            self._words.set_links(())
            self.setPlainText(text)  # which also clears the undo and redo history
        finally:
            self._loading = False
        self.document().setModified(False)
        if self.current_text() != text:
            log.warning("page text changed on loading (line breaks or a byte order mark)")

    def current_text(self) -> str:
        """The text as it is now, with ``"\\n"`` line breaks.

        Unlike ``toPlainText()`` it keeps no-break spaces, so the saved text is the text shown.
        """
        return self.document().toRawText().translate(_LINE_BREAKS)

    # Caret and selection

    def set_word_links(self, links: Sequence[WordLink]) -> None:
        """Link tokens of the current text to the OCR words they came from."""
        self._words.set_links(links)
        self._caret_moved()

    def select_word(self, word_index: int) -> bool:
        """Select the token (or tokens) that came from an OCR word; False if none is linked to it."""
        tokens = self._words.tokens_of(word_index)
        if tokens is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(tokens[0])
        cursor.setPosition(tokens[1], QTextCursor.MoveMode.KeepAnchor)
        self._select(cursor)
        return True

    def select_span(self, start: int, end: int) -> None:
        """Select ``current_text()[start:end]``, with the caret at its end.

        Raises:
            IndexError: the span lies outside the text.
        """
        document = self.document()
        cursor = QTextCursor(document)
        cursor.setPosition(to_qt(document, start))
        cursor.setPosition(to_qt(document, end), QTextCursor.MoveMode.KeepAnchor)
        self._select(cursor)

    # Suggestions

    def set_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        """Mark these suggestions, computed for the current text, instead of the current ones."""
        self._marks.set_suggestions(suggestions)

    def set_suggestions_within(self, start: int, end: int, suggestions: Sequence[Suggestion]) -> None:
        """Mark these suggestions instead of those between the Python offsets ``start`` and ``end``;
        the others stand where they are now."""
        kept = [s for s in self.suggestions() if s.end <= start or s.start >= end]
        self.set_suggestions(sorted([*kept, *suggestions], key=lambda s: s.start))

    def marked_words(self) -> dict[int, str]:
        """The OCR words under the marked suggestions, with the kind of each suggestion: both kept in
        place through the edits since they were given, so no alignment is needed to box them."""
        return {word: str(mark.suggestion.kind) for mark in self._marks.marks()
                for word in self._words.words_touching(mark)}

    def suggestions(self) -> list[Suggestion]:
        """The marked suggestions in text order, with their offsets where their spans are now."""
        text = self.document().toRawText()
        return [_as_found(mark, text) for mark in self._marks.marks()]

    def suggestion_at_caret(self) -> Suggestion | None:
        """The suggestion the caret is in or at either end of, with its offsets now."""
        mark = self._marks.mark_at(self.textCursor().position())
        return None if mark is None else _as_found(mark, self.document().toRawText())

    def show_asked(self, suggestion: Suggestion) -> QMenu | None:
        """Mark the suggestion asked for with ``candidates_wanted`` and pop up its candidates, if the
        caret is still on its word; None if it has moved on."""
        caret = from_qt(self.document().toRawText(), self.textCursor().position())
        if not suggestion.start <= caret <= suggestion.end:
            return None
        self.set_suggestions_within(suggestion.start, suggestion.end, [suggestion])
        return self.show_candidates()

    def accept_candidate(self, index: int = 0) -> bool:
        """Replace the suggestion at the caret by its candidate ``index`` (0 is the best).

        Returns:
            False if there is no suggestion at the caret or it has no such candidate.
        """
        mark = self._marks.mark_at(self.textCursor().position())
        return mark is not None and self._accept(mark, index)

    def reject_suggestion(self) -> bool:
        """Unmark the suggestion at the caret: its span is right. False if there is none."""
        mark = self._marks.mark_at(self.textCursor().position())
        return mark is not None and self._reject(mark)

    def select_next_suggestion(self) -> bool:
        """Select the next marked span, after the last one the first; False if there are none."""
        return self._step(forward=True)

    def select_previous_suggestion(self) -> bool:
        """Select the previous marked span, before the first one the last; False if there are none."""
        return self._step(forward=False)

    def viewportEvent(self, event: QEvent) -> bool:
        """Hovering over a marked word shows its candidates and reasons, like Ctrl+. does at the caret."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            mark = self._marks.mark_at(self.cursorForPosition(event.pos()).position())
            if mark is not None:
                QToolTip.showText(event.globalPos(), suggestion_tooltip(mark.suggestion), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def show_candidates(self) -> QMenu | None:
        """Pop up, at the caret, the candidates of the suggestion there and the reasons for it.
        On a word nothing marks, ask for its candidates (``candidates_wanted``) instead."""
        mark = self._marks.mark_at(self.textCursor().position())
        if mark is None:
            self.candidates_wanted.emit(from_qt(self.document().toRawText(), self.textCursor().position()))
            return None
        menu = _candidate_menu(
            self, mark.suggestion, accept=partial(self._accept, mark), reject=partial(self._reject, mark)
        )
        menu.popup(self.viewport().mapToGlobal(self.cursorRect().bottomLeft()))
        return menu

    def _accept(self, mark: SuggestionMark, index: int) -> bool:
        candidates = mark.suggestion.candidates
        if mark not in self._marks or not 0 <= index < len(candidates):
            return False
        found = _as_found(mark, self.document().toRawText())
        cursor = mark.cursor()
        self._marks.remove(mark)  # first, so that the edit does not count as editing a mark
        cursor.beginEditBlock()
        cursor.insertText(candidates[index].text)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.suggestion_accepted.emit(found, candidates[index].text)
        return True

    def _reject(self, mark: SuggestionMark) -> bool:
        if mark not in self._marks:
            return False
        found = _as_found(mark, self.document().toRawText())
        self._marks.remove(mark)
        self.suggestion_rejected.emit(found)
        return True

    def _step(self, *, forward: bool) -> bool:
        marks = self._marks.marks()
        if not marks:
            return False
        caret = self.textCursor().position()
        current = self._marks.mark_at(caret)
        if current is not None:
            target = marks[(marks.index(current) + (1 if forward else -1)) % len(marks)]
        elif forward:
            target = next((mark for mark in marks if mark.start >= caret), marks[0])
        else:
            target = next((mark for mark in reversed(marks) if mark.end <= caret), marks[-1])
        self._select(target.cursor())
        return True

    # Reactions

    def _select(self, cursor: QTextCursor) -> None:
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _text_changed(self) -> None:
        if not self._loading:
            self._show_current_mark()
            self.text_edited.emit()

    def _caret_moved(self) -> None:
        self._show_current_mark()
        word = self._words.word_at(self.textCursor().position())
        if word != self._caret_word:
            self._caret_word = word
            self.caret_word_changed.emit(word)

    def _show_current_mark(self) -> None:
        """Shade the suggestion at the caret, repainting only when the shaded span changes.

        The shade's cursor follows edits like any cursor, so it grows over text typed at its end,
        which the mark leaves out: comparing positions catches that too.
        """
        mark = self._marks.mark_at(self.textCursor().position())
        wanted = [] if mark is None else [(mark.start, mark.end)]
        shown = [
            (shade.cursor.selectionStart(), shade.cursor.selectionEnd()) for shade in self.extraSelections()
        ]
        if shown == wanted:
            return
        selections = []
        if mark is not None:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = mark.cursor()
            selection.format = _current_mark_format()
            selections.append(selection)
        self.setExtraSelections(selections)


def _as_found(mark: SuggestionMark, raw_text: str) -> Suggestion:
    """The mark's suggestion with the Python offsets of its span in the document's text now."""
    return dataclasses.replace(
        mark.suggestion, start=from_qt(raw_text, mark.start), end=from_qt(raw_text, mark.end)
    )


def _page_font() -> QFont:
    if PAGE_FONT_FAMILY in QFontDatabase.families():
        font = QFont(PAGE_FONT_FAMILY)
    else:
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(PAGE_FONT_POINTS)
    return font


def _current_mark_format() -> QTextCharFormat:
    shade = QTextCharFormat()
    shade.setBackground(CURRENT_MARK_BACKGROUND)
    return shade


def _suggestion_actions(editor: PageEditor) -> tuple[QAction, ...]:
    """The editor's suggestion keys as actions, active while the editor has the focus."""

    def action(text: str, keys: Sequence[str], handler: Callable[[], object]) -> QAction:
        made = QAction(text, editor)
        made.setShortcuts([QKeySequence(key) for key in keys])
        made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        made.triggered.connect(lambda _checked=False: handler())
        return made

    def pick(index: int) -> Callable[[], object]:
        return lambda: editor.accept_candidate(index)

    return (
        action("Show &Candidates…", ["Ctrl+."], editor.show_candidates),
        action("&Accept Best Candidate", ["Ctrl+Return", "Ctrl+Enter"], pick(0)),
        *(
            action(f"Use Candidate &{n}", [f"Alt+{n}"], pick(n - 1))
            for n in range(1, PICKABLE_CANDIDATES + 1)
        ),
        action("&Reject Suggestion (Word Is Right)", REJECT_KEYS, editor.reject_suggestion),
        action("&Next Suggestion", ["F8"], editor.select_next_suggestion),
        action("&Previous Suggestion", ["Shift+F8"], editor.select_previous_suggestion),
    )


def suggestion_tooltip(suggestion: Suggestion) -> str:
    """The candidates (numbered as Alt+N picks them) and the reasons, as plain lines."""
    candidates = [f"Alt+{n}  {c.text}  ({share_text(c.score)})" for n, c in enumerate(suggestion.candidates[:5], 1)]
    return "\n".join([*(candidates or ["No candidates"]), *suggestion.reasons])


def share_text(score: float) -> str:
    """A candidate's share of the likelihood as a percentage; "<1%" rather than a bare 0."""
    return "<1%" if score < 0.005 else f"{score:.0%}"


def _candidate_menu(
    editor: PageEditor,
    suggestion: Suggestion,
    *,
    accept: Callable[[int], object],
    reject: Callable[[], object],
) -> QMenu:
    """Candidates with their scores (choose one by its number), the reasons, and "word is right"."""
    menu = QMenu(editor)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    for index, candidate in enumerate(suggestion.candidates):
        label = candidate.text.replace("&", "&&")
        number = f"&{index + 1}  " if index < 9 else ""
        choice = menu.addAction(f"{number}{label}\t{share_text(candidate.score)}")
        choice.triggered.connect(lambda _checked=False, index=index: accept(index))
    if not suggestion.candidates:
        menu.addAction("No candidates").setEnabled(False)
    menu.addSeparator()
    for reason in suggestion.reasons:
        menu.addAction(reason.replace("&", "&&")).setEnabled(False)
    menu.addSeparator()
    keys = QKeySequence(REJECT_KEYS[0]).toString(QKeySequence.SequenceFormat.NativeText)
    menu.addAction(f"This word is right\t{keys}").triggered.connect(lambda _checked=False: reject())
    return menu
