"""Guards against a Qt binding that would crash the editor in a long session."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]


def test_moving_a_text_cursor_leaves_reference_counts_alone() -> None:
    """PySide6 6.12.0 decremented None's reference count on every ``setPosition``; the editor calls
    it on each keystroke, so a day's typing aborted the process. pyproject.toml pins it out."""
    document = QTextDocument()
    document.setPlainText("faot of the offioials " * 20)
    cursor = QTextCursor(document)
    before = sys.getrefcount(None)
    for position in range(200):
        cursor.setPosition(position)
    assert abs(sys.getrefcount(None) - before) < 50
