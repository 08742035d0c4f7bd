"""Replacing across the project from the window, on the recognised sample project with real OCR."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPixmap, QTextCursor
from pytestqt.qtbot import QtBot

from tests.ui.conftest import ScriptedPrompts, settle
from workbench.suggest.vocabulary import lexicon_form
from workbench.project import Occurrence, Project, ReplaceQuery, RevisionKind
from workbench.ui.dialogs import shortcuts_text
from workbench.ui.main_window import MainWindow
from workbench.ui.models.occurrence_model import OccurrenceModel
from workbench.ui.prompts import UnsavedChoice
from workbench.ui.replace_dialog import ReplaceDialog

pytestmark = pytest.mark.gui

CHECK = Qt.ItemDataRole.CheckStateRole


def word_on_several_pages(project: Project) -> str:
    """A word of the OCR text that occurs at least three times, on more than one page."""
    pages_of: dict[str, set[int]] = {}
    for page in project.pages.all():
        for word in project.revisions.current_text(page.id).split():
            if word.isalpha() and len(word) >= 4:
                pages_of.setdefault(word, set()).add(page.id)
    return next(word for word, pages in sorted(pages_of.items(), key=lambda item: -len(item[1]))
                if len(project.replace.find(ReplaceQuery(word, "x"))) >= 3 and len(pages) >= 2)


def find(window: MainWindow, qtbot: QtBot, pattern: str, replacement: str) -> ReplaceDialog:
    dialog = shown_dialog(window)
    dialog.find_edit.setText(pattern)
    dialog.replace_edit.setText(replacement)
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)
    return dialog


def shown_dialog(window: MainWindow) -> ReplaceDialog:
    """The dialog, opened by its menu action the first time."""
    dialog = window.findChild(ReplaceDialog)
    if dialog is None:
        menu_action(window, "Replace across project…").trigger()
        dialog = window.findChild(ReplaceDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def menu_action(window: MainWindow, text: str) -> QAction:
    return next(action for action in window.findChildren(QAction) if action.text().replace("&", "") == text)


def texts(project: Project) -> dict[int, str]:
    return {page.id: project.revisions.current_text(page.id) for page in project.pages.all()}


def replaced(text: str, occurrences: list[Occurrence]) -> str:
    for occurrence in sorted(occurrences, key=lambda o: o.start, reverse=True):
        text = text[: occurrence.start] + occurrence.replacement + text[occurrence.end :]
    return text


def test_replacing_the_ticked_occurrences_is_one_step_to_undo_and_redo(
    project: Project, window: MainWindow, qtbot: QtBot
) -> None:
    word = word_on_several_pages(project)
    before = texts(project)
    dialog = find(window, qtbot, word, "REPLACED")
    found = project.replace.find(ReplaceQuery(word, "REPLACED"))
    assert dialog.model.occurrences() == found
    assert dialog.summary.text() == (
        f"{len(found)} occurrences on {len({o.page_id for o in found})} pages, {len(found)} ticked")

    dialog.model.setData(dialog.model.index(0, OccurrenceModel.PAGE), Qt.CheckState.Unchecked.value, CHECK)
    assert dialog.summary.text().endswith(f"{len(found) - 1} ticked")
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)

    ticked = found[1:]
    after = {page_id: replaced(text, [o for o in ticked if o.page_id == page_id])
             for page_id, text in before.items()}
    assert texts(project) == after
    unticked = found[0]
    assert project.revisions.current_text(unticked.page_id)[unticked.start : unticked.end] == word
    for page_id in {o.page_id for o in ticked}:
        current = project.revisions.current(page_id)
        assert current is not None and current.kind == RevisionKind.BATCH
        assert current.author == "test archivist"
    shown = window.session.page_id
    assert shown is not None and window.editor.current_text() == after[shown]
    pages = len({o.page_id for o in ticked})
    assert dialog.message.text() == f"Replace “{word}” with “REPLACED” on {pages} page{'s' * (pages > 1)}."
    assert dialog.model.rowCount() == 0

    menu_action(window, "Undo replacement across project").trigger()

    settle(qtbot, window)
    assert texts(project) == before
    assert {project.revisions.all(o.page_id)[-1].kind for o in ticked} == {RevisionKind.REVERT}
    assert window.editor.current_text() == before[shown]
    menu_action(window, "Redo replacement across project").trigger()
    settle(qtbot, window)
    assert texts(project) == after
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)  # the overview each step refreshes


def test_undo_waits_until_unsaved_typing_is_settled(
    project: Project, window: MainWindow, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    before = texts(project)
    dialog = find(window, qtbot, word_on_several_pages(project), "REPLACED")
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    replaced_texts = texts(project)
    qtbot.keyClicks(window.editor, "typed ")
    prompts.unsaved_answer = UnsavedChoice.CANCEL
    menu_action(window, "Undo replacement across project").trigger()
    settle(qtbot, window)
    assert texts(project) == replaced_texts and window.undo_stack.canUndo()
    prompts.unsaved_answer = UnsavedChoice.DISCARD
    menu_action(window, "Undo replacement across project").trigger()
    settle(qtbot, window)
    assert texts(project) == before and window.undo_stack.canRedo()
    assert [question.split()[0] for question in prompts.asked[-2:]] == ["unsaved", "unsaved"]
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)


def test_word_images_arrive_for_every_row_with_a_box(project: Project, window: MainWindow, qtbot: QtBot) -> None:
    dialog = find(window, qtbot, word_on_several_pages(project), "x")
    model = dialog.model
    rows = [row for row, o in enumerate(model.occurrences()) if o.word_box is not None]
    assert rows, "the sample's OCR links its words to boxes"
    for row in rows:
        image = model.index(row, OccurrenceModel.IMAGE).data(Qt.ItemDataRole.DecorationRole)
        assert isinstance(image, QPixmap) and not image.isNull()


def test_an_invalid_regular_expression_is_explained_and_replaces_nothing(
    project: Project, window: MainWindow, qtbot: QtBot
) -> None:
    before = {page.id: len(project.revisions.all(page.id)) for page in project.pages.all()}
    dialog = shown_dialog(window)
    dialog.regex_box.setChecked(True)
    dialog = find(window, qtbot, "([a-z]", "x")
    assert "not a valid regular expression" in dialog.message.text()
    assert dialog.model.rowCount() == 0 and not dialog.replace_button.isEnabled()
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert {page.id: len(project.revisions.all(page.id)) for page in project.pages.all()} == before
    assert window.undo_stack.count() == 0


@pytest.mark.parametrize("answer", [UnsavedChoice.DISCARD, UnsavedChoice.CANCEL])
def test_unsaved_edits_are_settled_before_replacing(
    project: Project, window: MainWindow, qtbot: QtBot, prompts: ScriptedPrompts, answer: UnsavedChoice
) -> None:
    page_id = window.session.page_id
    assert page_id is not None
    word = next(w for w in project.revisions.current_text(page_id).split() if w.isalpha() and len(w) >= 4)
    dialog = find(window, qtbot, word, "REPLACED")
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, " typed")
    prompts.unsaved_answer = answer
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert prompts.asked[-1].startswith("unsaved")
    current = project.revisions.current(page_id)
    assert current is not None
    if answer is UnsavedChoice.CANCEL:
        assert current.kind == RevisionKind.OCR and window.undo_stack.count() == 0
        assert window.editor.current_text().endswith(" typed")
    else:
        assert current.kind == RevisionKind.BATCH and "REPLACED" in window.editor.current_text()
        assert not window.editor.current_text().endswith(" typed")
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)


def test_a_page_saved_at_the_question_is_replaced_as_saved(
    project: Project, window: MainWindow, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    page_id = window.session.page_id
    assert page_id is not None
    lines = project.revisions.current_text(page_id).splitlines()
    word = next(w for w in lines[0].split() if w.isalpha() and len(w) >= 4 and w not in lines[-1])
    dialog = find(window, qtbot, word, "REPLACED")
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, " typed")
    prompts.unsaved_answer = UnsavedChoice.SAVE
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    current = project.revisions.current(page_id)
    assert current is not None and current.kind == RevisionKind.BATCH
    parent = project.revisions.get(current.parent_id) if current.parent_id is not None else None
    assert parent is not None and parent.kind == RevisionKind.EDIT and parent.text.endswith(" typed")
    assert "REPLACED" in current.text and current.text.endswith(" typed")
    assert window.editor.current_text() == current.text
    assert "changed meanwhile" not in dialog.message.text()
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)


def test_a_page_saved_meanwhile_is_left_alone_and_reported(
    project: Project, window: MainWindow, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    word = word_on_several_pages(project)
    dialog = find(window, qtbot, word, "REPLACED")
    changed_elsewhere = dialog.model.occurrences()[-1].page_id
    with Project.open(project.path) as other:
        other.revisions.save(changed_elsewhere, "saved by someone else", author="colleague",
                   parent_id=other.pages.get(changed_elsewhere).current_revision_id)
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert project.revisions.current_text(changed_elsewhere) == "saved by someone else"
    assert prompts.asked[-1] == "information Replace across project"
    assert "1 page was changed meanwhile and was left alone" in dialog.message.text()
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)


def test_apply_to_all_occurrences_finds_the_suggestion_at_the_caret(
    project: Project, window: MainWindow, qtbot: QtBot
) -> None:
    # A misreading with punctuation around it: it is found wherever it stands, whatever its neighbours.
    window.open_page(project.pages.find("EHRI-DR-19390125-US_03").id)  # "(bo)", '"forelsners™.'
    qtbot.waitUntil(lambda: not window.busy and bool(window.editor.suggestions()), timeout=60_000)
    suggestion = next((s for s in window.editor.suggestions() if s.candidates and s.text != lexicon_form(s.text)),
                      None)
    assert suggestion is not None, "the sample page has doubtful words with punctuation and candidates"
    wrong, fix = lexicon_form(suggestion.text), lexicon_form(suggestion.candidates[0].text)
    window.editor.select_span(suggestion.start, suggestion.start)
    qtbot.keyClick(window.editor, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = shown_dialog(window)
    assert (dialog.find_edit.text(), dialog.replace_edit.text()) == (wrong, fix)
    assert dialog.whole_words_box.isChecked() and dialog.match_case_box.isChecked()
    assert not dialog.regex_box.isChecked()
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)
    query = ReplaceQuery(wrong, fix)
    assert dialog.model.occurrences() == project.replace.find(query)
    assert dialog.model.rowCount() >= 1


def test_apply_to_all_occurrences_without_a_suggestion_finds_the_word_at_the_caret(
    window: MainWindow, qtbot: QtBot
) -> None:
    text = window.editor.current_text()
    marked = [range(s.start, s.end + 1) for s in window.editor.suggestions()]
    start = next(i for i in range(1, len(text) - 5)
                 if text[i - 1] == " " and text[i:i + 5].isalpha() and not any(i in span for span in marked))
    window.editor.select_span(start, start)
    menu_action(window, "Apply to all occurrences…").trigger()
    settle(qtbot, window)
    dialog = shown_dialog(window)
    word = text[start:].split()[0]
    assert word.startswith(dialog.find_edit.text()) and len(dialog.find_edit.text()) >= 5
    assert dialog.replace_edit.text() == ""
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)
    assert dialog.model.rowCount() >= 1


def test_the_new_keys_are_in_the_shortcut_reference(window: MainWindow) -> None:
    reference = shortcuts_text(window.findChildren(QAction))
    for action, keys in (("Replace across project…", "Ctrl+H"), ("Apply to all occurrences…", "Ctrl+Shift+H"),
                         ("Undo replacement across project", "Ctrl+Alt+Z"),
                         ("Redo replacement across project", "Ctrl+Alt+Shift+Z")):
        assert f"<td>{action}</td><td><b>{keys}</b></td>" in reference


def test_finding_shows_in_the_status_bar_with_its_cancel(project: Project, window: MainWindow, qtbot: QtBot) -> None:
    dialog = shown_dialog(window)
    dialog.find_edit.setText(word_on_several_pages(project))
    qtbot.mouseClick(dialog.find_button, Qt.MouseButton.LeftButton)
    assert window.job_status.label.text() == "Finding occurrences"
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)
