"""The character palette: which characters it offers, in what order, and what a click asks for."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from workbench.project import Project
from workbench.ui.character_palette import (
    DEFAULT_EXTRA,
    CharacterPalette,
    characters_in_use,
    palette_characters,
)

pytestmark = pytest.mark.gui


def test_characters_in_use_are_non_ascii_and_most_frequent_first() -> None:
    texts = ["Straße, Straße", "Ærø\u00a0café", "«naïve» – ß\u200b"]
    assert characters_in_use(texts) == ["ß", "«", "»", "Æ", "é", "ï", "ø", "–"]
    assert characters_in_use(texts, limit=2) == ["ß", "«"]


def test_project_characters_come_first_then_the_configured_ones_each_once() -> None:
    assert palette_characters(["ü", "ß", "a", " "], "ſß§") == ["ü", "ß", "ſ", "§"]


def test_palette_offers_the_characters_of_a_real_project(qtbot: QtBot, project: Project) -> None:
    used = characters_in_use(project.revisions.current_text(page.id) for page in project.pages.all())
    assert used  # Tesseract reads curly quotes and dashes on these typewritten pages
    palette = CharacterPalette()
    qtbot.addWidget(palette)

    palette.set_characters(used)

    assert palette.characters() == palette_characters(used, DEFAULT_EXTRA)
    assert palette.characters()[: len(used)] == used


def test_each_button_is_named_and_clicking_it_asks_for_its_character(qtbot: QtBot) -> None:
    palette = CharacterPalette()
    qtbot.addWidget(palette)
    palette.set_characters("ŕ")
    button = palette.button_for("ſ")
    assert button.toolTip() == "LATIN SMALL LETTER LONG S (U+017F)"
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus  # the editor keeps the cursor

    with qtbot.waitSignal(palette.character_chosen) as chosen:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert chosen.args == ["ſ"]
    assert palette.characters()[0] == "ŕ"


def test_setting_characters_again_replaces_the_buttons(qtbot: QtBot) -> None:
    palette = CharacterPalette()
    qtbot.addWidget(palette)
    palette.set_characters("ŕ", extra="ł")
    palette.set_characters("", extra="§")
    assert palette.characters() == ["§"]
    shown = [button.text() for button in palette.findChildren(QToolButton) if button.isVisibleTo(palette)]
    assert shown == ["§"]
    with pytest.raises(KeyError):
        palette.button_for("ŕ")
