"""Batches of real sample pages on a real local process pool."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest

from tests.integration.ocr.processes import stop_a_worker_tesseract
from tests.live_ocr import runs_tesseract
from workbench.errors import OcrEngineError, UnreadableScanError
from workbench.ocr.batch import OcrTask, make_local_executor, run_batch
from workbench.ocr.tesseract import TesseractEngine
from workbench.progress import Cancelled
from workbench.records import BatchSummary, OcrResult, OcrSettings

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]

GARBAGE_PAGE, MISSING_PAGE, BROKEN_PAGE = 90, 91, 92


class RecordingProgress:
    """Records every step; raises Cancelled once ``cancel_after`` pages are done."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.steps: list[tuple[int, int, str]] = []
        self.cancel_after = cancel_after

    def advance(self, done: int, total: int, note: str = "") -> None:
        self.steps.append((done, total, note))
        if self.cancel_after is not None and done >= self.cancel_after:
            raise Cancelled


@dataclass
class Recorder:
    """What run_batch handed back, and the most loaded images it held at once."""

    results: dict[int, OcrResult] = field(default_factory=dict)
    failures: dict[int, str] = field(default_factory=dict)
    threads: set[int] = field(default_factory=set)
    loaded: set[int] = field(default_factory=set)
    most_in_flight: int = 0

    def loader(self, page_id: int, load: Callable[[], bytes]) -> Callable[[], bytes]:
        def load_and_count() -> bytes:
            image = load()
            self.loaded.add(page_id)
            in_flight = self.loaded - self.results.keys() - self.failures.keys()
            self.most_in_flight = max(self.most_in_flight, len(in_flight))
            return image

        return load_and_count

    def on_result(self, page_id: int, result: OcrResult) -> None:
        self.threads.add(threading.get_ident())
        self.results[page_id] = result

    def on_failure(self, page_id: int, reason: str) -> None:
        self.failures[page_id] = reason


@dataclass(frozen=True)
class FinishedBatch:
    summary: BatchSummary
    recorder: Recorder
    progress: RecordingProgress


def page_tasks(scans: list[Path], recorder: Recorder, first_id: int = 1) -> list[OcrTask]:
    return [
        OcrTask(page_id, recorder.loader(page_id, scan.read_bytes))
        for page_id, scan in enumerate(scans, start=first_id)
    ]


def raise_error(error: Exception) -> Callable[[], bytes]:
    def load() -> bytes:
        raise error

    return load


@pytest.fixture(scope="module")
def executor() -> Iterator[ProcessPoolExecutor]:
    with make_local_executor(2) as pool:
        yield pool


@pytest.fixture(scope="module")
@runs_tesseract
def batch(executor: ProcessPoolExecutor, sample_scans: list[Path]) -> FinishedBatch:
    """A sample page, three that fail in different ways, and a page after them, run once for the module."""
    recorder, progress = Recorder(), RecordingProgress()
    tasks = [
        *page_tasks(sample_scans[:1], recorder),
        OcrTask(GARBAGE_PAGE, recorder.loader(GARBAGE_PAGE, lambda: b"\xff\xd8\xff not a JPEG")),
        OcrTask(MISSING_PAGE, raise_error(UnreadableScanError(Path("gone.jpg"), "the file is missing"))),
        OcrTask(BROKEN_PAGE, raise_error(ValueError("bad scan index"))),
        *page_tasks(sample_scans[1:2], recorder, first_id=2),
    ]
    summary = run_batch(
        tasks, TesseractEngine(), executor, recorder.on_result, progress,
        on_failure=recorder.on_failure, max_in_flight=2,
    )
    return FinishedBatch(summary, recorder, progress)


def test_every_readable_page_is_handed_over_once(batch: FinishedBatch) -> None:
    assert sorted(batch.recorder.results) == [1, 2]
    assert "Iron Guard" in batch.recorder.results[1].text()
    assert all(result.words for result in batch.recorder.results.values())


def test_results_are_handed_over_in_the_submitting_thread(batch: FinishedBatch) -> None:
    assert batch.recorder.threads == {threading.get_ident()}


