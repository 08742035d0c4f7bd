"""Keeping the overview and the page list's suggestion counts up with the project, in the background.

The whole project is measured once when the window opens and after a change made elsewhere; any
other change updates the page-by-page ledger at once and measures again only the pages it touched.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from workbench.project import ChangeSet
from workbench.ui import project_jobs
from workbench.ui.jobs import StartJob
from workbench.ui.progress_ledger import ProgressLedger

if TYPE_CHECKING:
    from workbench.ui.main_window import MainWindow

OVERVIEW_JOB = "Measuring progress"
REMEASURE_JOB = "Measuring changed pages"


class ProgressUpdates:
    def __init__(self, window: MainWindow, start: StartJob) -> None:
        self._window = window
        self._start = start
        self.ledger = ProgressLedger()
        self._again = False

    def measure_all(self) -> None:
        """Measure the whole project's progress again in the background; while a measurement is
        under way, once more after it (changes polled every two seconds during a batch must not
        pile measurements up)."""
        if any(job.title == OVERVIEW_JOB for job in self._window.runner.running):
            self._again = True
            return
        self._again = False
        self._start(partial(project_jobs.measure_progress, self._window.facts.path, None), OVERVIEW_JOB,
                    partial(self._measured, self.ledger.generation), visible=False)

    def follow(self, changes: ChangeSet) -> None:
        """Count new statuses at once and measure again only the pages whose texts changed."""
        if changes.everything or not self.ledger.measured:
            self.measure_all()
            return
        remeasure = self.ledger.apply(changes)
        self._show()
        if remeasure:
            self._start(partial(project_jobs.measure_progress, self._window.facts.path, remeasure),
                        REMEASURE_JOB, partial(self._remeasured, self.ledger.generation), visible=False)

    def counted(self, page_id: int, count: int) -> None:
        """The page shown reports its open suggestions as they arrive."""
        self._window.navigator.set_suggestion_count(page_id, count)
        self.ledger.count_open_suggestions(page_id, count)

    def _measured(self, asked_at: int, measurement: project_jobs.Measurement) -> None:
        self.ledger.fill(measurement.documents, measurement.pages, measurement.open_suggestions, asked_at=asked_at)
        self._show(measurement.open_suggestions)
        if self._again:
            QTimer.singleShot(0, self.measure_all)  # once this job has left the running list

    def _remeasured(self, asked_at: int, measurement: project_jobs.Measurement) -> None:
        if self.ledger.measured:
            self.ledger.remeasured(measurement.documents, measurement.pages, measurement.open_suggestions,
                                   asked_at=asked_at)
            self._show(measurement.open_suggestions)

    def _show(self, counted: dict[int, int] | None = None) -> None:
        self._window.overview.show_overview(self.ledger.overview(), self.ledger.open_suggestions())
        for page_id, count in (counted or {}).items():
            self._window.navigator.set_suggestion_count(page_id, count)
