"""The project file refuses what it must not change and migrates what it may."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PIL import Image

from tests.project_file import connections_opened, still_open
from tests.read_only import read_only
from workbench.errors import NewerProjectError, ProjectFileError, ReadOnlyProjectError
from workbench.project import Project
from workbench.records import OcrSettings
from workbench.store.database import APPLICATION_ID
from workbench.store.migrations import LATEST_VERSION


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def empty_project(tmp_path: Path) -> Path:
    path = tmp_path / "collection.wbproj"
    Project.create(path).close()
    return path


def test_a_new_project_uses_wal_foreign_keys_and_the_latest_version(
    empty_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with connections_opened(monkeypatch) as opened, Project.open(empty_project) as project:
        connection = still_open(opened)
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert connection.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert project.name == "collection"


def test_creating_over_an_existing_file_is_refused(empty_project: Path) -> None:
    with pytest.raises(ProjectFileError, match="already exists"):
        Project.create(empty_project)


def test_a_project_from_a_newer_version_is_refused_and_left_untouched(empty_project: Path) -> None:
    with sqlite3.connect(empty_project) as connection:
        connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.close()
    before = _digest(empty_project)
    with pytest.raises(NewerProjectError, match="newer Workbench"):
        Project.open(empty_project)
    assert _digest(empty_project) == before


def test_another_sqlite_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "photos.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER)")
    connection.close()
    before = _digest(other)
    with pytest.raises(ProjectFileError, match="not a Workbench project"):
        Project.open(other)
    assert _digest(other) == before


@pytest.mark.parametrize("content", [b"", b"just some notes\n", b"PK\x03\x04zip"])
def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.wbproj"
    path.write_bytes(content)
    with pytest.raises(ProjectFileError):
        Project.open(path)
    assert path.read_bytes() == content


def test_a_truncated_project_is_refused(recognised_project_path: Path) -> None:
    data = recognised_project_path.read_bytes()
    recognised_project_path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ProjectFileError, match="truncated"):
        Project.open(recognised_project_path)
    assert len(recognised_project_path.read_bytes()) == len(data) // 2


def test_a_missing_project_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="workbench new"):
        Project.open(tmp_path / "nowhere.wbproj")


def test_an_older_project_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.wbproj"
    with sqlite3.connect(path) as connection:  # a project as version 0 left it: marked, no tables
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.close()
    with Project.open(path) as project:
        assert project.pages.documents() == []
    with sqlite3.connect(tmp_path / "old.wbproj.v0.bak") as backup:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 0
        assert backup.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert backup.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0
    backup.close()


def test_revisions_cannot_be_changed_or_deleted_even_by_sql(recognised_project_path: Path) -> None:
    with closing(sqlite3.connect(recognised_project_path, isolation_level=None)) as connection:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute("UPDATE revisions SET text = 'x'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute("DELETE FROM revisions")


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a project, made read-only: by permissions for a normal user, and (since
    root ignores permissions) by a read-only bind mount for root."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    with Project.create(folder / "p.wbproj") as project:
        Image.new("L", (300, 100), 255).save(folder / "page.png")
        page_id = project.pages.add_scans([folder / "page.png"]).page_ids[0]
        project.revisions.save(page_id, "a page kept where nobody may write", parent_id=None, author="ana")
    with read_only(folder):
        yield folder


def test_a_project_in_a_read_only_folder_opens_for_reading_and_export(
    read_only_folder: Path, tmp_path: Path
) -> None:
    with Project.open(read_only_folder / "p.wbproj") as project:
        assert project.read_only
        assert project.revisions.current_text(1) == "a page kept where nobody may write"
        assert project.verify().ok
        assert project.exports.write(tmp_path / "out.zip", ["txt", "pdf"]).pages == 1
        with pytest.raises(ReadOnlyProjectError, match="read-only"):
            project.recognition.set_settings(OcrSettings(languages="deu"))
    assert sorted(path.name for path in read_only_folder.iterdir()) == ["p.wbproj", "page.png"]


def test_creating_a_project_in_a_read_only_folder_is_refused(read_only_folder: Path) -> None:
    with pytest.raises(ReadOnlyProjectError, match="read-only"):
        Project.create(read_only_folder / "new.wbproj")


def test_the_other_readings_tesseract_weighed_are_kept_with_the_words(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        runs = [project.recognition.ocr_run(page.id) for page in project.pages.all()]
        readings = [word.alternatives for run in runs if run is not None for word in run.words if word.alternatives]
    assert readings and all(isinstance(reading, tuple) and reading for reading in readings)


def test_the_second_look_is_kept_with_the_words(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        runs = [project.recognition.ocr_run(page.id) for page in project.pages.all()]
        looked = [word for run in runs if run is not None for word in run.words if word.second_look]
    assert looked and all(word.second_look != word.text for word in looked)


def test_the_recognition_options_are_kept_in_the_project_file(empty_project: Path) -> None:
    with Project.open(empty_project) as project:
        assert project.recognition.settings() == OcrSettings()
        project.recognition.set_settings(OcrSettings(languages="eng+deu", psm=4, second_look=False))
    with Project.open(empty_project) as project:
        assert project.recognition.settings() == OcrSettings(languages="eng+deu", psm=4, second_look=False)


@pytest.mark.parametrize("stored, read", [
    ('{"languages": "fra", "psm": "four", "dewarp": true}', OcrSettings(languages="fra")),  # a newer version's
    ("[1, 2]", OcrSettings()),
    ("{not json", OcrSettings()),
])
def test_recognition_options_that_cannot_be_read_give_way_to_the_defaults(
    empty_project: Path, stored: str, read: OcrSettings
) -> None:
    with sqlite3.connect(empty_project) as connection:
        connection.execute("INSERT INTO settings (key, value) VALUES ('ocr_settings', ?)", [stored])
    connection.close()
    with Project.open(empty_project) as project:
        assert project.recognition.settings() == read
