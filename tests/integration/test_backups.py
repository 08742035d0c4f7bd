"""Backups and restores on real project files, with real processes writing and being killed."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.command_line import workbench
from tests.read_only import read_only
from workbench.errors import ProjectFileError
from workbench.project import Project, ReplaceQuery
from workbench.project import backups
from workbench.store.migrations import LATEST_VERSION

AUTHOR = "test archivist"


def _python(code: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *arguments],
                          capture_output=True, text=True, timeout=120)


def _read(path: Path, sql: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


def _revisions(path: Path) -> list[tuple[object, ...]]:
    return _read(path, "SELECT id, page_id, text FROM revisions ORDER BY id")


def _integrity(path: Path) -> str:
    return str(_read(path, "PRAGMA integrity_check")[0][0])


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}


@pytest.fixture
def project_path(tmp_path: Path, sample_scans: list[Path]) -> Path:
    """A project with one page that has one saved revision, opened once (so it has its daily backup)."""
    path = tmp_path / "p.wbproj"
    shutil.copy(sample_scans[0], tmp_path / "page.jpg")
    with Project.create(path) as project:
        project.pages.add_scans([tmp_path / "page.jpg"])
        project.revisions.save(project.pages.all()[0].id, "first text", parent_id=None, author=AUTHOR)
    Project.open(path).close()
    return path


def _save(path: Path, text: str) -> None:
    with Project.open(path) as project:
        page = project.pages.all()[0]
        project.revisions.save(page.id, text, parent_id=page.current_revision_id, author=AUTHOR)


KILLED_AFTER_SAVING = """
    import os, signal, sys
    from pathlib import Path
    from workbench.project import Project
    project = Project.open(Path(sys.argv[1]))
    page = project.pages.all()[0]
    project.revisions.save(page.id, "saved just before the crash", parent_id=page.current_revision_id, author="a")
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_restoring_over_a_crashed_project_with_its_wal_gives_a_sound_project(project_path: Path) -> None:
    """Finding 3: a backup laid over the file while the crashed process's -wal is beside it."""
    old = workbench("backup", str(project_path))
    assert old.returncode == 0, old.stderr
    old_backup = Path(old.stdout.split("Backed up to ", 1)[1].strip())
    _save(project_path, "second text")
    crashed = _python(KILLED_AFTER_SAVING, str(project_path))
    assert crashed.returncode == -9, crashed.stderr
    wal = Path(f"{project_path}-wal")
    assert wal.exists() and wal.stat().st_size > 0

    restored = workbench("restore", str(old_backup), str(project_path))

    assert restored.returncode == 0, restored.stderr
    assert _integrity(project_path) == "ok"
    assert _revisions(project_path) == _revisions(old_backup)
    assert [row[2] for row in _revisions(project_path)] == ["first text"]
    text_file = project_path.with_name("after.txt")
    text_file.write_text("saved after the restore", encoding="utf-8")
    assert workbench("save", str(project_path), "1", str(text_file)).returncode == 0
    shown = workbench("text", str(project_path), "1")
    assert shown.stdout.strip() == "saved after the restore"
    before = [found for found in backups.list_backups(project_path) if found.reason == "before-restore"]
    assert len(before) == 1 and str(before[0].path) in restored.stdout
    assert [row[2] for row in _revisions(before[0].path)] == [
        "first text", "second text", "saved just before the crash"]
    assert not Path(f"{before[0].path}-wal").exists()  # a backup is one self-contained file


SAVING_LOOP = """
    import sys
    from pathlib import Path
    from workbench.project import Project
    with Project.open(Path(sys.argv[1])) as project:
        page = project.pages.all()[0]
        while True:
            parent = project.pages.get(page.id).current_revision_id
            print(project.revisions.save(page.id, "looping", parent_id=parent, author="loop").revision.id, flush=True)
"""


