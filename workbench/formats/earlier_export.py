"""Whether what already sits where an export is going is an earlier export of the same project.

An export replaces its target whole, so it may only replace what it made itself: a folder or ZIP
whose ``manifest.json`` carries this project's id and lists every file there. Anything else (a
user's own files, an unrelated ZIP, a project file that happens to end in ``.zip``) is replaced only
when the user says so.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

MANIFEST_CSV = "manifest.csv"
MANIFEST_JSON = "manifest.json"
PROJECT_ID = "project_id"
"""The manifest.json key naming the project an export came from."""

# Staging folders that exports before whole-folder replacement left inside a killed export's folder.
_OLD_STAGING = re.compile(r"\.export-[0-9a-f]{12}\.workbench\.tmp")
# A manifest larger than this is no manifest of ours: reading it would only cost memory.
_MAX_MANIFEST_BYTES = 256 * 1024 * 1024


def foreign_content(target: Path, project_id: str) -> str | None:
    """What at ``target`` is not an earlier export of project ``project_id``; None when nothing is
    (``target`` is missing, an empty folder, or such an export)."""
    if not os.path.lexists(target):
        return None
    if target.suffix.casefold() == ".zip":
        return _foreign_in_zip(target, project_id)
    if not target.is_dir():
        return "it is a file, not a folder"
    files = _files_in(target)
    if not files:
        return None
    try:
        listed = _listed_files(json.loads((target / MANIFEST_JSON).read_bytes()), project_id)
    except (OSError, ValueError):
        listed = None
    if listed is None:
        return f"such as {sorted(files)[0]}"
    extra = sorted(files - listed)
    return None if not extra else f"such as {extra[0]}"


def _foreign_in_zip(target: Path, project_id: str) -> str | None:
    try:
        with zipfile.ZipFile(target) as archive:
            entry = archive.getinfo(MANIFEST_JSON)
            if entry.file_size > _MAX_MANIFEST_BYTES:
                return "its manifest.json is not one of ours"
            listed = _listed_files(json.loads(archive.read(entry)), project_id)
    except KeyError:
        return "it has no manifest.json"
    except (OSError, zipfile.BadZipFile, ValueError):
        return "its manifest.json cannot be read" if zipfile.is_zipfile(target) else "it is not a ZIP file"
    return None if listed is not None else "its manifest.json names another project"


def _listed_files(manifest: object, project_id: str) -> set[str] | None:
    """The files an export manifest of project ``project_id`` lists, with the manifests; None when
    ``manifest`` is not such a manifest."""
    if not isinstance(manifest, dict) or manifest.get(PROJECT_ID) != project_id:
        return None
    rows = manifest.get("files")
    if not isinstance(rows, list):
        return None
    listed = {row.get("file") for row in rows if isinstance(row, dict)}
    return {name for name in listed if isinstance(name, str)} | {MANIFEST_CSV, MANIFEST_JSON}


def _files_in(folder: Path) -> set[str]:
    """Every file under ``folder`` as a relative POSIX name, symbolic links included, leaving out
    staging folders of killed exports (they are ours, and go with the folder)."""
    found: set[str] = set()
    for parent, folders, files in os.walk(folder):
        here = Path(parent)
        if here == folder:
            folders[:] = [name for name in folders if not _OLD_STAGING.fullmatch(name)]
        linked = [name for name in folders if (here / name).is_symlink()]
        for name in [*files, *linked]:
            found.add((here / name).relative_to(folder).as_posix())
    return found
