"""``workbench open --smoke-test DIR``: proves an installed build works end to end, unattended.

Packaging runs it on the built one-folder app: the window opens on a project, background work
settles, the page shows suggestions (the bundled word lists load), one revision is saved through
the window and the text is exported. Exit code 0 means all
of that happened; anything else prints why.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from workbench.project import ExportReport
from workbench.ui.main_window import MainWindow

POLL_MS = 200
LIMIT_MS = 180_000
MARK = " [smoke test]"


def start_smoke_test(window_of: Callable[[], MainWindow | None], out_dir: Path) -> None:
    """Run the check once the window shown by ``window_of()`` has settled."""
    waited = [0]
    shown = [False]

    def step() -> None:
        window = window_of()
        if window is not None and window.isVisible() and not shown[0]:
            shown[0] = True
            print("smoke test: window shown", file=sys.stderr, flush=True)  # start-up is timed on this
        if window is None or window.busy or window.session.page is None:
            waited[0] += POLL_MS
            if waited[0] > LIMIT_MS:
                finish(1, "the window did not settle in time")
            else:
                QTimer.singleShot(POLL_MS, step)
            return
        if not window.editor.suggestions():
            finish(1, "no suggestions were shown on the first page")
            return
        window.editor.moveCursor(QTextCursor.MoveOperation.End)
        window.editor.insertPlainText(MARK)
        if not window.session.save(note="smoke test"):
            finish(1, "the revision was not saved")
            return
        window.session.saved.connect(lambda _: export(window))

    def export(window: MainWindow) -> None:
        window.link.call(lambda project: project.exports.text(out_dir), lambda report: exported(window, report),
                         refused=lambda error: finish(1, str(error)), title="Exporting")

    def exported(window: MainWindow, report: ExportReport) -> None:
        window.close()  # stops its background jobs before the application ends
        text = "".join(p.read_text(encoding="utf-8") for p in out_dir.rglob("*.txt"))
        if MARK not in text:
            finish(1, f"the export in {out_dir} lacks the saved text")
            return
        finish(0, f"saved a revision, exported {report.pages} pages to {out_dir}")

    QTimer.singleShot(POLL_MS, step)


def finish(code: int, message: str) -> None:
    print(f"smoke test {'passed' if code == 0 else 'FAILED'}: {message}", file=sys.stderr)
    QApplication.exit(code)
