"""Several processes on one project file, as the window and command-line tools share it.

Closing a project in one process must not pull the write-ahead log from under another process
that holds the project open, and a process killed in the middle of a checkpoint must leave a file
that opens. The torture run does everything at once, with kills at random moments.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.command_line import workbench_process
from tests.integration.torture_roles import digest, read_log
from tests.integration.torture_run import RoleProcess, Torture, build_project, check, kill_in_checkpoint, report
from workbench.errors import ProjectFileError
from workbench.project import Project

pytestmark = pytest.mark.slow


def _workbench(*arguments: str, input: bytes | None = None) -> str:
    """What the command printed; it must succeed. A process of its own: its close is the point."""
    finished = workbench_process(*arguments, stdin=input)
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


def test_a_command_closing_the_project_leaves_other_processes_sharing_it(
    tmp_path: Path, sample_scans: list[Path]
) -> None:
    path = tmp_path / "p.wbproj"
    shutil.copy(sample_scans[0], tmp_path / "page.jpg")
    with Project.create(path) as project:
        project.pages.add_scans([tmp_path / "page.jpg"])
        page_id = project.pages.all()[0].id
        project.revisions.save(page_id, "first", parent_id=None, author="setup")
    # this process is the window: an editor and a suggestion worker open at once
    with Project.open(path) as editor, Project.open(path) as worker:
        first = editor.revisions.save(page_id, "window one", parent_id=editor.pages.get(page_id).current_revision_id,
                            author="window").revision
        for _ in range(3):
            _workbench("status", str(path))
        assert path.with_name(path.name + "-wal").exists(), "a command's close removed the log in use"
        second = editor.revisions.save(page_id, "window two", parent_id=first.id, author="window").revision
        assert _workbench("text", str(path), str(page_id)) == "window two\n"
        saved = _workbench("save", str(path), str(page_id), "-", "--parent", str(second.id), input=b"command")
        by_command = int(saved.split()[-1].rstrip("."))
        assert worker.pages.get(page_id).current_revision_id == by_command
        last = worker.revisions.save(page_id, "window three", parent_id=by_command, author="window").revision
    with Project.open(path) as project:
        history = [(revision.id, revision.text) for revision in project.revisions.all(page_id)]
    assert history[1:] == [(first.id, "window one"), (second.id, "window two"), (by_command, "command"),
                           (last.id, "window three")]


def test_a_kill_during_a_checkpoint_leaves_a_project_that_opens(tmp_path: Path) -> None:
    path = build_project(tmp_path)
    landed = 0
    for attempt in range(20):
        log = tmp_path / f"checkpointer.{attempt}.jsonl"
        kill = kill_in_checkpoint(RoleProcess("checkpointer", path, log, seed=attempt), path)
        landed += kill.landed
        try:
            project = Project.open(path)
        except ProjectFileError as error:
            pytest.fail(f"refused after kill {attempt + 1} ({kill}): {error}")
        with project:
            last = [record for record in read_log(log) if record.get("kind") == "revision"][-1]
            assert digest(project.revisions.get(last["id"]).text) == last["sha"]
    assert landed > 0  # some kills really came before the checkpoint ended


def test_many_processes_killed_at_random_lose_no_acknowledged_write(tmp_path: Path) -> None:
    project = build_project(tmp_path)
    figures = Torture(project, tmp_path / "logs", commands=2, seed=20261127).run(seconds=25)
    verdict = check(project, tmp_path / "logs")
    print(report(figures, verdict))
    assert verdict.sound, report(figures, verdict) + "\n" + "\n".join(verdict.refused[:3] + verdict.errors[:3])
    assert not verdict.errors and not figures.crashes
    assert figures.kills >= 5 and figures.aimed >= 1 and verdict.acknowledged >= 50
