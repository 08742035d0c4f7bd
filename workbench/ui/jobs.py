"""The one way the window runs work off the GUI thread: a core function wrapped in a ``Job``.

Long work is a plain core function ``fn(progress) -> result``; ``Job`` runs it on Qt's thread pool
and reports back through signals, which Qt delivers on the GUI thread. Nothing else in the UI
subclasses QThread or QRunnable, and no job touches a widget.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from workbench.errors import WorkbenchError
from workbench.progress import Cancelled, Progress

log = logging.getLogger(__name__)
Result = TypeVar("Result", covariant=True)
Value = TypeVar("Value")


class JobSignals(QObject):
    """Signals:
        advanced(done, total, note): progress of the work.
        finished(result): whatever the core function returned.
        failed(message): a message a person can act on.
        cancelled(): the user stopped the job.
        ended(): after any of the three outcomes.
    """

    advanced = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()


class Job(QRunnable, Generic[Result]):
    """Runs one core function on the thread pool; it is the ``Progress`` the function reports to.

    ``when_finished`` hears the function's result with its type (the signal itself carries an
    object, as Qt signals must)."""

    def __init__(self, work: Callable[[Progress], Result], *, title: str = "") -> None:
        super().__init__()
        self.setAutoDelete(False)  # the JobRunner keeps it until it has ended
        self.signals = JobSignals()
        self.title = title
        self._work = work
        self._stop = threading.Event()

    def when_finished(self, handler: Callable[[Result], object]) -> Job[Result]:
        self.signals.finished.connect(lambda result: handler(result))
        return self

    def cancel(self) -> None:
        self._stop.set()

    def advance(self, done: int, total: int, note: str = "") -> None:
        if self._stop.is_set():
            raise Cancelled
        self.signals.advanced.emit(done, total, note)

    def run(self) -> None:
        try:
            result = self._work(self)
        except Cancelled:
            self.signals.cancelled.emit()
        except WorkbenchError as error:
            self.signals.failed.emit(str(error))
        except Exception:
            log.exception("job %r crashed", self.title)
            self.signals.failed.emit("Something went wrong; the details are in the log.")
        else:
            self.signals.finished.emit(result)
        self.signals.ended.emit()


class StartJob(Protocol):
    """How a window starts a job of its own: the work, its title, and what to do with its result."""

    def __call__(self, work: Callable[[Progress], Value], title: str,
                 on_finished: Callable[[Value], object], *, visible: bool = True) -> Job[Value]: ...


class JobRunner(QObject):
    """Starts jobs and keeps them until they end, so the window can cancel and wait on close."""

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: list[Job[object]] = []

    def start(self, job: Job[Result]) -> Job[Result]:
        self._running.append(job)
        job.signals.ended.connect(self._forget_ended_job)  # a slot of ours: delivered on our thread
        self._pool.start(job)
        return job

    @property
    def running(self) -> tuple[Job[object], ...]:
        return tuple(self._running)

    def cancel_all_and_wait(self, timeout_ms: int = 30_000) -> bool:
        """Ask every job to stop and wait for the pool; True when all have ended in time."""
        for job in self._running:
            job.cancel()
        return self._pool.waitForDone(timeout_ms)

    @Slot()
    def _forget_ended_job(self) -> None:
        signals = self.sender()
        self._running = [job for job in self._running if job.signals is not signals]
