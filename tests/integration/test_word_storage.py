"""Issue 17: OCR words and revision texts are stored packed, and projects that stored them as
JSON and plain text are migrated, backed up first, reading the same words and texts afterwards; a
migration killed midway changes nothing."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
import sqlite_utils

from tests.project_file import copy_rows_with_plain_texts
from workbench.project import Project
from workbench.records import OcrWord
from workbench.store.database import APPLICATION_ID, backup_before_migration
from workbench.store.migrations import LATEST_VERSION, MIGRATIONS, migrate
from workbench.store.text_packing import add_sql_functions
from workbench.store.word_packing import unpack_words

FORMAT_5 = 5


def _format_5_json(words: tuple[OcrWord, ...]) -> str:
    """Words as format 5 stored them: nine fields a word, then its alternatives, its second look and
    the engine's line, paragraph and block boxes, each only where it or a later field has something;
    the boxes only where they are not those the word takes from the word before it (its line's,
    paragraph's and block's where it is in the same one, else none)."""
    def fields(word: OcrWord, previous: OcrWord | None) -> list[object]:
        boxes = [word.line_box, word.paragraph_box, word.block_box]
        shared = 0 if previous is None else next(
            (depth for depth, (this, that) in enumerate(zip((word.block, word.paragraph, word.line),
                                                            (previous.block, previous.paragraph, previous.line)))
             if this != that), 3)
        taken = [None, None, None] if previous is None else [
            previous.line_box if shared > 2 else None, previous.paragraph_box if shared > 1 else None,
            previous.block_box if shared > 0 else None]
        optional = [list(word.alternatives), word.second_look,
                    None if boxes == taken else [None if box is None else list(box) for box in boxes]]
        while optional and not optional[-1]:
            optional.pop()
        return [word.text, word.left, word.top, word.width, word.height, round(word.confidence, 2),
                word.block, word.paragraph, word.line, *optional]
    return json.dumps([fields(word, previous) for word, previous in zip(words, [None, *words])],
                      ensure_ascii=False, separators=(",", ":"))


def _without_boxes(words: tuple[OcrWord, ...]) -> tuple[OcrWord, ...]:
    """The words as a recognition before the engine's boxes were kept gave them."""
    return tuple(dataclasses.replace(word, line_box=None, paragraph_box=None, block_box=None) for word in words)


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def _words_by_run(path: Path) -> dict[int, tuple[OcrWord, ...]]:
    with closing(_connect(path)) as connection:
        return {run_id: unpack_words(words) for run_id, words in connection.execute("SELECT id, words FROM ocr_runs")}


def _as_format_5(
    path: Path, target: Path, extra_runs: int = 0, *, engine_boxes: bool = True
) -> dict[int, tuple[OcrWord, ...]]:
    """Write at ``target`` the project at ``path`` as format 5 stored it (built with that format's
    schema; words as JSON, texts as they are), with ``extra_runs`` more runs copied from its own, and
    without the engine's boxes unless ``engine_boxes``; return the words of every run."""
    words = {run_id: run_words if engine_boxes else _without_boxes(run_words)
             for run_id, run_words in _words_by_run(path).items()}
    with closing(_connect(target)) as connection:
        add_sql_functions(connection)  # format 5's own statements need none; reading today's does
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("BEGIN")
        for steps in MIGRATIONS[:FORMAT_5]:
            for step in steps:
                connection.execute(step) if isinstance(step, str) else step(connection)
        connection.execute("ATTACH DATABASE ? AS current", [str(path)])
        copy_rows_with_plain_texts(connection, "current")
        for run_id, run_words in words.items():
            connection.execute("UPDATE ocr_runs SET words = ? WHERE id = ?", [_format_5_json(run_words), run_id])
        originals = list(words)
        for number in range(extra_runs):
            copied = originals[number % len(originals)]
            new_id = connection.execute(
                "INSERT INTO ocr_runs (page_id, engine, engine_version, settings, seconds, created, words) "
                "SELECT page_id, engine, engine_version, settings, seconds, created, words FROM ocr_runs "
                "WHERE id = ?", [copied],
            ).lastrowid
            words[int(new_id or 0)] = words[copied]
        connection.execute("INSERT INTO page_search (page_search) VALUES ('rebuild')")
        connection.execute(f"PRAGMA user_version = {FORMAT_5}")
        connection.execute("COMMIT")
        connection.execute("DETACH DATABASE current")
    return words


def _version(path: Path) -> int:
    with closing(_connect(path)) as connection:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])


