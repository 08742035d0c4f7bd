"""How the project file behaves at archive scale: 10,000 pages with 5 revisions each.

Prints the median time to open the project (and to list its pages), to load one page's text and
words, and to save a revision, plus the file size and its largest tables. Targets: each median
under 50 ms, the file at most 200 MB (issue 17; 393 MB when words were JSON and texts plain).

    .venv/bin/python benchmarks/project_scale.py [--pages 10000] [--keep PATH]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from workbench.project import Project, RevisionKind
from workbench.records import OcrResult, OcrSettings, OcrWord
from workbench.store import ocr_runs, pages, revisions
from workbench.store.database import open_database
from workbench.store.pages import NewPage
from workbench.store.transactions import write_transaction

EVAL_TEXT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ehri"
WORDS_PER_PAGE = 450
REVISIONS_PER_PAGE = 5
REPEATS = 50


def _vocabulary() -> list[str]:
    words = [w for path in sorted(EVAL_TEXT.glob("*.gt.txt")) for w in path.read_text().split()]
    return words or ["despatch", "Legation", "Bucharest", "January", "Jewish", "refugees"]


def _fake_result(randomness: random.Random, vocabulary: list[str]) -> OcrResult:
    """Lines of 12 words, blocks of 10 lines, each with the boxes Tesseract draws for them."""
    words = []
    lines = -(-WORDS_PER_PAGE // 12)
    for index in range(WORDS_PER_PAGE):
        line, column = divmod(index, 12)
        first, last = line - line % 10, min(line - line % 10 + 9, lines - 1)  # the block's lines
        block_box = (150, 200 + first * 60, 12 * 140, (last - first) * 60 + 40)
        words.append(OcrWord(randomness.choice(vocabulary), 150 + column * 140, 200 + line * 60, 120,
                             40, randomness.uniform(40, 96), 1 + line // 10, 1, line % 10 + 1,
                             line_box=(150, 200 + line * 60, 12 * 140, 40), paragraph_box=block_box,
                             block_box=block_box))
    return OcrResult(tuple(words), "tesseract", "5.3.0", OcrSettings(), 4.2)


def generate(path: Path, page_count: int) -> None:
    """Write a project with ``page_count`` pages, each with an OCR run and five revisions."""
    randomness = random.Random(1939)
    vocabulary = _vocabulary()
    Project.create(path, name="scale test").close()
    with closing(open_database(path)) as db:  # written straight through the store, for speed
        with write_transaction(db) as connection:
            document_id = pages.insert_document(connection, name="Box 1", source="/scans/box1",
                                                reference=None, title=None, created="2026-01-01T00:00:00+00:00")
        for start in range(0, page_count, 500):
            with write_transaction(db) as connection:
                batch = [NewPage(f"scan_{n:05d}", f"scans/scan_{n:05d}.tif", 0, 24_000_000, f"{n:064x}",
                                 2480, 3508, 300) for n in range(start, min(page_count, start + 500))]
                for page_id in pages.insert_pages(connection, document_id, batch):
                    result = _fake_result(randomness, vocabulary)
                    run_id = ocr_runs.insert_ocr_run(connection, page_id, result, created="2026-01-01")
                    text, parent = result.text(), None
                    for number in range(REVISIONS_PER_PAGE):
                        kind = RevisionKind.OCR if number == 0 else RevisionKind.EDIT
                        parent = revisions.insert_revision(
                            connection, page_id=page_id, parent_id=parent, kind=kind, author="bench",
                            created="2026-01-01", text=text, ocr_run_id=run_id if number == 0 else None).id
                        text = text.replace(randomness.choice(vocabulary), randomness.choice(vocabulary), 1)
                    pages.set_current_revision(connection, page_id, parent)
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _largest_tables(path: Path) -> str:
    """Where the file's bytes are: the space of its three largest tables (SQLite's dbstat)."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        try:
            rows = connection.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name "
                                      "ORDER BY 2 DESC LIMIT 3").fetchall()
        except sqlite3.OperationalError:  # an SQLite built without dbstat
            return "no breakdown"
    return ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in rows)


def _median_ms(action: Callable[[], object]) -> float:
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def measure(path: Path, page_count: int) -> None:
    randomness = random.Random(7)

    def open_close() -> None:
        Project.open(path).close()

    def open_and_list() -> None:
        with Project.open(path) as project:
            project.pages.all()

    print(f"pages: {page_count}, revisions: {page_count * REVISIONS_PER_PAGE}, "
          f"words per page: {WORDS_PER_PAGE}")
    print(f"file size: {path.stat().st_size / 1e6:.1f} MB ({_largest_tables(path)})")
    print(f"open project:                 median {_median_ms(open_close):7.2f} ms")
    print(f"open project and list pages:  median {_median_ms(open_and_list):7.2f} ms")
    with Project.open(path) as project:
        def load_page() -> None:
            page_id = randomness.randint(1, page_count)
            project.revisions.current_text(page_id)
            project.recognition.ocr_run(page_id)

        def save_revision() -> None:
            page_id = randomness.randint(1, page_count)
            current = project.revisions.current(page_id)
            assert current is not None
            project.revisions.save(page_id, current.text + " corrected", parent_id=current.id, author="bench")

        print(f"load one page's text + words: median {_median_ms(load_page):7.2f} ms")
        print(f"save a revision:              median {_median_ms(save_revision):7.2f} ms")


def run_on_generated_project(description: str | None, measure: Callable[[Path, int], None]) -> None:
    """Parse ``--pages``/``--keep``, build (or reuse) the generated project, and measure on it."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the project here instead of a temp folder")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        path = arguments.keep or Path(temporary) / "scale.wbproj"
        if not path.exists():
            started = time.perf_counter()
            generate(path, arguments.pages)
            print(f"generated in {time.perf_counter() - started:.1f} s")
        measure(path, arguments.pages)


def main() -> None:
    run_on_generated_project(__doc__, measure)


if __name__ == "__main__":
    main()
