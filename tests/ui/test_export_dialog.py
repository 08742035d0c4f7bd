"""Exporting from the window: the dialog's choices, and the export job they start."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import ScriptedPrompts, make_window
from workbench.project import PageStatus
from workbench.ui.export_dialog import ExportDialog, ExportRequest
from workbench.ui.jobs import JobRunner
from workbench.ui.main_window import MainWindow
from workbench.ui.prompts import UnsavedChoice

pytestmark = pytest.mark.gui


def test_the_dialog_offers_every_format_and_needs_at_least_one(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path)
    qtbot.addWidget(dialog)
    assert {"txt", "alto", "page", "hocr", "tei", "json", "pdf", "docx", "lines"} <= set(dialog.format_boxes)
    assert dialog.request().formats == ("txt",)
    assert dialog.request().statuses == (PageStatus.CORRECTED, PageStatus.VERIFIED)
    dialog.format_boxes["txt"].setChecked(False)
    assert not dialog.ok_button.isEnabled()
    dialog.format_boxes["alto"].setChecked(True)
    dialog.as_zip.setChecked(True)
    request = dialog.request()
    assert dialog.ok_button.isEnabled()
    assert request.formats == ("alto",) and request.target == tmp_path / "export.zip"


def test_exporting_from_the_window_writes_a_zip_with_its_manifest(
    qtbot: QtBot, recognised_project_path: Path, prompts: ScriptedPrompts, runner: JobRunner, tmp_path: Path
) -> None:
    window = make_window(qtbot, recognised_project_path, prompts, runner)
    target = tmp_path / "out.zip"
    prompts.export_answer = ExportRequest(target, ("txt", "alto"), tuple(PageStatus))
    window.work.choose_export()
    qtbot.waitUntil(lambda: not window.busy, timeout=60_000)
    assert prompts.asked[-1] == "export" and not prompts.errors
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        manifest = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8"))))
    assert sum(name.endswith(".alto.xml") for name in names) == 4
    assert {row["format"] for row in manifest} >= {"txt", "alto"}
    prompts.unsaved_answer = UnsavedChoice.DISCARD
    window.close()


@pytest.mark.parametrize("replace", [True, False])
def test_the_window_asks_before_replacing_what_is_not_an_earlier_export(
    qtbot: QtBot, window: MainWindow, prompts: ScriptedPrompts, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, replace: bool,
) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("my notes", encoding="utf-8")
    questions: list[str] = []

    def answer(parent: QWidget | None, title: str, text: str, *buttons: object) -> QMessageBox.StandardButton:
        questions.append(f"{title} {text}")
        return QMessageBox.StandardButton.Yes if replace else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    prompts.export_answer = ExportRequest(target, ("txt",), tuple(PageStatus))
    window.work.choose_export()
    qtbot.waitUntil(lambda: not window.busy, timeout=60_000)
    assert len(questions) == 1 and questions[0].startswith(f"Replace? Replace {target}?")
    assert "notes.txt" in questions[0] and not prompts.errors
    if replace:
        assert (target / "manifest.csv").exists() and not (target / "notes.txt").exists()
    else:
        assert [path.name for path in target.iterdir()] == ["notes.txt"]
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]


def test_exporting_no_pages_from_the_window_says_so_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    prompts.export_answer = ExportRequest(tmp_path / "out", ("txt",), (PageStatus.VERIFIED,))
    window.work.choose_export()
    qtbot.waitUntil(lambda: not window.busy, timeout=60_000)
    assert len(prompts.errors) == 1 and prompts.errors[0].startswith("Nothing to export")
    assert not (tmp_path / "out").exists()
