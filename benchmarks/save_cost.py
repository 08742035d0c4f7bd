"""What one Ctrl+S costs the window: facade calls and SQL statements, counted on a real window.

Opens the recognised sample project in the real MainWindow (offscreen), types a word, saves, and
counts what the save did on the GUI thread: calls into the window's Project and the SQL
statements sent to SQLite (every connection the process opens is traced). Then the same for
marking a page corrected, and for a revert.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/save_cost.py
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
import time
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QThreadPool  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from workbench.project import PageStatus, Project  # noqa: E402
from workbench.sample import create_sample_project  # noqa: E402
from workbench.ui.jobs import JobRunner  # noqa: E402
from workbench.ui.main_window import MainWindow  # noqa: E402
from workbench.ui.prompts import Prompts  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.facade_calls import count_calls  # noqa: E402


class StatementCount:
    """Counts SQL statements run on the GUI thread, on every connection opened after ``install``."""

    def __init__(self) -> None:
        self.count = 0
        self._gui = threading.get_ident()

    def install(self) -> None:
        connect = sqlite3.connect

        def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
            connection = connect(*args, **kwargs)  # type: ignore[arg-type]
            connection.set_trace_callback(self._statement)
            return connection

        sqlite3.connect = traced  # type: ignore[assignment]

    def _statement(self, _: str) -> None:
        if threading.get_ident() == self._gui:
            self.count += 1


@contextmanager
def measured(what: str, calls: Counter[str], statements: StatementCount) -> Iterator[None]:
    calls.clear()
    before = statements.count
    yield
    detail = ", ".join(f"{name} {n}" for name, n in calls.most_common())
    print(f"{what:<28} {sum(calls.values()):3d} facade calls, {statements.count - before:4d} SQL statements"
          f"  ({detail})")


def settle(app: QApplication, window: MainWindow) -> None:
    deadline = time.monotonic() + 120
    while window.busy and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def main() -> None:
    statements = StatementCount()
    statements.install()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = create_sample_project(Path(folder) / "sample.wbproj")
        project = Project.open(path)
        runner = JobRunner(QThreadPool())
        window = MainWindow(project, author=lambda: "bench", extra_characters="", prompts=Prompts(None),
                            runner=runner)
        window.show()
        settle(app, window)
        calls = count_calls(project)
        window.editor.textCursor().insertText("Correction ")
        with measured("Ctrl+S (save a revision)", calls, statements):
            window.save()
            app.processEvents()
        settle(app, window)
        with measured("Ctrl+2 (mark corrected)", calls, statements):
            window.mark(PageStatus.CORRECTED)
            app.processEvents()
        settle(app, window)
        first = project.revisions.all(window.session.page_id or 0)[0].id
        with measured("revert to the first revision", calls, statements):
            window.revert_to(first)
            app.processEvents()
        settle(app, window)
        runner.cancel_all_and_wait()
        window.close()
        project.close()


if __name__ == "__main__":
    main()
