"""What the facade's parts share: one open project file, its connection and its caches.

``Project`` holds one ``ProjectContext`` and hangs its nouns off it (``project.pages``,
``project.revisions``, ``project.recognition``, ``project.suggestions``, ``project.replace``,
``project.exports``), each a small class over the same connection, as one collection serves its
decks and models.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from workbench.errors import NotFoundError
from workbench.records import Page, Revision
from workbench.store import pages, revisions


def now() -> str:
    """Timestamps are UTC, ISO 8601 to the second: sortable as text and unambiguous across places."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ProjectContext:
    def __init__(self, path: Path, db: sqlite_utils.Database, *, read_only: bool) -> None:
        self.path = path
        self.db = db
        self.read_only = read_only

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def name(self) -> str:
        return pages.setting(self.db, "name") or self.path.stem

    def page(self, page_id: int) -> Page:
        page = pages.page(self.db, page_id) if is_row_id(page_id) else None
        if page is None:
            raise NotFoundError(f"There is no page {page_id} in {self.path.name}.")
        return page

    def revision(self, revision_id: int) -> Revision:
        revision = revisions.revision(self.db, revision_id) if is_row_id(revision_id) else None
        if revision is None:
            raise NotFoundError(f"There is no revision {revision_id} in {self.path.name}.")
        return revision

    def current_text(self, page_id: int) -> str:
        revision_id = self.page(page_id).current_revision_id
        return "" if revision_id is None else self.revision(revision_id).text


def is_row_id(number: int) -> bool:
    """Whether a number can be an SQLite row id at all (a page number of 10**20 cannot)."""
    return 0 < number < 2**63
