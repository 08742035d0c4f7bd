"""The log file: the details (tracebacks) behind the one-line errors the front ends show.

A user sees one sentence they can act on; whoever helps them later needs the whole story. The
file lives in the platform's user log folder (``WORKBENCH_LOG_DIR`` overrides it) and rotates at
1 MB. Failing to open it never stops the program: it then logs nowhere.
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

_LOG_NAME = "workbench.log"


def log_folder() -> Path:
    return Path(os.environ.get("WORKBENCH_LOG_DIR") or platformdirs.user_log_dir("workbench", appauthor=False))


def start_logging() -> Path | None:
    """Send the ``workbench`` loggers to the log file; the file's path, or None if it cannot be written."""
    logger = logging.getLogger("workbench")
    for handler in logger.handlers:
        if isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    path = log_folder() / _LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(name)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path
