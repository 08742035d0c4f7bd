"""A recognised sample project with the archivist's work on it: an edited page and finished pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.project import PageStatus, Project

REPLACED, REPLACEMENT = "Rumania", "RUMANÍA"
"""A word of page 1 and the correction saved for it (with a letter beyond ASCII)."""


@pytest.fixture
def corrected_project_path(recognised_project_path: Path) -> Path:
    """Page 1 corrected (one word changed) and verified, page 2 corrected, pages 3 and 4 as recognised."""
    with Project.open(recognised_project_path) as project:
        first, second, *_ = project.pages.all()
        text = project.revisions.current_text(first.id)
        assert REPLACED in text
        project.revisions.save(first.id, text.replace(REPLACED, REPLACEMENT, 1), parent_id=first.current_revision_id,
                     author="ana")
        project.pages.set_status([first.id], PageStatus.VERIFIED, author="ana")
        project.pages.set_status([second.id], PageStatus.CORRECTED, author="ana")
    return recognised_project_path


def normalised(text: str) -> str:
    return " ".join(text.split())
