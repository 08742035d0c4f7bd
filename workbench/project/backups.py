"""When backups are taken and kept, and how one is restored without ever losing the current state.

Automatic backups (once a day when a project opens, before a replace across the project, before a
restore) go to ``NAME.wbproj.backups/`` beside the project; the newest ``KEEP_AUTOMATIC`` are kept.
Manual ones are never deleted. A backup that cannot be written never stops the work it precedes:
it is logged as a warning on the ``workbench.backups`` logger.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from workbench.errors import ProjectFileError, WorkbenchError
from workbench.store import backups as store
from workbench.store.backups import BackupFile, backups_folder, list_backups, newest_backup
from workbench.store.migrations import LATEST_VERSION

__all__ = [
    "BackupFile", "RestoreReport", "backup", "backup_quietly", "backups_folder", "daily_backup_if_due",
    "list_backups", "newest_backup", "restore",
]

DAILY = "daily"
BEFORE_REPLACE = "before-replace"
BEFORE_RESTORE = "before-restore"
MANUAL = "manual"
AUTOMATIC = frozenset({DAILY, BEFORE_REPLACE, BEFORE_RESTORE})
KEEP_AUTOMATIC = 10
DAILY_INTERVAL = timedelta(hours=24)

log = logging.getLogger("workbench.backups")


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did: the state before it is either a backup, or (damaged) files moved aside."""

    project: Path
    restored_from: Path
    before_restore: Path | None
    kept_aside: tuple[Path, ...]


def backup(project_path: Path, dest: Path | None = None, *, reason: str = MANUAL) -> Path:
    """Take a consistent backup of the project (it may be open and written meanwhile); return its path.

    ``dest`` is a new file, or a folder to name the backup in; by default the project's backups
    folder, where the oldest automatic backups beyond ``KEEP_AUTOMATIC`` are then deleted.
    """
    project_path = project_path.resolve()
    if not project_path.is_file():
        raise ProjectFileError(f"There is no project at {project_path}.")
    if dest is None or dest.is_dir():
        folder = backups_folder(project_path) if dest is None else dest
        try:
            folder.mkdir(exist_ok=True)
        except OSError as error:
            raise ProjectFileError(f"Cannot make the folder {folder}: {error.strerror or error}.") from error
        target = store.new_backup_path(folder, project_path, reason, datetime.now(timezone.utc))
    elif dest.exists():
        raise ProjectFileError(f"{dest} already exists; choose a new file name or a folder.")
    else:
        target = dest
    store.copy_project_file(project_path, target, live=True)
    if dest is None:
        _rotate(project_path)
    return target


def backup_quietly(project_path: Path, reason: str) -> Path | None:
    """An automatic backup that never stops the caller: a failure is logged and None returned."""
    try:
        return backup(project_path, reason=reason)
    except (WorkbenchError, OSError) as error:
        log.warning("No %s backup of %s was taken: %s", reason, project_path, error)
        return None


def daily_backup_if_due(project_path: Path) -> Path | None:
    """A daily backup unless one was taken in the last 24 hours (told from the names: no file is read)."""
    try:
        dailies = [found for found in list_backups(project_path) if found.reason == DAILY]
    except OSError as error:
        log.warning("The backups of %s cannot be listed: %s", project_path, error)
        return None
    if dailies and datetime.now(timezone.utc) - dailies[0].taken < DAILY_INTERVAL:
        return None
    return backup_quietly(project_path, DAILY)


def restore(backup_path: Path, project_path: Path) -> RestoreReport:
    """Make the project what ``backup_path`` holds, keeping what it held before.

    The backup is checked first (a sound Workbench project, not from a newer version) and refused
    otherwise, with nothing changed. A sound project gets a before-restore backup, then the backup
    is written into it as one transaction, so windows and processes that have it open see the
    change whole. A damaged project (or any other file at its path) is moved aside with its
    ``-wal`` and ``-shm`` as ``NAME.damaged-TIME``, and the backup takes its place.
    """
    backup_path, project_path = backup_path.resolve(), project_path.resolve()
    if not backup_path.is_file():
        raise ProjectFileError(f"There is no backup at {backup_path}.")
    if project_path.exists() and backup_path.samefile(project_path):
        raise ProjectFileError(f"{backup_path} is the project itself; choose a backup of it.")
    staged = project_path.with_name(project_path.name + ".restoring")
    try:
        _stage(backup_path, staged, project_path)
        if store.is_sound_project(project_path):
            before = backup(project_path, reason=BEFORE_RESTORE)
            store.copy_into(staged, project_path)
            return RestoreReport(project_path, backup_path, before, ())
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        kept = store.move_aside(project_path, project_path.with_name(f"{project_path.name}.damaged-{stamp}"))
        store.use_wal(staged)
        os.replace(staged, project_path)
        return RestoreReport(project_path, backup_path, None, tuple(kept))
    except OSError as error:
        raise ProjectFileError(f"Could not restore {project_path}: {error.strerror or error}.") from error
    finally:
        staged.unlink(missing_ok=True)


def _stage(backup_path: Path, staged: Path, project_path: Path) -> None:
    """Copy the backup beside the project, checked; refuse it, changing nothing, if it will not do."""
    try:
        version = store.copy_project_file(backup_path, staged, live=False)
    except ProjectFileError as error:
        raise ProjectFileError(f"Not restored: {error} {project_path} was not changed.") from error
    if version > LATEST_VERSION:
        raise ProjectFileError(
            f"Not restored: {backup_path} was written by a newer Workbench (project format {version}; "
            f"this version reads up to {LATEST_VERSION}). {project_path} was not changed."
        )


def _rotate(project_path: Path) -> None:
    """Delete the automatic backups beyond the newest ``KEEP_AUTOMATIC``; manual ones stay."""
    automatic = [found for found in list_backups(project_path) if found.reason in AUTOMATIC]
    for old in automatic[KEEP_AUTOMATIC:]:
        old.path.unlink(missing_ok=True)
