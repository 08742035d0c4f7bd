"""The page list: every page with its status, open suggestions and thumbnail, filtered by status."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView, QVBoxLayout, QWidget

from workbench.project import ChangeSet, PageStatus
from workbench.records import NEEDING_WORK
from workbench.ui.jobs import JobRunner
from workbench.ui.project_link import ProjectLink
from workbench.ui.models.page_list_model import PageFilterProxy, PageListModel

_FILTERS: tuple[tuple[str, frozenset[PageStatus] | None], ...] = (
    ("All pages", None),
    ("Needing work", NEEDING_WORK),
    *((f"Only {status}", frozenset({status})) for status in PageStatus),
)


class Navigator(QWidget):
    """Signals:
        page_requested(page_id): the user picked a page to correct.
        listed(): the page list was read (afresh).
    """

    page_requested = Signal(int)
    listed = Signal()

    def __init__(self, link: ProjectLink, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PageListModel(link, runner, self)
        self.model.listed.connect(self.listed)
        self.proxy = PageFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QComboBox()
        self.filter.addItems([label for label, _ in _FILTERS])
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setIconSize(QSize(48, 64))
        self.table.verticalHeader().hide()
        # Fixed sizes: measuring contents would make the view read every one of 10,000 rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 90)
        header.resizeSection(2, 80)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)

    def reload(self) -> None:
        self.model.reload()

    def first_page_id(self) -> int | None:
        return self._page_id_at_proxy_row(0)

    def selected_page_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [self.model.page_id_at(self.proxy.mapToSource(index).row()) for index in rows]

    def select_page(self, page_id: int | None) -> None:
        """Show ``page_id`` as the current row without asking for it to be opened again."""
        index = self._proxy_index(page_id)
        if index is None:
            return
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def neighbour(self, page_id: int | None, step: int) -> int | None:
        """The page ``step`` rows away in the filtered list; None past either end. A page the
        filter hides (just marked corrected under "Needing work") counts from where it would be."""
        index = self._proxy_index(page_id)
        if index is not None:
            return self._page_id_at_proxy_row(index.row() + step)
        if page_id is None or not self.model.holds_page(page_id):
            return self._page_id_at_proxy_row(0 if step > 0 else self.proxy.rowCount() - 1)
        after = self._first_row_after(page_id)  # the hidden page sits just before this row
        return self._page_id_at_proxy_row(after + step - 1 if step > 0 else after + step)

    def next_needing_work(self, page_id: int | None) -> int | None:
        """The next page (in project order, wrapping) that is not yet corrected or verified."""
        pages = self.model.pages()
        ids = [page.id for page in pages]
        start = ids.index(page_id) + 1 if page_id in ids else 0
        for page in pages[start:] + pages[:start]:
            if page.status in NEEDING_WORK and page.id != page_id:
                return page.id
        return None

    def apply_changes(self, changes: ChangeSet) -> None:
        self.model.apply_changes(changes)

    def set_unsaved(self, page_id: int, unsaved: bool) -> None:
        self.model.set_unsaved(page_id, unsaved)

    def set_suggestion_count(self, page_id: int, count: int) -> None:
        self.model.set_suggestion_count(page_id, count)

    def _filter_changed(self, position: int) -> None:
        self.proxy.set_statuses(_FILTERS[position][1])

    def _activated(self, index: QModelIndex) -> None:
        self.page_requested.emit(self.model.page_id_at(self.proxy.mapToSource(index).row()))

    def _first_row_after(self, page_id: int) -> int:
        """The filtered row of the first page after ``page_id`` in reading order (the row count
        when none is)."""
        source_row = self.model.row_of(page_id)
        for row in range(self.proxy.rowCount()):
            if self.proxy.mapToSource(self.proxy.index(row, 0)).row() > source_row:
                return row
        return self.proxy.rowCount()

    def _proxy_index(self, page_id: int | None) -> QModelIndex | None:
        if page_id is None:
            return None
        try:
            source = self.model.index(self.model.row_of(page_id), 0)
        except KeyError:
            return None
        index = self.proxy.mapFromSource(source)
        return index if index.isValid() else None

    def _page_id_at_proxy_row(self, row: int) -> int | None:
        if not 0 <= row < self.proxy.rowCount():
            return None
        return self.model.page_id_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
