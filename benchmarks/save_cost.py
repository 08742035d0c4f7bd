"""What one Ctrl+S costs the window: facade calls and SQL statements, counted on a real window.

Opens the recognised sample project in the real MainWindow (offscreen), types a word, saves, and
counts what the save did: calls into the window's Project (on its link's thread), the SQL
statements sent to SQLite from any thread, and those sent from the GUI thread (which should be
none: every connection the process opens is traced). Then the same for marking a page corrected,
and for a revert.

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

from workbench.project import PageStatus  # noqa: E402
from workbench.sample import create_sample_project  # noqa: E402
from workbench.ui.jobs import JobRunner  # noqa: E402
from workbench.ui.main_window import MainWindow  # noqa: E402
from workbench.ui.project_link import ProjectLink  # noqa: E402
from workbench.ui.prompts import Prompts  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.facade_calls import count_calls  # noqa: E402


class StatementCount:
    """Counts SQL statements, all and those run on the GUI thread, on every connection opened after
    ``install``."""

    def __init__(self) -> None:
        self.count = 0
        self.on_gui_thread = 0
        self._gui = threading.get_ident()

    def install(self) -> None:
        connect = sqlite3.connect

        def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
            connection = connect(*args, **kwargs)  # type: ignore[arg-type]
            connection.set_trace_callback(self._statement)
            return connection

        sqlite3.connect = traced  # type: ignore[assignment]

    def _statement(self, _: str) -> None:
        self.count += 1
        if threading.get_ident() == self._gui:
            self.on_gui_thread += 1


@contextmanager
def measured(what: str, calls: Counter[str], statements: StatementCount) -> Iterator[None]:
    calls.clear()
    before, before_on_gui = statements.count, statements.on_gui_thread
    yield
    detail = ", ".join(f"{name} {n}" for name, n in calls.most_common())
    print(f"{what:<28} {sum(calls.values()):3d} facade calls, {statements.count - before:4d} SQL statements, "
          f"{statements.on_gui_thread - before_on_gui} on the GUI thread  ({detail})")


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
        link, facts = ProjectLink.open(path)
        runner = JobRunner(QThreadPool())
        window = MainWindow(link, facts, author=lambda: "bench", extra_characters="", prompts=Prompts(None),
                            runner=runner)
        window.show()
        settle(app, window)
        counters: list[Counter[str]] = []
        link.call(lambda project: counters.append(count_calls(project)))  # on the thread that holds it
        settle(app, window)
        calls = counters[0]
        window.editor.textCursor().insertText("Correction ")
        with measured("Ctrl+S (save a revision)", calls, statements):
            window.save()
            link.wait()
        settle(app, window)
        with measured("Ctrl+2 (mark corrected)", calls, statements):
            window.mark(PageStatus.CORRECTED)
            link.wait()
        settle(app, window)
        first = window.history.table.model().revision_at(window.history.table.model().rowCount() - 1).id
        with measured("revert to the first revision", calls, statements):
            window.revert_to(first)
            link.wait()
        settle(app, window)
        with measured("open the next page", calls, statements):
            window.step_page(1)
            link.wait()
        settle(app, window)
        runner.cancel_all_and_wait()
        window.close()


if __name__ == "__main__":
    main()
