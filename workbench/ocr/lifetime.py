"""Processes that end with the process that started them, however it ends.

A killed ``workbench ocr`` (SIGKILL, a crash, the terminal closed) runs no clean-up code, so its pool
workers and their tesseract children would live on: idle workers holding the caller's pipes, so a
script reading them never sees the end, and tesseract finishing pages nobody will store. On Linux the
kernel ends them: ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` in each child. Elsewhere a pool worker watches
its parent from a thread instead, and tesseract is left to the page time limit while its worker lives.

Linux sends the signal when the *thread* that started the child ends, not the process: so a pool
must not outlive the thread that submits to it (workers are started on submit), and tesseract is
always waited for by the thread that started it.
"""

from __future__ import annotations

import ctypes
import functools
import os
import signal
import sys
import threading
import time
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_PARENT_POLL_SECONDS = 1.0


def end_with_parent(parent_pid: int) -> None:
    """Make this process end when ``parent_pid``, the process that started it, ends.

    For a pool's ``initializer``, with the parent's pid passed from the parent: if the parent
    ended before the death signal was set (right after the fork), this process is already an
    orphan, and ends at once.
    """
    if _set_death_signal():
        _end_if_orphan(parent_pid)
        return
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="parent-watch", daemon=True).start()


def ends_with_this_process() -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes a subprocess end with this process; None where there is none.

    It runs in the child between fork and exec, so everything it needs is looked up here first:
    it makes one system call and compares a pid.
    """
    if _prctl() is None:
        return None
    parent_pid = os.getpid()

    def in_child() -> None:
        _set_death_signal()
        _end_if_orphan(parent_pid)

    return in_child


@functools.cache
def _prctl() -> Callable[..., int] | None:
    """libc's prctl on Linux, None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    return prctl


def _set_death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent ends; False where that cannot be done."""
    prctl = _prctl()
    return prctl is not None and prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0


def _end_if_orphan(parent_pid: int) -> None:
    if os.getppid() != parent_pid:
        os._exit(1)


def _watch_parent(parent_pid: int) -> None:
    """The portable fallback: poll for the parent's end and leave at once (no clean-up is wanted)."""
    while True:
        time.sleep(_PARENT_POLL_SECONDS)
        _end_if_orphan(parent_pid)
