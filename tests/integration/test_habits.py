"""Habits are read from what the machine read on a document's pages, before any correction: here
Tesseract's own hOCR of a real EHRI typescript whose full stops came out as "e", imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EVAL
from workbench.project import Project

EHRI = EVAL / "ehri"
TYPESCRIPT = [f"EHRI-ET-YV3549264_{n:02}" for n in range(1, 7)]
pytestmark = pytest.mark.skipif(not (EHRI / f"{TYPESCRIPT[0]}.tess.hocr").is_file(), reason="evaluation data not present")
STRAY_E = "'e' at the end of a word is often a misread full stop in this project"


def imported(project: Project, stems: list[str], document: str) -> None:
    for stem in stems:
        report = project.pages.add_scans([EHRI / f"{stem}.jpg"], document=document, ocr=EHRI / f"{stem}.tess.hocr")
        assert not report.failures


@pytest.mark.slow  # every word of six pages
def test_a_typescript_that_reads_full_stops_as_e_is_told_so_on_its_first_pages(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.wbproj") as project:
        imported(project, TYPESCRIPT, "typescript")
        marked = {s.text: s for page in project.pages.all() for s in project.suggestions.for_page(page.id)
                  if STRAY_E in s.reasons}
        assert len(marked) >= 5
        for token, suggestion in marked.items():  # the word without its "e" is offered ("wae": "was" first, "wa")
            assert token.rstrip(".,;:")[:-1] in [c.text.rstrip(".,;:") for c in suggestion.candidates]


def test_a_habit_is_unlearned_when_the_document_is_read_again_without_it(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.wbproj") as project:
        imported(project, TYPESCRIPT, "typescript")
        page = project.pages.all()[0]
        assert any(STRAY_E in s.reasons for s in project.suggestions.for_page(page.id))
        for each in project.pages.all():  # the typescript read again, its full stops right this time
            text = (EHRI / f"{each.label}.gt.txt").read_text()
            (tmp_path / f"{each.label}.txt").write_text(text)
            project.recognition.import_ocr(each.id, tmp_path / f"{each.label}.txt", author="test", force=True)
        assert not any(STRAY_E in s.reasons for s in project.suggestions.for_page(page.id))
