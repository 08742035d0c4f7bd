"""Where a page's scan is on disk, whether it is still there and unchanged, and relinking it."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import sqlite_utils

from workbench.errors import UnreadableScanError
from workbench.formats.scans import find_scan_files, page_image_bytes, sha256_of_file
from workbench.records import Page
from workbench.store import pages
from workbench.store.transactions import write_transaction


@dataclass(frozen=True)
class ScanProblem:
    page: Page
    kind: Literal["missing", "changed"]
    detail: str


def stored_scan_path(project_folder: Path, scan: Path) -> str:
    """Scans are stored relative to the project's folder where possible, so a project moved
    together with its scans still finds them."""
    try:
        return Path(os.path.relpath(scan.resolve(), project_folder)).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return scan.resolve().as_posix()


def scan_file(project_folder: Path, page: Page) -> Path:
    return project_folder / Path(page.scan_path)


def checked_scan_file(project_folder: Path, page: Page) -> Path:
    """The page's scan, refusing one that is gone or no longer the file that was imported."""
    path = scan_file(project_folder, page)
    if not path.is_file():
        raise UnreadableScanError(path, "the scan is missing; relink it with 'workbench relink'")
    if path.stat().st_size != page.scan_size:
        raise UnreadableScanError(path, "the scan has changed since it was added to the project")
    return path


def scan_problems(
    db: sqlite_utils.Database, project_folder: Path, *, verify_contents: bool = False
) -> list[ScanProblem]:
    """Missing and changed scans. Sizes are always compared; contents only when asked (hashing
    a thousand scans takes a while)."""
    problems = []
    hashes: dict[Path, str] = {}
    for page in pages.pages(db):
        path = scan_file(project_folder, page)
        if not path.is_file():
            problems.append(ScanProblem(page, "missing", f"{path} is missing"))
        elif path.stat().st_size != page.scan_size:
            problems.append(ScanProblem(page, "changed", f"{path} has a different size"))
        elif verify_contents:
            digest = hashes.get(path) or hashes.setdefault(path, sha256_of_file(path))
            if digest != page.scan_sha256:
                problems.append(ScanProblem(page, "changed", f"{path} has different contents"))
    return problems


def relink_scans(db: sqlite_utils.Database, project_folder: Path, search_folder: Path) -> int:
    """Point pages whose scan is missing at the file under ``search_folder`` with the same contents."""
    missing = [p for p in pages.pages(db) if not scan_file(project_folder, p).is_file()]
    if not missing:
        return 0
    wanted_sizes = {page.scan_size for page in missing}
    by_hash: dict[str, Path] = {}
    for candidate in find_scan_files([search_folder]):
        if candidate.stat().st_size in wanted_sizes:
            by_hash.setdefault(sha256_of_file(candidate), candidate)
    relinked = 0
    with write_transaction(db) as connection:
        for page in missing:
            found = by_hash.get(page.scan_sha256)
            if found is not None:
                pages.relink_scan(connection, page.id, stored_scan_path(project_folder, found))
                relinked += 1
    return relinked


@dataclass
class CheckedScans:
    """Page images for OCR and export, each from a scan proven to be the file that was added: same size and
    sha256 as stored, so a scan swapped for another page is never recognised as this one.

    A single-image scan is sent as its own bytes, and those are hashed: the file is read once.
    A TIFF frame or PDF page is sent rendered, so its file is hashed, once per batch.
    """

    folder: Path
    digests: dict[Path, str] = field(default_factory=dict)

    def page_image(self, page: Page) -> bytes:
        """The page's image, after its scan's size and contents are checked.

        Raises:
            UnreadableScanError: The scan is missing, cannot be read, or has changed.
        """
        path = checked_scan_file(self.folder, page)
        try:
            image = page_image_bytes(path, page.scan_index)
        except UnreadableScanError:
            self._check_file(path, page)  # a changed file says more than the damage it shows
            raise
        if len(image) != page.scan_size or hashlib.sha256(image).hexdigest() != page.scan_sha256:
            self._check_file(path, page)  # a rendered page, or the file has changed
        return image

    def verified_file(self, page: Page) -> Path:
        """The page's scan file, after its size and sha256 are checked (for writers that embed it)."""
        path = checked_scan_file(self.folder, page)
        self._check_file(path, page)
        return path

    def _check_file(self, path: Path, page: Page) -> None:
        digest = self.digests.get(path) or self.digests.setdefault(path, sha256_of_file(path))
        if digest != page.scan_sha256:
            raise UnreadableScanError(
                path, "the scan has changed since it was added (checksum differs); relink or re-add it"
            )
