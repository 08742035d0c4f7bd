"""OCR throughput: plain tesseract runs against Workbench's batch runner, OpenMP limited or not.

Runs the same pages through each measurement below, ``--jobs`` pages at a time, and prints wall
seconds and pages per minute, then how each Workbench measurement compares with the best plain
one. The plain runs are the ceiling: tesseract itself, started from a thread pool, nothing else.
To measure one more way of recognising pages, write a function ``(pages, jobs) -> float | None``
(the seconds of its timed part, or None to time the whole call) and add it to MEASUREMENTS.

    .venv/bin/python benchmarks/ocr_throughput.py [--pages 20] [--images DIR] [--jobs 2]
        [--only NAME ...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytesseract

from workbench.ocr.batch import OcrTask, make_local_executor, run_batch
from workbench.ocr.tesseract import TesseractEngine
from workbench.progress import NoProgress
from workbench.project import Project
from workbench.records import OcrResult, OcrSettings

EVAL_SCANS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ehri"
THREAD_LIMIT = "OMP_THREAD_LIMIT"

Measure = Callable[[Sequence[Path], int], "float | None"]


@dataclass(frozen=True)
class Measurement:
    name: str
    measure: Measure
    plain: bool
    """A plain tesseract run: the yardstick the Workbench measurements are compared with."""


def plain_tesseract(*, limit_threads: bool) -> Measure:
    """The tesseract command itself, ``jobs`` processes at a time, writing TSV like the engine."""
    environment = {name: value for name, value in os.environ.items() if name != THREAD_LIMIT}
    if limit_threads:
        environment[THREAD_LIMIT] = "1"

    def measure(pages: Sequence[Path], jobs: int) -> None:
        with tempfile.TemporaryDirectory() as folder, ThreadPoolExecutor(jobs) as pool:
            runs = [
                pool.submit(_run_tesseract, page, Path(folder) / str(number), environment)
                for number, page in enumerate(pages)
            ]
            for run in runs:
                run.result()

    return measure


def _run_tesseract(page: Path, output: Path, environment: Mapping[str, str]) -> None:
    command = [pytesseract.pytesseract.tesseract_cmd, str(page), str(output)]
    options = ["-l", "eng", "--psm", "3", "tsv"]
    subprocess.run([*command, *options], env=environment, check=True, capture_output=True)


def workbench_batch(*, limit_threads: bool, second_look: bool = True) -> Measure:
    """run_batch with TesseractEngine on a fresh local process pool (its start-up is counted);
    ``second_look`` off reads each page once (``workbench ocr --single-look``)."""

    def measure(pages: Sequence[Path], jobs: int) -> None:
        tasks = [OcrTask(number, page.read_bytes) for number, page in enumerate(pages)]
        engine = TesseractEngine(OcrSettings(second_look=second_look), limit_threads=limit_threads)
        with make_local_executor(jobs) as executor:
            summary = run_batch(tasks, engine, executor, _discard, NoProgress())
        for page_number, reason in summary.failures:
            print(f"    page {pages[page_number].name} failed: {reason}")

    return measure


def workbench_project() -> Measure:
    """End to end through the facade: ``Project.recognise`` storing every page in a project file.

    Creating the project and adding the scans happen before the clock starts; the pool's start-up,
    recognition and storing each result are timed, as ``workbench ocr`` does them.
    """

    def measure(pages: Sequence[Path], jobs: int) -> float:
        with tempfile.TemporaryDirectory() as folder:
            with Project.create(Path(folder) / "bench.wbproj") as project:
                project.pages.add_scans(list(pages), document="benchmark")
                started = time.perf_counter()
                summary = project.recognition.recognise(jobs=jobs)
                seconds = time.perf_counter() - started
        for page_id, reason in summary.failures:
            print(f"    page {page_id} failed: {reason}")
        return seconds

    return measure


def _discard(page_id: int, result: OcrResult) -> None:
    """Throughput only: results are not kept."""


MEASUREMENTS = (
    Measurement("plain-default", plain_tesseract(limit_threads=False), plain=True),
    Measurement("plain-limit1", plain_tesseract(limit_threads=True), plain=True),
    Measurement("batch-limit1", workbench_batch(limit_threads=True), plain=False),
    Measurement("batch-single", workbench_batch(limit_threads=True, second_look=False), plain=False),
    Measurement("batch-default", workbench_batch(limit_threads=False), plain=False),
    Measurement("project", workbench_project(), plain=False),
)


def largest_scans(folder: Path, count: int) -> list[Path]:
    """The largest JPEGs: in the EHRI set, the 300-dpi typewritten pages come first."""
    return sorted(folder.glob("*.jpg"), key=lambda path: path.stat().st_size, reverse=True)[:count]


def timed(measurement: Measurement, pages: Sequence[Path], jobs: int) -> float:
    started = time.perf_counter()
    inner_seconds = measurement.measure(pages, jobs)
    seconds = time.perf_counter() - started if inner_seconds is None else inner_seconds
    rate = len(pages) * 60 / seconds
    print(f"{measurement.name:<15} {seconds:8.1f} s {rate:8.1f} pages/min", flush=True)
    return seconds


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=20, help="the largest N scans (default 20)")
    parser.add_argument("--images", type=Path, default=EVAL_SCANS, help="folder of *.jpg scans")
    parser.add_argument("--jobs", type=int, default=2, help="pages recognised at once (default 2)")
    parser.add_argument(
        "--only", action="append", choices=[m.name for m in MEASUREMENTS],
        help="run only this measurement (repeatable)",
    )
    return parser.parse_args()


def main() -> None:
    arguments = parse_arguments()
    pages = largest_scans(arguments.images, arguments.pages)
    if not pages:
        raise SystemExit(f"No *.jpg scans in {arguments.images}")
    # Workers inherit this environment; without the variable, "default" is tesseract's default.
    os.environ.pop(THREAD_LIMIT, None)
    print(f"tesseract {pytesseract.get_tesseract_version()}, {os.cpu_count()} cores, "
          f"{arguments.jobs} jobs, {len(pages)} pages from {arguments.images}")
    plain_tesseract(limit_threads=True)(pages[:1], 1)  # warm the disk cache, untimed
    chosen = [m for m in MEASUREMENTS if arguments.only is None or m.name in arguments.only]
    seconds = {m.name: timed(m, pages, arguments.jobs) for m in chosen}
    plain = [seconds[m.name] for m in chosen if m.plain]
    if plain:
        for measurement in (m for m in chosen if not m.plain):
            print(f"{measurement.name} runs at {min(plain) / seconds[measurement.name]:.2f}x "
                  "the best plain tesseract throughput")


if __name__ == "__main__":
    main()
