"""Suggestion marks in a page's text: where each one is now, and how it is drawn.

A :class:`SuggestionMark` anchors one suggestion in the document as an :class:`AnchoredSpan`,
whose ``QTextCursor`` anchors Qt moves with every edit, so a mark stays on its word while the
archivist types elsewhere. :class:`SuggestionMarks` files each mark in the user data of the blocks
it lies in (the per-block span table, which Qt keeps with its block as lines above it come and go)
and drops a mark as soon as its own text is edited. :class:`SuggestionHighlighter` draws one block
at a time from its table, so a keystroke re-highlights only the block it changed.

Marks are drawn as formats of the block layout, never merged into the text through a cursor: they
add no undo step and leave the document unmodified.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import (
    QColor,
    QSyntaxHighlighter,
    QTextBlock,
    QTextBlockUserData,
    QTextCharFormat,
    QTextDocument,
)

from workbench.project import Suggestion, SuggestionKind
from workbench.ui.text_positions import AnchoredSpan, to_qt

log = logging.getLogger(__name__)

_WAVY = QTextCharFormat.UnderlineStyle.WaveUnderline
_STRAIGHT = QTextCharFormat.UnderlineStyle.SingleUnderline
_DOTTED = QTextCharFormat.UnderlineStyle.DotLine

# Words the lexicon or the confusion model doubts are wavy, like a spelling checker's; the softer
# signals (low confidence, a learned pair) are straight, so the eye goes to the likelier errors;
# a word the archivist asked about is dotted grey: nothing doubted it.
UNDERLINES: dict[SuggestionKind, tuple[QTextCharFormat.UnderlineStyle, str]] = {
    SuggestionKind.UNKNOWN_WORD: (_WAVY, "#d32f2f"),
    SuggestionKind.OCR_CONFUSION: (_WAVY, "#8e24aa"),
    SuggestionKind.LOW_CONFIDENCE: (_STRAIGHT, "#ef8f00"),
    SuggestionKind.LEARNED: (_STRAIGHT, "#1e88e5"),
    SuggestionKind.ASKED: (_DOTTED, "#757575"),
}

_PARAGRAPH_SEPARATOR = "\u2029"  # how QTextCursor.selectedText() shows a line break


class SuggestionMark(AnchoredSpan):
    """One suggestion anchored in a document."""

    def __init__(self, document: QTextDocument, suggestion: Suggestion, start: int, end: int) -> None:
        """Anchor ``suggestion`` at the Qt positions ``start`` to ``end`` of ``document``."""
        super().__init__(document, start, end)
        self.suggestion = suggestion
        self._expected = suggestion.text.replace("\n", _PARAGRAPH_SEPARATOR)

    def is_intact(self) -> bool:
        """Whether the marked text is still the text the suggestion was made for."""
        return self.start <= self.end and self.cursor().selectedText() == self._expected


class BlockMarks(QTextBlockUserData):
    """The span table of one block: the marks that lie, at least partly, in it."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[SuggestionMark] = []


