"""File → Back up now… and File → Restore from backup…: the window's side of ``project.backups``.

Both copies run as jobs (a large project takes longer than a frame). A restore is written into the
open project as one transaction, after the project's state is kept as a backup; the window then
reloads the project, since every page it shows may have changed.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from workbench.progress import Progress
from workbench.project import backups
from workbench.ui.jobs import Job, StartJob

if TYPE_CHECKING:
    from workbench.ui.main_window import MainWindow

class BackupActions:
    """The two menu commands of one window; ``start`` runs a job the way the window runs its others."""

    def __init__(self, window: MainWindow, start: StartJob) -> None:
        self._window = window
        self._start = start

    def back_up_now(self) -> Job[Path]:
        return self._start(partial(_backup, self._window.facts.path), "Backing up", self._backed_up)

    def restore_from_backup(self) -> Job[backups.RestoreReport] | None:
        """Ask for a backup, say what will happen, then restore; None if the user stops on the way."""
        window = self._window
        project_path = window.facts.path
        folder = backups.backups_folder(project_path)
        chosen, _ = QFileDialog.getOpenFileName(
            window, "Restore from backup", str(folder if folder.is_dir() else project_path.parent),
            "Workbench projects and backups (*.wbproj *.bak);;All files (*)")
        if not chosen or not window.settle_unsaved():
            return None
        answer = QMessageBox.question(
            window, "Restore from backup",
            f"Make {project_path.name} what the backup {Path(chosen).name} holds?\n\n"
            f"Every page will be as it was in that backup. The project as it is now is first kept as "
            f"a backup in {folder}, so you can go back to it. The window then reloads the project.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self._start(partial(_restore, Path(chosen), project_path), "Restoring", self._restored)

    def _backed_up(self, path: Path) -> None:
        self._window.statusBar().showMessage(f"Backed up to {path}", 15_000)

    def _restored(self, report: backups.RestoreReport) -> None:
        kept = ([str(report.before_restore)] if report.before_restore is not None
                else [str(path) for path in report.kept_aside])
        self._window.prompts.information(
            "Restore from backup",
            f"{report.project.name} now holds what {report.restored_from.name} held.\n\n"
            + ("Its state before is kept in:\n" + "\n".join(kept) if kept else ""))
        self._window.project_requested.emit(report.project)


def _backup(project_path: Path, progress: Progress) -> Path:
    return backups.backup(project_path)


def _restore(backup_path: Path, project_path: Path, progress: Progress) -> backups.RestoreReport:
    return backups.restore(backup_path, project_path)
