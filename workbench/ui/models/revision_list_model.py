"""One page's revisions as a table, newest first: when, who, why, and how far the OCR was from each."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from workbench.ui.models.table_model import FlatTableModel, Index
from workbench.project import ChangeSet, ErrorRates, Project, Revision



class RevisionListModel(FlatTableModel):
    """The revisions of the page last given to ``show_page``, newest first; the current one in bold.

    The CER column is the character error rate of the page's OCR text measured against the revision,
    i.e. how much correcting the revision holds; it is computed when a view first asks for it.
    """

    TIME, AUTHOR, KIND, NOTE, CER = range(5)
    REVISION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
    """The revision's id, on every column."""

    HEADERS = ("Time", "Author", "Kind", "Note", "CER of OCR")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self._page_id: int | None = None
        self._revisions: list[Revision] = []
        self._current_id: int | None = None
        self._rates: dict[int, ErrorRates | None] = {}

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

    def show_page(self, project: Project, page_id: int) -> None:
        """Show ``page_id``'s revisions; call again after the page gained a revision."""
        self.beginResetModel()
        self._project = project
        self._page_id = page_id
        self._revisions = project.revisions.all(page_id)[::-1]
        self._current_id = project.pages.get(page_id).current_revision_id
        self._rates.clear()
        self.endResetModel()

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
        self._project = None
        self._page_id = None
        self._revisions = []
        self._current_id = None
        self._rates.clear()
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
        rates = self._rates_of(revision.id)
        return "–" if rates is None else f"{rates.cer:.2%}"

    def _rates_of(self, revision_id: int) -> ErrorRates | None:
        if revision_id not in self._rates and self._project is not None:
            self._rates[revision_id] = self._project.revisions.rates_against_ocr(revision_id)
        return self._rates.get(revision_id)
