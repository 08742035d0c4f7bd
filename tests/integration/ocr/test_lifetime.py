"""A worker whose parent is already gone when it starts ends at once (the race right after the fork)."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the death signal is Linux's")

STARTS_AS_AN_ORPHAN = """
import os
from workbench.ocr.lifetime import end_with_parent
end_with_parent(os.getppid() + 1)  # as if the parent had died and this one was adopted
print("lived on")
"""


def test_a_process_started_by_a_parent_that_is_gone_ends_at_once() -> None:
    run = subprocess.run([sys.executable, "-c", STARTS_AS_AN_ORPHAN], capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (1, "")


def test_a_process_whose_parent_lives_goes_on() -> None:
    lives = STARTS_AS_AN_ORPHAN.replace("os.getppid() + 1", "os.getppid()")
    run = subprocess.run([sys.executable, "-c", lives], capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (0, "lived on\n")
