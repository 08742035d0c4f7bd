"""``workbench open``: the composition root. Builds the application, its settings and the window.

Everything the window needs is made here and passed in; nothing below reaches for a global.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench import APP_NAME, __version__
from workbench.errors import WorkbenchError
from workbench.logfile import start_logging
from workbench.ui.error_reporting import report_errors_in_dialogs
from workbench.sample import create_sample_project
from workbench.ui.icons import APP_ID, icon
from workbench.ui.main_window import MainWindow
from workbench.ui.preferences import Preferences, load_preferences, save_preferences
from workbench.ui.project_link import ProjectLink
from workbench.ui.prompts import Prompts
from workbench.ui.smoke_test import start_smoke_test



def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="workbench open", description="Open the correction window.")
    parser.add_argument("project", type=Path, nargs="?", help="a project file (default: the last one)")
    parser.add_argument("--sample", action="store_true", help="open the bundled sample project")
    parser.add_argument("--config-dir", type=Path, help="where preferences and layout are kept")
    parser.add_argument("--data-dir", type=Path, help="where the sample project is kept")
    parser.add_argument("--smoke-test", type=Path, metavar="OUT_DIR",
                        help="check an installation: open, save one revision, export text to OUT_DIR, quit")
    return parser.parse_args(argv)


class Application:
    """Owns the preferences and the one open window; swaps windows when another project is opened."""

    def __init__(self, config_dir: Path, data_dir: Path, prompts: Prompts | None = None) -> None:
        self.config_dir = config_dir
        self.data_dir = data_dir
        self.prompts = prompts or Prompts()
        self.preferences = load_preferences(config_dir)
        self.window: MainWindow | None = None

    def author(self) -> str:
        """Who revisions are recorded as: asked once and remembered (WORKBENCH_AUTHOR skips asking)."""
        if not self.preferences.author and os.environ.get("WORKBENCH_AUTHOR"):
            return os.environ["WORKBENCH_AUTHOR"]
        if not self.preferences.author:
            name = self.prompts.author_name(getpass.getuser())
            self._update(Preferences(name, self.preferences.recent_projects, self.preferences.extra_characters))
        return self.preferences.author or getpass.getuser()

    def sample_path(self) -> Path:
        return create_sample_project(self.data_dir / "sample" / "sample.wbproj")

    def default_project(self) -> Path:
        for recent in self.preferences.recent_projects:
            if Path(recent).is_file():
                return Path(recent)
        return self.sample_path()

    def open(self, path: Path) -> bool:
        """Open ``path`` in the window (replacing the current one); False if it cannot be opened."""
        try:
            link, facts = ProjectLink.open(path)
        except WorkbenchError as error:
            self.prompts.error(str(error))
            return False
        previous = self.window
        if previous is not None and not previous.close():
            link.close()
            return True
        settings = QSettings(str(self.config_dir / "layout.ini"), QSettings.Format.IniFormat)
        self.window = MainWindow(link, facts, author=self.author, prompts=self.prompts, recognise_new_pages=True,
                                 extra_characters=self.preferences.extra_characters, settings=settings,
                                 recent_projects=[Path(p) for p in self.preferences.recent_projects])
        self.prompts.parent = self.window
        self.window.project_requested.connect(self.open)
        self.window.show()
        self._update(self.preferences.with_recent(path))
        return True

    def _update(self, preferences: Preferences) -> None:
        self.preferences = preferences
        save_preferences(self.config_dir, preferences)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(icon(APP_ID))
    config_dir = arguments.config_dir or Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation))
    data_dir = arguments.data_dir or Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    report_errors_in_dialogs(start_logging())
    application = Application(config_dir, data_dir)
    try:
        path = (application.sample_path() if arguments.sample
                else arguments.project or application.default_project())
    except WorkbenchError as error:
        QMessageBox.critical(None, APP_NAME, str(error))
        return 1
    if not application.open(path):
        return 1
    if arguments.smoke_test is not None:
        start_smoke_test(lambda: application.window, arguments.smoke_test)
    return app.exec()
