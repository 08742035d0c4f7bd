"""What every flat table model here shares: fixed column headers and a row count of its items."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class FlatTableModel(QAbstractTableModel):
    """A table without children; subclasses name their ``HEADERS`` and count their rows."""

    HEADERS: tuple[str, ...] = ()

    def item_count(self) -> int:
        raise NotImplementedError

    def holds(self, index: Index) -> bool:
        """Whether ``index`` is one of our cells (Qt's checkIndex costs 0.1 ms a call from Python,
        which a view asking for 10,000 rows turns into a second)."""
        return (index.isValid() and index.model() is self and 0 <= index.row() < self.item_count()
                and 0 <= index.column() < len(self.HEADERS))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.item_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None
