"""How fast find-and-replace is on an archive-sized project (10,000 pages from ``project_scale``).

Prints the median time to find the occurrences of literal whole-word queries (narrowed by the search
index), of queries that read every page (regular expression, part of a word), and the time to apply a
batch and undo it.

    .venv/bin/python benchmarks/replace_scale.py [--pages 10000] [--keep PATH]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.project_scale import run_on_generated_project  # noqa: E402
from workbench.project import Project, ReplaceQuery  # noqa: E402

REPEATS = 5


def _timed(action: Callable[[], object]) -> tuple[float, object]:
    timings, result = [], None
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), result


def _word_of_frequency(project: Project, pages: int) -> str:
    """A word found on about ``pages`` pages of the project."""
    counts: Counter[str] = Counter()
    for page in project.pages.all()[:2000]:
        counts.update({w for w in project.revisions.current_text(page.id).split() if w.isalpha()})
    share = pages / len(project.pages.all()) * 2000
    return min(counts, key=lambda word: abs(counts[word] - share))


def measure(path: Path) -> None:
    with Project.open(path) as project:
        rare, common = _word_of_frequency(project, 20), _word_of_frequency(project, 2000)
        queries = {
            f"literal whole word, rare ({rare!r})": ReplaceQuery(rare, "X"),
            f"literal whole word, common ({common!r})": ReplaceQuery(common, "X"),
            "literal whole word, absent": ReplaceQuery("Zyxwvutsrq", "X"),
            f"regex whole word ({rare!r})": ReplaceQuery(rare, "X", regex=True),
            "regex, absent": ReplaceQuery("Zyxw[0-9]", "X", regex=True),
            f"literal part of word, any case ({rare[:4]!r})": ReplaceQuery(
                rare[:4], "X", whole_word=False, case_sensitive=False),
        }
        for label, query in queries.items():
            median, found = _timed(partial(project.replace.find, query))
            assert isinstance(found, list)
            pages = len({o.page_id for o in found})
            print(f"find {label:45s} {len(found):6d} hits on {pages:5d} pages: median {median:8.1f} ms")
        for label, query in (("rare", queries[next(iter(queries))]), ("common", list(queries.values())[1])):
            found = project.replace.find(query)
            started = time.perf_counter()
            batch = project.replace.apply(found, author="bench", note="bench")
            applied = (time.perf_counter() - started) * 1000
            started = time.perf_counter()
            project.replace.undo(batch, author="bench")
            undone = (time.perf_counter() - started) * 1000
            print(f"apply {label} ({len(batch.revisions)} pages): {applied:8.1f} ms; undo: {undone:8.1f} ms")


def main() -> None:
    run_on_generated_project(__doc__, lambda path, pages: measure(path))


if __name__ == "__main__":
    main()
