"""The one lookup for icon files under ``resources/icons``; an unknown name is an error, not a blank."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
APP_ID = "org.ocrworkbench.Workbench"
"""One reverse-DNS id for the desktop file, the icon, the metainfo and the running application."""


def icon_path(name: str) -> Path:
    path = ICONS / f"{name}.svg"
    if not path.is_file():
        raise LookupError(f"no icon named {name!r} in {ICONS}")
    return path


def icon(name: str) -> QIcon:
    return QIcon(str(icon_path(name)))
