"""The window follows what the project tells it changed (one ChangeSet, one apply_changes), and
reads nothing it was just told: each test here failed when the window re-read and refreshed by hand."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.facade_calls import count_calls
from tests.ui.conftest import settle
from workbench.project import PageStatus, Project, Suggestion
from workbench.project.word_alignment import ALIGNMENTS
from workbench.ui.main_window import MainWindow
from workbench.ui.progress_updates import OVERVIEW_JOB
from workbench.ui.models.page_list_model import PageListModel


def row_status(window: MainWindow, page_id: int) -> str:
    model = window.navigator.model
    return str(model.index(model.row_of(page_id), PageListModel.STATUS).data())


def counted_calls(window: MainWindow) -> Counter[str]:
    """Count the calls into the Project the window's link holds (wrapped on the link's own thread)."""
    counters: list[Counter[str]] = []
    window.link.call(lambda project: counters.append(count_calls(project)))  # the answer would be a copy
    assert window.link.wait()
    return counters[0]


def test_a_save_shows_everywhere_with_no_read_of_what_it_told(
    project: Project, window: MainWindow, qtbot: QtBot
) -> None:
    page = window.session.page
    assert page is not None and page.status is PageStatus.RECOGNISED
    window.editor.textCursor().insertText("Checked. ")
    calls = counted_calls(window)

    window.save()
    assert window.link.wait()

    for watching in ("changed_elsewhere", "announce_window"):  # the 2 s poll, if it fell in the save
        del calls[watching]
    assert calls == {"revisions.save": 1}  # one call through the door; nothing read back
    saved = project.revisions.current(page.id)
    assert saved is not None and saved.text.startswith("Checked. ")
    assert row_status(window, page.id) == "in progress"
    history = window.history.table.model()
    assert history.index(0, 0).data(history.REVISION_ID_ROLE) == saved.id  # newest first
    assert window.history.table.model().current_revision_id() == saved.id
    assert not window.isWindowModified()
    assert window.session.base_revision_id == saved.id
    settle(qtbot, window)  # the overview measures the page again


def test_marking_under_a_filter_marks_the_page_on_screen(project: Project, window: MainWindow, qtbot: QtBot) -> None:
    window.navigator.filter.setCurrentText("Needing work")
    pages = project.pages.all()
    shown = pages[1]
    window.navigator.table.selectRow(1)  # as a click on its row does
    window.open_page(shown.id)
    settle(qtbot, window)

    window.mark(PageStatus.CORRECTED)  # the page leaves the filtered list; the selection moves on
    assert window.link.wait()
    window.mark(PageStatus.VERIFIED)  # still the page on screen
    settle(qtbot, window)

    statuses = {page.id: page.status for page in project.pages.all()}
    assert statuses[shown.id] is PageStatus.VERIFIED
    assert [statuses[page.id] for page in pages if page.id != shown.id] == [PageStatus.RECOGNISED] * 3
    assert window.navigator.neighbour(shown.id, 1) == pages[2].id  # the next page after it, not the first
    assert window.navigator.neighbour(shown.id, -1) == pages[0].id


def underlined_spans(window: MainWindow) -> set[tuple[int, int]]:
    """Where the editor draws an underline: the suggestions as the archivist sees them."""
    spans = set()
    block = window.editor.document().begin()
    while block.isValid():
        for format_range in block.layout().formats():
            if format_range.format.fontUnderline() or format_range.format.underlineStyle() != 0:
                start = block.position() + format_range.start
                spans.add((start, start + format_range.length))
        block = block.next()
    return spans


def test_undoing_an_accepted_fix_brings_its_underline_and_its_box_back(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxed: list[Mapping[int, str]] = []
    real_marks = window.view.set_marked_words
    monkeypatch.setattr(window.view, "set_marked_words", lambda marks: (boxed.append(marks), real_marks(marks)))
    suggestion: Suggestion = next(s for s in window.editor.suggestions() if s.candidates)
    cursor = window.editor.textCursor()
    cursor.setPosition(suggestion.start)
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()
    underlined_before = underlined_spans(window)
    assert any(start <= suggestion.start < end for start, end in underlined_before)

    qtbot.keyClick(window.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.busy, timeout=10_000)
    assert not any(start <= suggestion.start < end for start, end in underlined_spans(window))
    boxes_after_fix = len(boxed[-1])

    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(start <= suggestion.start < end for start, end in underlined_spans(window)),
                    timeout=10_000)
    qtbot.waitUntil(lambda: not window.busy, timeout=10_000)
    assert len(boxed[-1]) > boxes_after_fix  # its word is boxed on the scan again


def test_a_mark_updates_the_overview_at_once_and_measures_nothing_again(
    window: MainWindow, qtbot: QtBot
) -> None:
    bar = window.overview.status_bar(PageStatus.CORRECTED)
    assert bar.value() == 0
    window.mark(PageStatus.CORRECTED)
    assert window.link.wait()
    assert bar.value() == 1  # counted from the change itself, before any job ran
    assert all(job.title != OVERVIEW_JOB for job in window.runner.running)


def test_one_keystroke_one_save_and_one_export_align_the_text_once(project: Project, window: MainWindow, qtbot: QtBot) -> None:
    page_id = window.session.page_id
    assert page_id is not None
    before = ALIGNMENTS.made
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "x")
    qtbot.waitUntil(lambda: ALIGNMENTS.made > before, timeout=30_000)  # asked after a pause in typing
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)
    assert ALIGNMENTS.made == before + 1  # the editor's links and the suggestions share it

    window.save()
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)  # the overview measures the page again
    exported = project.exports.page(page_id)
    assert exported.text == window.editor.current_text()
    assert ALIGNMENTS.made == before + 1
