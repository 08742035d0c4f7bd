"""The archivist's progress over a project: pages per status and how much the texts have moved.

Each page's share is measured on its own (``page_progress``), so that a window can measure again
only the pages a change touched; comparing every page's current text with its OCR is the slow
part (about a second for 10,000 edited pages), so run the whole of it as a background job.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import sqlite_utils

from workbench.progress import Progress
from workbench.records import PageProgress, PageStatus, ProjectOverview
from workbench.store import pages, revisions
from workbench.text.rates import char_errors

_REPORT_EVERY = 200
"""Pages between progress reports: often enough to cancel promptly, rarely enough to cost nothing."""
_CHUNK = 500
"""Pages asked for in one query: far below SQLite's limit on bound values."""


def overview(db: sqlite_utils.Database, progress: Progress) -> ProjectOverview:
    """Each document's pages per status and CER of its OCR against its current text, and totals."""
    return ProjectOverview.of(pages.documents(db), page_progress(db, None, progress))


def page_progress(
    db: sqlite_utils.Database, page_ids: Sequence[int] | None, progress: Progress
) -> list[PageProgress]:
    """Every page's share of the overview (or that of ``page_ids``), in page order."""
    total = sum(pages.status_counts(db).values()) if page_ids is None else len(page_ids)
    measured = []
    for done, row in enumerate(_rows(db, page_ids), start=1):
        page_id, document_id, status, current, recognised = row
        edits, characters = (0, 0) if current is None or recognised is None else char_errors(current, recognised)
        measured.append(PageProgress(page_id, document_id, PageStatus(status), characters, edits))
        if done % _REPORT_EVERY == 0:
            progress.advance(done, total)
    progress.advance(total, total)
    return measured


def _rows(
    db: sqlite_utils.Database, page_ids: Sequence[int] | None
) -> Iterator[tuple[int, int, str, str | None, str | None]]:
    if page_ids is None:
        yield from revisions.texts_against_ocr(db)
        return
    for start in range(0, len(page_ids), _CHUNK):
        yield from revisions.texts_against_ocr(db, page_ids[start : start + _CHUNK])
