"""One page's revisions as a table, newest first: when, who, why, and how far the OCR was from each."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont

from workbench.ui.models.table_model import FlatTableModel, Index
from workbench.project import ChangeSet, ErrorRates, Revision

MEASURING = "…"


class RevisionListModel(FlatTableModel):
    """The revisions last given to ``show_page``, newest first; the current one in bold.

    The CER column is the character error rate of the page's OCR text measured against the revision,
    i.e. how much correcting the revision holds; it is measured when a view first asks for it: the
    model asks with ``rates_wanted`` and shows the answer given to ``set_rates``.

    Signals:
        rates_wanted(revision_id): a view shows the CER of a revision not measured yet.
    """

    rates_wanted = Signal(int)

    TIME, AUTHOR, KIND, NOTE, CER = range(5)
    REVISION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
    """The revision's id, on every column."""

    HEADERS = ("Time", "Author", "Kind", "Note", "CER of OCR")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page_id: int | None = None
        self._revisions: list[Revision] = []
        self._current_id: int | None = None
        self._rates: dict[int, ErrorRates | None] = {}
        self._asked: set[int] = set()

    # Qt's table interface

    def item_count(self) -> int:
        return len(self._revisions)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not self.holds(index):
            return None
        revision = self._revisions[index.row()]
        if role == self.REVISION_ID_ROLE:
            return revision.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(revision, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.TIME:
            return revision.created
        if role == Qt.ItemDataRole.FontRole and revision.id == self._current_id:
            font = QFont()
            font.setBold(True)
            return font
        return None

    # What the history panel calls

    def show_page(self, page_id: int, revisions: list[Revision], current_id: int | None) -> None:
        """Show a page's revisions (oldest first, as the project lists them) and its current one."""
        self.beginResetModel()
        self._page_id = page_id
        self._revisions = revisions[::-1]
        self._current_id = current_id
        self._rates.clear()
        self._asked.clear()
        self.endResetModel()

    def set_rates(self, revision_id: int, rates: ErrorRates | None) -> None:
        """The CER of a revision, measured as ``rates_wanted`` asked."""
        self._rates[revision_id] = rates
        row = next((row for row, revision in enumerate(self._revisions) if revision.id == revision_id), None)
        if row is not None:
            self.dataChanged.emit(self.index(row, self.CER), self.index(row, self.CER))

    def apply_changes(self, changes: ChangeSet) -> None:
        """Add the page's new revisions on top and move the bold to its current one, as told."""
        if self._page_id is None:
            return
        added = [revision for revision in changes.revisions if revision.page_id == self._page_id]
        page = changes.page(self._page_id)
        if added:
            self.beginInsertRows(QModelIndex(), 0, len(added) - 1)
            self._revisions[:0] = added[::-1]
            self.endInsertRows()
        if page is not None and page.current_revision_id != self._current_id:
            self._current_id = page.current_revision_id
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._revisions) - 1, len(self.HEADERS) - 1))

    @property
    def page_id(self) -> int | None:
        """The page shown; None before one is."""
        return self._page_id

    def clear(self) -> None:
        self.beginResetModel()
        self._page_id = None
        self._revisions = []
        self._current_id = None
        self._rates.clear()
        self._asked.clear()
        self.endResetModel()

    def revision_at(self, row: int) -> Revision:
        return self._revisions[row]

    def current_revision_id(self) -> int | None:
        """The page's current revision when it was shown."""
        return self._current_id

    # Cells

    def _display(self, revision: Revision, column: int) -> str | None:
        if column == self.TIME:
            return datetime.fromisoformat(revision.created).astimezone().strftime("%Y-%m-%d %H:%M")
        if column == self.AUTHOR:
            return revision.author
        if column == self.KIND:
            return revision.kind.value
        if column == self.NOTE:
            return revision.note
        if revision.id not in self._rates:
            if revision.id not in self._asked:
                self._asked.add(revision.id)
                self.rates_wanted.emit(revision.id)
            return MEASURING
        rates = self._rates[revision.id]
        return "–" if rates is None else f"{rates.cer:.2%}"
