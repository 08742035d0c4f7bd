"""Recognise many pages on a pluggable executor, handing back each page as soon as it is done.

Workers only recognise and return results; the submitting thread loads images, stores results
(through ``on_result``) and reports progress. So a process pool on this machine and a dask cluster
are interchangeable, and nothing but the caller ever writes to the project.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field

from workbench.errors import WorkbenchError
from workbench.ocr.engine import OcrEngine
from workbench.ocr.lifetime import end_with_parent
from workbench.progress import Cancelled, Progress
from workbench.records.ocr import BatchSummary, OcrResult

DEFAULT_IN_FLIGHT = 4


@dataclass(frozen=True)
class OcrTask:
    """One page to recognise.

    ``load_image`` is called in the submitting process just before the page is sent, so only the
    pages in flight are ever held in memory.
    """

    page_id: int
    load_image: Callable[[], bytes]


def make_local_executor(jobs: int | None = None) -> ProcessPoolExecutor:
    """A process pool for OCR on this machine, one worker per core unless ``jobs`` says otherwise.

    Workers are spawned, not forked: the GUI process has threads, and forking a threaded process
    can leave locks held forever in the child. They end with this process however it ends, even
    killed (``lifetime.py``). Workers start on submit, and Linux ends them with the thread that
    started them: submit only from a thread that outlives the pool (as recognition does, which
    makes, uses and closes its pool in one call).
    """
    return ProcessPoolExecutor(
        max_workers=jobs or os.cpu_count() or 1, mp_context=multiprocessing.get_context("spawn"),
        initializer=end_with_parent, initargs=(os.getpid(),),
    )


def run_batch(
    tasks: Sequence[OcrTask],
    engine: OcrEngine,
    executor: Executor,
    on_result: Callable[[int, OcrResult], None],
    progress: Progress,
    on_failure: Callable[[int, str], None] | None = None,
    max_in_flight: int | None = None,
) -> BatchSummary:
    """Recognise ``tasks`` on ``executor``; a page that fails is reported and the batch goes on.

    ``on_result`` and ``on_failure`` run in the calling thread as each page finishes, so the caller
    can store a page at once and a crash loses only the pages in flight. When ``progress`` raises
    Cancelled, pages not yet started are cancelled, no further result is handed over, and the
    summary says ``cancelled``. The executor is left running: it belongs to the caller.

    Raises:
        OcrEngineError: the engine cannot run at all; raised before any page is loaded.
        Exception: whatever ``on_result``, ``on_failure`` or ``progress`` raise (other than
            Cancelled) stops the batch and is raised as it is; pages not yet started are cancelled.
    """
    engine.check()
    batch = _Batch(
        tasks=tasks,
        engine=engine,
        executor=executor,
        on_result=on_result,
        progress=progress,
        on_failure=on_failure,
        max_in_flight=max_in_flight or _default_in_flight(executor),
    )
    return batch.run()


@dataclass
class _Batch:
    """The state of one run_batch call: what is in flight and what has been reported."""

    tasks: Sequence[OcrTask]
    engine: OcrEngine
    executor: Executor
    on_result: Callable[[int, OcrResult], None]
    progress: Progress
    on_failure: Callable[[int, str], None] | None
    max_in_flight: int
    in_flight: dict[Future[OcrResult], int] = field(default_factory=dict)
    done: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)

    def run(self) -> BatchSummary:
        waiting = iter(self.tasks)
        try:
            self._submit_more(waiting)
            while self.in_flight:
                finished, _ = wait(self.in_flight, return_when=FIRST_COMPLETED)
                for future in finished:
                    self._finish(self.in_flight.pop(future), future)
                self._submit_more(waiting)
        except Cancelled:
            return self._summary(cancelled=True)
        finally:
            for future in self.in_flight:
                future.cancel()
        return self._summary(cancelled=False)

    def _submit_more(self, waiting: Iterator[OcrTask]) -> None:
        """Load and send pages until ``max_in_flight`` are out or none are left."""
        while len(self.in_flight) < self.max_in_flight:
            task = next(waiting, None)
            if task is None:
                return
            try:
                image = task.load_image()
            except Exception as error:  # one unreadable page must not stop the batch
                self._fail(task.page_id, error)
                continue
            self.in_flight[self.executor.submit(self.engine.recognise, image)] = task.page_id

    def _finish(self, page_id: int, future: Future[OcrResult]) -> None:
        try:
            result = future.result()
        except Exception as error:  # whatever went wrong, it is this page's failure only
            self._fail(page_id, error)
            return
        self.on_result(page_id, result)
        self._advance(f"page {page_id}")

    def _fail(self, page_id: int, error: Exception) -> None:
        reason = _reason(error)
        self.failures.append((page_id, reason))
        if self.on_failure is not None:
            self.on_failure(page_id, reason)
        self._advance(f"page {page_id} failed: {reason}")

    def _advance(self, note: str) -> None:
        self.done += 1
        self.progress.advance(self.done, len(self.tasks), note)

    def _summary(self, *, cancelled: bool) -> BatchSummary:
        return BatchSummary(
            recognised=self.done - len(self.failures),
            failed=len(self.failures),
            cancelled=cancelled,
            failures=tuple(self.failures),
        )


def _default_in_flight(executor: Executor) -> int:
    """Two pages per worker, so each worker has its next page while it returns the last one.

    Executor has no public worker count: the standard pools keep it in ``_max_workers`` (stable
    since Python 3.2) and ClusterExecutor offers the same name. Other executors get 4.
    """
    workers = getattr(executor, "_max_workers", None)
    return 2 * workers if isinstance(workers, int) and workers > 0 else DEFAULT_IN_FLIGHT


def _reason(error: Exception) -> str:
    """A short reason for a failed page: our own errors already speak to the user."""
    if isinstance(error, WorkbenchError):
        return str(error)
    return f"{type(error).__name__}: {error}"
