"""An error escaping a window handler becomes a dialog with its one sentence, logged in full."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.errors import DiskFullError
from workbench.ui.error_reporting import report_errors_in_dialogs


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[list[str]]:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: messages.append(text))
    previous = sys.excepthook
    report_errors_in_dialogs(Path("/var/log/workbench.log"))
    yield messages
    sys.excepthook = previous


def _raise_into_hook(error: BaseException) -> None:
    try:
        raise error
    except BaseException as caught:
        sys.excepthook(type(caught), caught, caught.__traceback__)


def test_a_users_error_is_shown_as_its_message(shown: list[str], caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="workbench.ui"):
        _raise_into_hook(DiskFullError("The disk holding p.wbproj is full; free some space."))
    assert shown == ["The disk holding p.wbproj is full; free some space."]
    assert "Traceback" in caplog.text


def test_a_bug_names_itself_and_the_log(shown: list[str]) -> None:
    _raise_into_hook(KeyError("page"))
    assert "KeyError" in shown[0] and "/var/log/workbench.log" in shown[0]
