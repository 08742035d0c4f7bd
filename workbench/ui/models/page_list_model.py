"""The project's pages as a table (label, status, open suggestions) with lazily loaded thumbnails.

The model holds page ids in reading order and their ``Page`` records: the list query fills them,
and the change-sets the window hands on (``apply_changes``) keep them as they are. Thumbnails are decoded by a background ``Job`` only when a view asks for a row's
decoration, i.e. when the row is painted; the job returns a ``QImage`` (safe off the GUI thread) and
the model turns it into a ``QPixmap`` on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QObject,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage, QPixmap

from workbench.progress import Progress
from workbench.ui.models.table_model import FlatTableModel, Index
from workbench.project import ChangeSet, Page, PageStatus, Project
from workbench.ui.project_link import ProjectLink
from workbench.ui.jobs import Job, JobRunner
from workbench.ui.page_images import thumbnail_qimage


THUMBNAIL_SIDE = 160
"""Longest side of a thumbnail, in pixels."""

UNSAVED_MARK = "• "


class PageListModel(FlatTableModel):
    """The pages of an open project in reading order, one row per page.

    Columns are ``LABEL`` (with the thumbnail as its decoration), ``STATUS`` and ``SUGGESTIONS``
    (the open suggestions the window reports through ``set_suggestion_count``; empty until then).
    """

    LABEL, STATUS, SUGGESTIONS = range(3)
    PAGE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
    """The page's id, on every column."""
    STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
    """The page's ``PageStatus`` value (a str), on every column; what ``PageFilterProxy`` filters on."""

    HEADERS = ("Page", "Status", "Suggestions")

    listed = Signal()
    """The page list was read (afresh): rows may have come, gone or moved."""

    def __init__(self, link: ProjectLink, runner: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._link = link
        self._runner = runner
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._pages: dict[int, Page] = {}
        self._scans: dict[int, Path] = {}
        self._suggestion_counts: dict[int, int] = {}
        self._unsaved: set[int] = set()
        self._thumbnails: dict[int, QPixmap] = {}
        self._thumbnail_problems: dict[int, str] = {}
        self._loading: dict[int, Job[object]] = {}

    # Qt's table interface

    def item_count(self) -> int:
        return len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not self.holds(index):
            return None
        page_id = self._ids[index.row()]
        column = index.column()
        if role == self.PAGE_ID_ROLE:
            return page_id
        if role == self.STATUS_ROLE:
            return self._page(page_id).status.value
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(page_id, column)
        if column == self.LABEL and role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(page_id)
        if column == self.LABEL and role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(page_id)
        return None

    # What the window calls

    def page_id_at(self, row: int) -> int:
        return self._ids[row]

    def holds_page(self, page_id: int) -> bool:
        return page_id in self._row_of

    def row_of(self, page_id: int) -> int:
        """The row showing ``page_id``; KeyError for a page the model does not hold."""
        return self._row_of[page_id]

    def pages(self) -> list[Page]:
        """The pages in reading order, as last read or told."""
        return [self._pages[page_id] for page_id in self._ids]

    def reload(self) -> None:
        """Read the page list afresh, for pages added, removed, reordered or relinked."""
        self._link.call(_list_pages, self._show_listing, title="Reading the page list")

    def apply_changes(self, changes: ChangeSet) -> None:
        """Show what changed: pages added are read with the list, changed page records (a save, a
        status) are taken as given, and a change made elsewhere reads every page again."""
        if changes.pages_added:
            self.reload()
        elif changes.everything:
            self._reread()
        for page in changes.pages:
            if page.id in self._row_of:
                self._pages[page.id] = page
                self._emit_row_changed(page.id)

    def set_suggestion_count(self, page_id: int, count: int) -> None:
        if self._suggestion_counts.get(page_id) != count:
            self._suggestion_counts[page_id] = count
            self._emit_row_changed(page_id, self.SUGGESTIONS, self.SUGGESTIONS)

    def set_unsaved(self, page_id: int, unsaved: bool) -> None:
        """Mark a page that has edits not yet saved as a revision."""
        if (page_id in self._unsaved) != unsaved:
            if unsaved:
                self._unsaved.add(page_id)
            else:
                self._unsaved.discard(page_id)
            self._emit_row_changed(page_id, self.LABEL, self.LABEL)

    # Rows

    def _show_listing(self, listing: Listing) -> None:
        pages, scans = listing
        self.beginResetModel()
        self._ids = [page.id for page in pages]
        self._row_of = {page_id: row for row, page_id in enumerate(self._ids)}
        self._pages = {page.id: page for page in pages}
        self._scans = scans
        self._thumbnails.clear()
        self._thumbnail_problems.clear()
        self.endResetModel()
        self.listed.emit()

    def _reread(self) -> None:
        """Read the page list again (a change elsewhere): in place when the same pages are listed."""
        self._link.call(_list_pages, self._show_reread, title="Reading the page list")

    def _show_reread(self, listing: Listing) -> None:
        pages, _ = listing
        if [page.id for page in pages] != self._ids:
            self._show_listing(listing)
            return
        self._pages = {page.id: page for page in pages}
        if self._ids:
            self.dataChanged.emit(self.index(0, self.LABEL), self.index(len(self._ids) - 1, self.SUGGESTIONS))
        self.listed.emit()

    def _page(self, page_id: int) -> Page:
        return self._pages[page_id]

    def _display(self, page_id: int, column: int) -> str | None:
        if column == self.LABEL:
            label = self._page(page_id).label
            return UNSAVED_MARK + label if page_id in self._unsaved else label
        if column == self.STATUS:
            return self._page(page_id).status.value
        count = self._suggestion_counts.get(page_id)
        return None if count is None else str(count)

    def _tooltip(self, page_id: int) -> str | None:
        notes = []
        if page_id in self._unsaved:
            notes.append("Unsaved changes")
        if page_id in self._thumbnail_problems:
            notes.append(f"No thumbnail: {self._thumbnail_problems[page_id]}")
        return "\n".join(notes) or None

    def _emit_row_changed(self, page_id: int, first: int = LABEL, last: int = SUGGESTIONS) -> None:
        row = self._row_of.get(page_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, first), self.index(row, last))

    # Thumbnails

    def _thumbnail(self, page_id: int) -> QPixmap | None:
        if page_id in self._thumbnails:
            return self._thumbnails[page_id]
        if page_id not in self._loading and page_id not in self._thumbnail_problems:
            self._start_thumbnail_job(page_id)
        return None

    def _start_thumbnail_job(self, page_id: int) -> None:
        page = self._page(page_id)
        work = partial(_load_thumbnail, self._scans[page_id], page.scan_index)
        job = Job(work, title=f"thumbnail of page {page.label}")
        job.signals.finished.connect(self._thumbnail_loaded)
        job.signals.failed.connect(self._thumbnail_failed)
        job.signals.ended.connect(self._thumbnail_job_ended)
        # Kept until its ``ended`` arrives, so that ``sender()`` in the slots below is still alive.
        self._loading[page_id] = job
        self._runner.start(job)

    def _loading_page_of_sender(self) -> int | None:
        signals = self.sender()
        return next((pid for pid, job in self._loading.items() if job.signals is signals), None)

    @Slot(object)
    def _thumbnail_loaded(self, image: QImage) -> None:
        page_id = self._loading_page_of_sender()
        if page_id is not None:
            self._thumbnails[page_id] = QPixmap.fromImage(image)
            self._emit_decoration_changed(page_id)

    @Slot(str)
    def _thumbnail_failed(self, message: str) -> None:
        page_id = self._loading_page_of_sender()
        if page_id is not None:
            self._thumbnail_problems[page_id] = message
            self._emit_decoration_changed(page_id)

    @Slot()
    def _thumbnail_job_ended(self) -> None:
        page_id = self._loading_page_of_sender()
        if page_id is not None:
            del self._loading[page_id]

    def _emit_decoration_changed(self, page_id: int) -> None:
        row = self._row_of.get(page_id)
        if row is not None:
            index = self.index(row, self.LABEL)
            roles = [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole]
            self.dataChanged.emit(index, index, roles)


Listing = tuple[list[Page], dict[int, Path]]
"""The pages in reading order, and the scan file of each."""


def _list_pages(project: Project) -> Listing:
    pages = project.pages.all()
    return pages, {page.id: project.pages.scan_file(page) for page in pages}


def _load_thumbnail(path: Path, index: int, progress: Progress) -> QImage:
    """Page ``index`` of a scan at thumbnail size; runs on a worker thread."""
    progress.advance(0, 1)  # a job cancelled while queued (the window closing) stops here
    return thumbnail_qimage(path, index, THUMBNAIL_SIDE)


class PageFilterProxy(QSortFilterProxyModel):
    """Shows only the pages whose status is in a chosen set; all pages until a set is chosen."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._statuses: frozenset[PageStatus] | None = None

    def set_statuses(self, statuses: Iterable[PageStatus] | None) -> None:
        """Show pages in these statuses only; ``None`` shows every page."""
        wanted = None if statuses is None else frozenset(statuses)
        if wanted != self._statuses:
            self.beginFilterChange()
            self._statuses = wanted
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._statuses is None:
            return True
        index = self.sourceModel().index(source_row, PageListModel.LABEL, source_parent)
        return index.data(PageListModel.STATUS_ROLE) in self._statuses
