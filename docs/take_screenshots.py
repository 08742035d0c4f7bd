"""Screenshots of the main window on the sample project, for the README.

Run under a real X server at 1600x1000, e.g.:
    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python docs/take_screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from workbench.sample import ensure_sample_project
from workbench.ui.jobs import JobRunner
from workbench.ui.main_window import MainWindow
from workbench.ui.project_link import ProjectLink

DOCS = Path(__file__).resolve().parent


def main() -> int:
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        path = ensure_sample_project(Path(folder) / "sample.wbproj")
        runner = JobRunner(QThreadPool())
        link, facts = ProjectLink.open(path)
        window = MainWindow(link, facts, author=lambda: "archivist", extra_characters="ſéß§–“”", runner=runner)
        window.resize(1600, 1000)
        window.show()

        def when_settled() -> None:
            if window.busy:
                QTimer.singleShot(200, when_settled)
                return
            suggestions = [s for s in window.editor.suggestions() if s.candidates]
            if suggestions:
                window.editor.select_span(suggestions[0].start, suggestions[0].start)
            window.editor.setFocus()
            QTimer.singleShot(500, shoot)

        def shoot() -> None:
            window.grab().save(str(DOCS / "main-window.png"))
            print(f"saved {DOCS / 'main-window.png'}")
            window.editor.document().setModified(False)
            window.close()
            app.quit()

        QTimer.singleShot(500, when_settled)
        return app.exec()


if __name__ == "__main__":
    sys.exit(main())
