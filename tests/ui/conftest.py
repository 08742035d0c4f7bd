"""Fixtures for driving the real widgets: a job runner that fails on leaked jobs, scripted prompts."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.recognised_page import RecognisedPage
from workbench.errors import ConflictError
from workbench.project import Project
from workbench.records import Draft, OcrSettings
from workbench.ui.export_dialog import ExportRequest
from workbench.ui.jobs import JobRunner
from workbench.ui.main_window import MainWindow
from workbench.ui.page_images import load_page_qimage
from workbench.ui.project_link import ProjectLink
from workbench.ui.prompts import ConflictChoice, Prompts, UnsavedChoice


@pytest.fixture
def project(recognised_project_path: Path) -> Iterator[Project]:
    """The recognised sample project, open for the test."""
    with Project.open(recognised_project_path) as project:
        yield project


@pytest.fixture
def link(qtbot: QtBot, recognised_project_path: Path) -> Iterator[ProjectLink]:
    """The window's door to the recognised sample project, for parts tested without the window."""
    link = ProjectLink(recognised_project_path)
    yield link
    link.close()


@pytest.fixture(scope="session")
def page(recognised_sample_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> RecognisedPage:
    """The first sample scan and its words, as the session's recognition of the sample found them."""
    copy = tmp_path_factory.mktemp("first-page") / "sample"
    shutil.copytree(recognised_sample_folder, copy)  # opening a project may write beside it
    with Project.open(copy / "sample.wbproj") as project:
        first = project.pages.all()[0]
        run = project.recognition.ocr_run(first.id)
        assert run is not None
        return RecognisedPage(project.pages.scan_file(first), run.words)


@pytest.fixture(scope="session")
def page_image(qapp: QApplication, page: RecognisedPage) -> QImage:
    return load_page_qimage(page.path, 0)


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[JobRunner]:
    """A runner on a pool of its own; a test that leaves a job running fails."""
    runner = JobRunner(QThreadPool())
    yield runner
    leaked = [job.title for job in runner.running]
    close_windows()
    assert runner.cancel_all_and_wait(), "jobs did not stop"
    assert not leaked, f"jobs still running at the end of the test: {leaked}"


class ScriptedPrompts(Prompts):
    """Answers the window's questions as a test says, and records every question asked."""

    def __init__(self) -> None:
        super().__init__(None)
        self.asked: list[str] = []
        self.unsaved_answer = UnsavedChoice.CANCEL
        self.restore_answer = True
        self.conflict_answer = ConflictChoice.SAVE_MINE_ON_TOP
        self.note_answer: str | None = "a note"
        self.export_answer: ExportRequest | None = None
        self.recognition_answer: OcrSettings | None = None
        self.errors: list[str] = []

    def unsaved_changes(self, page_label: str) -> UnsavedChoice:
        self.asked.append(f"unsaved {page_label}")
        return self.unsaved_answer

    def restore_draft(self, page_label: str, draft: Draft) -> bool:
        self.asked.append(f"restore {page_label}")
        return self.restore_answer

    def conflict(self, error: ConflictError) -> ConflictChoice:
        self.asked.append("conflict")
        return self.conflict_answer

    def revision_note(self) -> str | None:
        self.asked.append("note")
        return self.note_answer

    def author_name(self, suggestion: str) -> str:
        return "test archivist"

    def export_request(self, default_folder: Path) -> ExportRequest | None:
        self.asked.append("export")
        return self.export_answer

    def recognition_options(self, current: OcrSettings, installed: Sequence[str]) -> OcrSettings | None:
        self.asked.append(f"recognition options {current.languages} of {'+'.join(installed)}")
        return self.recognition_answer

    def information(self, title: str, text: str) -> None:
        self.asked.append(f"information {title}")

    def error(self, message: str) -> None:
        self.errors.append(message)


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


_OPEN_WINDOWS: list[tuple[MainWindow, ScriptedPrompts]] = []


def make_window(qtbot: QtBot, path: Path, prompts: ScriptedPrompts, runner: JobRunner) -> MainWindow:
    """The correction window on the project at ``path``, shown and settled; closed after the test
    (unsaved typing discarded) unless the test closes it."""
    link, facts = ProjectLink.open(path)
    window = MainWindow(link, facts, author=lambda: "test archivist", extra_characters="ſ",
                        prompts=prompts, runner=runner)
    _OPEN_WINDOWS.append((window, prompts))
    window.show()
    settle(qtbot, window)
    return window


def close_windows() -> None:
    """Close every window the test made, unsaved typing discarded. The windows are not qtbot's:
    qtbot closes its widgets before any fixture ends, with whatever answer the test left (a close
    refused, and the window deleted with its threads still running)."""
    while _OPEN_WINDOWS:
        window, prompts = _OPEN_WINDOWS.pop()
        prompts.unsaved_answer = UnsavedChoice.DISCARD
        window.close()
        window.deleteLater()


def settle(qtbot: QtBot, *windows: MainWindow, timeout: int = 60_000) -> None:
    """Wait until the windows' calls to their projects are answered and their background work done."""
    qtbot.waitUntil(lambda: not any(window.busy for window in windows), timeout=timeout)


@pytest.fixture
def window(qtbot: QtBot, recognised_project_path: Path, prompts: ScriptedPrompts,
           runner: JobRunner) -> MainWindow:
    """The window on the recognised sample project."""
    return make_window(qtbot, recognised_project_path, prompts, runner)
