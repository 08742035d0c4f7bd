"""The history panel: one revision's text, two revisions' word diff, and the revert intent."""

from __future__ import annotations


import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from workbench.project import Project
from workbench.ui.history_panel import HistoryPanel
from workbench.ui.project_link import ProjectLink

pytestmark = pytest.mark.gui

FIRST = "Negotiations resumed in Bucharest on Monday."
SECOND = "Negotiations were resumed in Bukarest on Monday."


@pytest.fixture
def page_id(project: Project) -> int:
    """A page whose OCR revision got two corrections, saved through the facade."""
    page = project.pages.all()[1]
    first = project.revisions.save(page.id, FIRST, parent_id=page.current_revision_id, author="test archivist").revision
    project.revisions.save(page.id, SECOND, parent_id=first.id, author="test archivist")
    return page.id


@pytest.fixture
def panel(qtbot: QtBot, link: ProjectLink, page_id: int) -> HistoryPanel:
    panel = HistoryPanel(link)
    qtbot.addWidget(panel)
    panel.show_page(page_id)
    assert link.wait()
    return panel


def select_rows(panel: HistoryPanel, link: ProjectLink, *rows: int) -> None:
    """Select rows as a click and control-clicks would (the panel is not shown: offscreen Qt warns
    that it cannot propagate a shown window's size hints)."""
    table = panel.table
    table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        table.selectionModel().select(table.model().index(row, 0), flags)
    assert link.wait()  # a diff is read through the link


def marked_words(document: QTextDocument) -> tuple[list[str], list[str]]:
    """The words shown struck out and the words shown underlined, as a reader sees them."""
    deleted: list[str] = []
    inserted: list[str] = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().fontStrikeOut():
                deleted.extend(fragment.text().split())
            elif fragment.charFormat().fontUnderline():
                inserted.extend(fragment.text().split())
            iterator += 1
        block = block.next()
    return deleted, inserted


def test_two_selected_revisions_show_the_words_that_changed(panel: HistoryPanel, link: ProjectLink) -> None:
    select_rows(panel, link, 0, 1)

    deleted, inserted = marked_words(panel.reader.document())
    assert deleted == ["Bucharest"]
    assert inserted == ["were", "Bukarest"]
    assert panel.reader.toPlainText() == "Negotiations were resumed in Bucharest Bukarest on Monday."
    assert not panel.revert_button.isEnabled()


def test_one_selected_revision_shows_its_text(panel: HistoryPanel, link: ProjectLink) -> None:
    select_rows(panel, link, 1)
    assert panel.reader.toPlainText() == FIRST
    assert marked_words(panel.reader.document()) == ([], [])


def test_revert_button_asks_to_revert_to_the_selected_revision(
    qtbot: QtBot, panel: HistoryPanel, project: Project, page_id: int, link: ProjectLink
) -> None:
    assert not panel.revert_button.isEnabled()
    select_rows(panel, link, 1)
    older = project.revisions.all(page_id)[-2]
    assert older.text == FIRST

    with qtbot.waitSignal(panel.revert_requested) as requested:
        qtbot.mouseClick(panel.revert_button, Qt.MouseButton.LeftButton)

    assert requested.args == [older.id]


def test_the_current_revision_cannot_be_reverted_to(panel: HistoryPanel, link: ProjectLink) -> None:
    select_rows(panel, link, 0)
    assert panel.reader.toPlainText() == SECOND
    assert not panel.revert_button.isEnabled()


def test_a_new_save_shows_up_when_the_page_is_shown_again(
    panel: HistoryPanel, project: Project, page_id: int, link: ProjectLink
) -> None:
    current = project.revisions.current(page_id)
    assert current is not None
    project.revisions.save(page_id, SECOND + " Again.", parent_id=current.id, author="test archivist")
    panel.show_page(page_id)
    assert link.wait()
    assert panel.table.model().rowCount() == 4


def test_clearing_shows_no_page(panel: HistoryPanel, link: ProjectLink) -> None:
    select_rows(panel, link, 1)
    panel.clear()
    assert panel.table.model().rowCount() == 0
    assert panel.reader.toPlainText() == ""
    assert not panel.revert_button.isEnabled()
