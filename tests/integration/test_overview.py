"""The archivist's progress: pages per status and how far the texts moved from the OCR, per document."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.project_file import connections_opened, still_open
from workbench.project import PageStatus, Project
from workbench.text.normalise import normalise_for_scoring

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
EHRI = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "ehri"
needs_eval_data = pytest.mark.skipif(not EHRI.is_dir(), reason="evaluation data not present")


class RecordedProgress:
    def __init__(self) -> None:
        self.steps: list[tuple[int, int]] = []

    def advance(self, done: int, total: int, note: str = "") -> None:
        self.steps.append((done, total))


def test_a_freshly_recognised_document_has_all_pages_recognised_and_no_errors(
    recognised_project_path: Path,
) -> None:
    with Project.open(recognised_project_path) as project:
        progress = RecordedProgress()
        overview = project.overview(progress=progress)
        [row] = overview.documents
        assert row.name == "Bucharest despatch"
        assert row.tally.pages == 4
        assert row.tally.statuses == {**dict.fromkeys(PageStatus, 0), PageStatus.RECOGNISED: 4}
        texts = [project.revisions.current_text(page.id) for page in project.pages.all()]
        assert row.tally.compared_chars == sum(len(normalise_for_scoring(text)) for text in texts)
        assert row.tally.cer == 0.0
        assert overview.total == row.tally
        assert progress.steps[-1] == (4, 4)


def test_corrections_count_in_the_cer_weighted_by_characters(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        pages = project.pages.all()
        corrected = []
        for page in pages[:2]:
            truth = (SAMPLES / f"{page.label}.gt.txt").read_text()
            corrected.append(project.revisions.save(page.id, truth, parent_id=page.current_revision_id, author="ana").revision)
        project.pages.set_status([pages[0].id], PageStatus.CORRECTED, author="ana")
        rates = [project.revisions.rates_against_ocr(revision.id) for revision in corrected]
        untouched = [normalise_for_scoring(project.revisions.current_text(page.id)) for page in pages[2:]]
        tally = project.overview().total
        assert tally.statuses[PageStatus.CORRECTED] == 1
        assert tally.statuses[PageStatus.IN_PROGRESS] == 1
        assert tally.statuses[PageStatus.RECOGNISED] == 2
        assert tally.char_errors == sum(r.char_errors for r in rates if r is not None) > 0
        assert tally.compared_chars == sum(r.reference_chars for r in rates if r is not None) + sum(
            len(text) for text in untouched
        )
        assert tally.cer == pytest.approx(tally.char_errors / tally.compared_chars)


@needs_eval_data
def test_a_document_without_ocr_has_pages_but_no_cer(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        project.pages.add_scans([EHRI / "EHRI-DR-19390125-US_06.jpg"], document="Page 6")
        despatch, added = project.overview().documents
        assert (added.name, added.tally.pages, added.tally.statuses[PageStatus.NEW]) == ("Page 6", 1, 1)
        assert added.tally.cer is None
        total = project.overview().total
        assert total.pages == 5 and total.statuses[PageStatus.NEW] == 1
        assert total.compared_chars == despatch.tally.compared_chars


@needs_eval_data
def test_the_overview_asks_the_same_few_queries_however_many_pages(
    recognised_project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with connections_opened(monkeypatch) as opened, Project.open(recognised_project_path) as project:
        connection = still_open(opened)
        small = count_queries(project, connection)
        assert 0 < small <= 4
        for stem in (f"EHRI-DR-19390125-US_{n:02d}" for n in (6, 7)):  # with Tesseract's own hOCR of them
            report = project.pages.add_scans([EHRI / f"{stem}.jpg"], document="Pages 6 and 7",
                                       ocr=EHRI / f"{stem}.tess.hocr")
            assert not report.failures and not report.ocr_failures
        assert len(project.overview().documents) == 2
        assert count_queries(project, connection) == small


def count_queries(project: Project, connection: sqlite3.Connection) -> int:
    """The statements the project's own connection runs for one overview."""
    statements: list[str] = []
    connection.set_trace_callback(statements.append)
    try:
        project.overview()
    finally:
        connection.set_trace_callback(None)
    return len(statements)
