"""The About box names the Tesseract it runs, and opens all the same where there is none."""

from __future__ import annotations

import re
from pathlib import Path

import pytesseract
import pytest

from workbench.ui.dialogs import about_text


def test_the_about_box_names_the_installed_tesseract() -> None:
    assert re.search(r"Tesseract 5(\.\d+)+<br>", about_text())


def test_the_about_box_without_tesseract_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    assert "Tesseract not installed (apt-get install tesseract-ocr)<br>" in about_text()
