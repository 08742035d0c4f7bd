"""The overview panel, showing the real overview of a project the archivist has started on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from workbench.project import PageStatus, Project
from workbench.ui.overview_panel import OverviewPanel

pytestmark = pytest.mark.gui


@pytest.fixture
def project(recognised_project_path: Path) -> Iterator[Project]:
    """The sample with one page corrected (a real save), one verified and one in progress."""
    with Project.open(recognised_project_path) as project:
        first, second, third, _ = project.pages.all()
        text = project.revisions.current_text(first.id)
        project.revisions.save(first.id, text.replace("e", "E"), parent_id=first.current_revision_id,
                     author="test archivist")
        project.pages.set_status([first.id], PageStatus.CORRECTED, author="test archivist")
        project.pages.set_status([second.id], PageStatus.VERIFIED, author="test archivist")
        project.pages.set_status([third.id], PageStatus.IN_PROGRESS, author="test archivist")
        yield project


@pytest.fixture
def panel(qtbot: QtBot) -> OverviewPanel:
    panel = OverviewPanel()
    qtbot.addWidget(panel)
    return panel


def cells(panel: OverviewPanel) -> list[list[str]]:
    table = panel.documents_table
    return [[table.item(row, column).text() for column in range(table.columnCount())]
            for row in range(table.rowCount())]


def test_pages_per_status_show_as_bars_of_the_whole(panel: OverviewPanel, project: Project) -> None:
    panel.show_overview(project.overview(), 17)

    counts = {status: panel.status_bar(status).value() for status in PageStatus}
    assert counts == {PageStatus.NEW: 0, PageStatus.RECOGNISED: 1, PageStatus.IN_PROGRESS: 1,
                      PageStatus.CORRECTED: 1, PageStatus.VERIFIED: 1}
    assert {panel.status_bar(status).maximum() for status in PageStatus} == {4}
    assert panel.status_bar(PageStatus.VERIFIED).text() == "1 (25.0%)"
    assert panel.suggestions_label.text() == "Open suggestions: 17"


def test_each_document_shows_its_pages_progress_and_cer(panel: OverviewPanel, project: Project) -> None:
    overview = project.overview()
    cer = overview.total.cer
    assert cer is not None and cer > 0

    panel.show_overview(overview, None)

    assert cells(panel) == [["Bucharest despatch", "4", "50.0%", f"{cer:.2%}"]]
    assert panel.totals_label.text() == (
        f"4 pages, 50.0% corrected or verified; CER of OCR against the current text: {cer:.2%}"
    )
    assert panel.suggestions_label.text() == "Open suggestions: not counted yet"


def test_several_documents_get_a_total_row(
    panel: OverviewPanel, project: Project, sample_scans: list[Path], tmp_path: Path
) -> None:
    annex = tmp_path / "annex.png"
    with Image.open(sample_scans[0]) as scan:  # other contents: an identical file is not added twice
        scan.crop((0, 0, scan.width, scan.height // 2)).save(annex)
    assert len(project.pages.add_scans([annex], document="Annex").page_ids) == 1

    panel.show_overview(project.overview(), 0)

    rows = cells(panel)
    assert [row[:3] for row in rows] == [
        ["Bucharest despatch", "4", "50.0%"], ["Annex", "1", "0.0%"], ["All documents", "5", "40.0%"],
    ]
    assert rows[1][3] == "–"  # not recognised: nothing to measure the OCR against
    assert panel.documents_table.item(2, 0).font().bold()


def test_an_empty_project_shows_zeros_not_errors(panel: OverviewPanel, tmp_path: Path) -> None:
    with Project.create(tmp_path / "empty.wbproj") as empty:
        panel.show_overview(empty.overview(), 0)
    assert cells(panel) == []
    assert panel.status_bar(PageStatus.NEW).text() == "0 (–)"
    assert panel.totals_label.text() == (
        "0 pages, – corrected or verified; CER of OCR against the current text: –"
    )
