"""Positions in a page's text: core offsets to Qt positions and back, and spans that follow edits.

The core counts Python code points; ``QTextCursor`` and ``QTextDocument`` count UTF-16 code units.
They differ only after an astral character (U+10000 and above, such as "𝔄" or most emoji), which is
one code point but two UTF-16 units. Both directions are a couple of microseconds on a page of
text: ASCII text returns at once, and anything else is measured by one UTF-16 encode in C.

A document's positions are those of its raw text (``toRawText``), in which each block ends in one
separator character, just as each line of the page's text ends in one ``"\\n"``.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument

_UNIT = 2  # bytes per UTF-16 code unit
_CODEC = "utf-16-le"
_ERRORS = "surrogatepass"  # a lone surrogate is still one unit, as it is in Qt


def to_qt(text_or_document: str | QTextDocument, offset: int) -> int:
    """The Qt position of a Python offset.

    Args:
        text_or_document: the text the offset counts in, or the document showing it.
        offset: a code-point offset, from 0 to the length of the text.

    Raises:
        IndexError: the offset lies outside the text.
    """
    text = _text(text_or_document)
    if not 0 <= offset <= len(text):
        raise IndexError(f"offset {offset} is outside a text of {len(text)} characters")
    if text.isascii():
        return offset
    return len(text[:offset].encode(_CODEC, _ERRORS)) // _UNIT


def from_qt(text_or_document: str | QTextDocument, position: int) -> int:
    """The Python offset of a Qt position.

    A position between the two halves of a surrogate pair (which Qt's cursors never take) counts
    as the start of that character.

    Args:
        text_or_document: the text the position counts in, or the document showing it.
        position: a UTF-16 position, from 0 to the text's length in UTF-16 units.

    Raises:
        IndexError: the position lies outside the text.
    """
    text = _text(text_or_document)
    if text.isascii():
        if not 0 <= position <= len(text):
            raise IndexError(f"position {position} is outside a text of {len(text)} units")
        return position
    units = text.encode(_CODEC, _ERRORS)
    if not 0 <= position <= len(units) // _UNIT:
        raise IndexError(f"position {position} is outside a text of {len(units) // _UNIT} units")
    head = units[: position * _UNIT].decode(_CODEC, _ERRORS)
    if head and head[-1] != text[len(head) - 1]:
        return len(head) - 1  # cut inside a pair: its high surrogate decoded on its own
    return len(head)


def _text(text_or_document: str | QTextDocument) -> str:
    if isinstance(text_or_document, QTextDocument):
        return text_or_document.toRawText()
    return text_or_document


class AnchoredSpan:
    """A span of a document's text that Qt keeps in place while the text around it is edited.

    Its start moves when text is typed at it and its end stays, so text typed just before or just
    after the span stays outside it; text typed inside it is inside it.
    """

    def __init__(self, document: QTextDocument, start: int, end: int) -> None:
        """Anchor the Qt positions ``start`` to ``end`` of ``document``."""
        self._start = QTextCursor(document)
        self._start.setPosition(start)
        self._end = QTextCursor(document)
        self._end.setPosition(end)
        self._end.setKeepPositionOnInsert(True)

    @property
    def start(self) -> int:
        """Qt position of the first character."""
        return self._start.position()

    @property
    def end(self) -> int:
        """Qt position just after the last character."""
        return self._end.position()

    def cursor(self) -> QTextCursor:
        """A new cursor selecting the span, with the caret at its end."""
        cursor = QTextCursor(self._start)
        cursor.setPosition(self.end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def touches(self, first: int, last: int) -> bool:
        """Whether the span overlaps or borders the Qt positions ``first`` to ``last``."""
        return self.start <= last and self.end >= first
