"""A page's history: its revisions, the text of one, the word diff of two, and reverting to one."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.project import ChangeSet, DiffOp, Revision
from workbench.ui.models.revision_list_model import RevisionListModel
from workbench.ui.project_link import ProjectLink

DELETED_STYLE = "color: #b3261e; text-decoration: line-through;"
INSERTED_STYLE = "color: #1e7b34; text-decoration: underline;"
_HINT = "Select a revision to read it, or two to compare them."


def diff_html(ops: Sequence[DiffOp]) -> str:
    """Render a word diff as HTML: the new text, with removed words struck out in red before the
    words that replaced them, underlined in green (the underline keeps it readable without colour)."""
    parts = []
    for op in ops:
        if op.tag == "equal":
            parts.append(html.escape(op.new))
        if op.tag in ("delete", "replace"):
            parts.append(f'<span style="{DELETED_STYLE}">{html.escape(op.old)}</span>')
        if op.tag == "replace":
            parts.append(" ")  # so that the old and the new word do not read as one
        if op.tag in ("insert", "replace"):
            parts.append(f'<span style="{INSERTED_STYLE}">{html.escape(op.new)}</span>')
    return f'<div style="white-space: pre-wrap;">{"".join(parts)}</div>'


class HistoryPanel(QWidget):
    """The revisions of one page, newest first, and a reader for the selected ones.

    One selected revision shows its text; two show what changed from the older to the newer.

    Signals:
        revert_requested(revision_id): the user asked to make this revision's text current again.
    """

    revert_requested = Signal(int)

    def __init__(self, link: ProjectLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._link = link
        self._shown: int | None = None
        """The page whose history was asked for last."""
        self._model = RevisionListModel(self)
        self._model.rates_wanted.connect(self._measure)
        self._table = QTableView()
        self._table.setModel(self._model)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.verticalHeader().hide()
        self._table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._table.horizontalHeader().setStretchLastSection(True)
        self._reader = QTextBrowser()
        self._reader.setPlaceholderText(_HINT)
        self._revert_button = QPushButton("Revert to this revision")
        self._revert_button.setEnabled(False)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._table)
        splitter.addWidget(self._reader)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        layout.addWidget(self._revert_button)

        self._table.selectionModel().selectionChanged.connect(self._show_selection)
        self._revert_button.clicked.connect(self._request_revert)

    @property
    def table(self) -> QTableView:
        return self._table

    @property
    def reader(self) -> QTextBrowser:
        return self._reader

    @property
    def revert_button(self) -> QPushButton:
        return self._revert_button

    def show_page(self, page_id: int) -> None:
        """Show ``page_id``'s history, once it is read."""
        self._shown = page_id
        self._link.call(lambda project: (project.revisions.all(page_id), project.pages.get(page_id).current_revision_id),
                        lambda history: self._show_history(page_id, *history), title="Reading the history")

    def apply_changes(self, changes: ChangeSet) -> None:
        """Follow a change: the page's new revisions as told; everything again after a change elsewhere."""
        page_id = self._model.page_id
        if changes.everything and page_id is not None:
            self.show_page(page_id)
        else:
            self._model.apply_changes(changes)
            self._show_selection()

    def clear(self) -> None:
        self._shown = None
        self._model.clear()
        self._show_selection()

    def _show_history(self, page_id: int, revisions: list[Revision], current_id: int | None) -> None:
        if page_id == self._shown:  # else another page was asked for since
            self._model.show_page(page_id, revisions, current_id)
            self._show_selection()

    def _measure(self, revision_id: int) -> None:
        self._link.call(lambda project: project.revisions.rates_against_ocr(revision_id),
                        lambda rates: self._model.set_rates(revision_id, rates), title="Measuring a revision")

    def _selected(self) -> list[Revision]:
        rows = sorted(index.row() for index in self._table.selectionModel().selectedRows())
        return [self._model.revision_at(row) for row in rows]

    @Slot(QItemSelection, QItemSelection)
    def _show_selection(self, *_: object) -> None:
        selected = self._selected()
        if len(selected) == 1:
            self._reader.setPlainText(selected[0].text)
        elif len(selected) == 2:
            newer, older = selected  # rows are newest first
            self._reader.clear()
            self._link.call(lambda project: project.revisions.diff(older.id, newer.id),
                            lambda ops: self._show_diff(older.id, newer.id, ops), title="Comparing revisions")
        else:
            self._reader.clear()
        self._revert_button.setEnabled(
            len(selected) == 1 and selected[0].id != self._model.current_revision_id()
        )

    def _show_diff(self, older_id: int, newer_id: int, ops: Sequence[DiffOp]) -> None:
        if [revision.id for revision in self._selected()] == [newer_id, older_id]:  # still the two selected
            self._reader.setHtml(diff_html(ops))

    @Slot()
    def _request_revert(self) -> None:
        selected = self._selected()
        if len(selected) == 1:
            self.revert_requested.emit(selected[0].id)
