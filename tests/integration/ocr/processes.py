"""Finding the tesseract processes that OCR workers started."""

from __future__ import annotations

import signal
import time

import psutil


def worker_tesseracts(process: psutil.Process, at_least: int = 1) -> list[psutil.Process]:
    """Wait until processes started by ``process`` run ``at_least`` tesseract processes.

    Only grandchildren count: ``process`` itself runs tesseract too, briefly, to ask for its languages.
    A tesseract that has ended and waits to be reaped (a zombie) does not count: it runs nothing.
    """
    while True:
        found = [child for child in process.children(recursive=True) if _is_worker_tesseract(child, process)]
        if len(found) >= at_least:
            return found
        time.sleep(0.05)


def stop_a_worker_tesseract(process: psutil.Process) -> psutil.Process:
    """Stop (SIGSTOP) a tesseract that a worker of ``process`` runs, as if it hung, and return it.

    One can end between being found and being stopped; then another is stopped.
    """
    while True:
        for tesseract in worker_tesseracts(process):
            try:
                tesseract.send_signal(signal.SIGSTOP)
                while (status := tesseract.status()) not in (psutil.STATUS_STOPPED, psutil.STATUS_ZOMBIE):
                    time.sleep(0.01)  # the signal is taken when the process next runs
            except psutil.NoSuchProcess:
                continue
            if status == psutil.STATUS_STOPPED:
                return tesseract
        time.sleep(0.05)


def _is_worker_tesseract(child: psutil.Process, ancestor: psutil.Process) -> bool:
    try:
        return (child.name() == "tesseract" and child.ppid() != ancestor.pid
                and child.status() != psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return False
