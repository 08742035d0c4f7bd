"""The archivist's progress over a project: pages per status and how much the texts have moved.

Built from the same three queries however many pages there are; comparing each page's current text
with its OCR is the slow part (about a second for 10,000 edited pages), so run it as a background job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import sqlite_utils

from workbench.progress import Progress
from workbench.records import DocumentOverview, PageStatus, PageTally, ProjectOverview
from workbench.store import pages, revisions
from workbench.text.rates import char_errors

_REPORT_EVERY = 200
"""Pages between progress reports: often enough to cancel promptly, rarely enough to cost nothing."""


def overview(db: sqlite_utils.Database, progress: Progress) -> ProjectOverview:
    """Each document's pages per status and CER of its OCR against its current text, and totals."""
    statuses = pages.status_counts_by_document(db)
    page_count = sum(sum(counts.values()) for counts in statuses.values())
    compared: Counter[int] = Counter()
    errors: Counter[int] = Counter()
    for done, (document_id, current, recognised) in enumerate(revisions.texts_against_ocr(db), start=1):
        edits, characters = char_errors(current, recognised)
        compared[document_id] += characters
        errors[document_id] += edits
        if done % _REPORT_EVERY == 0:
            progress.advance(done, page_count)
    documents = tuple(
        DocumentOverview(
            document.id,
            document.name,
            PageTally(
                statuses.get(document.id) or dict.fromkeys(PageStatus, 0),
                compared[document.id],
                errors[document.id],
            ),
        )
        for document in pages.documents(db)
    )
    progress.advance(page_count, page_count)
    return ProjectOverview(documents, _sum(row.tally for row in documents))


def _sum(tallies: Iterable[PageTally]) -> PageTally:
    statuses = dict.fromkeys(PageStatus, 0)
    compared = errors = 0
    for tally in tallies:
        for status, count in tally.statuses.items():
            statuses[status] += count
        compared += tally.compared_chars
        errors += tally.char_errors
    return PageTally(statuses, compared, errors)
