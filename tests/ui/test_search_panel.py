"""The search panel: asking for a search, showing real hits with the hit emphasised, opening one."""

from __future__ import annotations

import html
import re

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbench.project import Project, SearchHit
from workbench.ui.search_panel import HTML_ROLE, SearchPanel, result_texts

pytestmark = pytest.mark.gui

_EMPHASIS = re.compile(r"<span style=[^>]*>(.*?)</span>(.*)$")


@pytest.fixture
def panel(qtbot: QtBot) -> SearchPanel:
    panel = SearchPanel()
    qtbot.addWidget(panel)
    return panel


def search(qtbot: QtBot, panel: SearchPanel, project: Project, query: str) -> list[SearchHit]:
    """Type a query and press Enter, and answer the request as the window does."""
    panel.query_edit.setText(query)
    with qtbot.waitSignal(panel.search_requested) as requested:
        qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    hits = project.search(requested.args[0])
    panel.show_results(hits, {page.id: page.label for page in project.pages.all()})
    return hits


def test_enter_asks_for_a_search_of_the_typed_query(qtbot: QtBot, panel: SearchPanel) -> None:
    panel.query_edit.setText("  Bucharest  ")
    with qtbot.waitSignal(panel.search_requested) as requested:
        qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    assert requested.args == ["Bucharest"]


def test_an_empty_query_asks_for_nothing(qtbot: QtBot, panel: SearchPanel) -> None:
    with qtbot.assertNotEmitted(panel.search_requested):
        qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)


def test_each_hit_shows_its_page_and_the_hit_emphasised_where_it_is(
    qtbot: QtBot, panel: SearchPanel, project: Project
) -> None:
    hits = search(qtbot, panel, project, "the")
    assert len({(hit.page_id, hit.context) for hit in hits}) < len(hits)  # some lines hold two

    assert panel.results.count() == len(hits)
    labels = {page.id: page.label for page in project.pages.all()}
    for row, hit in enumerate(hits):
        item = panel.results.item(row)
        assert item.text().startswith(labels[hit.page_id] + ": ")
        emphasised, after = _EMPHASIS.search(item.data(HTML_ROLE)).groups()
        text = project.revisions.current_text(hit.page_id)
        assert html.unescape(emphasised) == text[hit.start : hit.end]
        following = html.unescape(after).removesuffix("…")
        assert text[hit.end :].replace("\n", " ").startswith(following)  # the right "the" of its line


def test_activating_a_hit_asks_to_open_it(qtbot: QtBot, panel: SearchPanel, project: Project) -> None:
    hits = search(qtbot, panel, project, "Bucharest")
    assert hits
    panel.results.setCurrentRow(len(hits) - 1)

    with qtbot.waitSignal(panel.hit_activated) as activated:
        qtbot.keyClick(panel.results, Qt.Key.Key_Return)

    last = hits[-1]
    assert activated.args == [last.page_id, last.start, last.end]


def test_the_summary_counts_hits_and_pages(qtbot: QtBot, panel: SearchPanel, project: Project) -> None:
    hits = search(qtbot, panel, project, "the")
    pages = len({hit.page_id for hit in hits})
    assert panel.summary_label.text() == f"{len(hits)} hits on {pages} pages"
    search(qtbot, panel, project, "zyxwvu")
    assert panel.summary_label.text() == "No hits"
    assert panel.results.count() == 0


def test_results_paint_with_the_rich_text_delegate(
    qtbot: QtBot, panel: SearchPanel, project: Project
) -> None:
    search(qtbot, panel, project, "Bucharest")
    panel.results.setCurrentRow(0)
    panel.resize(300, 200)
    assert not panel.grab().isNull()  # drawn without a Qt warning, which would fail the test


def test_a_long_line_is_shortened_around_the_hit() -> None:
    context = "a" * 100 + " needle " + "b" * 100
    start = context.index("needle")
    plain, rich = result_texts("p. <3>", context, (start, start + len("needle")))
    assert plain == "p. <3>: …" + "a" * 39 + " needle " + "b" * 39 + "…"
    assert rich.startswith("<b>p. &lt;3&gt;</b>: …")
    assert ">needle</span>" in rich
