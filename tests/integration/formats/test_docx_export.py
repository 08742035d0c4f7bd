"""The DOCX export read back with python-docx, as Word would show it."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from tests.integration.formats.conftest import REPLACEMENT, normalised
from workbench.project import Project

pytestmark = pytest.mark.slow


def test_docx_holds_every_page_text_with_page_breaks_and_properties(corrected_project_path: Path,
                                                                   tmp_path: Path) -> None:
    with Project.open(corrected_project_path) as project:
        project.exports.write(tmp_path / "out", ["docx"])
        pages = project.pages.all()
        texts = [project.revisions.current_text(page.id) for page in pages]
    document = docx.Document(str(tmp_path / "out" / "Bucharest despatch.docx"))
    heading, *body = document.paragraphs
    assert heading.text == "Bucharest despatch" and heading.style.name == "Heading 1"
    shown = " ".join(paragraph.text for paragraph in body)
    assert normalised(shown) == normalised(" ".join(texts))
    assert REPLACEMENT in shown
    breaks = document.element.body.xpath(f'.//w:br[@w:type="{WD_BREAK.PAGE.name.lower()}"]')
    assert len(breaks) == len(pages) - 1
    blank_line_paragraphs = sum(len([p for p in text.split("\n\n") if p.strip()]) for text in texts)
    assert len([p for p in body if p.text.strip()]) == blank_line_paragraphs
    properties = document.core_properties
    assert properties.title == "Bucharest despatch"
    assert "ana" in properties.author
    assert all(str(page.current_revision_id) in properties.comments for page in pages)
