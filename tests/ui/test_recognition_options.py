"""Choosing the collection's recognition options in the window, and recognising with them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from tests.ui.conftest import ScriptedPrompts, make_window
from workbench.ocr.tesseract import installed_languages
from workbench.project import Project
from workbench.records import OcrSettings
from workbench.ui.jobs import JobRunner
from workbench.ui.prompts import UnsavedChoice
from workbench.ui.recognition_dialog import CODE_ROLE, RecognitionDialog, describe, language_name

pytestmark = pytest.mark.gui


def test_the_dialog_shows_the_options_and_offers_the_installed_languages(qtbot: QtBot) -> None:
    installed = installed_languages()  # the real Tesseract's: eng at least, and osd, which is no language
    dialog = RecognitionDialog(OcrSettings(), installed)
    qtbot.addWidget(dialog)
    codes = [dialog.languages.item(row).data(CODE_ROLE) for row in range(dialog.languages.count())]
    assert codes[0] == "eng" and "osd" not in codes
    assert dialog.languages.item(0).text() == "English (eng)"
    assert dialog.settings() == OcrSettings()
    dialog.second_look.setChecked(False)
    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData(11))
    assert dialog.settings() == OcrSettings(languages="eng", psm=11, second_look=False)


def test_a_language_this_computer_lacks_must_be_unticked_and_none_at_all_is_refused(qtbot: QtBot) -> None:
    dialog = RecognitionDialog(OcrSettings(languages="eng+deu"), ["eng", "osd"])
    qtbot.addWidget(dialog)
    assert dialog.languages.item(1).text() == "German (deu) — not installed"
    assert not dialog.ok_button.isEnabled() and "deu" in dialog.problem.text()
    dialog.languages.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.ok_button.isEnabled() and dialog.problem.text() == ""
    dialog.languages.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.ok_button.isEnabled() and dialog.problem.text() == "Tick at least one language."


def test_a_mode_the_dialog_does_not_name_is_kept_and_described(qtbot: QtBot) -> None:
    assert language_name("frk") == "frk"
    assert describe(OcrSettings(languages="eng+deu", psm=4)) == "English + German, one column, a second look at each page"
    assert describe(OcrSettings(languages="eng+frk", psm=13, second_look=False)) == (
        "English + frk, page segmentation mode 13, one look at each page")
    dialog = RecognitionDialog(OcrSettings(psm=13), ["eng"])
    qtbot.addWidget(dialog)
    assert dialog.layout_choice.currentText() == "Tesseract page segmentation mode 13"
    assert dialog.settings().psm == 13


@pytest.mark.slow
@pytest.mark.live_ocr
def test_options_chosen_in_the_window_are_kept_in_the_project_and_used_to_recognise(
    qtbot: QtBot, tmp_path: Path, sample_scans: list[Path], prompts: ScriptedPrompts, runner: JobRunner
) -> None:
    path = tmp_path / "fresh.wbproj"
    shutil.copy(sample_scans[0], tmp_path / sample_scans[0].name)
    with Project.create(path) as project:
        project.pages.add_scans([tmp_path / sample_scans[0].name])
    window = make_window(qtbot, path, prompts, runner)
    prompts.recognition_answer = None
    window.work.choose_recognition_options()  # Tesseract is asked for its languages off the GUI thread
    qtbot.waitUntil(lambda: bool(prompts.asked) and prompts.asked[-1].startswith("recognition options"),
                    timeout=30_000)
    assert prompts.asked[-1].startswith("recognition options eng of ")
    with Project.open(path) as project:
        assert project.recognition.settings() == OcrSettings()  # cancelled: nothing changes

    prompts.recognition_answer = OcrSettings(psm=4, second_look=False)
    menu_entry = next(a for a in window.findChildren(QAction) if a.text() == "Recognition &options…")
    assert menu_entry.shortcut().toString() == "Ctrl+Alt+R"
    menu_entry.trigger()
    qtbot.waitUntil(lambda: "one look at each page" in window.statusBar().currentMessage(), timeout=30_000)
    with Project.open(path) as reopened:
        assert reopened.recognition.settings() == OcrSettings(psm=4, second_look=False)

    window.work.recognise_all()
    qtbot.waitUntil(lambda: bool(runner.running), timeout=10_000)  # once the options are read
    with qtbot.waitSignal(runner.running[-1].signals.ended, timeout=120_000):
        pass
    with Project.open(path) as project:
        run = project.recognition.ocr_run(project.pages.all()[0].id)
    assert run is not None and run.settings == OcrSettings(psm=4, second_look=False).as_dict()
    assert run.words and not any(word.second_look for word in run.words)
    prompts.unsaved_answer = UnsavedChoice.DISCARD
    window.close()
