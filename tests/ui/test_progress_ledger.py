"""The overview's ledger: statuses as the change-sets tell them, texts' figures as measured in the
background, and a measurement that read the file before the latest change never undoing it."""

from __future__ import annotations

from dataclasses import replace

from workbench.project import ChangeSet, Document, Page, PageProgress, PageStatus, Revision, RevisionKind
from workbench.ui.progress_ledger import ProgressLedger

DOCUMENT = Document(1, "Box 1", "/scans", None, None, 1)


def page(page_id: int, status: PageStatus) -> Page:
    return Page(page_id, 1, page_id, f"p{page_id}", f"p{page_id}.png", 0, 1, "0" * 64, 10, 10, 300, status, page_id)


def progress(page_id: int, status: PageStatus, errors: int = 0) -> PageProgress:
    return PageProgress(page_id, 1, status, 100, errors)


def filled() -> ProgressLedger:
    ledger = ProgressLedger()
    ledger.fill([DOCUMENT], [progress(1, PageStatus.RECOGNISED, 9), progress(2, PageStatus.RECOGNISED)],
                {1: 4, 2: 2}, asked_at=ledger.generation)
    return ledger


def test_a_status_told_counts_at_once_and_a_done_page_has_no_open_suggestions() -> None:
    ledger = filled()
    assert ledger.apply(ChangeSet(pages=(page(1, PageStatus.CORRECTED),))) == []  # no text to measure
    statuses = ledger.overview().total.statuses
    assert (statuses[PageStatus.CORRECTED], statuses[PageStatus.RECOGNISED]) == (1, 1)
    assert ledger.open_suggestions() == 2


def test_a_measurement_asked_for_before_a_mark_does_not_undo_it() -> None:
    ledger = filled()
    saved = page(1, PageStatus.IN_PROGRESS)
    revision = Revision(2, 1, 1, RevisionKind.EDIT, "ana", "2026-12-02T10:00:00+00:00", None, "text", None)
    assert ledger.apply(ChangeSet(pages=(saved,), revisions=(revision,))) == [1]  # the save: measure page 1
    asked_at = ledger.generation
    ledger.apply(ChangeSet(pages=(replace(saved, status=PageStatus.CORRECTED),)))  # then it is marked
    ledger.remeasured([DOCUMENT], [progress(1, PageStatus.IN_PROGRESS, 3)], {1: 5}, asked_at=asked_at)  # read before the mark

    total = ledger.overview().total
    assert (total.statuses[PageStatus.CORRECTED], total.statuses[PageStatus.IN_PROGRESS]) == (1, 0)
    assert total.char_errors == 3  # the text's figures are the measurement's
    assert ledger.open_suggestions() == 2  # a corrected page's suggestions are not counted


def test_a_whole_measurement_asked_for_before_a_mark_does_not_undo_it_either() -> None:
    ledger = ProgressLedger()
    asked_at = ledger.generation
    ledger.apply(ChangeSet(pages=(page(2, PageStatus.VERIFIED),)))  # before the first measurement arrives
    ledger.fill([DOCUMENT], [progress(1, PageStatus.RECOGNISED), progress(2, PageStatus.RECOGNISED)], {},
                asked_at=asked_at)
    assert ledger.overview().total.statuses[PageStatus.VERIFIED] == 1


def test_pages_imported_into_a_new_document_count_once_measured() -> None:
    ledger = filled()
    assert ledger.apply(ChangeSet(pages_added=(3,))) == [3]
    annex = Document(2, "Annex", "/annex", None, None, 2)
    ledger.remeasured([DOCUMENT, annex], [PageProgress(3, 2, PageStatus.NEW, 0, 0)], {3: 0},
                      asked_at=ledger.generation)
    overview = ledger.overview()
    assert overview.total.pages == 3
    assert [row.name for row in overview.documents] == ["Box 1", "Annex"]
