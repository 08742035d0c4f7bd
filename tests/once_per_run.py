"""A folder built once per test run, however many xdist workers ask for it.

Each xdist worker has a session of its own, so a session fixture runs once per worker; recognising the
sample pages in every worker would cost each of them the same Tesseract time. The first worker to ask
builds the folder under a lock beside the workers' temporary folders; the others wait and reuse it.
Readers must copy the folder before changing anything in it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder ``name``, filled by ``build(folder)`` in the first session of this run that asks."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / name
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not folder.is_dir():
            partial = shared / f"{name}.partial"
            shutil.rmtree(partial, ignore_errors=True)  # a worker that failed half way
            partial.mkdir()
            build(partial)
            partial.rename(folder)
    return folder
