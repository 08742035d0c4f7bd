"""Errors that reach the window's event loop: a dialog with one sentence, the details in the log.

A full disk or a lock held too long can surface in any handler (a save, a mark, a draft); the
archivist gets the facade's message in a dialog, never a traceback on a terminal they cannot see.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from workbench import APP_NAME
from workbench.errors import WorkbenchError

logger = logging.getLogger("workbench.ui")


def report_errors_in_dialogs(log_file: Path | None) -> None:
    """Install the hook that turns exceptions escaping Qt's handlers into dialogs."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        logger.error("%s", error, exc_info=(kind, error, trace))
        if isinstance(error, WorkbenchError):
            message = str(error)
        else:
            where = "" if log_file is None else f" The details are in {log_file}."
            message = f"Something went wrong that Workbench did not expect ({kind.__name__}: {error}).{where}"
        if QApplication.instance() is not None:
            QMessageBox.critical(QApplication.activeWindow(), APP_NAME, message)
        else:
            print(f"{APP_NAME}: {message}", file=sys.stderr)

    sys.excepthook = hook
