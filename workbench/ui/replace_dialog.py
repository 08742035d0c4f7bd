"""The "Replace across project" dialog: a query, its occurrences as a concordance, and a button.

The dialog finds occurrences and cuts their words from the scans in background jobs; it applies
nothing itself. It asks the window to replace the ticked occurrences, and the window settles the
page being edited first and makes the replacement one undoable step.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QVBoxLayout, QWidget,
)

from workbench.errors import WorkbenchError
from workbench.project import ReplaceQuery, lexicon_form
from workbench.records import NEEDING_WORK, PageStatus
from workbench.ui import replace_jobs
from workbench.ui.jobs import Job, JobRunner
from workbench.ui.models.occurrence_model import OccurrenceModel
from workbench.ui.replace_jobs import CropRequest, FindRequest, Found, WordCrop
from workbench.ui.text_editor import PageEditor

CROP_HEIGHT = 32
CROP_WIDTH = 180
SCOPES: tuple[tuple[str, frozenset[PageStatus] | None], ...] = (
    ("All pages", None),
    ("Pages not yet corrected", NEEDING_WORK),
)
ERROR_STYLE = "color: #b00020;"


def fix_at_caret(editor: PageEditor) -> tuple[str, str]:
    """What to replace and by what, as the editor suggests at its caret.

    A suggestion there gives its wrong form and its best candidate, without the punctuation around
    them (the same misreading stands before a comma elsewhere); otherwise the selection, or the
    word under the caret, with no replacement yet.
    """
    suggestion = editor.suggestion_at_caret()
    if suggestion is not None and suggestion.candidates:
        return lexicon_form(suggestion.text), lexicon_form(suggestion.candidates[0].text)
    cursor = editor.textCursor()
    if not cursor.hasSelection():
        cursor.select(QTextCursor.SelectionType.WordUnderCursor)
    return cursor.selectedText().replace("\u2029", "\n"), ""


class _ElidingDelegate(QStyledItemDelegate):
    """Cuts text that does not fit where it matters least: the far end of the text before a match,
    the middle of a page label (whose end tells pages of a document apart)."""

    def __init__(self, mode: Qt.TextElideMode, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mode = mode

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = self._mode


class ReplaceDialog(QDialog):
    """Find in every page's current text, untick what must stay, replace the rest.

    Signals:
        replace_requested(query, occurrences): replace these ticked occurrences of ``query``.
    """

    replace_requested = Signal(object, object)

    def __init__(self, project_path: Path, runner: JobRunner, parent: QWidget | None = None,
                 *, follow: Callable[[Job[object]], object] = lambda job: None) -> None:
        """``follow``: shown each job the dialog starts (the window's status bar, with its Cancel)."""
        super().__init__(parent)
        self.setWindowTitle("Replace across project")
        self._project_path = project_path
        self._runner = runner
        self._follow = follow
        self._find_job: Job[object] | None = None
        self._crop_job: Job[object] | None = None
        self._crops: queue.SimpleQueue[WordCrop] = queue.SimpleQueue()
        self._found: Found | None = None
        self.model = OccurrenceModel(self)
        self.find_edit = QLineEdit()
        self.replace_edit = QLineEdit()
        self.regex_box = QCheckBox("Regular expression")
        self.whole_words_box = QCheckBox("Whole words")
        self.match_case_box = QCheckBox("Match case")
        self.scope = QComboBox()
        self.find_button = QPushButton("Find")
        self.message = QLabel()
        self.summary = QLabel()
        self.table = QTableView()
        self.replace_button = QPushButton("Replace ticked")
        self._assemble()
        self._connect()
        self.whole_words_box.setChecked(True)
        self.match_case_box.setChecked(True)
        self._show_summary()

    def _assemble(self) -> None:
        for label, _statuses in SCOPES:
            self.scope.addItem(label)
        self.find_edit.setPlaceholderText("the wrong form")
        self.replace_edit.setPlaceholderText("what it should read")
        self.find_button.setDefault(True)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        fields = QFormLayout()
        fields.addRow("Find:", self.find_edit)
        fields.addRow("Replace with:", self.replace_edit)
        options = QHBoxLayout()
        for box in (self.regex_box, self.whole_words_box, self.match_case_box):
            options.addWidget(box)
        options.addStretch(1)
        options.addWidget(QLabel("In:"))
        options.addWidget(self.scope)
        options.addWidget(self.find_button)
        self._assemble_table()
        tick_all, untick_all, close = QPushButton("Tick all"), QPushButton("Untick all"), QPushButton("Close")
        tick_all.clicked.connect(lambda: self.model.set_all_ticked(True))
        untick_all.clicked.connect(lambda: self.model.set_all_ticked(False))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for button in (tick_all, untick_all, self.replace_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(fields)
        layout.addLayout(options)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1150, 600)

    def _assemble_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.setIconSize(QSize(CROP_WIDTH, CROP_HEIGHT))
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(CROP_HEIGHT + 8)
        for column, width in ((OccurrenceModel.PAGE, 170), (OccurrenceModel.IMAGE, CROP_WIDTH + 12),
                              (OccurrenceModel.BEFORE, 300), (OccurrenceModel.CHANGE, 180)):
            table.setColumnWidth(column, width)
        table.horizontalHeader().setStretchLastSection(True)
        for column, mode in ((OccurrenceModel.PAGE, Qt.TextElideMode.ElideMiddle),
                             (OccurrenceModel.BEFORE, Qt.TextElideMode.ElideLeft)):
            table.setItemDelegateForColumn(column, _ElidingDelegate(mode, table))

    def _connect(self) -> None:
        self.find_button.clicked.connect(self.find_occurrences)  # the default button: Enter in a field too
        self.replace_button.clicked.connect(self._request_replace)
        self.model.dataChanged.connect(self._show_summary)
        self.model.modelReset.connect(self._show_summary)
        self.finished.connect(self._stop_jobs)

    # What the window calls

    def find_fix(self, wrong: str, fix: str) -> None:
        """Find every whole-word, case-sensitive occurrence of ``wrong``, to replace it by ``fix``."""
        self.find_edit.setText(wrong)
        self.replace_edit.setText(fix)
        self.regex_box.setChecked(False)
        self.whole_words_box.setChecked(True)
        self.match_case_box.setChecked(True)
        self.find_occurrences()

    def show_outcome(self, message: str) -> None:
        """Say what the last replacement did; the occurrences shown are out of date, so they go."""
        self._stop_jobs()
        self._found = None
        self.model.set_occurrences([], {})
        self._say(message)

    def query(self) -> ReplaceQuery:
        """The query as typed.

        Raises:
            WorkbenchError: The pattern is empty or not a valid regular expression.
        """
        return ReplaceQuery(
            self.find_edit.text(), self.replace_edit.text(), regex=self.regex_box.isChecked(),
            whole_word=self.whole_words_box.isChecked(), case_sensitive=self.match_case_box.isChecked(),
        )

    @Slot()
    def find_occurrences(self) -> None:
        """Find the occurrences of the query as typed; a query that cannot be used says why here."""
        self._stop_jobs()
        self._found = None
        self.model.set_occurrences([], {})
        try:
            query = self.query()
        except WorkbenchError as error:
            self._say(str(error), error=True)
            return
        request = FindRequest(self._project_path, query, SCOPES[self.scope.currentIndex()][1])
        job = Job(partial(replace_jobs.find_occurrences, request), title="Finding occurrences")
        self._find_job = job.when_finished(partial(self._show_found, job))
        self._find_job.signals.failed.connect(self._find_failed)
        self._say("Finding…")
        self._follow(self._find_job)
        self._runner.start(self._find_job)

    # Jobs

    def _show_found(self, job: Job[Found], found: Found) -> None:
        if job is not self._find_job:
            return  # a search stopped in favour of a newer one
        self._find_job = None
        self._found = found
        self.model.set_occurrences(self._found.occurrences, self._found.labels)
        self._say("" if self._found.occurrences else f"“{self._found.request.query.pattern}” does not occur.")
        self._cut_words()

    @Slot(str)
    def _find_failed(self, message: str) -> None:
        if self._find_job is not None and self.sender() is self._find_job.signals:
            self._find_job = None
            self._say(message, error=True)

    def _cut_words(self) -> None:
        wanted = self.model.wanted_crops()
        if not wanted:
            return
        self._crops = queue.SimpleQueue()  # a stopped job may still fill its own queue, never this one
        request = CropRequest(self._project_path, wanted, CROP_HEIGHT, CROP_WIDTH)
        self._crop_job = Job(partial(replace_jobs.crop_words, request, self._crops.put), title="Cutting words")
        self._crop_job.signals.advanced.connect(self._take_crops)
        self._crop_job.signals.ended.connect(self._take_crops)
        self._follow(self._crop_job)
        self._runner.start(self._crop_job)

    @Slot()
    def _take_crops(self) -> None:
        while not self._crops.empty():
            page_id, box, image = self._crops.get()
            self.model.add_crop(page_id, box, image)

    @Slot()
    def _stop_jobs(self) -> None:
        if self._find_job is not None:
            self._say("")  # no longer finding
        for job in (self._find_job, self._crop_job):
            if job is not None:
                job.cancel()
        self._find_job = self._crop_job = None

    # The rest

    @Slot()
    def _request_replace(self) -> None:
        ticked = self.model.ticked()
        if self._found is not None and ticked:
            self.replace_requested.emit(self._found.request.query, ticked)

    @Slot()
    def _show_summary(self) -> None:
        found, pages, ticked = self.model.rowCount(), self.model.page_count(), self.model.ticked_count()
        self.summary.setText(
            f"{found} occurrence{'s' * (found != 1)} on {pages} page{'s' * (pages != 1)}, {ticked} ticked")
        self.replace_button.setEnabled(ticked > 0)

    def _say(self, message: str, *, error: bool = False) -> None:
        self.message.setText(message)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
