"""A killed OCR run leaves no process behind: no idle worker holding the caller's pipes, no tesseract."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import psutil
import pytest

from tests.integration.ocr.processes import stop_a_worker_tesseract, worker_tesseracts
from workbench.ocr.batch import make_local_executor
from workbench.ocr.tesseract import TesseractEngine
from workbench.project import Project

pytestmark = [pytest.mark.slow, pytest.mark.live_ocr, pytest.mark.timeout(180)]
GRACE_SECONDS = 30  # how long a dead process may take to be noticed gone; not a measured time


def in_group(group: int) -> list[psutil.Process]:
    """Live processes of a process group (zombies are dead: they hold no pipe and use no CPU)."""
    members = []
    for process in psutil.process_iter():
        try:
            if os.getpgid(process.pid) == group and process.status() != psutil.STATUS_ZOMBIE:
                members.append(process)
        except (ProcessLookupError, psutil.NoSuchProcess):
            continue
    return members


def read_to_end(pipe: IO[bytes]) -> None:
    pipe.read()


def test_a_killed_ocr_run_leaves_no_process_and_closes_its_pipes(
    tmp_path: Path, sample_scans: list[Path]
) -> None:
    with Project.create(tmp_path / "p.wbproj") as project:
        project.pages.add_scans(sample_scans)
    run = subprocess.Popen(
        [sys.executable, "-m", "workbench.cli", "ocr", str(tmp_path / "p.wbproj"), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    assert run.stdout is not None
    reader = threading.Thread(target=read_to_end, args=(run.stdout,), daemon=True)
    reader.start()
    try:
        worker_tesseracts(psutil.Process(run.pid), at_least=2)  # both workers are busy
        run.kill()
        run.wait()
        reader.join(GRACE_SECONDS)
        assert not reader.is_alive(), "the caller's pipe never reached its end"
        left = psutil.wait_procs(in_group(run.pid), timeout=GRACE_SECONDS)[1]
        assert not left, [process.cmdline() for process in left]
    finally:
        for process in in_group(run.pid):
            process.kill()


def test_a_tesseract_stalled_in_a_killed_worker_ends_with_it(sample_scans: list[Path]) -> None:
    with make_local_executor(1) as pool:
        pool.submit(TesseractEngine().recognise, sample_scans[0].read_bytes())
        tesseract = stop_a_worker_tesseract(psutil.Process())  # hung: a stopped orphan would stay for ever
        worker = tesseract.parent()
        assert worker is not None
        try:
            worker.kill()
            assert not psutil.wait_procs([tesseract], timeout=GRACE_SECONDS)[1], "the tesseract lives on"
        finally:
            if tesseract.is_running():
                tesseract.kill()
