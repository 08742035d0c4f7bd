"""The built one-folder app: its size on disk and how long it takes to show the window.

Run after `make package`:
    .venv/bin/python benchmarks/package_size.py [dist/workbench] [--runs 5]

Start-up is timed from launching the executable until the window is shown on the sample project
(already recognised by a first, untimed run), offscreen. The page cache is warm after that first
run, so these are warm starts; the first run's time is printed as the cold one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

READY = "smoke test: window shown"


def folder_size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def time_to_window(app: Path, scratch: Path, run: int) -> float:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WORKBENCH_AUTHOR": "benchmark"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(app / "workbench"), "open", "--sample", "--config-dir", str(scratch / "config"),
         "--data-dir", str(scratch / "data"), "--smoke-test", str(scratch / f"export-{run}")],
        stderr=subprocess.PIPE, text=True, env=environment)
    assert process.stderr is not None
    shown = None
    for line in process.stderr:
        if READY in line and shown is None:
            shown = time.perf_counter() - started
    if process.wait() != 0 or shown is None:
        raise SystemExit(f"the app failed on run {run} (exit {process.returncode})")
    return shown * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("app", type=Path, nargs="?", default=Path("dist/workbench"))
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    print(f"{arguments.app}: {folder_size_mb(arguments.app):.0f} MB (target: under 400 MB)")
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(temporary)
        cold = time_to_window(arguments.app, scratch, 0)
        warm = [time_to_window(arguments.app, scratch, run) for run in range(1, arguments.runs + 1)]
    print(f"first start (builds the sample):  {cold:7.0f} ms to the window")
    print(f"start, median of {arguments.runs}:            {statistics.median(warm):7.0f} ms to the window")


if __name__ == "__main__":
    main()