@pytest.mark.parametrize("engine_boxes", [True, False], ids=["with the engine's boxes", "from before them"])
def test_a_format_5_project_is_backed_up_then_reads_the_same_words_and_texts(
    recognised_project_path: Path, tmp_path: Path, engine_boxes: bool
) -> None:
    with Project.open(recognised_project_path) as current:
        texts = {page.id: current.revisions.all(page.id) for page in current.pages.all()}
        found = current.search("the", limit=10_000)
    path = tmp_path / "format5.wbproj"
    expected = _as_format_5(recognised_project_path, path, engine_boxes=engine_boxes)
    assert any(word.alternatives for run in expected.values() for word in run)
    assert any(word.second_look for run in expected.values() for word in run)
    assert all(bool(word.line_box and word.paragraph_box and word.block_box) == engine_boxes
               for run in expected.values() for word in run)
    with closing(_connect(path)) as connection:
        json_bytes = connection.execute("SELECT SUM(LENGTH(CAST(words AS BLOB))) FROM ocr_runs").fetchone()[0]
    with Project.open(path) as project:
        read = {page.id: project.recognition.ocr_run(page.id) for page in project.pages.all()}
        assert {page.id: project.revisions.all(page.id) for page in project.pages.all()} == texts
        assert project.search("the", limit=10_000) == found
        report = project.verify()
        assert report.broken == [] and report.integrity == []
    assert {run.id: run.words for run in read.values() if run is not None} == expected
    assert _version(path) == LATEST_VERSION
    with closing(_connect(path)) as connection:
        kinds = {kind for (kind,) in connection.execute("SELECT typeof(words) FROM ocr_runs")}
        packed_bytes = connection.execute("SELECT SUM(LENGTH(words)) FROM ocr_runs").fetchone()[0]
    assert kinds == {"blob"}
    assert packed_bytes < json_bytes / 2, (packed_bytes, json_bytes)
    backup = path.with_name(f"{path.name}.v{FORMAT_5}.bak")
    with closing(_connect(backup)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == FORMAT_5
        assert {kind for (kind,) in connection.execute("SELECT typeof(words) FROM ocr_runs")} == {"text"}
        assert {kind for (kind,) in connection.execute("SELECT typeof(text) FROM revisions")} == {"text"}


def _kill_when(process: subprocess.Popen[bytes], reached: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 120
    while not reached():
        if process.poll() is not None:
            pytest.fail(f"the process ended before {what}: {process.communicate()[1]!r}")
        assert time.monotonic() < deadline, f"no sign of {what} in two minutes"
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL


def _opening(path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "workbench.cli", "status", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.slow
def test_a_migration_killed_midway_leaves_the_format_5_file_which_then_migrates(
    recognised_project_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "format5.wbproj"
    expected = _as_format_5(recognised_project_path, path, extra_runs=1500)  # seconds of repacking
    wal = path.with_name(path.name + "-wal")
    _kill_when(_opening(path), lambda: wal.exists() and wal.stat().st_size > 1_000_000,
               "repacked runs reached the log")
    assert _version(path) == FORMAT_5
    with closing(_connect(path)) as connection:
        assert connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        assert {kind for (kind,) in connection.execute("SELECT typeof(words) FROM ocr_runs")} == {"text"}
    with Project.open(path) as project:
        assert project.pages.all()
    assert _version(path) == LATEST_VERSION
    assert _words_by_run(path) == expected
    backup = path.with_name(f"{path.name}.v{FORMAT_5}.bak")
    assert path.stat().st_size < backup.stat().st_size / 2  # the space freed went back to the disk


@pytest.mark.slow
def test_a_process_killed_as_its_migration_commits_leaves_a_migrated_file_that_opens(
    recognised_project_path: Path, tmp_path: Path
) -> None:
    """Killed once the new version is visible, before the freed space is given back (``VACUUM``):
    the migrated file opens with every word, and that opening gives the space back."""
    path = tmp_path / "format5.wbproj"
    expected = _as_format_5(recognised_project_path, path, extra_runs=1500)
    _kill_when(_opening(path), lambda: _version(path) == LATEST_VERSION, "the migration committed")
    with closing(_connect(path)) as connection:
        assert connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    with Project.open(path) as project:
        assert project.pages.all()
    assert _words_by_run(path) == expected
    backup = path.with_name(f"{path.name}.v{FORMAT_5}.bak")
    assert path.stat().st_size < backup.stat().st_size / 2


def test_a_process_that_read_the_old_version_before_another_migrated_changes_nothing(
    recognised_project_path: Path, tmp_path: Path
) -> None:
    """Two windows opening a format 5 file at once: both read version 5, one migrates first. The other,
    given the write lock, must neither run the migrations again nor replace the backup of the old
    file with a copy of the migrated one."""
    path = tmp_path / "format5.wbproj"
    _as_format_5(recognised_project_path, path)
    Project.open(path).close()
    backup = path.with_name(f"{path.name}.v{FORMAT_5}.bak")
    backed_up = backup.read_bytes()
    with closing(_connect(path)) as connection:
        schema = connection.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall()
    assert backup_before_migration(path, FORMAT_5) == backup
    assert backup.read_bytes() == backed_up and not list(tmp_path.glob("*.partial"))
    with closing(_connect(path)) as connection:
        add_sql_functions(connection)
        migrate(sqlite_utils.Database(connection))
        assert connection.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall() == schema
    assert _version(path) == LATEST_VERSION
