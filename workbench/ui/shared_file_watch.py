"""Notices what other windows and commands do to the project file, so the window never shows
stale pages, and tells the window when it is not the only one open on the file."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from workbench.errors import WorkbenchError
from workbench.project import Project

POLL_INTERVAL_MS = 2_000
"""How often the file is asked whether someone else changed it (one cheap PRAGMA)."""
BEATS_PER_ANNOUNCE = 5
"""The window says it is open every fifth poll (10 s), well inside the 30 s others wait."""


class SharedFileWatch(QObject):
    """Signals:
        changed_elsewhere(): another window, a command or a job committed a change.
        others_changed(authors): the authors of the other windows open on the project changed.
    """

    changed_elsewhere = Signal()
    others_changed = Signal(list)

    def __init__(self, project: Project, author: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.window_id = uuid.uuid4().hex
        self.others: list[str] = []
        self._author = author
        self._polls = 0
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_INTERVAL_MS)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.announce()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if not self.project.is_open:
            return
        try:
            self.project.window_closed(self.window_id)
        except WorkbenchError:
            pass  # the window is closing; the row stops beating and is ignored after 30 s

    def poll(self) -> None:
        """Ask the file once: refresh if someone else changed it, announce now and then."""
        self._polls += 1
        try:
            if self._polls % BEATS_PER_ANNOUNCE == 0:
                self.announce()
            changed = self.project.changed_elsewhere()
        except WorkbenchError:
            return  # busy or full for a moment: the next poll asks again
        if changed:
            self.changed_elsewhere.emit()

    def announce(self) -> None:
        try:
            others = self.project.announce_window(self.window_id, author=self._author())
        except WorkbenchError:
            return
        if others != self.others:
            self.others = others
            self.others_changed.emit(others)
