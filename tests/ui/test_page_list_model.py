"""The page list model and its status filter, over a real recognised project."""

from __future__ import annotations


import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPixmap
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from workbench.project import PageStatus, Project
from workbench.ui.jobs import JobRunner
from workbench.ui.models.page_list_model import THUMBNAIL_SIDE, PageFilterProxy, PageListModel
from workbench.ui.project_link import ProjectLink

pytestmark = pytest.mark.gui

DECORATION = Qt.ItemDataRole.DecorationRole


@pytest.fixture
def model(link: ProjectLink, runner: JobRunner) -> PageListModel:
    model = PageListModel(link, runner)
    model.reload()
    assert link.wait()
    return model


def wait_for_jobs(qtbot: QtBot, runner: JobRunner) -> None:
    qtbot.waitUntil(lambda: not runner.running, timeout=10_000)


def test_page_list_model_obeys_the_qt_contract(
    qtbot: QtBot, qtmodeltester: ModelTester, model: PageListModel, runner: JobRunner
) -> None:
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    wait_for_jobs(qtbot, runner)  # reading every role asked for every thumbnail


def test_filter_proxy_obeys_the_qt_contract_with_and_without_a_filter(
    qtbot: QtBot, qtmodeltester: ModelTester, model: PageListModel, runner: JobRunner
) -> None:
    proxy = PageFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_statuses({PageStatus.RECOGNISED})
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 4
    wait_for_jobs(qtbot, runner)


def test_rows_are_the_pages_in_reading_order(model: PageListModel, project: Project) -> None:
    pages = project.pages.all()
    assert [model.page_id_at(row) for row in range(model.rowCount())] == [page.id for page in pages]
    assert [model.row_of(page.id) for page in pages] == list(range(len(pages)))
    first = model.index(0, PageListModel.LABEL)
    assert first.data() == pages[0].label
    assert model.index(0, PageListModel.STATUS).data() == "recognised"
    assert first.data(PageListModel.PAGE_ID_ROLE) == pages[0].id


def test_filter_follows_a_real_status_change(model: PageListModel, project: Project) -> None:
    proxy = PageFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_statuses({PageStatus.CORRECTED, PageStatus.VERIFIED})
    assert proxy.rowCount() == 0

    page_id = model.page_id_at(2)
    model.apply_changes(project.pages.set_status([page_id], PageStatus.CORRECTED, author="test archivist"))

    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data(PageListModel.PAGE_ID_ROLE) == page_id
    assert proxy.index(0, PageListModel.STATUS).data() == "corrected"
    proxy.set_statuses(None)
    assert proxy.rowCount() == 4


def test_a_change_repaints_exactly_its_row_without_reading_the_page(
    qtbot: QtBot, model: PageListModel, project: Project
) -> None:
    page_id = model.page_id_at(1)
    changed: list[tuple[QModelIndex, QModelIndex]] = []
    model.dataChanged.connect(lambda first, last, roles: changed.append((first, last)))
    changes = project.pages.set_status([page_id], PageStatus.VERIFIED, author="test archivist")
    project.close()  # the model must not need it: the change says how the page is now

    with qtbot.waitSignal(model.dataChanged):
        model.apply_changes(changes)

    assert [(first.row(), last.row()) for first, last in changed] == [(1, 1)]
    assert model.index(1, PageListModel.STATUS).data() == "verified"


def test_unsaved_pages_and_suggestion_counts_show_in_their_row(
    qtbot: QtBot, model: PageListModel
) -> None:
    page_id = model.page_id_at(3)
    label = model.index(3, PageListModel.LABEL).data()
    assert model.index(3, PageListModel.SUGGESTIONS).data() is None

    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_unsaved(page_id, True)
    assert (changed.args[0].row(), changed.args[0].column()) == (3, PageListModel.LABEL)
    assert model.index(3, PageListModel.LABEL).data() == "• " + label

    model.set_suggestion_count(page_id, 7)
    assert model.index(3, PageListModel.SUGGESTIONS).data() == "7"
    model.set_unsaved(page_id, False)
    assert model.index(3, PageListModel.LABEL).data() == label


def test_a_thumbnail_is_loaded_in_the_background_only_for_the_row_asked_for(
    qtbot: QtBot, model: PageListModel, runner: JobRunner
) -> None:
    label = model.index(2, PageListModel.LABEL).data()
    assert model.index(2, PageListModel.LABEL).data(DECORATION) is None
    assert [job.title for job in runner.running] == [f"thumbnail of page {label}"]

    qtbot.waitUntil(lambda: isinstance(model.index(2, PageListModel.LABEL).data(DECORATION), QPixmap))

    thumbnail = model.index(2, PageListModel.LABEL).data(DECORATION)
    assert max(thumbnail.width(), thumbnail.height()) == THUMBNAIL_SIDE
    wait_for_jobs(qtbot, runner)


def test_a_missing_scan_leaves_a_note_instead_of_a_thumbnail(
    qtbot: QtBot, model: PageListModel, project: Project, runner: JobRunner
) -> None:
    project.pages.scan_file(project.pages.get(model.page_id_at(0))).unlink()
    index = model.index(0, PageListModel.LABEL)
    assert index.data(DECORATION) is None

    qtbot.waitUntil(lambda: index.data(Qt.ItemDataRole.ToolTipRole) is not None)

    assert "No thumbnail" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(DECORATION) is None
    wait_for_jobs(qtbot, runner)
    assert index.data(DECORATION) is None
    assert not runner.running  # a failed thumbnail is not asked for again
