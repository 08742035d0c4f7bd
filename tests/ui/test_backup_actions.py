"""File → Back up now… and Restore from backup…, driven through the window's menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import ScriptedPrompts
from workbench.project import Project
from workbench.project import backups
from workbench.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _trigger(window: MainWindow, text: str) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert file_menu is not None
    [action] = [a for a in file_menu.actions() if isinstance(a, QAction) and a.text() == text]
    action.trigger()


def _answer(monkeypatch: pytest.MonkeyPatch, chosen: Path, answer: QMessageBox.StandardButton) -> list[str]:
    """Answer the file dialog with ``chosen`` and the confirmation with ``answer``; record the questions."""
    asked: list[str] = []

    def open_file(parent: object, caption: str, folder: str, filters: str) -> tuple[str, str]:
        asked.append(f"choose in {folder}")
        return str(chosen), ""

    def question(parent: object, title: str, text: str, *buttons: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_file)
    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _save(project: Project, window: MainWindow, text: str) -> None:
    page = project.pages.get(window.navigator.first_page_id() or 0)
    project.revisions.save(page.id, text, parent_id=page.current_revision_id, author="test archivist")


def test_back_up_now_writes_a_backup_and_says_where(window: MainWindow, qtbot: QtBot) -> None:
    _trigger(window, "&Back up now…")
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)

    [manual] = [found.path for found in backups.list_backups(window.facts.path) if found.reason == "manual"]
    assert str(manual) in window.statusBar().currentMessage()


def test_restore_from_backup_asks_restores_and_reloads(
    project: Project, window: MainWindow, qtbot: QtBot, prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = backups.backup(window.facts.path)
    _save(project, window, "typed after the backup")
    asked = _answer(monkeypatch, old, QMessageBox.StandardButton.Yes)

    with qtbot.waitSignal(window.project_requested, timeout=20_000) as reloaded:
        _trigger(window, "Restore from bac&kup…")

    assert reloaded.args == [window.facts.path]
    assert asked[0] == f"choose in {backups.backups_folder(window.facts.path)}"
    assert old.name in asked[1] and "kept as a backup" in asked[1]
    assert prompts.asked[-1] == "information Restore from backup" and not prompts.errors
    page_id = window.navigator.first_page_id() or 0
    with Project.open(window.facts.path) as reopened:
        assert reopened.revisions.current_text(page_id) != "typed after the backup"
    [before] = [found.path for found in backups.list_backups(window.facts.path)
                if found.reason == "before-restore"]
    with Project.open(before) as kept:
        assert kept.revisions.current_text(page_id) == "typed after the backup"


def test_cancelling_the_restore_changes_nothing(
    project: Project, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = backups.backup(window.facts.path)
    _save(project, window, "typed after the backup")
    _answer(monkeypatch, old, QMessageBox.StandardButton.Cancel)

    _trigger(window, "Restore from bac&kup…")

    assert not window.busy
    page_id = window.navigator.first_page_id() or 0
    assert project.revisions.current_text(page_id) == "typed after the backup"
    assert [found.reason for found in backups.list_backups(window.facts.path)] == ["manual", "daily"]


def test_a_backup_that_will_not_do_is_reported_and_nothing_changes(
    window: MainWindow, qtbot: QtBot, prompts: ScriptedPrompts, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    not_a_backup = tmp_path / "notes.wbproj"
    not_a_backup.write_text("not a database", encoding="utf-8")
    _answer(monkeypatch, not_a_backup, QMessageBox.StandardButton.Yes)
    reloads: list[object] = []
    window.project_requested.connect(reloads.append)

    _trigger(window, "Restore from bac&kup…")
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)

    assert len(prompts.errors) == 1 and "Not restored" in prompts.errors[0] and not reloads
