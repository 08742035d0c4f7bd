"""The texts of the Help menu: keyboard shortcuts and the About box (versions, attribution)."""

from __future__ import annotations

import html
from importlib import metadata
from collections.abc import Iterable

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QKeySequence

from workbench import APP_NAME, __version__
from workbench.errors import OcrEngineError
from workbench.project import PROJECT_FORMAT_VERSION, tesseract_version
from workbench.sample import ATTRIBUTION


def _tesseract_line() -> str:
    """The About box's Tesseract: its version, or how to install it (the box opens either way)."""
    try:
        return tesseract_version()
    except OcrEngineError:
        return "not installed (apt-get install tesseract-ocr)"


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def about_text() -> str:
    return (
        f"<h3>{APP_NAME} {html.escape(__version__)}</h3>"
        "<p>Correct OCR of archival scans, page by page.</p>"
        f"<p>Qt {qVersion()} (PySide6 {PySide6.__version__})<br>"
        f"Tesseract {html.escape(_tesseract_line())}<br>"
        f"Word lists: wordfreq {html.escape(_package_version('wordfreq'))}<br>"
        f"Project file format {PROJECT_FORMAT_VERSION}</p>"
        f"<p><small>{html.escape(ATTRIBUTION)}</small></p>"
    )


def shortcuts_text(actions: Iterable[QAction]) -> str:
    """An HTML table of every action that has a shortcut, so the list can never go stale."""
    rows = []
    for action in actions:
        keys = ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts())
        if keys and action.text():
            rows.append(f"<tr><td>{html.escape(action.text().replace('&', ''))}</td>"
                        f"<td><b>{html.escape(keys)}</b></td></tr>")
    return "<table cellspacing='6'>" + "".join(sorted(set(rows))) + "</table>"
