"""``workbench verify``: proof that the project's history and scans are what was stored.

Three checks, each independent of the others: SQLite's own integrity check of the file, every
revision's hash chain (store/chain.py), and every scan's size and SHA-256 against the values
taken when it was added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from workbench.progress import NoProgress, Progress
from workbench.project.scans import ScanProblem, scan_problems
from workbench.store.chain import BrokenLink, broken_links


@dataclass(frozen=True)
class VerifyReport:
    revisions: int
    pages: int
    integrity: list[str] = field(default_factory=list)
    """SQLite's integrity_check findings; empty when the file is sound."""
    broken: list[BrokenLink] = field(default_factory=list)
    scans: list[ScanProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.integrity or self.broken or self.scans)


def verify(db: sqlite_utils.Database, project_folder: Path, progress: Progress = NoProgress()) -> VerifyReport:
    progress.advance(0, 3, "file")
    integrity = [row[0] for row in db.execute("PRAGMA integrity_check(100)")]
    progress.advance(1, 3, "history")
    broken = list(broken_links(db.conn))
    progress.advance(2, 3, "scans")
    scans = scan_problems(db, project_folder, verify_contents=True)
    progress.advance(3, 3, "")
    revisions, page_count = db.execute(
        "SELECT (SELECT COUNT(*) FROM revisions), (SELECT COUNT(*) FROM pages)"
    ).fetchone()
    return VerifyReport(revisions, page_count, [] if integrity == ["ok"] else integrity, broken, scans)
