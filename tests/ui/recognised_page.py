"""A sample page with the words real Tesseract finds on it, for the page view and line strip tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect

from workbench.records import OcrWord


@dataclass(frozen=True)
class RecognisedPage:
    """A sample scan and the words Tesseract found on it."""

    path: Path
    words: tuple[OcrWord, ...]

    def lines(self) -> list[list[int]]:
        """The word indexes of each text line, in reading order."""
        lines: dict[tuple[int, int, int], list[int]] = {}
        for index, word in enumerate(self.words):
            lines.setdefault((word.block, word.paragraph, word.line), []).append(index)
        return list(lines.values())

    def box(self, index: int) -> QRect:
        word = self.words[index]
        return QRect(word.left, word.top, word.width, word.height)

    def line_box(self, line: list[int]) -> QRect:
        box = QRect()
        for index in line:
            box = box.united(self.box(index))
        return box

