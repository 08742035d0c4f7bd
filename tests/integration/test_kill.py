"""A process killed mid-save loses nothing it reported as saved and leaves a sound file."""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import pytest

from workbench.project import Project

pytestmark = pytest.mark.slow
WORKER = Path(__file__).with_name("saving_worker.py")


def _collect(lines: IO[str], into: list[int]) -> None:
    into.extend(int(line) for line in lines)


def _run_and_kill(project_path: Path, lifetime: float) -> list[int]:
    """Start the saving loop, SIGKILL it after ``lifetime`` seconds of saving, return what it reported."""
    process = subprocess.Popen([sys.executable, str(WORKER), str(project_path)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    reported: list[int] = []
    reader = threading.Thread(target=_collect, args=(process.stdout, reported))
    reader.start()
    time.sleep(lifetime)
    process.kill()
    process.wait()
    reader.join()
    return reported


def test_sigkill_during_saves_loses_no_reported_revision(tmp_path: Path, sample_scans: list[Path]) -> None:
    project_path = tmp_path / "p.wbproj"
    with Project.create(project_path) as project:
        shutil.copy(sample_scans[0], tmp_path / "page.jpg")
        project.pages.add_scans([tmp_path / "page.jpg"])
    randomness = random.Random(20261127)
    reported: list[int] = []
    for _ in range(20):
        reported += _run_and_kill(project_path, randomness.uniform(0.01, 0.3))
    assert len(reported) > 20  # the loop really saved between kills

    with sqlite3.connect(project_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in connection.execute("SELECT id FROM revisions")}
    connection.close()
    assert set(reported) <= stored
    with Project.open(project_path) as project:
        page = project.pages.all()[0]
        history = project.revisions.all(page.id)
        assert page.current_revision_id == history[-1].id
        assert all(later.parent_id == earlier.id for earlier, later in zip(history, history[1:]))
