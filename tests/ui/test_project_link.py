"""The window's one door to its project: calls run in order on the link's thread, answers and
refusals come back on the GUI thread, and a whole correction session sends no SQL from the GUI thread."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import ScriptedPrompts, make_window, settle
from workbench.errors import WorkbenchError
from workbench.project import PageStatus, Project
from workbench.ui.jobs import JobRunner
from workbench.ui.project_link import ProjectLink

pytestmark = pytest.mark.gui


def test_calls_are_answered_in_the_order_they_were_made_on_the_gui_thread(link: ProjectLink) -> None:
    gui = threading.get_ident()
    answered: list[tuple[str, bool]] = []
    page_id: list[int] = []
    link.call(lambda project: project.pages.all()[0].id, page_id.append)
    assert link.wait()
    link.call(lambda project: project.pages.set_status(page_id, PageStatus.CORRECTED, author="a"),
              lambda _: answered.append(("marked", threading.get_ident() == gui)))
    link.call(lambda project: project.pages.get(page_id[0]).status,  # reads what the call before wrote
              lambda status: answered.append((status.value, threading.get_ident() == gui)))
    assert link.busy
    assert link.wait()
    assert answered == [("marked", True), ("corrected", True)]
    assert not link.busy


def test_a_refusal_reaches_its_handler_or_else_the_failed_signal(link: ProjectLink, qtbot: QtBot) -> None:
    refusals: list[WorkbenchError] = []
    link.call(lambda project: project.pages.get(999_999), refused=refusals.append)
    assert link.wait()
    assert len(refusals) == 1 and "999999" in str(refusals[0])
    with qtbot.waitSignal(link.failed) as failed:
        link.call(lambda project: project.pages.get(999_999))
    assert "999999" in failed.args[0]


def test_a_project_that_cannot_be_opened_is_refused_with_its_reason(tmp_path: Path) -> None:
    not_a_project = tmp_path / "notes.wbproj"
    not_a_project.write_text("not a database", encoding="utf-8")
    with pytest.raises(WorkbenchError):
        ProjectLink.open(not_a_project)


def test_a_correction_session_sends_no_sql_from_the_gui_thread(
    qtbot: QtBot, recognised_project_path: Path, prompts: ScriptedPrompts, runner: JobRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Opening, typing, a kept draft, saving, marking, the next page, the history's diff, a search
    and the shared-file poll: a write waiting for another process's lock never freezes the window."""
    gui = threading.get_ident()
    on_gui_thread: list[str] = []
    connect = sqlite3.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = connect(*args, **kwargs)  # type: ignore[arg-type]
        connection.set_trace_callback(lambda sql: on_gui_thread.append(sql) if threading.get_ident() == gui else None)
        return connection

    monkeypatch.setattr(sqlite3, "connect", traced)
    window = make_window(qtbot, recognised_project_path, prompts, runner)
    qtbot.keyClicks(window.editor, "Checked ")
    window.session.write_draft()
    window.save()
    window.mark(PageStatus.CORRECTED)
    window.step_page(1)
    settle(qtbot, window)
    window.history.table.selectRow(0)
    window.run_search("the")
    window.watch.poll()
    window.watch.announce()
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    settle(qtbot, window)
    monkeypatch.undo()
    assert on_gui_thread == []
    with Project.open(recognised_project_path) as project:  # and it all happened
        first = project.pages.all()[0]
        assert first.status is PageStatus.CORRECTED
        assert "Checked " in project.revisions.current_text(first.id)
