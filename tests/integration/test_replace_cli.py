"""`workbench replace`: lists what it would change, and changes it only when told to."""

from __future__ import annotations

from pathlib import Path

from tests.command_line import workbench
from workbench.project import Project, RevisionKind


def test_replace_lists_first_and_applies_one_batch_revision_per_page(recognised_project_path: Path) -> None:
    project_file = str(recognised_project_path)
    with Project.open(recognised_project_path) as project:
        pages_with_jews = [p.id for p in project.pages.all() if "Jews" in project.revisions.current_text(p.id).split()]
        before = {p.id: len(project.revisions.all(p.id)) for p in project.pages.all()}
    assert pages_with_jews

    listed = workbench("replace", project_file, "Jews", "JEWS")
    assert listed.returncode == 0, listed.stderr
    assert "[-Jews-]{+JEWS+}" in listed.stdout and "add --apply" in listed.stdout
    with Project.open(recognised_project_path) as project:
        assert {p.id: len(project.revisions.all(p.id)) for p in project.pages.all()} == before

    applied = workbench("replace", project_file, "Jews", "JEWS", "--apply", "--author", "ana")
    assert applied.returncode == 0, applied.stderr
    with Project.open(recognised_project_path) as project:
        for page_id in pages_with_jews:
            latest = project.revisions.all(page_id)[-1]
            assert latest.kind is RevisionKind.BATCH and latest.author == "ana"
            assert "JEWS" in latest.text and "Jews" not in latest.text.split()


def test_a_bad_regular_expression_is_one_line_and_exit_one(recognised_project_path: Path) -> None:
    result = workbench("replace", str(recognised_project_path), "(unclosed", "x", "--regex")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1
