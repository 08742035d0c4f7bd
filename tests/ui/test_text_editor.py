"""The page editor, driven by keys on a real Tesseract page with suggestions on its real misreadings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontInfo, QHelpEvent, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QToolTip
from pytestqt.qtbot import QtBot

from workbench.records import Candidate, Suggestion, SuggestionKind, WordLink
from workbench.ui.text_editor import PageEditor, share_text
from workbench.ui.text_positions import from_qt

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
PAGE_FILE = EVAL / "ehri" / "EHRI-DR-19390125-US_02.tess.txt"
pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(not PAGE_FILE.is_file(), reason="evaluation data not present"),
]

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
ASTRAL = "𝔄"  # one code point, two UTF-16 units

# Real misreadings on the page, in page order, with what a ranker might offer for them.
FIXES = {
    "peragrarhs": ("paragraphs", "peregrines"),
    "nast": ("past", "vast", "last"),
    "foms": ("forms", "foams"),
    "becaning": ("becoming", "beckoning"),
}


def read_page() -> str:
    return PAGE_FILE.read_text(encoding="utf-8")


def suggestion_for(text: str, word: str, kind: SuggestionKind = SuggestionKind.UNKNOWN_WORD) -> Suggestion:
    found = re.search(rf"\b{word}\b", text)
    assert found is not None, word
    return Suggestion(
        start=found.start(),
        end=found.end(),
        text=word,
        kind=kind,
        candidates=tuple(Candidate(fix, score) for fix, score in zip(FIXES[word], (0.9, 0.6, 0.3))),
        reasons=("not in any lexicon", f"OCR confidence {40 + len(word)}%"),
    )


def links_for(text: str) -> list[WordLink]:
    """Every token linked to OCR word i, as if the page were fresh from Tesseract."""
    return [WordLink(m.start(), m.end(), index) for index, m in enumerate(re.finditer(r"\S+", text))]


def underlined(editor: PageEditor) -> list[str]:
    """The text under every underline the highlighter drew, in document order."""
    document = editor.document()
    found = []
    block = document.begin()
    while block.isValid():
        for span in block.layout().formats():
            if span.format.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline:
                cursor = QTextCursor(document)
                cursor.setPosition(block.position() + span.start)
                end = block.position() + span.start + span.length
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                found.append(cursor.selectedText())
        block = block.next()
    return found


def put_caret(editor: PageEditor, offset: int) -> None:
    editor.select_span(offset, offset)


@pytest.fixture
def page() -> str:
    return read_page()


@pytest.fixture
def editor(qtbot: QtBot, page: str) -> PageEditor:
    """A shown, focused editor holding the page (shortcuts need a focused widget in an active window)."""
    editor = PageEditor()
    qtbot.addWidget(editor)
    editor.resize(720, 480)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.hasFocus)
    editor.set_page_text(page)
    return editor


@pytest.fixture
def suggested(editor: PageEditor, page: str) -> PageEditor:
    editor.set_suggestions([suggestion_for(page, word) for word in FIXES])
    return editor


def test_loading_a_page_resets_undo_history_and_the_modified_flag(
    qtbot: QtBot, editor: PageEditor, page: str
) -> None:
    qtbot.keyClicks(editor, "Draft ")
    assert editor.document().isModified() and editor.document().isUndoAvailable()
    with qtbot.waitSignal(editor.unsaved_changed, check_params_cb=lambda unsaved: not unsaved):
        editor.set_page_text(page)
    assert editor.current_text() == page
    assert not editor.document().isModified()
    assert not editor.document().isUndoAvailable()


def test_the_text_comes_back_as_loaded_with_its_no_break_spaces(editor: PageEditor) -> None:
    text = f"Dr.\u00a0Cuza {ASTRAL}\nGoga\u00a0Government\n"
    editor.set_page_text(text)
    assert editor.current_text() == text


def test_typing_reports_the_edit_and_unsaved_text(qtbot: QtBot, editor: PageEditor) -> None:
    with qtbot.waitSignal(editor.text_edited), qtbot.waitSignal(editor.unsaved_changed) as unsaved:
        qtbot.keyClick(editor, Qt.Key.Key_X)
    assert unsaved.args == [True]
    with qtbot.waitSignal(editor.unsaved_changed, check_params_cb=lambda unsaved: not unsaved):
        qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)


def test_the_page_font_tells_one_from_ell_and_zero_from_oh(editor: PageEditor) -> None:
    info = QFontInfo(editor.font())
    assert info.family() == "DejaVu Sans Mono"
    assert info.fixedPitch()


def test_marking_adds_no_undo_step_and_leaves_the_page_unmodified(suggested: PageEditor) -> None:
    assert underlined(suggested) == list(FIXES)
    assert suggested.document().availableUndoSteps() == 0
    assert not suggested.document().isModified()
    assert [s.text for s in suggested.suggestions()] == list(FIXES)


def test_ctrl_return_accepts_the_best_candidate_and_one_undo_restores_the_ocr_word(
    qtbot: QtBot, suggested: PageEditor, page: str
) -> None:
    word = page.index("peragrarhs")
    put_caret(suggested, word + 3)
    with qtbot.waitSignal(suggested.suggestion_accepted) as accepted:
        qtbot.keyClick(suggested, Qt.Key.Key_Return, CTRL)
    suggestion, chosen = accepted.args
    assert (suggestion.text, suggestion.start, chosen) == ("peragrarhs", word, "paragraphs")
    assert suggested.current_text() == page.replace("peragrarhs", "paragraphs")
    assert "peragrarhs" not in [s.text for s in suggested.suggestions()]
    assert underlined(suggested) == ["nast", "foms", "becaning"]

    qtbot.keyClick(suggested, Qt.Key.Key_Z, CTRL)
    assert suggested.current_text() == page
    assert not suggested.document().isModified()


def test_alt_2_picks_the_second_candidate(qtbot: QtBot, suggested: PageEditor, page: str) -> None:
    put_caret(suggested, page.index("nast"))
    with qtbot.waitSignal(suggested.suggestion_accepted) as accepted:
        qtbot.keyClick(suggested, Qt.Key.Key_2, ALT)
    assert accepted.args[1] == "vast"
    assert "the vast few months" in suggested.current_text()


def test_a_missing_candidate_number_changes_nothing(qtbot: QtBot, suggested: PageEditor, page: str) -> None:
    put_caret(suggested, page.index("foms"))
    qtbot.keyClick(suggested, Qt.Key.Key_3, ALT)  # "foms" has two candidates
    assert suggested.current_text() == page
    assert suggested.suggestion_at_caret() is not None


def test_ctrl_shift_return_rejects_the_suggestion_and_unmarks_it(
    qtbot: QtBot, suggested: PageEditor, page: str
) -> None:
    put_caret(suggested, page.index("foms") + 4)
    with qtbot.waitSignal(suggested.suggestion_rejected) as rejected:
        qtbot.keyClick(suggested, Qt.Key.Key_Return, CTRL | SHIFT)
    assert rejected.args[0].text == "foms"
    assert suggested.suggestion_at_caret() is None
    assert underlined(suggested) == ["peragrarhs", "nast", "becaning"]
    assert suggested.current_text() == page
    assert suggested.document().availableUndoSteps() == 0


def test_f8_and_shift_f8_visit_the_suggestions_in_order_and_wrap(qtbot: QtBot, suggested: PageEditor) -> None:
    def selected_after(key_modifier: Qt.KeyboardModifier) -> str:
        qtbot.keyClick(suggested, Qt.Key.Key_F8, key_modifier)
        return suggested.textCursor().selectedText()

    put_caret(suggested, 0)
    forward = [selected_after(Qt.KeyboardModifier.NoModifier) for _ in range(5)]
    assert forward == ["peragrarhs", "nast", "foms", "becaning", "peragrarhs"]
    backward = [selected_after(SHIFT) for _ in range(5)]
    assert backward == ["becaning", "foms", "nast", "peragrarhs", "becaning"]


def test_typing_before_a_suggestion_keeps_it_on_its_word(
    qtbot: QtBot, suggested: PageEditor, page: str
) -> None:
    line = page.index("to review the developments")
    put_caret(suggested, line)
    qtbot.keyClicks(suggested, "now ")
    put_caret(suggested, 0)
    qtbot.keyClick(suggested, Qt.Key.Key_Return)  # a new line above every suggestion

    nast = next(s for s in suggested.suggestions() if s.text == "nast")
    assert (nast.start, nast.end) == (page.index("nast") + 5, page.index("nast") + 9)
    assert suggested.current_text()[nast.start : nast.end] == "nast"
    assert underlined(suggested) == list(FIXES)


def test_text_typed_right_after_a_suggestion_stays_outside_it(
    qtbot: QtBot, suggested: PageEditor, page: str
) -> None:
    put_caret(suggested, page.index("nast") + 4)
    qtbot.keyClicks(suggested, " and")
    assert underlined(suggested) == list(FIXES)
    qtbot.keyClick(suggested, Qt.Key.Key_Left, CTRL)
    qtbot.keyClick(suggested, Qt.Key.Key_Left)
    assert [shade.cursor.selectedText() for shade in suggested.extraSelections()] == ["nast"]


def test_editing_inside_a_suggestion_drops_it(qtbot: QtBot, suggested: PageEditor, page: str) -> None:
    put_caret(suggested, page.index("nast") + 1)
    qtbot.keyClick(suggested, Qt.Key.Key_Backspace)  # "ast"
    assert [s.text for s in suggested.suggestions()] == ["peragrarhs", "foms", "becaning"]
    assert underlined(suggested) == ["peragrarhs", "foms", "becaning"]

    put_caret(suggested, suggested.current_text().index("becaning") - 1)
    qtbot.keyClick(suggested, Qt.Key.Key_Delete)  # the space before it: the word itself is intact
    qtbot.keyClick(suggested, Qt.Key.Key_Return)  # and now at the start of a line of its own
    assert underlined(suggested) == ["peragrarhs", "foms", "becaning"]
    qtbot.keyClick(suggested, Qt.Key.Key_Delete)  # "ecaning"
    assert [s.text for s in suggested.suggestions()] == ["peragrarhs", "foms"]


def test_joining_lines_keeps_the_marks_of_the_joined_line(
    qtbot: QtBot, suggested: PageEditor, page: str
) -> None:
    line = page.index("to review the developments")
    put_caret(suggested, line)
    qtbot.keyClick(suggested, Qt.Key.Key_Backspace)  # join it to the line with "peragrarhs"
    assert underlined(suggested) == list(FIXES)
    assert suggested.current_text()[suggested.suggestions()[1].start :].startswith("nast few")


def test_caret_word_changed_reports_the_ocr_word_under_the_caret(
    qtbot: QtBot, editor: PageEditor, page: str
) -> None:
    links = links_for(page)
    editor.set_word_links(links)
    line = page.index("I now have the honor")
    first = next(link.word_index for link in links if link.start == line)
    with qtbot.waitSignal(editor.caret_word_changed, check_params_cb=lambda word: word == first):
        put_caret(editor, line)

    seen = []
    for _ in range(4):
        with qtbot.waitSignal(editor.caret_word_changed) as moved:
            qtbot.keyClick(editor, Qt.Key.Key_Right, CTRL)
        seen.append(moved.args[0])
    assert seen == [first + 1, first + 2, first + 3, first + 4]

    with qtbot.waitSignal(editor.caret_word_changed, check_params_cb=lambda word: word == first + 8):
        qtbot.keyClick(editor, Qt.Key.Key_End)  # on "peragrarhs", the last word of the line
    with qtbot.waitSignal(editor.caret_word_changed, check_params_cb=lambda word: word is None):
        qtbot.keyClicks(editor, " again")  # a typed word came from no OCR word
    with qtbot.waitSignal(editor.caret_word_changed, check_params_cb=lambda word: word == first + 8):
        qtbot.keyClick(editor, Qt.Key.Key_Left, CTRL)
        qtbot.keyClick(editor, Qt.Key.Key_Left, CTRL)


def test_select_word_and_select_span_count_in_python_characters_after_an_astral_one(
    editor: PageEditor, page: str
) -> None:
    text = f"{ASTRAL} {page}"
    editor.set_page_text(text)
    links = links_for(text)
    editor.set_word_links(links)
    target = next(link for link in links if text[link.start : link.end] == "becaning")

    assert editor.select_word(target.word_index or 0)
    cursor = editor.textCursor()
    assert cursor.selectedText() == "becaning"
    assert from_qt(editor.document(), cursor.selectionStart()) == target.start
    assert not editor.select_word(len(links))

    # The archivist split an OCR word "persecutionare": both tokens link to it.
    split = next(i for i, link in enumerate(links) if text[link.start : link.end] == "persecution")
    word = links[split].word_index or 0
    joined = [WordLink(link.start, link.end, word) for link in links[split : split + 2]]
    editor.set_word_links([*links[:split], *joined, *links[split + 2 :]])
    assert editor.select_word(word)
    assert editor.textCursor().selectedText() == "persecution are"

    start = text.index("Iron Guard")
    editor.select_span(start, start + len("Iron Guard"))
    assert editor.textCursor().selectedText() == "Iron Guard"
    with pytest.raises(IndexError):
        editor.select_span(0, len(text) + 1)


def test_suggestions_after_an_astral_character_are_settled_in_python_offsets(
    qtbot: QtBot, editor: PageEditor, page: str
) -> None:
    text = f"{ASTRAL} {page}"
    editor.set_page_text(text)
    editor.set_suggestions([suggestion_for(text, "foms")])
    put_caret(editor, text.index("foms"))
    found = editor.suggestion_at_caret()
    assert found is not None and (found.start, found.end) == (text.index("foms"), text.index("foms") + 4)
    with qtbot.waitSignal(editor.suggestion_accepted):
        qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    assert editor.current_text() == text.replace("foms", "forms")


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform, on any popup
def test_ctrl_period_pops_up_the_candidates_with_scores_and_reasons(
    qtbot: QtBot, suggested: PageEditor, page: str
) -> None:
    put_caret(suggested, page.index("peragrarhs"))
    qtbot.keyClick(suggested, Qt.Key.Key_Period, CTRL)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    labels = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert labels[:2] == ["&1  paragraphs\t90%", "&2  peregrines\t60%"]
    assert "not in any lexicon" in labels and "OCR confidence 50%" in labels
    assert "This word is right\tCtrl+Shift+Return" in labels

    with qtbot.waitSignal(suggested.suggestion_accepted) as accepted:
        menu.actions()[1].trigger()
    assert accepted.args[1] == "peregrines"
    menu.close()


def test_the_suggestion_keys_are_actions_a_menu_can_show(suggested: PageEditor) -> None:
    shortcuts = {action.text(): action.shortcut() for action in suggested.suggestion_actions}
    assert shortcuts["Show &Candidates…"] == QKeySequence("Ctrl+.")
    assert shortcuts["&Accept Best Candidate"] == QKeySequence("Ctrl+Return")
    assert shortcuts["Use Candidate &5"] == QKeySequence("Alt+5")
    assert shortcuts["&Next Suggestion"] == QKeySequence("F8")
    assert shortcuts["&Previous Suggestion"] == QKeySequence("Shift+F8")
    assert all(action in suggested.actions() for action in suggested.suggestion_actions)


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen cannot raise a tooltip
def test_hovering_over_a_marked_word_shows_its_candidates_and_reasons(suggested: PageEditor) -> None:
    first = suggested.suggestions()[0]
    cursor = suggested.textCursor()
    cursor.setPosition(first.start + 1)
    point = suggested.cursorRect(cursor).center()
    hover = QHelpEvent(QEvent.Type.ToolTip, point, suggested.viewport().mapToGlobal(point))
    QApplication.sendEvent(suggested.viewport(), hover)
    shown = QToolTip.text()
    assert first.candidates[0].text in shown and first.reasons[0] in shown
    QToolTip.hideText()


def test_ctrl_period_on_an_unmarked_word_asks_for_its_candidates(
    qtbot: QtBot, suggested: PageEditor, page: str
) -> None:
    word = page.index("Government")
    put_caret(suggested, word + 2)
    with qtbot.waitSignal(suggested.candidates_wanted) as wanted:
        qtbot.keyClick(suggested, Qt.Key.Key_Period, CTRL)
    assert wanted.args == [word + 2]
    assert QApplication.activePopupWidget() is None


@pytest.mark.qt_log_ignore("This plugin does not support")  # the offscreen platform, on any popup
def test_an_asked_suggestion_is_marked_and_its_candidates_pop_up_only_while_the_caret_is_there(
    qtbot: QtBot, suggested: PageEditor, page: str
) -> None:
    word = page.index("Government")
    asked = Suggestion(word, word + 10, "Government", SuggestionKind.ASKED, (Candidate("Governments", 0.6),), ())
    put_caret(suggested, 0)
    assert suggested.show_asked(asked) is None  # the caret moved on meanwhile
    put_caret(suggested, word + 10)
    menu = suggested.show_asked(asked)
    assert menu is not None
    assert [a.text() for a in menu.actions()][0] == "&1  Governments\t60%"
    assert asked in suggested.suggestions()
    assert len(suggested.suggestions()) == len(FIXES) + 1
    menu.close()


def test_a_candidate_share_is_shown_as_a_percentage_never_as_a_bare_zero() -> None:
    assert [share_text(score) for score in (0.904, 0.5, 0.004, 0.0)] == ["90%", "50%", "<1%", "<1%"]
