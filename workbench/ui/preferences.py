"""The user's own preferences (author name, recent projects), in a small JSON file.

Collection options live in the project file; window geometry lives in QSettings. This file holds
what belongs to the person, in a folder ``app.py`` chooses (``--config-dir`` overrides it).
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from workbench.project import write_atomically

log = logging.getLogger(__name__)
PREFERENCES_VERSION = 1
MAX_RECENT = 10


@dataclass(frozen=True)
class Preferences:
    author: str | None = None
    recent_projects: tuple[str, ...] = ()
    extra_characters: str = "ſéßàç§–—“”„‘’«»"
    version: int = field(default=PREFERENCES_VERSION)

    def with_recent(self, project: Path) -> Preferences:
        path = str(project.resolve())
        recent = (path, *(p for p in self.recent_projects if p != path))[:MAX_RECENT]
        return replace(self, recent_projects=recent)


def load_preferences(folder: Path) -> Preferences:
    """Read the preferences; a missing or unreadable file gives the defaults (and is logged)."""
    path = folder / "preferences.json"
    if not path.exists():
        return Preferences()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Preferences(
            author=data.get("author"),
            recent_projects=tuple(str(p) for p in data.get("recent_projects", ())),
            extra_characters=str(data.get("extra_characters", Preferences.extra_characters)),
        )
    except (OSError, ValueError, AttributeError) as error:
        log.warning("ignoring unreadable preferences %s: %s", path, error)
        return Preferences()


def save_preferences(folder: Path, preferences: Preferences) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / "preferences.json", json.dumps(asdict(preferences), indent=2))
