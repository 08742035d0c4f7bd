"""Notices what other windows and commands do to the project file, so the window never shows
stale pages, and tells the window when it is not the only one open on the file."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from workbench.errors import WorkbenchError
from workbench.ui.project_link import ProjectLink

POLL_INTERVAL_MS = 2_000
"""How often the file is asked whether someone else changed it (one cheap PRAGMA)."""
BEATS_PER_ANNOUNCE = 5
"""The window says it is open every fifth poll (10 s), well inside the 30 s others wait."""


class SharedFileWatch(QObject):
    """Asks through the window's link, so "someone else" is any connection but the one the
    window writes through.

    Signals:
        changed_elsewhere(): another window, a command or a job committed a change.
        others_changed(authors): the authors of the other windows open on the project changed.
    """

    changed_elsewhere = Signal()
    others_changed = Signal(list)

    def __init__(self, link: ProjectLink, author: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.window_id = uuid.uuid4().hex
        self.others: list[str] = []
        self._author = author
        self._polls = 0
        self._asking = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_INTERVAL_MS)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.announce()
        self._timer.start()

    def stop(self) -> None:
        """Say the window is gone (the row would stop beating and be ignored after 30 s anyway)."""
        self._timer.stop()
        window_id = self.window_id
        self.link.call(lambda project: project.window_closed(window_id), refused=_ignore, title="Closing the window")

    def poll(self) -> None:
        """Ask the file once: refresh if someone else changed it, announce now and then. A poll
        still waiting for its answer (the file busy) is not asked again."""
        if self._asking:
            return
        self._polls += 1
        if self._polls % BEATS_PER_ANNOUNCE == 0:
            self.announce()
        self._asking = True
        self.link.call(lambda project: project.changed_elsewhere(), self._polled, refused=self._poll_refused,
                       title="Watching the file")

    def announce(self) -> None:
        window_id, author = self.window_id, self._author()
        self.link.call(lambda project: project.announce_window(window_id, author=author), self._announced,
                       refused=_ignore, title="Saying the window is open")

    def _polled(self, changed: bool) -> None:
        self._asking = False
        if changed:
            self.changed_elsewhere.emit()

    def _poll_refused(self, error: WorkbenchError) -> None:
        self._asking = False  # busy or full for a moment: the next poll asks again

    def _announced(self, others: list[str]) -> None:
        if others != self.others:
            self.others = others
            self.others_changed.emit(others)


def _ignore(error: WorkbenchError) -> None:
    """A beat missed while the file is busy or read-only: the next one says it again."""
