"""File → Kept drafts: every unsaved or refused text the project holds, each one restorable.

Drafts are the only copy of work that is not a revision yet, so they stay until the archivist
restores or discards them here (or saves over them in the window that typed them).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit, QPushButton, QSplitter, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from workbench.project import Draft, DraftOrigin, Project
from workbench.ui.project_link import ProjectLink

_ORIGINS = {DraftOrigin.AUTOSAVE: "unsaved typing", DraftOrigin.REFUSED: "refused save (conflict)"}


class DraftsDialog(QDialog):
    """Signals:
        restore_requested(draft): the archivist wants this draft back in the editor.
    """

    restore_requested = Signal(object)

    def __init__(self, link: ProjectLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Kept drafts")
        self.link = link
        self.drafts: list[Draft] = []
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Page", "Kind", "By", "When", "Characters"])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.doubleClicked.connect(self.restore_selected)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.empty = QLabel("No drafts: every text is saved as a revision.")
        self.restore_button = QPushButton("&Restore into the editor")
        self.restore_button.clicked.connect(self.restore_selected)
        self.discard_button = QPushButton("&Discard…")
        self.discard_button.clicked.connect(self.discard_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(760, 520)
        self.reload()

    def reload(self) -> None:
        """Read the drafts again; the table shows them when they are read."""
        self.link.call(_labelled_drafts, self._show_drafts, title="Reading the drafts")

    def _show_drafts(self, labelled: tuple[dict[int, str], list[Draft]]) -> None:
        labels, drafts = labelled
        self.drafts = list(reversed(drafts))  # newest first
        self.table.setRowCount(len(self.drafts))
        for row, draft in enumerate(self.drafts):
            cells = (labels.get(draft.page_id, str(draft.page_id)), _ORIGINS[draft.origin], draft.author,
                     draft.updated.replace("T", " ")[:19], f"{len(draft.text):,}")
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not self.drafts)
        if self.drafts:
            self.table.selectRow(0)
        self._show_selected()

    def selected(self) -> Draft | None:
        rows = self.table.selectionModel().selectedRows()
        return self.drafts[rows[0].row()] if rows else None

    def restore_selected(self) -> None:
        draft = self.selected()
        if draft is not None:
            self.restore_requested.emit(draft)
            self.accept()

    def discard_selected(self) -> None:
        draft = self.selected()
        if draft is None:
            return
        answer = QMessageBox.question(
            self, "Discard draft", f"Forget this draft of {len(draft.text):,} characters for good?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self.link.call(lambda project: project.revisions.discard_draft(draft.id), title="Discarding a draft")
            self.reload()

    def _show_selected(self) -> None:
        draft = self.selected()
        self.preview.setPlainText("" if draft is None else draft.text)
        self.restore_button.setEnabled(draft is not None)
        self.discard_button.setEnabled(draft is not None)


def _labelled_drafts(project: Project) -> tuple[dict[int, str], list[Draft]]:
    return {page.id: page.label for page in project.pages.all()}, project.revisions.drafts()