def test_a_backup_taken_while_another_process_saves_is_consistent(project_path: Path, tmp_path: Path) -> None:
    saver = subprocess.Popen([sys.executable, "-c", textwrap.dedent(SAVING_LOOP), str(project_path)],
                             stdout=subprocess.PIPE, text=True)
    newest: list[int] = []
    try:
        assert saver.stdout is not None
        for number in range(5):
            copy = backups.backup(project_path, tmp_path / f"copy-{number}.wbproj")
            assert _integrity(copy) == "ok"
            assert _read(copy, "PRAGMA journal_mode") == [("delete",)]
            ids = [row[0] for row in _revisions(copy)]
            assert _read(copy, "SELECT current_revision_id FROM pages") == [(max(ids),)]
            newest.append(max(ids))
            while int(saver.stdout.readline()) <= newest[-1]:
                pass  # until the saver has saved past this copy
        assert saver.poll() is None  # it was saving throughout
    finally:
        saver.kill()
        saver.wait()
    assert newest == sorted(set(newest))  # every copy caught the saves in the middle of the loop


def _newer_backup(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")


def _other_database(path: Path) -> None:
    path.unlink()
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE notes (text)")


def _damaged_backup(path: Path) -> None:
    """Junk over the pages that hold the revisions' table, past the header."""
    with path.open("r+b") as file:
        file.seek(4096 * 3)
        file.write(b"\xa5" * 4096 * 4)


def _not_a_database(path: Path) -> None:
    path.write_text("minutes of the meeting\n" * 400, encoding="utf-8")


@pytest.mark.parametrize(("spoil", "message"), [
    (_newer_backup, "newer Workbench"),
    (_other_database, "not a Workbench project"),
    (_damaged_backup, "damaged"),
    (_not_a_database, "cannot be read as a project file"),
])
def test_a_backup_that_will_not_do_is_refused_and_nothing_changes(
    project_path: Path, tmp_path: Path, spoil: object, message: str
) -> None:
    bad = backups.backup(project_path, tmp_path / "bad.wbproj")
    assert callable(spoil)
    spoil(bad)
    _save(project_path, "second text")
    folder = project_path.parent
    before = _snapshot(folder), _snapshot(backups.backups_folder(project_path))

    result = workbench("restore", str(bad), str(project_path))

    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message in result.stderr and "was not changed" in result.stderr
    assert (_snapshot(folder), _snapshot(backups.backups_folder(project_path))) == before


def test_restoring_a_damaged_project_keeps_it_aside_and_gives_a_working_one(project_path: Path) -> None:
    good = backups.backup(project_path)
    crashed = _python(KILLED_AFTER_SAVING, str(project_path))
    assert crashed.returncode == -9
    with project_path.open("r+b") as file:
        file.write(os.urandom(4096))
    damaged = project_path.read_bytes(), Path(f"{project_path}-wal").read_bytes()
    with pytest.raises(ProjectFileError):
        Project.open(project_path)

    report = backups.restore(good, project_path)

    assert report.before_restore is None
    assert [path.name for path in report.kept_aside] == [
        f"{report.kept_aside[0].name}", f"{report.kept_aside[0].name}-wal", f"{report.kept_aside[0].name}-shm"]
    assert report.kept_aside[0].name.startswith("p.wbproj.damaged-")
    assert (report.kept_aside[0].read_bytes(), report.kept_aside[1].read_bytes()) == damaged
    assert not Path(f"{project_path}-wal").exists()
    assert _integrity(project_path) == "ok"
    assert _read(project_path, "PRAGMA journal_mode") == [("wal",)]
    assert _revisions(project_path) == _revisions(good)
    _save(project_path, "saved after the restore")
    shown = workbench("text", str(project_path), "1")
    assert shown.stdout.strip() == "saved after the restore"


def test_restoring_into_a_project_open_elsewhere_is_seen_there_as_one_change(project_path: Path) -> None:
    old = backups.backup(project_path)
    _save(project_path, "second text")
    with Project.open(project_path) as other:
        page = other.pages.all()[0]
        assert other.revisions.current_text(page.id) == "second text"
        backups.restore(old, project_path)
        assert other.revisions.current_text(page.id) == "first text"
        other.revisions.save(page.id, "saved by the other", parent_id=other.pages.get(page.id).current_revision_id,
                   author=AUTHOR)
    assert _integrity(project_path) == "ok"
    assert [row[2] for row in _revisions(project_path)] == ["first text", "saved by the other"]


def test_the_automatic_backups_rotate_and_manual_ones_stay(project_path: Path, tmp_path: Path) -> None:
    manual = backups.backup(project_path)
    elsewhere = backups.backup(project_path, tmp_path)
    taken = [backups.backup(project_path, reason="before-replace") for _ in range(12)]

    found = backups.list_backups(project_path)

    automatic = [backup.path for backup in found if backup.reason != "manual"]
    assert automatic == taken[::-1][:10]  # the newest ten, newest first
    assert manual.exists() and elsewhere.exists()
    assert backups.newest_backup(project_path) == taken[-1]


def _dailies(path: Path) -> list[Path]:
    return [found.path for found in backups.list_backups(path) if found.reason == "daily"]


def test_a_daily_backup_is_taken_on_the_first_open_of_a_day(project_path: Path) -> None:
    first = _dailies(project_path)
    assert len(first) == 1  # the fixture opened it once
    Project.open(project_path).close()
    assert _dailies(project_path) == first
    yesterday = datetime.now(timezone.utc) - timedelta(hours=25)
    first[0].rename(first[0].with_name(f"p-{yesterday:%Y%m%dT%H%M%SZ}-daily.wbproj"))

    Project.open(project_path).close()

    assert len(_dailies(project_path)) == 2
    assert _revisions(_dailies(project_path)[0]) == _revisions(project_path)


@pytest.fixture
def read_only_backups(project_path: Path) -> Iterator[Path]:
    """The project's backups folder, made read-only (by a read-only bind mount for root)."""
    folder = backups.backups_folder(project_path)
    for old in folder.iterdir():
        old.unlink()
    with read_only(folder):
        yield folder


def test_opening_goes_on_when_the_daily_backup_cannot_be_written(
    project_path: Path, read_only_backups: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="workbench.backups"):
        with Project.open(project_path) as project:
            assert project.revisions.current_text(project.pages.all()[0].id) == "first text"
    assert "No daily backup" in caplog.text and "p.wbproj" in caplog.text
    assert list(read_only_backups.iterdir()) == []


def test_a_replace_across_the_project_is_preceded_by_a_backup(project_path: Path) -> None:
    with Project.open(project_path) as project:
        found = project.replace.find(ReplaceQuery("first", "1st"))
        project.replace.apply(found, author=AUTHOR, note="test")
    before = [found.path for found in backups.list_backups(project_path) if found.reason == "before-replace"]
    assert len(before) == 1
    assert [row[2] for row in _revisions(before[0])] == ["first text"]


def test_the_backup_commands_list_write_and_explain(project_path: Path, tmp_path: Path) -> None:
    for command in ("backup", "restore", "backups"):
        assert "usage: workbench" in workbench(command, "--help").stdout
    into_folder = workbench("backup", str(project_path), str(tmp_path))
    assert into_folder.returncode == 0 and "-manual.wbproj" in into_folder.stdout
    named = tmp_path / "named.wbproj"
    assert workbench("backup", str(project_path), str(named)).returncode == 0 and named.is_file()
    again = workbench("backup", str(project_path), str(named))
    assert again.returncode == 1 and "already exists" in again.stderr
    (daily,) = _dailies(project_path)
    an_hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)  # names tell the time to the second
    daily.rename(daily.with_name(f"p-{an_hour_ago:%Y%m%dT%H%M%SZ}-daily.wbproj"))
    backups.backup(project_path)

    listing = workbench("backups", str(project_path)).stdout.splitlines()

    assert [line.split()[3] for line in listing] == ["manual", "daily"]  # newest first
    assert all(line.endswith(".wbproj") and " KB " in line for line in listing)
