"""The collection's recognition options: the languages on its pages, their layout, and whether each
page is read a second time. Chosen once per project; every recognition from the window uses them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QListWidget, QListWidgetItem,
    QVBoxLayout, QWidget,
)

from workbench.project import OcrSettings

LAYOUTS = {
    3: ("automatic layout", "Automatic: columns, headings and blocks"),
    4: ("one column", "One column of text"),
    6: ("one block", "One block of text"),
    11: ("scattered text", "Scattered text: forms, tables, stamps"),
}
"""Tesseract page segmentation modes worth offering, in the words an archivist would use: short,
for the status bar, and as the dialog offers them."""
NOT_LANGUAGES = frozenset({"osd", "equ"})
"""Tesseract data files that are no language of a text (orientation and script, equations)."""
CODE_ROLE = Qt.ItemDataRole.UserRole


def language_name(code: str) -> str:
    """"German (deu)" for a Tesseract code; the code alone where Qt knows no such language."""
    name = _language(code)
    return code if name is None else f"{name} ({code})"


def _language(code: str) -> str | None:
    """The language of a Tesseract code ("deu", "deu_latf"), by its ISO 639-2 part."""
    language = QLocale.codeToLanguage(code.split("_")[0], QLocale.LanguageCodeType.ISO639Part2)
    return None if language == QLocale.Language.AnyLanguage else QLocale.languageToString(language)


def describe(settings: OcrSettings) -> str:
    """The options in a few words, for the status bar."""
    languages = " + ".join(_language(code) or code for code in settings.languages.split("+"))
    layout = LAYOUTS[settings.psm][0] if settings.psm in LAYOUTS else f"page segmentation mode {settings.psm}"
    look = "a second look at each page" if settings.second_look else "one look at each page"
    return f"{languages}, {layout}, {look}"


class RecognitionDialog(QDialog):
    """Shows ``current`` and returns the options chosen (``settings``). Only installed languages
    can be chosen: a language the project names but this machine lacks is shown, and must be
    unticked or installed."""

    def __init__(self, current: OcrSettings, installed: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recognition options")
        self.installed = frozenset(installed)
        chosen = [code for code in current.languages.split("+") if code]
        self.languages = QListWidget()
        offered = chosen + sorted(code for code in self.installed - NOT_LANGUAGES if code not in chosen)
        for code in offered:
            missing = code not in self.installed
            item = QListWidgetItem(language_name(code) + (" — not installed" if missing else ""))
            item.setData(CODE_ROLE, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
            self.languages.addItem(item)
        self.layout_choice = QComboBox()
        for psm, (_, label) in LAYOUTS.items():
            self.layout_choice.addItem(label, psm)
        if current.psm not in LAYOUTS:  # set with workbench ocr --psm
            self.layout_choice.addItem(f"Tesseract page segmentation mode {current.psm}", current.psm)
        self.layout_choice.setCurrentIndex(self.layout_choice.findData(current.psm))
        self.second_look = QCheckBox("Read each page a second time, smaller, to find more misreadings")
        self.second_look.setChecked(current.second_look)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)

        form = QFormLayout()
        form.addRow("Layout of the pages:", self.layout_choice)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Languages on the pages (tick only those used: each one more slows "
                                "recognition and invites misreadings):"))
        layout.addWidget(self.languages)
        layout.addLayout(form)
        layout.addWidget(self.second_look)
        layout.addWidget(_hint("Recognition takes about twice as long with the second look."))
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.languages.itemChanged.connect(self._update_ok)
        self._update_ok()

    def chosen_languages(self) -> list[str]:
        items = (self.languages.item(row) for row in range(self.languages.count()))
        return [item.data(CODE_ROLE) for item in items if item.checkState() == Qt.CheckState.Checked]

    def settings(self) -> OcrSettings:
        return OcrSettings(languages="+".join(self.chosen_languages()), psm=int(self.layout_choice.currentData()),
                           second_look=self.second_look.isChecked())

    def _update_ok(self) -> None:
        chosen = self.chosen_languages()
        missing = [code for code in chosen if code not in self.installed]
        if not chosen:
            self.problem.setText("Tick at least one language.")
        elif missing:
            self.problem.setText(f"Tesseract on this computer has no {', '.join(missing)} language data: "
                                 "untick it, or install it and open this dialog again.")
        else:
            self.problem.setText("")
        self.ok_button.setEnabled(bool(chosen) and not missing)


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setEnabled(False)  # drawn in the style's muted colour
    return label
