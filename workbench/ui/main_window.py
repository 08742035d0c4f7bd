"""The correction window: the composition root that assembles the parts and routes between them.

It holds no correction logic: the page being corrected is ``PageSession``'s, lists are models over
the facade, long work is ``WorkActions``' jobs, replacing is ``ReplaceActions``', the overview is
kept by ``ProgressUpdates``, and questions go through ``Prompts``. Its menu is one typed table
(``ActionSpec``), and whatever changed in the project reaches every part through ``apply_changes``.
Every read and write of the project goes through its ``ProjectLink``, off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple, TypeVar

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMenu, QSplitter, QVBoxLayout, QWidget

from workbench import APP_NAME
from workbench.progress import Progress
from workbench.project import EVERYTHING, ChangeSet, Draft, PageStatus, SearchHit
from workbench.ui import project_jobs
from workbench.ui.backup_actions import BackupActions
from workbench.ui.character_palette import CharacterPalette
from workbench.ui.dialogs import about_text, shortcuts_text
from workbench.ui.drafts_dialog import DraftsDialog
from workbench.ui.history_panel import HistoryPanel
from workbench.ui.job_status import JobStatus
from workbench.ui.jobs import Job, JobRunner
from workbench.ui.line_strip import LineStrip
from workbench.ui.navigator import Navigator
from workbench.ui.overview_panel import OverviewPanel
from workbench.ui.page_session import PageSession
from workbench.ui.page_view import PageView
from workbench.ui.progress_updates import ProgressUpdates
from workbench.ui.project_link import ProjectFacts, ProjectLink
from workbench.ui.prompts import Prompts, UnsavedChoice
from workbench.ui.replace_actions import ReplaceActions
from workbench.ui.replace_command import stack_actions
from workbench.ui.search_panel import SearchPanel
from workbench.ui.shared_file_watch import SharedFileWatch
from workbench.ui.text_editor import PageEditor
from workbench.ui.work_actions import WorkActions

Result = TypeVar("Result")
LAYOUT_VERSION = 1
BACKGROUND_DELAY_MS = 300

Keys = str | QKeySequence.StandardKey | Sequence[str]
"""One shortcut, a standard one, or several (none: an empty tuple)."""


class ActionSpec(NamedTuple):
    """One menu command: the menu it is in, its text (``&`` marks the mnemonic), its keys, its handler."""

    menu: str
    text: str
    keys: Keys
    handler: Callable[[], object]


class MainWindow(QMainWindow):
    """One project's correction window.

    Signals:
        project_requested(path): the user chose another project to open.
    """

    project_requested = Signal(object)

    def __init__(
        self,
        link: ProjectLink,
        facts: ProjectFacts,
        *,
        author: Callable[[], str],
        extra_characters: str,
        recent_projects: Sequence[Path] = (),
        recognise_new_pages: bool = False,
        prompts: Prompts | None = None,
        runner: JobRunner | None = None,
        settings: QSettings | None = None,
    ) -> None:
        """The window takes ``link`` over and closes it when it closes. With ``recognise_new_pages``
        the pages never recognised are recognised as soon as the page list is read."""
        super().__init__()
        self.link = link
        self.facts = facts
        self._recognise_new_pages = recognise_new_pages
        self.prompts = prompts or Prompts(self)
        self.runner = runner or JobRunner(parent=self)
        self._settings = settings
        self._extra_characters = extra_characters
        self._closed = False
        self._recent_projects = [p for p in recent_projects if p.resolve() != facts.path]
        self.view = PageView()
        self.strip = LineStrip()
        self.editor = PageEditor()
        self.session = PageSession(link, self.editor, self.view, self.strip, self.prompts, author, self)
        self.navigator = Navigator(link, self.runner)
        self.history = HistoryPanel(link)
        self.search = SearchPanel()
        self.overview = OverviewPanel()
        self.character_palette = CharacterPalette()
        self.job_status = JobStatus()
        self.undo_stack = QUndoStack(self)  # steps over many pages; the editor undoes typing itself
        self.watch = SharedFileWatch(link, author, self)
        self.backups = BackupActions(self, self._start)
        self.work = WorkActions(self, self._start)
        self.replacing = ReplaceActions(self)
        self.progress = ProgressUpdates(self, self._start)
        self._assemble()
        self._create_actions()
        self._connect()
        self.setAcceptDrops(True)
        self._update_title()
        self._restore_layout()
        self.character_palette.set_characters("", self._extra_characters)
        self._first_listing = True
        self._select_when_shown: tuple[int, int, int] | None = None
        """A search hit to select once its page is shown: (page id, start, end)."""
        self.navigator.reload()  # the first page opens once the list is read
        self.watch.start()
        # Background work starts once the window has painted: its threads share the interpreter.
        self._background_pending = True
        QTimer.singleShot(BACKGROUND_DELAY_MS, self._start_background_work)

    def _start_background_work(self) -> None:
        self._background_pending = False
        if self._closed:
            return
        self._start(partial(project_jobs.project_characters, self.facts.path), "Collecting characters",
                    self._show_characters, visible=False)
        self.progress.measure_all()

    # Assembly

    def _assemble(self) -> None:
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.strip)
        column.addWidget(self.editor, 1)
        column.addWidget(self.character_palette)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("scan_and_text")
        splitter.addWidget(self.view)
        splitter.addWidget(right)
        splitter.setSizes([640, 620])
        self.setCentralWidget(splitter)
        # The scan and its text take the middle; lists and panels share one column on the left.
        pages = self._dock("Pages", self.navigator, Qt.DockWidgetArea.LeftDockWidgetArea)
        history = self._dock("History", self.history, Qt.DockWidgetArea.LeftDockWidgetArea)
        search = self._dock("Search", self.search, Qt.DockWidgetArea.LeftDockWidgetArea)
        overview = self._dock("Overview", self.overview, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.splitDockWidget(pages, history, Qt.Orientation.Vertical)
        self.tabifyDockWidget(history, search)
        self.tabifyDockWidget(search, overview)
        history.raise_()
        self.resizeDocks([pages], [340], Qt.Orientation.Horizontal)
        self.statusBar().addPermanentWidget(self.job_status)

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{title.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action_table(self) -> list[ActionSpec]:
        """Every command of the File, Page, View and Help menus, in menu order."""
        return [
            ActionSpec("file", "&Open project…", QKeySequence.StandardKey.Open, self.choose_project),
            ActionSpec("file", "&Import scans…", "Ctrl+I", self.work.choose_scans_to_import),
            ActionSpec("file", "&Recognise selected pages", "Ctrl+R", self.work.recognise_selected),
            ActionSpec("file", "Recognise &all new pages", "Ctrl+Shift+R", self.work.recognise_all),
            ActionSpec("file", "Recognition &options…", "Ctrl+Alt+R", self.work.choose_recognition_options),
            ActionSpec("file", "&Export…", "Ctrl+E", self.work.choose_export),
            ActionSpec("file", "Kept &drafts…", "Ctrl+Shift+D", self.show_drafts),
            ActionSpec("file", "&Back up now…", (), self.backups.back_up_now),
            ActionSpec("file", "Restore from bac&kup…", (), self.backups.restore_from_backup),
            ActionSpec("file", "&Close", QKeySequence.StandardKey.Close, self.close),
            ActionSpec("page", "&Save revision", QKeySequence.StandardKey.Save, self.save),
            ActionSpec("page", "Save revision with &note…", "Ctrl+Shift+S", self.save_with_note),
            ActionSpec("page", "&Next page", ("PgDown", "Ctrl+Right"), partial(self.step_page, 1)),
            ActionSpec("page", "&Previous page", ("PgUp", "Ctrl+Left"), partial(self.step_page, -1)),
            ActionSpec("page", "Next page needing &work", "Ctrl+J", self.next_page_needing_work),
            ActionSpec("page", "Mark in pro&gress", "Ctrl+1", partial(self.mark, PageStatus.IN_PROGRESS)),
            ActionSpec("page", "Mark &corrected", "Ctrl+2", partial(self.mark, PageStatus.CORRECTED)),
            ActionSpec("page", "Mark &verified", "Ctrl+3", partial(self.mark, PageStatus.VERIFIED)),
            ActionSpec("view", "Zoom &in", QKeySequence.StandardKey.ZoomIn, self.view.zoom_in),
            ActionSpec("view", "Zoom &out", QKeySequence.StandardKey.ZoomOut, self.view.zoom_out),
            ActionSpec("view", "Fit &width", "Ctrl+0", self.view.fit_width),
            ActionSpec("view", "Fit &page", "Ctrl+9", self.view.fit_page),
            ActionSpec("view", "&Find in project", "Ctrl+Shift+F", self.focus_search),
            ActionSpec("help", "&Keyboard shortcuts", QKeySequence.StandardKey.HelpContents, self.show_shortcuts),
            ActionSpec("help", "&About Workbench", (), self.show_about),
        ]

    def _create_actions(self) -> dict[str, QAction]:
        menus = {name: self.menuBar().addMenu(label) for name, label in
                 (("file", "&File"), ("edit", "&Edit"), ("page", "&Page"), ("view", "&View"),
                  ("help", "&Help"))}
        actions: dict[str, QAction] = {}
        for menu, text, keys, handler in self._action_table():
            action = QAction(text, self)
            if isinstance(keys, (str, QKeySequence.StandardKey)):
                action.setShortcut(keys)
            else:
                action.setShortcuts([QKeySequence(key) for key in keys])
            action.triggered.connect(handler)
            menus[menu].addAction(action)
            actions[text.replace("&", "").rstrip("…")] = action
        self._add_edit_menu(menus["edit"])
        self._add_recent_menu(menus["file"], actions["Open project"])
        self._add_toolbar(actions)
        return actions

    def _add_toolbar(self, actions: dict[str, QAction]) -> None:
        toolbar = self.addToolBar("Correction")
        toolbar.setObjectName("toolbar_correction")
        for group in (("Previous page", "Next page", "Next page needing work"),
                      ("Save revision",),
                      ("Mark in progress", "Mark corrected", "Mark verified"),
                      ("Fit width", "Fit page")):
            for name in group:
                toolbar.addAction(actions[name])
            toolbar.addSeparator()

    def _add_recent_menu(self, file_menu: QMenu, after: QAction) -> None:
        recent = QMenu("Open &recent", self)
        for path in self._recent_projects:
            recent.addAction(str(path), partial(self.project_requested.emit, path))
        recent.setEnabled(bool(self._recent_projects))
        file_menu.insertMenu(file_menu.actions()[file_menu.actions().index(after) + 1], recent)

    def _add_edit_menu(self, menu: QMenu) -> None:
        undo = menu.addAction("&Undo", QKeySequence.StandardKey.Undo, self.editor.undo)
        redo = menu.addAction("&Redo", QKeySequence.StandardKey.Redo, self.editor.redo)
        undo.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        redo.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        menu.addActions(list(stack_actions(self.undo_stack, self, ready=self.settle_unsaved)))
        menu.addSeparator()
        menu.addAction("Replace across &project…", "Ctrl+H", self.replacing.show_dialog)
        menu.addSeparator()
        for action in self.editor.suggestion_actions:
            menu.addAction(action)
        menu.addAction("Apply to all &occurrences…", "Ctrl+Shift+H", self.replacing.apply_to_all_occurrences)

    def _connect(self) -> None:
        self.link.failed.connect(self._link_failed)
        self.navigator.page_requested.connect(self.open_page)
        self.navigator.listed.connect(self._pages_listed)
        self.session.unsaved_changed.connect(self._unsaved_changed)
        self.session.changed.connect(self.apply_changes)
        self.session.saved.connect(self._saved)
        self.session.saved_elsewhere.connect(self._saved_elsewhere)
        self.session.page_loaded.connect(self._page_loaded)
        self.session.suggestions_changed.connect(self.progress.counted)
        self.history.revert_requested.connect(self.revert_to)
        self.search.search_requested.connect(self.run_search)
        self.search.hit_activated.connect(self.open_search_hit)
        self.character_palette.character_chosen.connect(self.editor.insertPlainText)
        self.session.drafts_waiting.connect(self._drafts_waiting)
        self.watch.changed_elsewhere.connect(self.refresh_after_outside_change)
        self.watch.others_changed.connect(self._update_title)

    @property
    def busy(self) -> bool:
        """Whether background work (jobs, suggestions, calls to the project) is still under way."""
        return (self._background_pending or bool(self.runner.running) or self.link.busy
                or self.session.suggestion_worker.busy)

    # Pages

    def _pages_listed(self) -> None:
        """The page list was read: open the first page, the first time (and recognise new pages
        if asked to)."""
        if not self._first_listing:
            return
        self._first_listing = False
        first = self.navigator.first_page_id()
        if first is not None and self.session.wanted_page_id is None:
            self.open_page(first)
        if self._recognise_new_pages and any(page.current_revision_id is None for page in self.navigator.model.pages()):
            self.work.recognise_all()

    def open_page(self, page_id: int) -> bool:
        """Show a page, after settling unsaved edits on the one shown; False if the user cancels."""
        if page_id == self.session.wanted_page_id:
            return True
        if not self.settle_unsaved():
            self.navigator.select_page(self.session.page_id)
            return False
        self.session.open_page(page_id)
        return True

    def step_page(self, step: int) -> None:
        target = self.navigator.neighbour(self.session.page_id, step)
        if target is not None:
            self.open_page(target)

    def next_page_needing_work(self) -> None:
        target = self.navigator.next_needing_work(self.session.page_id)
        if target is None:
            self.statusBar().showMessage("Every page is corrected or verified.", 5000)
        else:
            self.open_page(target)

    def settle_unsaved(self) -> bool:
        """Ask what to do with unsaved edits; True when it is safe to move on."""
        if not self.session.unsaved or self.session.page is None:
            return True
        choice = self.prompts.unsaved_changes(self.session.page.label)
        if choice is UnsavedChoice.SAVE:
            return self.session.save()
        if choice is UnsavedChoice.DISCARD:
            self.session.discard_changes()
            return True
        return False

    def save(self) -> None:
        self.session.save()

    def save_with_note(self) -> None:
        note = self.prompts.revision_note()
        if note is not None:
            self.session.save(note or None)

    def mark(self, status: PageStatus) -> None:
        """Mark the pages selected in the list when several are, or when the page shown is among
        them; else the page shown (under a filter, a single selected row can have moved on to a page
        nobody is looking at when the page marked before left the list)."""
        shown = self.session.page_id
        selected = self.navigator.selected_page_ids()
        page_ids = selected if shown in selected or len(selected) > 1 else [] if shown is None else [shown]
        if page_ids:
            author = self.session.author()
            self.link.call(lambda project: project.pages.set_status(page_ids, status, author=author),
                           self.apply_changes, title="Marking pages")

    def revert_to(self, revision_id: int) -> None:
        page_id = self.session.page_id
        if page_id is None or not self.settle_unsaved():
            return
        author = self.session.author()
        self.link.call(lambda project: project.revisions.revert(page_id, revision_id, author=author),
                       self.apply_changes, title="Reverting")

    def apply_changes(self, changes: ChangeSet) -> None:
        """The one way what changed in the project reaches what the window shows: the page list,
        the page open, its history, the overview and the title follow the change as told, without
        reading back what it says; only a change made elsewhere (``EVERYTHING``) is read afresh."""
        if not changes:
            return
        self.navigator.apply_changes(changes)
        self.session.apply_changes(changes)
        self.history.apply_changes(changes)
        self.progress.follow(changes)
        self._update_title()

    def run_search(self, query: str) -> None:
        self.link.call(lambda project: (project.search(query), {page.id: page.label for page in project.pages.all()}),
                       lambda found: self._show_hits(*found), title="Searching")

    def _show_hits(self, hits: list[SearchHit], labels: dict[int, str]) -> None:
        self.search.show_results(hits, labels)

    def open_search_hit(self, page_id: int, start: int, end: int) -> None:
        """Open the hit's page and select the hit in it, once the page is shown."""
        if not self.open_page(page_id):
            return
        if self.session.page_id == page_id == self.session.wanted_page_id:
            self.session.select_span(start, end)
        else:
            self._select_when_shown = (page_id, start, end)

    def focus_search(self) -> None:
        dock = self.search.parentWidget()
        if dock is not None:
            dock.raise_()
        self.search.setFocus()

    # Background work

    def _start(self, work: Callable[[Progress], Result], title: str,
               on_finished: Callable[[Result], object], *, visible: bool = True) -> Job[Result]:
        """Run work off the GUI thread; its result and its failure come back here (a closed window
        ignores them), and a visible job shows in the status bar with its Cancel."""
        job = Job(work, title=title)
        job.when_finished(lambda result: None if self._closed else on_finished(result))
        job.signals.failed.connect(lambda message: None if self._closed else self.prompts.error(message))
        if visible:
            self.job_status.follow(job)
        return self.runner.start(job)

    def _show_characters(self, used: list[str]) -> None:
        self.character_palette.set_characters(used, self._extra_characters)

    # Drafts

    def show_drafts(self) -> DraftsDialog:
        dialog = DraftsDialog(self.link, self)
        dialog.restore_requested.connect(self.restore_draft)
        dialog.open()
        return dialog

    def restore_draft(self, draft: Draft) -> None:
        """Open the draft's page and put the draft's text in the editor, unsaved."""
        if self.open_page(draft.page_id):
            self.session.restore_draft(draft)
            self.statusBar().showMessage(f"Restored the draft by {draft.author}; save it to keep it as a revision.", 8000)
            self._update_title()

    def _drafts_waiting(self, page_id: int, count: int) -> None:
        self.statusBar().showMessage(
            f"This page has {count} kept draft{'s' if count > 1 else ''} by others: File → Kept drafts "
            "(Ctrl+Shift+D) shows and restores them.", 15000)

    def refresh_after_outside_change(self) -> None:
        """Another window or command changed the file: show what it holds now. Unsaved typing is
        never replaced; a page saved elsewhere meanwhile becomes a conflict when this one is saved."""
        self.apply_changes(EVERYTHING)

    # Window state

    def _page_loaded(self, page_id: int) -> None:
        if self._select_when_shown is not None and self._select_when_shown[0] == page_id:
            self.session.select_span(*self._select_when_shown[1:])
        self._select_when_shown = None
        self.navigator.select_page(page_id)
        self.history.show_page(page_id)
        self._update_title()

    def _saved(self, page_id: int) -> None:
        self.statusBar().showMessage("Saved as a new revision.", 3000)

    def _saved_elsewhere(self, label: str) -> None:
        self.statusBar().showMessage(
            f"Page {label} was saved elsewhere; saving yours will ask which text to keep.", 10000)

    def _link_failed(self, message: str) -> None:
        if not self._closed:
            self.prompts.error(message)

    def _unsaved_changed(self, page_id: int, unsaved: bool) -> None:
        self.navigator.set_unsaved(page_id, unsaved)
        self._update_title()

    def _update_title(self) -> None:
        page = self.session.page
        where = f" — {page.label}" if page is not None else ""
        others = self.watch.others
        shared = "" if not others else (
            f" (also open in {len(others)} other window{'s' if len(others) > 1 else ''}: {', '.join(others)})")
        read_only = " (read-only)" if self.facts.read_only else ""
        self.setWindowTitle(f"{APP_NAME} — {self.facts.name}{read_only}{where}{shared}[*]")
        self.setWindowModified(self.session.unsaved)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.work.import_paths(paths)
            event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closed:
            event.accept()
            return
        if not self.settle_unsaved():
            event.ignore()
            return
        self.link.wait()  # the last save is in, or its conflict asked about, while the window is there
        self._closed = True
        self.watch.stop()
        self.session.stop()
        self.runner.cancel_all_and_wait()
        self.link.close()
        self._save_layout()
        event.accept()

    def _restore_layout(self) -> None:
        if self._settings is None or self._settings.value("layout_version") != LAYOUT_VERSION:
            self.resize(1600, 1000)
            return
        self.restoreGeometry(QByteArray(self._settings.value("geometry")))
        self.restoreState(QByteArray(self._settings.value("state")), LAYOUT_VERSION)

    def _save_layout(self) -> None:
        if self._settings is not None:
            self._settings.setValue("layout_version", LAYOUT_VERSION)
            self._settings.setValue("geometry", self.saveGeometry())
            self._settings.setValue("state", self.saveState(LAYOUT_VERSION))

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", str(self.facts.folder),
                                              "Workbench projects (*.wbproj);;All files (*)")
        if path:
            self.project_requested.emit(Path(path))

    def show_shortcuts(self) -> None:
        self.prompts.information("Keyboard shortcuts", shortcuts_text(self.findChildren(QAction)))

    def show_about(self) -> None:
        self.prompts.information("About Workbench", about_text())
