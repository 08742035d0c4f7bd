"""Issue 13: the window shares its project with other windows and command-line runs, and every
draft it or they leave is listed and restorable."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.command_line import workbench_process
from tests.ui.conftest import ScriptedPrompts, make_window, settle
from workbench.project import DraftOrigin, Project
from workbench.ui.jobs import JobRunner
from workbench.ui.main_window import MainWindow
from workbench.ui.prompts import UnsavedChoice

pytestmark = pytest.mark.gui


def _poll(window: MainWindow, qtbot: QtBot) -> None:
    """What the window's timer does every two seconds; then let the refresh it starts finish."""
    window.watch.poll()
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)


def test_a_save_from_the_command_line_shows_in_the_window(project: Project, window: MainWindow, qtbot: QtBot) -> None:
    page = window.session.page
    assert page is not None
    saved = workbench_process("save", window.facts.path, str(page.id), "-", "--author", "script",
                              stdin=b"the text a script saved")
    assert saved.returncode == 0, saved.stderr
    _poll(window, qtbot)
    assert window.editor.current_text() == "the text a script saved"
    assert window.session.base_revision_id == project.pages.get(page.id).current_revision_id


def test_unsaved_typing_is_never_replaced_by_a_save_elsewhere(window: MainWindow, qtbot: QtBot) -> None:
    page = window.session.page
    assert page is not None
    qtbot.keyClicks(window.editor, "MINE ")
    typed = window.editor.current_text()
    assert workbench_process("save", window.facts.path, str(page.id), "-", stdin=b"theirs").returncode == 0
    _poll(window, qtbot)
    assert window.editor.current_text() == typed
    assert "saved elsewhere" in window.statusBar().currentMessage()


def test_a_second_window_on_the_same_project_says_so_in_both_titles(
    qtbot: QtBot, recognised_project_path: Path, prompts: ScriptedPrompts, runner: JobRunner
) -> None:
    first = make_window(qtbot, recognised_project_path, prompts, runner)
    assert "other window" not in first.windowTitle()
    second = make_window(qtbot, recognised_project_path, prompts, runner)
    assert "also open in 1 other window: test archivist" in second.windowTitle()
    first.watch.announce()
    settle(qtbot, first)
    assert "also open in 1 other window" in first.windowTitle()
    prompts.unsaved_answer = UnsavedChoice.DISCARD
    second.close()
    first.watch.announce()
    settle(qtbot, first)
    assert "other window" not in first.windowTitle()
    first.close()


def test_a_refused_save_from_elsewhere_is_listed_and_restored_into_the_editor(
    project: Project, window: MainWindow, qtbot: QtBot
) -> None:
    page = window.session.page
    assert page is not None
    stale = page.current_revision_id
    project.revisions.save(page.id, "saved first", parent_id=stale, author="ana")
    refused = workbench_process("save", window.facts.path, str(page.id), "-", "--parent", str(stale),
                                stdin=b"a colleague's refused correction")
    assert refused.returncode == 1 and "conflict" in refused.stderr
    _poll(window, qtbot)
    dialog = window.show_drafts()
    qtbot.addWidget(dialog)
    settle(qtbot, window)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "refused save (conflict)"
    assert dialog.preview.toPlainText() == "a colleague's refused correction"
    dialog.restore_button.click()
    settle(qtbot, window)
    assert window.editor.current_text() == "a colleague's refused correction"
    assert window.isWindowModified()
    window.save()
    settle(qtbot, window)
    with Project.open(window.facts.path) as other:
        assert other.revisions.current_text(page.id) == "a colleague's refused correction"
        assert other.revisions.drafts() == []  # restored and saved: its job is done


def test_a_crashed_windows_draft_and_a_refused_save_are_both_kept(
    qtbot: QtBot, recognised_project_path: Path, prompts: ScriptedPrompts, runner: JobRunner
) -> None:
    crashed = make_window(qtbot, recognised_project_path, prompts, runner)
    qtbot.keyClicks(crashed.editor, "typed before the crash ")
    crashed.session.write_draft()
    settle(qtbot, crashed)
    page = crashed.session.page
    assert page is not None
    assert workbench_process("save", recognised_project_path, str(page.id), "-", "--parent", "999999",
                             stdin=b"x").returncode == 1
    with Project.open(recognised_project_path) as other:
        base = page.current_revision_id
        other.revisions.save(page.id, "moved on", parent_id=base, author="ben")
        assert workbench_process("save", recognised_project_path, str(page.id), "-", "--parent", str(base),
                                 stdin=b"refused").returncode == 1
        kept = other.revisions.drafts(page.id)
    assert [d.origin for d in kept] == [DraftOrigin.AUTOSAVE, DraftOrigin.REFUSED]
    assert kept[0].text.startswith("typed before the crash")
    prompts.unsaved_answer = UnsavedChoice.DISCARD
    crashed.close()


def test_another_persons_draft_is_not_offered_so_never_discarded_by_a_no(
    project: Project, qtbot: QtBot, recognised_project_path: Path, prompts: ScriptedPrompts, runner: JobRunner
) -> None:
    with Project.open(recognised_project_path) as other:
        page = other.pages.all()[0]
        stale = page.current_revision_id
        other.revisions.save(page.id, "moved on", parent_id=stale, author="ben")
    assert workbench_process("save", recognised_project_path, str(page.id), "-", "--parent", str(stale),
                             "--author", "cy", stdin=b"cy's refused text").returncode == 1
    prompts.restore_answer = False  # would discard, were it asked
    window = make_window(qtbot, recognised_project_path, prompts, runner)
    assert window.session.page_id == page.id
    assert not any(question.startswith("restore") for question in prompts.asked)
    assert "1 kept draft by others" in window.statusBar().currentMessage()
    assert [d.text for d in project.revisions.drafts(page.id)] == ["cy's refused text"]
    window.close()
