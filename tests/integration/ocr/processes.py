"""Finding the tesseract processes that OCR workers started."""

from __future__ import annotations

import time

import psutil


def worker_tesseracts(process: psutil.Process, at_least: int = 1) -> list[psutil.Process]:
    """Wait until processes started by ``process`` run ``at_least`` tesseract processes.

    Only grandchildren count: ``process`` itself runs tesseract too, briefly, to ask for its languages.
    """
    while True:
        found = [child for child in process.children(recursive=True) if _is_worker_tesseract(child, process)]
        if len(found) >= at_least:
            return found
        time.sleep(0.05)


def _is_worker_tesseract(child: psutil.Process, ancestor: psutil.Process) -> bool:
    try:
        return child.name() == "tesseract" and child.ppid() != ancestor.pid
    except psutil.NoSuchProcess:
        return False
