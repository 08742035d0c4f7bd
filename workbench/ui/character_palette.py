"""Buttons for characters a keyboard lacks: those the project already uses, then a configured set."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QToolButton, QWidget

DEFAULT_EXTRA = "ſéßàç§–—“”„‘’«»"
COLUMNS = 16


def characters_in_use(texts: Iterable[str], *, limit: int = 32) -> list[str]:
    """The non-ASCII characters in ``texts`` worth a button, most frequent first (ties by code point).

    Cheap enough for a project, but it reads every page: the window runs it in a job.
    """
    counts = Counter(char for text in texts for char in text if _wanted(char))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [char for char, _ in ranked[:limit]]


def palette_characters(project_characters: Iterable[str], extra: str = DEFAULT_EXTRA) -> list[str]:
    """The project's own non-ASCII characters first, then ``extra``, each once."""
    chosen = (char for char in (*project_characters, *extra) if _wanted(char))
    return list(dict.fromkeys(chosen))


def character_name(char: str) -> str:
    """What a button's tooltip says, e.g. ``LATIN SMALL LETTER LONG S (U+017F)``."""
    return f"{unicodedata.name(char, 'unnamed character')} (U+{ord(char):04X})"


def _wanted(char: str) -> bool:
    # ASCII is on every keyboard; spaces, controls and format characters make invisible buttons.
    return not char.isascii() and not char.isspace() and not unicodedata.category(char).startswith("C")


class CharacterPalette(QWidget):
    """A grid of buttons, one per character; the buttons take no focus, so the editor keeps it.

    Signals:
        character_chosen(char): the user clicked a character, to be typed where the cursor is.
    """

    character_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._buttons: list[QToolButton] = []
        self.set_characters([])

    def set_characters(self, project_characters: Iterable[str], extra: str = DEFAULT_EXTRA) -> None:
        """Offer the project's characters (see ``characters_in_use``) followed by ``extra``."""
        for button in self._buttons:
            self._layout.removeWidget(button)
            button.hide()  # deleteLater waits for the event loop; until then it would still paint
            button.deleteLater()
        self._buttons = [self._button(char) for char in palette_characters(project_characters, extra)]
        for position, button in enumerate(self._buttons):
            self._layout.addWidget(button, *divmod(position, COLUMNS))

    def characters(self) -> list[str]:
        return [button.text() for button in self._buttons]

    def button_for(self, char: str) -> QToolButton:
        """The button that types ``char``; KeyError when the palette does not offer it."""
        for button in self._buttons:
            if button.text() == char:
                return button
        raise KeyError(char)

    def _button(self, char: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(char)
        button.setToolTip(character_name(char))
        button.setAccessibleName(character_name(char))
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRaise(True)
        button.clicked.connect(lambda: self.character_chosen.emit(char))
        return button
