"""The status-bar strip that shows the running background job, its progress and a Cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from workbench.ui.jobs import Job


class JobStatus(QWidget):
    """Shows one job at a time; hidden when none runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(260)
        self.cancel_button = QPushButton("Cancel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._job: Job[object] | None = None
        self.cancel_button.clicked.connect(self._cancel)
        self.hide()

    def follow(self, job: Job[object]) -> None:
        self._job = job
        self.label.setText(job.title)
        self.bar.setRange(0, 0)  # busy until the first report
        self.cancel_button.setEnabled(True)
        job.signals.advanced.connect(self._advanced)
        job.signals.ended.connect(self._ended)
        self.show()

    def _advanced(self, done: int, total: int, note: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.label.setText(f"{self._job.title if self._job else ''}: {note}" if note else self.label.text())

    def _cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText("Stopping after the pages in flight…")

    def _ended(self) -> None:
        self._job = None
        self.hide()
