"""The occurrences of a project-wide replacement as a concordance: one ticked row per occurrence.

Each row shows its page (with the tick that chooses it), the word cut from the scan, the line's text
before the match, the change, and the line's text after it. Word images arrive later, from a
background job, keyed by page and OCR box; rows without a box never get one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QImage, QPixmap

from workbench.project import Occurrence
from workbench.ui.models.table_model import FlatTableModel, Index

Box = tuple[int, int, int, int]
CONTEXT_SIDE = 50
"""Characters of the line kept on either side of a match; the rest is cut at an ellipsis."""


class OccurrenceModel(FlatTableModel):
    """The occurrences a query found, in reading order, each ticked until the archivist unticks it."""

    PAGE, IMAGE, BEFORE, CHANGE, AFTER = range(5)
    HEADERS = ("Page", "Scan", "Before", "Change", "After")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._occurrences: list[Occurrence] = []
        self._ticked: list[bool] = []
        self._ticked_count = 0
        self._page_count = 0
        self._labels: Mapping[int, str] = {}
        self._crops: dict[tuple[int, Box], QPixmap] = {}
        self._rows_of_crop: dict[tuple[int, Box], list[int]] = {}

    # Qt's table interface

    def item_count(self) -> int:
        return len(self._occurrences)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not self.holds(index):
            return None
        row, column = index.row(), index.column()
        occurrence = self._occurrences[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(occurrence, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.PAGE:
            return Qt.CheckState.Checked if self._ticked[row] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and column == self.IMAGE:
            return None if occurrence.word_box is None else self._crops.get(_crop_key(occurrence))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.BEFORE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.BEFORE, self.CHANGE, self.AFTER):
            return occurrence.line_text
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.holds(index) and index.column() == self.PAGE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (self.holds(index) and index.column() == self.PAGE and role == Qt.ItemDataRole.CheckStateRole):
            return False
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        self._ticked_count += ticked - self._ticked[index.row()]
        self._ticked[index.row()] = ticked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    # What the dialog calls

    def set_occurrences(self, occurrences: Sequence[Occurrence], labels: Mapping[int, str]) -> None:
        """Show these occurrences, all ticked, labelling their pages by ``labels``; no images yet."""
        self.beginResetModel()
        self._occurrences = list(occurrences)
        self._ticked = [True] * len(self._occurrences)
        self._ticked_count = len(self._occurrences)
        self._page_count = len({occurrence.page_id for occurrence in self._occurrences})
        self._labels = dict(labels)
        self._crops.clear()
        self._rows_of_crop = {}
        for row, occurrence in enumerate(self._occurrences):
            if occurrence.word_box is not None:
                self._rows_of_crop.setdefault(_crop_key(occurrence), []).append(row)
        self.endResetModel()

    def occurrences(self) -> list[Occurrence]:
        return list(self._occurrences)

    def ticked(self) -> list[Occurrence]:
        return [o for o, ticked in zip(self._occurrences, self._ticked) if ticked]

    def set_all_ticked(self, ticked: bool) -> None:
        if self._occurrences:
            self._ticked = [ticked] * len(self._occurrences)
            self._ticked_count = len(self._occurrences) if ticked else 0
            self.dataChanged.emit(self.index(0, self.PAGE), self.index(len(self._occurrences) - 1, self.PAGE),
                                  [Qt.ItemDataRole.CheckStateRole])

    def ticked_count(self) -> int:
        return self._ticked_count

    def page_count(self) -> int:
        return self._page_count

    def wanted_crops(self) -> dict[int, list[Box]]:
        """page id → the distinct word boxes to cut from its scan, pages and boxes in reading order."""
        wanted: dict[int, list[Box]] = {}
        for page_id, box in self._rows_of_crop:
            wanted.setdefault(page_id, []).append(box)
        return wanted

    def add_crop(self, page_id: int, box: Box, image: QImage) -> None:
        """Show a word image (cut by a job, already at row size) on the rows of that page and box."""
        key = (page_id, box)
        rows = self._rows_of_crop.get(key)
        if rows is None:  # from a search that is no longer shown
            return
        self._crops[key] = QPixmap.fromImage(image)
        for row in rows:
            index = self.index(row, self.IMAGE)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def _display(self, occurrence: Occurrence, column: int) -> str | None:
        offset = occurrence.start - occurrence.line_start
        if column == self.PAGE:
            return self._labels.get(occurrence.page_id, f"page {occurrence.page_id}")
        if column == self.BEFORE:
            before = _one_line(occurrence.line_text[:offset])
            return before if len(before) <= CONTEXT_SIDE else "…" + before[-CONTEXT_SIDE:]
        if column == self.CHANGE:
            return f"{_one_line(occurrence.text)} → {_one_line(occurrence.replacement)}"
        if column == self.AFTER:
            after = _one_line(occurrence.line_text[offset + len(occurrence.text):])
            return after if len(after) <= CONTEXT_SIDE else after[:CONTEXT_SIDE] + "…"
        return None


def _crop_key(occurrence: Occurrence) -> tuple[int, Box]:
    assert occurrence.word_box is not None
    return occurrence.page_id, occurrence.word_box


def _one_line(text: str) -> str:
    """A match may span lines; a table cell shows one."""
    return " ".join(text.splitlines())
