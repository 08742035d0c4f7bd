"""How far the project has come: pages per status, each document's progress and CER, suggestions left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.project import PageStatus, PageTally, ProjectOverview

DONE = (PageStatus.CORRECTED, PageStatus.VERIFIED)
NO_VALUE = "–"
CER_DECIMALS = 2
"""Early in a project the OCR's CER against the current text is a fraction of a percent."""


def done_share(tally: PageTally) -> float | None:
    """The share of pages corrected or verified; None for no pages."""
    return None if tally.pages == 0 else sum(tally.statuses[status] for status in DONE) / tally.pages


def percent(share: float | None, *, decimals: int = 1) -> str:
    return NO_VALUE if share is None else f"{share:.{decimals}%}"


class OverviewPanel(QWidget):
    """Renders a ``ProjectOverview`` the window computed in a job; it asks for nothing."""

    DOCUMENT, PAGES, DONE_SHARE, CER = range(4)
    _HEADERS = ("Document", "Pages", "Corrected or verified", "CER of OCR")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status_bars: dict[PageStatus, QProgressBar] = {}
        statuses = QGridLayout()
        for row, status in enumerate(PageStatus):
            bar = QProgressBar()
            bar.setRange(0, 1)
            bar.setValue(0)
            statuses.addWidget(QLabel(status.value.capitalize()), row, 0)
            statuses.addWidget(bar, row, 1)
            self._status_bars[status] = bar
        self._totals = QLabel()
        self._suggestions = QLabel()
        self._documents = QTableWidget(0, len(self._HEADERS))
        self._documents.setHorizontalHeaderLabels(self._HEADERS)
        self._documents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._documents.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self._documents.verticalHeader().hide()
        self._documents.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._documents.horizontalHeader().setSectionResizeMode(self.DOCUMENT, QHeaderView.ResizeMode.Stretch)

        layout = QVBoxLayout(self)
        layout.addLayout(statuses)
        layout.addWidget(self._totals)
        layout.addWidget(self._suggestions)
        layout.addWidget(self._documents)
        self.show_overview(ProjectOverview((), PageTally(dict.fromkeys(PageStatus, 0), 0, 0)), None)

    @property
    def documents_table(self) -> QTableWidget:
        return self._documents

    @property
    def totals_label(self) -> QLabel:
        return self._totals

    @property
    def suggestions_label(self) -> QLabel:
        return self._suggestions

    def status_bar(self, status: PageStatus) -> QProgressBar:
        return self._status_bars[status]

    def show_overview(self, overview: ProjectOverview, suggestions_left: int | None) -> None:
        """Show ``overview``, and the open suggestions over the project if they have been counted."""
        total = overview.total
        for status, bar in self._status_bars.items():
            count = total.statuses.get(status, 0)
            bar.setRange(0, max(1, total.pages))  # a range of 0 to 0 would make a busy indicator
            bar.setValue(count)
            bar.setFormat(f"{count} ({percent(count / total.pages if total.pages else None)})")
        self._totals.setText(
            f"{total.pages} page{'s' * (total.pages != 1)}, {percent(done_share(total))} corrected or "
            f"verified; CER of OCR against the current text: {percent(total.cer, decimals=CER_DECIMALS)}"
        )
        self._suggestions.setText(
            f"Open suggestions: {'not counted yet' if suggestions_left is None else suggestions_left}"
        )
        rows = [(document.name, document.tally, False) for document in overview.documents]
        if len(rows) > 1:
            rows.append(("All documents", total, True))
        self._documents.setRowCount(len(rows))
        for row, (name, tally, is_total) in enumerate(rows):
            cer = percent(tally.cer, decimals=CER_DECIMALS)
            cells = (name, str(tally.pages), percent(done_share(tally)), cer)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column != self.DOCUMENT:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if is_total:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self._documents.setItem(row, column, item)