def test_progress_advances_once_per_page(batch: FinishedBatch) -> None:
    assert [(done, total) for done, total, _ in batch.progress.steps] == [(n, 5) for n in range(1, 6)]


def test_failed_pages_are_reported_and_the_batch_goes_on(batch: FinishedBatch) -> None:
    assert batch.summary == BatchSummary(
        recognised=2, failed=3, cancelled=False, failures=tuple(batch.recorder.failures.items())
    )
    assert "Tesseract could not recognise the page" in batch.recorder.failures[GARBAGE_PAGE]
    assert batch.recorder.failures[MISSING_PAGE] == "gone.jpg: the file is missing"
    assert batch.recorder.failures[BROKEN_PAGE] == "ValueError: bad scan index"


def test_no_more_images_are_loaded_than_may_be_in_flight(batch: FinishedBatch) -> None:
    assert batch.recorder.most_in_flight <= 2


@pytest.mark.live_ocr
def test_cancelling_after_the_first_page_stores_nothing_more(sample_scans: list[Path]) -> None:
    recorder, progress = Recorder(), RecordingProgress(cancel_after=1)
    tasks = page_tasks(sample_scans, recorder)
    engine = TesseractEngine(OcrSettings(second_look=False))  # one look: cancelling is the same either way
    with make_local_executor(2) as own:  # the page in flight at the cancel ends with this pool, not in others
        summary = run_batch(tasks, engine, own, recorder.on_result, progress)
    assert summary.cancelled
    assert summary.recognised == len(recorder.results) == 1
    assert len(progress.steps) == 1


def test_unusable_engine_fails_before_any_image_is_loaded(
    executor: ProcessPoolExecutor, sample_scans: list[Path]
) -> None:
    recorder = Recorder()
    tasks, engine = page_tasks(sample_scans, recorder), TesseractEngine(OcrSettings("xyz"))
    with pytest.raises(OcrEngineError, match="xyz"):
        run_batch(tasks, engine, executor, recorder.on_result, RecordingProgress())
    assert not recorder.loaded


@pytest.mark.live_ocr
def test_pages_past_the_time_limit_fail_with_the_reason_and_the_batch_goes_on(
    executor: ProcessPoolExecutor, sample_scans: list[Path]
) -> None:
    recorder = Recorder()
    engine = TesseractEngine(timeout_seconds=0.5)  # a 300-dpi page takes some seconds
    summary = run_batch(page_tasks(sample_scans[:2], recorder), engine, executor, recorder.on_result,
                        RecordingProgress(), on_failure=recorder.on_failure)
    assert (summary.recognised, summary.failed) == (0, 2)
    assert all(reason.startswith("Tesseract took longer than 0.5 s on this page")
               for reason in recorder.failures.values())


@pytest.mark.live_ocr
def test_a_hung_tesseract_fails_its_page_at_the_limit_and_the_others_are_read(
    executor: ProcessPoolExecutor, sample_scans: list[Path]
) -> None:
    stopped: list[psutil.Process] = []

    def stop_the_first_tesseract() -> None:
        # hung for ever, as far as its worker can tell
        stopped.append(stop_a_worker_tesseract(psutil.Process()))

    watcher = threading.Thread(target=stop_the_first_tesseract, daemon=True)
    watcher.start()
    recorder = Recorder()
    # One look, so that a page takes a few seconds even on a busy machine, and the limit is ample for it.
    engine = TesseractEngine(OcrSettings(second_look=False), timeout_seconds=20)
    try:
        summary = run_batch(page_tasks(sample_scans[:3], recorder), engine, executor, recorder.on_result,
                            RecordingProgress(), on_failure=recorder.on_failure)
        assert (summary.recognised, summary.failed) == (2, 1)
        [reason] = recorder.failures.values()
        assert reason.startswith("Tesseract took longer than 20 s on this page")
        assert not psutil.wait_procs(stopped, timeout=30)[1], "the hung tesseract was left behind"
    finally:
        watcher.join()
        for process in stopped:
            if process.is_running():
                process.kill()
