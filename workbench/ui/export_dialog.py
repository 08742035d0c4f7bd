"""The window's export dialog: which formats, which pages by status, and where (folder or ZIP)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QGridLayout, QGroupBox, QHBoxLayout,
    QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from workbench.project import EXPORT_FORMATS, PageStatus

FORMAT_LABELS = {
    "txt": "Plain text", "alto": "ALTO 4.4", "page": "PAGE XML", "hocr": "hOCR", "tei": "TEI P5",
    "json": "JSON", "pdf": "Searchable PDF (per document)", "pdf-pages": "Searchable PDF (per page)",
    "docx": "Word (DOCX)", "lines": "Training line pairs (corrected and verified pages)",
}


@dataclass(frozen=True)
class ExportRequest:
    target: Path
    """A folder, or a file ending in .zip."""
    formats: tuple[str, ...]
    statuses: tuple[PageStatus, ...]
    overwrite: bool = False
    """Replace what is at ``target`` even if it is not an earlier export of this project."""


class ExportDialog(QDialog):
    """Collects an ExportRequest; the window runs it as a background job."""

    def __init__(self, default_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.format_boxes = {name: QCheckBox(FORMAT_LABELS.get(name, name)) for name in EXPORT_FORMATS}
        self.format_boxes["txt"].setChecked(True)
        self.status_boxes = {status: QCheckBox(str(status)) for status in PageStatus}
        for status in (PageStatus.CORRECTED, PageStatus.VERIFIED):
            self.status_boxes[status].setChecked(True)
        self.target = QLineEdit(str(default_folder / "export"))
        self.as_zip = QCheckBox("Into one ZIP file")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose_target)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(_grid("Formats", list(self.format_boxes.values()), columns=2))
        layout.addWidget(_grid("Pages whose status is", list(self.status_boxes.values()), columns=5))
        where = QHBoxLayout()
        where.addWidget(self.target, 1)
        where.addWidget(choose)
        layout.addLayout(where)
        layout.addWidget(self.as_zip)
        layout.addWidget(buttons)
        for box in (*self.format_boxes.values(), *self.status_boxes.values()):
            box.toggled.connect(self._update_ok)

    def request(self) -> ExportRequest:
        target = Path(self.target.text()).expanduser()
        if self.as_zip.isChecked() and target.suffix.lower() != ".zip":
            target = target.with_name(target.name + ".zip")
        return ExportRequest(
            target,
            tuple(name for name, box in self.format_boxes.items() if box.isChecked()),
            tuple(status for status, box in self.status_boxes.items() if box.isChecked()),
        )

    def _update_ok(self) -> None:
        request = self.request()
        self.ok_button.setEnabled(bool(request.formats and request.statuses))

    def _choose_target(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export into", self.target.text())
        if folder:
            self.target.setText(folder)


def _grid(title: str, boxes: list[QCheckBox], *, columns: int) -> QGroupBox:
    group = QGroupBox(title)
    grid = QGridLayout(group)
    for position, box in enumerate(boxes):
        grid.addWidget(box, *divmod(position, columns))
    return group