class SuggestionMarks(QObject):
    """Keeps the suggestion marks of one document, filed in per-block span tables.

    A mark is dropped, without a signal, as soon as an edit changes its text: the suggestion was
    about a word that is no longer there.

    Signals:
        marks_changed(first, last): marks between these Qt positions were set or removed other than
            by an edit of the text, so the blocks there need redrawing.
    """

    marks_changed = Signal(int, int)

    def __init__(self, document: QTextDocument) -> None:
        """Track marks in ``document``; this must be connected before the highlighter is."""
        super().__init__(document)
        self._document = document
        self._marks: list[SuggestionMark] = []
        self._block_count = document.blockCount()
        document.contentsChange.connect(self._contents_changed)

    def document(self) -> QTextDocument:
        """The document the marks are anchored in."""
        return self._document

    def set_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        """Mark these suggestions, given in Python offsets, instead of the current ones.

        A suggestion whose span no longer holds its text (it was made for an older text) is
        left out.
        """
        for block in _blocks(self._document.begin(), None):
            block.setUserData(None)  # type: ignore[arg-type]  # None clears it; the stub omits it
        text = self._document.toRawText()
        self._marks = []
        for suggestion in suggestions:
            if not 0 <= suggestion.start <= suggestion.end <= len(text):
                continue
            mark = SuggestionMark(
                self._document, suggestion, to_qt(text, suggestion.start), to_qt(text, suggestion.end)
            )
            if mark.is_intact():
                self._marks.append(mark)
                self._file(mark)
        if len(self._marks) < len(suggestions):
            log.debug("left out %d suggestions made for another text", len(suggestions) - len(self._marks))
        self.marks_changed.emit(0, self._document.characterCount())

    def __contains__(self, mark: object) -> bool:
        return mark in self._marks

    def marks(self) -> list[SuggestionMark]:
        """All marks in text order."""
        return sorted(self._marks, key=lambda mark: (mark.start, mark.end))

    def mark_at(self, position: int) -> SuggestionMark | None:
        """The mark the Qt ``position`` is in or at either end of, if any."""
        table = self._document.findBlock(position).userData()
        if isinstance(table, BlockMarks):
            for mark in table.marks:
                if mark.touches(position, position):
                    return mark
        return None

    def remove(self, mark: SuggestionMark) -> None:
        """Forget a mark that was accepted or rejected, and have its blocks redrawn."""
        first, last = mark.start, mark.end
        self._drop(mark)
        self.marks_changed.emit(first, last)

    def _contents_changed(self, position: int, removed: int, added: int) -> None:
        document = self._document
        structural = document.blockCount() != self._block_count
        self._block_count = document.blockCount()
        if not self._marks:
            return
        last = min(position + added, document.characterCount() - 1)
        first_block, last_block = document.findBlock(position), document.findBlock(last)
        if not structural and first_block == last_block:
            # Typing within one line: only the marks in that line's table can have been edited.
            table = first_block.userData()
            suspects = list(table.marks) if isinstance(table, BlockMarks) else []
            for mark in suspects:
                if mark.touches(position, last) and not mark.is_intact():
                    self._drop(mark)
            return
        # Lines were split, joined or replaced: their tables no longer match their text, so the
        # marks in those lines are checked and filed again (marks of a removed line are there too).
        blocks = list(_blocks(first_block, last_block))
        for block in blocks:
            block.setUserData(None)  # type: ignore[arg-type]  # None clears it; the stub omits it
        region_last = blocks[-1].position() + blocks[-1].length() - 1
        for mark in [m for m in self._marks if m.touches(blocks[0].position(), region_last)]:
            if mark.is_intact():
                self._file(mark)
            else:
                self._drop(mark)

    def _file(self, mark: SuggestionMark) -> None:
        last = self._document.findBlock(mark.end)
        for block in _blocks(self._document.findBlock(mark.start), last):
            table = block.userData()
            if not isinstance(table, BlockMarks):
                table = BlockMarks()
                block.setUserData(table)
            if mark not in table.marks:
                table.marks.append(mark)

    def _drop(self, mark: SuggestionMark) -> None:
        self._marks.remove(mark)
        last = self._document.findBlock(mark.end)
        for block in _blocks(self._document.findBlock(mark.start), last):
            table = block.userData()
            if isinstance(table, BlockMarks) and mark in table.marks:
                table.marks.remove(mark)


class SuggestionHighlighter(QSyntaxHighlighter):
    """Underlines each suggestion by its kind, reading one block's span table at a time."""

    def __init__(self, marks: SuggestionMarks) -> None:
        """Draw ``marks`` in their document (which also makes this connect after ``marks``)."""
        super().__init__(marks.document())
        self._formats = {kind: _underline(style, colour) for kind, (style, colour) in UNDERLINES.items()}
        marks.marks_changed.connect(self._redraw)

    def highlightBlock(self, text: str) -> None:
        table = self.currentBlockUserData()
        if not isinstance(table, BlockMarks):
            return
        block = self.currentBlock()
        block_start = block.position()
        block_end = block_start + block.length() - 1  # the separator is not drawn
        for mark in table.marks:
            start, end = max(mark.start, block_start), min(mark.end, block_end)
            if start < end:
                self.setFormat(start - block_start, end - start, self._formats[mark.suggestion.kind])

    def _redraw(self, first: int, last: int) -> None:
        document = self.document()
        for block in _blocks(document.findBlock(first), document.findBlock(last)):
            self.rehighlightBlock(block)


def _underline(style: QTextCharFormat.UnderlineStyle, colour: str) -> QTextCharFormat:
    underline = QTextCharFormat()
    underline.setUnderlineStyle(style)
    underline.setUnderlineColor(QColor(colour))
    return underline


def _blocks(first: QTextBlock, last: QTextBlock | None) -> Iterator[QTextBlock]:
    """The blocks from ``first`` to ``last`` (to the end when ``last`` is None or invalid)."""
    block = first
    while block.isValid():
        yield block
        if block == last:
            return
        block = block.next()
