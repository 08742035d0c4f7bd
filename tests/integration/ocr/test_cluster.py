"""Batches on a real dask.distributed cluster of local worker processes."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from concurrent.futures import Executor
from pathlib import Path

import pytest

from workbench.errors import OcrEngineError
from workbench.ocr.batch import OcrTask, run_batch
from workbench.ocr.cluster import make_cluster_executor
from workbench.ocr.tesseract import TesseractEngine
from workbench.progress import NoProgress
from workbench.project import Project
from workbench.records import OcrResult

distributed = pytest.importorskip("distributed")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]


@pytest.fixture(scope="module")
def scheduler_address() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def recognise_texts(tasks: list[OcrTask], executor: Executor) -> dict[int, str]:
    results: dict[int, OcrResult] = {}
    summary = run_batch(tasks, TesseractEngine(), executor, results.__setitem__, NoProgress())
    assert (summary.recognised, summary.failed) == (len(tasks), 0)
    return {page_id: result.text() for page_id, result in results.items()}


@pytest.mark.live_ocr
def test_cluster_pages_read_the_same_as_local_ones(
    scheduler_address: str, recognised_project_path: Path
) -> None:
    """Read locally: the sample project's text, recognised once for the session on a local process pool."""
    with Project.open(recognised_project_path) as project:
        pages = project.pages.all()[:2]
        local = {page.id: project.revisions.current_text(page.id) for page in pages}
        tasks = [OcrTask(page.id, project.pages.scan_file(page).read_bytes) for page in pages]
    with make_cluster_executor(scheduler_address) as executor:
        assert recognise_texts(tasks, executor) == local


def test_shut_down_executor_takes_no_more_pages(scheduler_address: str) -> None:
    executor = make_cluster_executor(scheduler_address)
    executor.shutdown()
    with pytest.raises(RuntimeError):
        executor.submit(len, b"page")


def test_unreachable_scheduler_is_named_without_a_long_wait() -> None:
    started = time.monotonic()
    with pytest.raises(OcrEngineError, match="tcp://127.0.0.1:1"):
        make_cluster_executor("tcp://127.0.0.1:1", timeout=2)
    assert time.monotonic() - started < 10


def test_malformed_scheduler_address_is_refused() -> None:
    with pytest.raises(OcrEngineError, match="not-an-address"):
        make_cluster_executor("not-an-address")


def test_missing_dask_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what an install without dask looks like
    with pytest.raises(OcrEngineError, match=r"pip install 'workbench\[cluster\]'"):
        make_cluster_executor("tcp://127.0.0.1:8786")
