"""How the correction window feels: start-up on a big project, page switching, typing, memory.

Prints, with the figures the window issue sets as targets:
- window ready (first page shown) on a generated 10,000-page project;
- switching to the next page (scan, text, boxes, highlights) on real 300-dpi scans, median;
- one keystroke with re-highlighting on a real page, median;
- resident memory after visiting 200 pages.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/window_speed.py [--pages 20]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QThreadPool, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from workbench.project import Project  # noqa: E402
from workbench.ui.jobs import JobRunner  # noqa: E402
from workbench.ui.main_window import MainWindow  # noqa: E402
from workbench.ui.project_link import ProjectLink  # noqa: E402
from workbench.ui.prompts import Prompts, UnsavedChoice  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from project_scale import generate  # noqa: E402

EVAL_SCANS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ehri"


class QuietPrompts(Prompts):
    """Answers without dialogs, so nothing waits for a person."""

    def error(self, message: str) -> None:
        return None

    def unsaved_changes(self, page_label: str) -> UnsavedChoice:
        return UnsavedChoice.DISCARD


def settle(app: QApplication, window: MainWindow) -> None:
    while window.busy:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def wait_for_page(app: QApplication, window: MainWindow, page_id: int | None = None) -> None:
    """Let events run until the page (any, if None) is shown: pages are read off the GUI thread."""
    while window.session.page is None or (page_id is not None and window.session.page_id != page_id):
        app.processEvents()
        time.sleep(0.0005)


def open_window(app: QApplication, path: Path) -> tuple[MainWindow, JobRunner, float]:
    """The window, from opening the file to its first page shown with its scan and text."""
    runner = JobRunner(QThreadPool())
    started = time.perf_counter()
    link, facts = ProjectLink.open(path)
    window = MainWindow(link, facts, author=lambda: "bench", extra_characters="ſ",
                        prompts=QuietPrompts(), runner=runner)
    window.resize(1600, 1000)
    window.show()
    wait_for_page(app, window)
    window.view.viewport().repaint()
    window.editor.viewport().repaint()
    return window, runner, (time.perf_counter() - started) * 1000


def close(app: QApplication, window: MainWindow, runner: JobRunner) -> None:
    runner.cancel_all_and_wait()
    window.close()
    app.processEvents()


def window_ready_on_a_big_project(app: QApplication, folder: Path) -> None:
    path = folder / "big.wbproj"
    generate(path, 10_000)
    window, runner, ready_ms = open_window(app, path)
    print(f"window ready on 10,000 pages:   {ready_ms:8.1f} ms (first page shown; its scan is "
          "generated, so missing)")
    close(app, window, runner)  # the background overview of 10,000 pages is cancelled


def recognised_project(folder: Path, page_count: int) -> Path:
    scans = sorted(EVAL_SCANS.glob("EHRI-DR-*.jpg"))[:page_count]
    path = folder / "real.wbproj"
    with Project.create(path) as project:
        project.pages.add_scans(scans, document="despatches")
        project.recognition.recognise(jobs=2)
    return path


def page_switching_typing_and_memory(app: QApplication, path: Path) -> None:
    window, runner, _ = open_window(app, path)
    settle(app, window)
    page_ids = [page.id for page in window.navigator.model.pages()]
    switches = []
    for visit in range(200):
        started = time.perf_counter()
        window.open_page(page_ids[(visit + 1) % len(page_ids)])
        wait_for_page(app, window, page_ids[(visit + 1) % len(page_ids)])
        window.view.viewport().repaint()
        window.editor.viewport().repaint()
        switches.append((time.perf_counter() - started) * 1000)
        app.processEvents()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"next page shown (median of 200): {statistics.median(switches):8.1f} ms "
          f"(p90 {sorted(switches)[179]:.1f} ms) on {len(page_ids)} real 300-dpi pages")
    print(f"peak resident memory after 200 page visits: {rss_mb:8.0f} MB")

    words = len(window.editor.current_text().split())
    window.editor.setFocus()
    keystrokes = []
    for _ in range(100):
        started = time.perf_counter()
        QTest.keyClick(window.editor, Qt.Key.Key_X)
        window.editor.viewport().repaint()
        keystrokes.append((time.perf_counter() - started) * 1000)
    print(f"keystroke + re-highlight + repaint (median of 100, {words}-word page): "
          f"{statistics.median(keystrokes):.2f} ms")
    window.editor.document().setModified(False)
    close(app, window, runner)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=20, help="real scans to switch between")
    arguments = parser.parse_args()
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        window_ready_on_a_big_project(app, folder)
        page_switching_typing_and_memory(app, recognised_project(folder, arguments.pages))


if __name__ == "__main__":
    main()
