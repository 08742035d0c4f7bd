"""The application around the window: preferences, recent projects, the sample, refusals."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import ScriptedPrompts
from workbench.project import PageStatus, Project
from workbench.store.migrations import LATEST_VERSION
from workbench.ui.app import Application
from workbench.ui.prompts import UnsavedChoice

pytestmark = pytest.mark.gui


@pytest.fixture
def application(tmp_path: Path, prompts: ScriptedPrompts) -> Application:
    return Application(tmp_path / "config", tmp_path / "data", prompts)


def close(application: Application, prompts: ScriptedPrompts) -> None:
    assert application.window is not None
    prompts.unsaved_answer = UnsavedChoice.DISCARD
    application.window.close()


def test_opening_a_project_remembers_it_and_asks_the_author_once(
    application: Application, recognised_project_path: Path, prompts: ScriptedPrompts, qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WORKBENCH_AUTHOR")
    assert application.open(recognised_project_path)
    assert application.window is not None
    qtbot.addWidget(application.window)
    assert "Workbench" in application.window.windowTitle()
    assert application.author() == application.author() == "test archivist"
    saved = json.loads((application.config_dir / "preferences.json").read_text())
    assert saved["author"] == "test archivist"
    assert saved["recent_projects"] == [str(recognised_project_path.resolve())]
    assert application.default_project() == recognised_project_path.resolve()
    close(application, prompts)


def test_a_project_from_a_newer_version_is_refused_with_a_message(
    application: Application, recognised_project_path: Path, prompts: ScriptedPrompts
) -> None:
    with sqlite3.connect(recognised_project_path) as connection:
        connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.close()
    assert not application.open(recognised_project_path)
    assert application.window is None
    assert "newer Workbench" in prompts.errors[-1]


@pytest.mark.slow
@pytest.mark.live_ocr
def test_the_sample_opens_and_is_recognised_in_the_background(
    application: Application, prompts: ScriptedPrompts, qtbot: QtBot
) -> None:
    path = application.sample_path()
    assert application.open(path)
    window = application.window
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.busy, timeout=120_000)
    with Project.open(path) as project:
        assert {page.status for page in project.pages.all()} == {PageStatus.RECOGNISED}
    assert window.editor.current_text()
    close(application, prompts)
