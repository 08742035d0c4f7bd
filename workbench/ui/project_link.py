"""The window's one door to its project file: every read and write runs on a thread of its own.

A save, a page load or a mark is a few milliseconds of SQL, until another process holds the
file's write lock and SQLite waits for it; on the GUI thread that wait freezes the window. So the
window never calls the facade itself: it hands ``ProjectLink.call`` a function of the project and
what to do with its answer. One thread, with its own ``Project``, runs the calls one by one in the
order they were made (a save asked before a page load is in the file when the load reads), and the
answers come back on the GUI thread in that order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, QThreadPool, QTimer, Signal

from workbench.errors import WorkbenchError
from workbench.progress import Progress
from workbench.project import Project
from workbench.ui.jobs import Job, JobRunner

Answer = TypeVar("Answer")


@dataclass(frozen=True)
class ProjectFacts:
    """What the window shows about the file itself, learned once when it is opened."""

    path: Path
    name: str
    folder: Path
    read_only: bool


@dataclass(frozen=True)
class _Refusal:
    """A call the project refused, carried back as a value so that its handler gets the error itself."""

    error: WorkbenchError


class ProjectLink(QObject):
    """Runs functions of the project on the link's own thread and brings their answers back.

    Signals:
        failed(message): a call was refused and nobody asked to hear it; a message a person can act on.
        idle(): every call made so far has run and its answer has been handled.
    """

    failed = Signal(str)
    idle = Signal()

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)  # one thread: the calls run in the order they were made
        pool.setExpiryTimeout(-1)  # the thread, and the Project it holds, live as long as the link
        self._runner = JobRunner(pool, self)
        self._project_of_thread: Project | None = None
        """Opened by, and only ever used on, the pool's one thread. (Not a threading.local: Qt's
        threads get a fresh Python thread state for each job, and with it a fresh local.)"""
        self._pending = 0
        self._closed = False

    @classmethod
    def open(cls, path: Path, parent: QObject | None = None) -> tuple[ProjectLink, ProjectFacts]:
        """Open the project on the link's thread (a migration or the daily backup may take a while;
        the GUI keeps answering) and wait for it; raises the project's error if it cannot be opened."""
        link = cls(path, parent)
        answers: list[ProjectFacts | WorkbenchError] = []
        link.call(_facts, answers.append, refused=answers.append)
        link.wait(timeout_ms=-1)
        if isinstance(answers[0], WorkbenchError):
            link.close()
            raise answers[0]
        return link, answers[0]

    @property
    def busy(self) -> bool:
        """Whether calls are still to run or their answers still to be handled."""
        return self._pending > 0

    def call(
        self,
        work: Callable[[Project], Answer],
        then: Callable[[Answer], object] | None = None,
        *,
        refused: Callable[[WorkbenchError], object] | None = None,
        title: str = "project",
    ) -> None:
        """Run ``work(project)`` after every call made before it; ``then`` hears its answer and
        ``refused`` the project's error (else ``failed`` says it), both on the GUI thread."""
        if self._closed:
            raise RuntimeError("the project link is closed")
        self._pending += 1
        job: Job[Answer | _Refusal] = Job(lambda _: self._run(work), title=title)
        job.when_finished(lambda answer: self._answer(answer, then, refused))
        job.signals.failed.connect(self.failed.emit)  # a crash: Job logged it and says so
        job.signals.ended.connect(self._ended)
        self._runner.start(job)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Let the GUI's events run until every call made so far (and any its answers made) has
        been answered; True when that happened in time (a negative timeout waits as long as it takes)."""
        if not self._pending:
            return True
        loop = QEventLoop()
        self.idle.connect(loop.quit)
        if timeout_ms >= 0:
            timer = QTimer(loop)  # goes with the loop: it never fires at a loop long gone
            timer.setSingleShot(True)
            timer.timeout.connect(loop.quit)
            timer.start(timeout_ms)
        loop.exec()
        self.idle.disconnect(loop.quit)
        return not self._pending

    def close(self, timeout_ms: int = 30_000) -> bool:
        """Let the calls made so far finish, then close the thread's project; True when all ended
        in time. Nothing can be called afterwards."""
        finished = self.wait(timeout_ms)
        self._closed = True
        self._runner.start(Job(self._close_project, title="closing the project"))
        return self._runner.cancel_all_and_wait(timeout_ms) and finished

    def _run(self, work: Callable[[Project], Answer]) -> Answer | _Refusal:
        try:
            return work(self._project())
        except WorkbenchError as error:
            return _Refusal(error)

    def _answer(self, answer: object, then: Callable[[Answer], object] | None,
                refused: Callable[[WorkbenchError], object] | None) -> None:
        if isinstance(answer, _Refusal):
            if refused is not None:
                refused(answer.error)
            else:
                self.failed.emit(str(answer.error))
        elif then is not None:
            then(answer)  # type: ignore[arg-type]  # the answer of this very call

    def _ended(self) -> None:
        self._pending -= 1
        if not self._pending:
            self.idle.emit()

    def _project(self) -> Project:
        """The thread's own Project, opened on first use."""
        if self._project_of_thread is None:
            self._project_of_thread = Project.open(self.path)
        return self._project_of_thread

    def _close_project(self, progress: Progress) -> None:
        if self._project_of_thread is not None:
            self._project_of_thread.close()
            self._project_of_thread = None


def _facts(project: Project) -> ProjectFacts:
    return ProjectFacts(project.path, project.name, project.folder, project.read_only)
