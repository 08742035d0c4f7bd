"""Issue 13: the project file is never refused when sound, never blamed for its surroundings, and
its history proves it was not altered. Each test names the finding it reproduces."""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

from tests.command_line import Finished, workbench, workbench_process
from workbench.errors import DamagedProjectError, DiskFullError, NotFoundError, ProjectBusyError, UnreadableScanError
from workbench.formats.alto_reader import read_alto
from workbench.project import Project
from workbench.store.chain import hash_existing_revisions
from workbench.store.migrations import MIGRATIONS


def _one_line_error(result: Finished) -> str:
    """The CLI's promise: exit 1, one line on stderr, never a traceback."""
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


@pytest.fixture
def project_with_texts(tmp_path: Path, sample_scans: list[Path]) -> Path:
    """Two real scans, each page with a saved text (no OCR: these tests are about the file)."""
    for scan in sample_scans[:2]:
        shutil.copy(scan, tmp_path / scan.name)
    path = tmp_path / "p.wbproj"
    with Project.create(path) as project:
        project.pages.add_scans([tmp_path / scan.name for scan in sample_scans[:2]])
        for number, page in enumerate(project.pages.all()):
            project.revisions.save(page.id, f"first text of page {number}", parent_id=None, author="ana")
            project.revisions.save(page.id, f"second text of page {number}", parent_id=project.pages.get(page.id).current_revision_id,
                         author="ben")
    return path


# Finding 10: INSERT OR REPLACE rewrote a revision despite the append-only triggers.

def test_insert_or_replace_cannot_rewrite_a_revision(project_with_texts: Path) -> None:
    with sqlite3.connect(project_with_texts) as connection:
        row = connection.execute("SELECT id, page_id, kind, author, created FROM revisions LIMIT 1").fetchone()
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute(
                "INSERT OR REPLACE INTO revisions (id, page_id, kind, author, created, text) "
                "VALUES (?, ?, ?, ?, ?, 'forged')", row,
            )
    connection.close()
    assert workbench("verify", project_with_texts).returncode == 0


def test_verify_names_a_revision_rewritten_behind_the_triggers(project_with_texts: Path) -> None:
    with Project.open(project_with_texts) as project:
        first = project.revisions.all(project.pages.all()[0].id)[0]
    with sqlite3.connect(project_with_texts) as connection:
        connection.execute("DROP TRIGGER revisions_are_never_changed")
        connection.execute("UPDATE revisions SET text = 'forged' WHERE id = ?", [first.id])
    connection.close()
    result = workbench("verify", project_with_texts)
    assert result.returncode == 1
    assert f"Revision {first.id} of page {first.page_id}: its content does not match its hash" in result.stdout
    assert "NOT verified" in result.stdout


