"""Converting between core offsets and Qt positions, and spans that follow edits, on real OCR text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument

from workbench.ui.text_positions import AnchoredSpan, from_qt, to_qt

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
PAGE_FILE = EVAL / "ehri" / "EHRI-DR-19390125-US_02.tess.txt"
pytestmark = [
    pytest.mark.gui,
    pytest.mark.usefixtures("qapp"),  # documents lay out text with the application's fonts
    pytest.mark.skipif(not PAGE_FILE.is_file(), reason="evaluation data not present"),
]

ASTRAL = "𝔄"  # one code point, two UTF-16 units


@pytest.fixture(scope="module")
def page() -> str:
    return PAGE_FILE.read_text(encoding="utf-8")


def qt_slice(document: QTextDocument, start: int, end: int) -> str:
    """What Qt itself finds between two of its positions."""
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", "\n")


def test_offsets_are_positions_in_text_without_astral_characters(page: str) -> None:
    assert not page.isascii()  # the page has « and other Latin-1 characters, all in the BMP
    for offset in (0, 1, page.index("«"), page.index("«") + 1, len(page)):
        assert to_qt(page, offset) == offset
        assert from_qt(page, offset) == offset
    assert to_qt("plain", 5) == 5 and from_qt("plain", 3) == 3


def test_each_astral_character_before_an_offset_adds_one_position() -> None:
    text = f"{ASTRAL}ncient 😀 forms"
    assert to_qt(text, 0) == 0
    assert to_qt(text, 1) == 2  # just after 𝔄
    assert to_qt(text, text.index("forms")) == text.index("forms") + 2
    assert from_qt(text, 2) == 1
    assert from_qt(text, len(text) + 2) == len(text)


def test_a_position_inside_a_surrogate_pair_counts_as_the_start_of_its_character() -> None:
    assert from_qt(f"a{ASTRAL}b", 2) == 1


@pytest.mark.parametrize("where", ["start", "middle", "every line"])
def test_conversion_agrees_with_qt_on_every_word_of_a_page(page: str, where: str) -> None:
    if where == "start":
        text = ASTRAL + page
    elif where == "middle":
        text = page[:700] + "😀" + page[700:]
    else:
        text = "\n".join(ASTRAL + line for line in page.split("\n"))
    document = QTextDocument()
    document.setPlainText(text)
    for word in re.finditer(r"\S+", text):
        start, end = to_qt(document, word.start()), to_qt(document, word.end())
        assert qt_slice(document, start, end) == word.group()
        assert (from_qt(document, start), from_qt(document, end)) == word.span()
        assert (to_qt(text, word.start()), from_qt(text, end)) == (start, word.end())


def test_offsets_outside_the_text_are_refused() -> None:
    with pytest.raises(IndexError):
        to_qt("four", 5)
    with pytest.raises(IndexError):
        from_qt(ASTRAL, 3)
    with pytest.raises(IndexError):
        to_qt("four", -1)


def test_an_anchored_span_stays_on_its_word_while_text_around_it_is_edited(page: str) -> None:
    document = QTextDocument()
    document.setPlainText(page)
    start = page.index("peragrarhs")
    span = AnchoredSpan(document, start, start + len("peragrarhs"))
    edit = QTextCursor(document)

    edit.setPosition(0)
    edit.insertText(ASTRAL + "\n")  # a new line above, with an astral character
    edit.setPosition(span.start)
    edit.insertText("two ")  # typed just before the word
    edit.setPosition(span.end)
    edit.insertText(" more")  # typed just after it
    assert qt_slice(document, span.start, span.end) == "peragrarhs"
    assert span.start == start + 3 + 4

    edit.setPosition(span.start + 4)
    edit.insertText("x")  # typed inside it
    assert qt_slice(document, span.start, span.end) == "peraxgrarhs"
    assert span.touches(span.end, span.end + 3) and not span.touches(span.end + 1, span.end + 3)