def test_verify_passes_a_sound_project_and_catches_a_swapped_scan(project_with_texts: Path) -> None:
    result = workbench("verify", project_with_texts)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "verified: 4 revisions on 2 pages" in result.stdout
    with Project.open(project_with_texts) as project:
        scan = project.pages.scan_file(project.pages.all()[0])
    data = bytearray(scan.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, other contents
    scan.write_bytes(bytes(data))
    result = workbench("verify", project_with_texts)
    assert result.returncode == 1 and "different contents" in result.stdout


def test_an_older_project_gets_its_hash_chains_and_keeps_its_draft(tmp_path: Path) -> None:
    path = tmp_path / "v4.wbproj"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA application_id = 1463963203")
    for steps in MIGRATIONS[:4]:
        for step in steps:
            assert isinstance(step, str)
            connection.execute(step)
    connection.execute("PRAGMA user_version = 4")
    connection.execute("INSERT INTO documents VALUES (1, 'd', 's', NULL, NULL, 1, 't')")
    connection.execute("INSERT INTO pages (id, document_id, position, label, scan_path, scan_size, scan_sha256, "
                       "width, height) VALUES (1, 1, 1, 'p', 'missing.jpg', 1, 'x', 10, 10)")
    connection.execute("INSERT INTO revisions (id, page_id, kind, author, created, text) VALUES (1, 1, 'ocr', 'a', 't', 'x')")
    connection.execute("INSERT INTO revisions (id, page_id, parent_id, kind, author, created, text) "
                       "VALUES (2, 1, 1, 'edit', 'a', 't', 'y')")
    connection.execute("UPDATE pages SET current_revision_id = 2")
    connection.execute("INSERT INTO drafts VALUES (1, 2, 'typing', 'a', 't')")
    connection.close()
    with Project.open(path) as project:
        report = project.verify()
        assert report.broken == [] and report.integrity == []
        assert [d.text for d in project.revisions.drafts()] == ["typing"]
        hashes = [revision.chain_hash for revision in project.revisions.all(1)]
    assert all(hashes) and len(set(hashes)) == 2
    assert (tmp_path / "v4.wbproj.v4.bak").exists()
    assert hash_existing_revisions.__doc__  # the migration step documents itself


# Finding 2: a sound file whose writer died in a checkpoint was refused as "truncated".

def test_a_file_shorter_than_its_header_but_whole_with_its_log_opens(project_with_texts: Path) -> None:
    """The state a checkpoint leaves when killed: the database's pages partly in the main file,
    the rest still in the write-ahead log. SQLite reads it whole; so must we."""
    writer = textwrap.dedent(f"""
        import os, sqlite3
        connection = sqlite3.connect({str(project_with_texts)!r}, isolation_level=None)
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("CREATE TABLE ballast (data BLOB)")
        for _ in range(200):
            connection.execute("INSERT INTO ballast VALUES (randomblob(4000))")
        connection.execute("INSERT INTO settings VALUES ('marker', 'the last acknowledged write')")
        connection.execute("COMMIT")
        os.kill(os.getpid(), 9)  # no checkpoint, no close: the log holds the grown database
    """)
    subprocess.run([sys.executable, "-c", writer], check=False)
    wal = project_with_texts.with_name(project_with_texts.name + "-wal")
    assert wal.stat().st_size > 500_000
    # Copy the log's newest first page (the header that counts the grown database) over the file's:
    # what a checkpoint killed after writing page 1 leaves behind.
    page_size = 4096
    data = wal.read_bytes()
    frame = 24 + page_size
    first_pages = [32 + i * frame for i in range((len(data) - 32) // frame)
                   if int.from_bytes(data[32 + i * frame: 36 + i * frame], "big") == 1]
    header = data[first_pages[-1] + 24: first_pages[-1] + 24 + page_size]
    with project_with_texts.open("r+b") as file:
        file.write(header)
    grown = int.from_bytes(header[28:32], "big")
    assert project_with_texts.stat().st_size < grown * page_size  # the old check refused this
    with Project.open(project_with_texts) as project:
        assert project.verify().ok
        assert project.revisions.current_text(1) == "second text of page 0"


def test_a_truly_truncated_file_is_called_damaged_and_names_the_newest_backup(project_with_texts: Path) -> None:
    backups = project_with_texts.with_name(project_with_texts.name + ".backups")
    backups.mkdir(exist_ok=True)
    shutil.copy(project_with_texts, backups / "p-20261201T000000Z-daily.wbproj")
    data = project_with_texts.read_bytes()
    project_with_texts.write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedProjectError, match="p-20261201T000000Z-daily.wbproj") as raised:
        Project.open(project_with_texts)
    assert "workbench restore" in str(raised.value)
    assert len(project_with_texts.read_bytes()) == len(data) // 2


# Finding 6: a full disk and a lock held by another process were called damage.

@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "small"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small disk here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_is_told_as_such_and_the_project_stays_sound(small_disk: Path) -> None:
    path = small_disk / "p.wbproj"
    Image.new("L", (200, 100), 255).save(small_disk / "scan.png")
    with Project.create(path) as project:
        project.pages.add_scans([small_disk / "scan.png"])
    with Project.open(path) as project:  # a window open on the project when the disk fills up
        filler = small_disk / "filler"
        with pytest.raises(OSError), filler.open("wb") as file:
            while True:
                file.write(b"\0" * 65536)
                file.flush()
        with pytest.raises(DiskFullError, match="full"):
            for number in range(200):
                project.revisions.save_draft(1, "x" * 50_000, base_revision_id=None, author=f"a{number}")
        assert workbench_process("status", path).returncode == 0  # reading needs no space
    filler.unlink()
    with Project.open(path) as project:
        assert project.verify().ok


@pytest.mark.slow  # waits out the busy timeout
def test_a_lock_held_by_another_process_is_busy_not_damaged(project_with_texts: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sqlite3, sys, time
            connection = sqlite3.connect({str(project_with_texts)!r}, isolation_level=None)
            connection.execute("PRAGMA locking_mode = EXCLUSIVE")
            connection.execute("BEGIN EXCLUSIVE")
            connection.execute("INSERT INTO settings VALUES ('held', 'yes')")
            print("holding", flush=True)
            time.sleep(60)
        """)], stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with ThreadPoolExecutor(1) as command:  # the command and this process wait out the lock together
            status = command.submit(workbench_process, "status", project_with_texts)
            with pytest.raises(ProjectBusyError):
                Project.open(project_with_texts).close()
            result = status.result()
        assert "busy" in _one_line_error(result) and "damaged" not in result.stderr
    finally:
        holder.kill()
        holder.wait()
    with Project.open(project_with_texts) as project:
        assert project.verify().ok


# Finding 14: tracebacks instead of the promised one line.

def test_invalid_utf8_on_standard_input_is_refused_in_one_line(project_with_texts: Path) -> None:
    error = _one_line_error(workbench_process("save", project_with_texts, "1", "-", stdin=b"caf\xe9 au lait"))
    assert "not UTF-8" in error
    with Project.open(project_with_texts) as project:
        assert project.revisions.current_text(1) == "second text of page 0"


@pytest.mark.parametrize("arguments", [
    ("text", "{project}", str(10**20)),
    ("save", "{project}", "1", "-", "--parent", "99999"),
    ("save", "{project}", "1", "-", "--parent", str(10**20)),
    ("drafts", "{project}", "--show", "77"),
])
def test_ids_that_do_not_exist_are_one_line_errors(project_with_texts: Path, arguments: tuple[str, ...]) -> None:
    filled = [argument.format(project=project_with_texts) for argument in arguments]
    _one_line_error(workbench(*filled, stdin=b"text"))


def test_a_negative_number_of_jobs_is_refused_by_the_parser(project_with_texts: Path) -> None:
    result = workbench("ocr", project_with_texts, "--jobs", "-1")
    assert result.returncode == 2 and "Traceback" not in result.stderr and "--jobs" in result.stderr


def test_a_marked_file_without_tables_is_damaged_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "empty.wbproj"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA application_id = 1463963203")
        connection.execute("PRAGMA user_version = 5")
    connection.close()
    assert "lacks its tables" in _one_line_error(workbench("status", path))


def test_a_damaged_database_is_one_line_and_unchanged(project_with_texts: Path) -> None:
    data = bytearray(project_with_texts.read_bytes())
    data[4096:8192] = os.urandom(4096)  # the second page: the schema's tables live there
    project_with_texts.write_bytes(bytes(data))
    result = workbench("status", project_with_texts)
    _one_line_error(result)
    assert project_with_texts.read_bytes() == bytes(data)


@pytest.mark.parametrize("namespace", ["http://www.loc.gov/standards/alto/ns-v2#",  # in mm10: scaled
                                       "http://www.loc.gov/standards/alto/ns-v4#"])
def test_an_alto_coordinate_of_1e308_is_no_position_not_an_overflow(tmp_path: Path, namespace: str) -> None:
    alto = tmp_path / "huge.xml"
    alto.write_text(
        f'<alto xmlns="{namespace}"><Layout><Page WIDTH="100" HEIGHT="100">'
        '<PrintSpace><TextBlock><TextLine HPOS="0" VPOS="0" WIDTH="90" HEIGHT="10">'
        '<String CONTENT="big" HPOS="1e308" VPOS="0" WIDTH="1e308" HEIGHT="10"/>'
        '<String CONTENT="ok" HPOS="1" VPOS="1" WIDTH="5" HEIGHT="5"/></TextLine></TextBlock>'
        "</PrintSpace></Page></Layout></alto>"
    )
    imported = read_alto(alto, image_width=100, image_height=100, dpi=10)
    assert [word.text for word in imported.words] == ["big", "ok"]
    assert all(0 <= word.left and word.left + word.width <= 100 for word in imported.words)


def test_a_page_text_of_50_mb_is_refused_before_it_is_stored(project_with_texts: Path) -> None:
    huge = ("word " * 10_000_000).encode()
    error = _one_line_error(workbench("save", project_with_texts, "1", "-", stdin=huge))
    assert "at most" in error
    with Project.open(project_with_texts) as project:
        assert len(project.revisions.all(1)) == 2


def test_a_project_id_beyond_sqlite_is_not_found(project_with_texts: Path) -> None:
    with Project.open(project_with_texts) as project, pytest.raises(NotFoundError):
        project.pages.get(10**20)


def test_every_exports_manifest_carries_each_pages_chain_head(project_with_texts: Path, tmp_path: Path) -> None:
    with Project.open(project_with_texts) as project:
        project.exports.write(tmp_path / "out", ["txt"])
        heads = {page.id: project.revisions.get(page.current_revision_id or 0).chain_hash for page in project.pages.all()}
    with (tmp_path / "out" / "manifest.csv").open(encoding="utf-8") as file:
        rows = [row for row in csv.DictReader(file) if row["page_id"]]
    assert rows and {int(row["page_id"]): row["chain_hash"] for row in rows} == heads
    assert all(len(head or "") == 64 for head in heads.values())


def test_an_export_that_embeds_a_swapped_scan_is_refused(project_with_texts: Path, tmp_path: Path) -> None:
    """Finding 11, for exports: a searchable PDF must not carry another page's image."""
    with Project.open(project_with_texts) as project:
        scan = project.pages.scan_file(project.pages.all()[1])
        data = bytearray(scan.read_bytes())
        data[len(data) // 2] ^= 0xFF
        scan.write_bytes(bytes(data))
        with pytest.raises(UnreadableScanError, match="checksum differs"):
            project.exports.write(tmp_path / "out.zip", ["pdf-pages"])
        assert not (tmp_path / "out.zip").exists()
        assert project.exports.write(tmp_path / "text", ["txt"]).pages == 2  # text needs no scan
