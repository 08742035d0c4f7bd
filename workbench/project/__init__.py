"""The facade: everything the command line and the window do to a project goes through ``Project``.

One ``Project`` holds one SQLite connection, which belongs to the thread that opened it; a
background job opens its own ``Project`` on the same path (WAL lets readers work beside a writer).
Long work (import, OCR, export) lives in the sibling modules and is reached through methods here.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType


from workbench.errors import ConflictError, NotFoundError
from workbench.limits import check_text_size
from workbench.ocr.cluster import make_cluster_executor
from workbench.ocr.tesseract import installed_languages, tesseract_version
from workbench.progress import NoProgress, Progress
from workbench.formats.export_model import PageExport
from workbench.formats.files import write_atomically
from workbench.formats.scans import MAX_PIXELS, load_page_image
from workbench.project import backups
from workbench.project import (
    export_pages, exporting, importing, ocr_import, overview, recognition, replacing, scans, searching,
    suggesting, verifying,
)
from workbench.records import (
    EVERYTHING,
    BatchResult,
    BatchSummary,
    Candidate,
    ChangeSet,
    Document,
    DocumentOverview,
    Draft,
    DraftOrigin,
    Occurrence,
    OcrRun,
    OcrSettings,
    OcrWord,
    Page,
    PageProgress,
    PageStatus,
    PageTally,
    ProjectOverview,
    ReplaceQuery,
    Revision,
    RevisionKind,
    SearchHit,
    StatusChange,
    Suggestion,
    SuggestionKind,
    WordLink,
)
from workbench.store import lexicon, ocr_runs, pages, presence, revisions, suggestion_feedback
from workbench.store.database import create_database, is_writable, open_database
from workbench.store.errors import translate_storage_errors
from workbench.store.migrations import LATEST_VERSION
from workbench.store.transactions import write_transaction
from workbench.suggest.vocabulary import lexicon_form
from workbench.text.diff import DiffOp, diff_chars, diff_words, render_inline
from workbench.text.phrases import find_phrase, phrase_words
from workbench.text.rates import ErrorRates, error_rates

__all__ = [
    "EVERYTHING", "BatchResult", "BatchSummary", "Candidate", "ChangeSet", "ConflictError", "DiffOp", "Document",
    "DocumentOverview", "Draft", "DraftOrigin", "ErrorRates", "OcrRun", "OcrSettings", "OcrWord", "Occurrence",
    "Page", "PageProgress", "PageStatus", "PageTally", "Project", "ProjectOverview", "ReplaceQuery", "Revision",
    "RevisionKind", "SearchHit", "StatusChange", "Suggestion", "SuggestionKind", "WordLink",
    # What the window and the command line need of the engines besides a Project:
    "EXPORT_FORMATS", "MAX_PIXELS", "find_phrase", "installed_languages", "lexicon_form", "load_page_image",
    "make_cluster_executor", "phrase_words", "render_inline", "tesseract_version", "write_atomically",
]

ExportReport = exporting.ExportReport
EXPORT_FORMATS = exporting.EXPORT_FORMATS
PROJECT_FORMAT_VERSION = LATEST_VERSION
"""The newest project file format this version reads and writes."""
OCR_SETTINGS_KEY = "ocr_settings"
"""The settings row holding the collection's recognition options (``OcrSettings.as_dict``, as JSON)."""
ImportReport = importing.ImportReport
ScanProblem = scans.ScanProblem


def now() -> str:
    """Timestamps are UTC, ISO 8601 to the second: sortable as text and unambiguous across places."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@translate_storage_errors
class Project:
    """An open project file. Use as a context manager, or call ``close()``.

    Any number of Projects, in any number of processes, may have one file open at once: SQLite's
    locks and the write-ahead log keep every acknowledged write durable and visible to the others.
    A full disk, a lock held too long or a damaged file reach the caller as WorkbenchErrors.
    """

    def __init__(self, path: Path) -> None:
        self.path = path.resolve()
        self.read_only = path.exists() and not is_writable(self.path)
        """A project whose file or folder cannot be written opens for reading and export only."""
        self._db = open_database(self.path, read_only=self.read_only)
        self._seen_version = presence.data_version(self._db)
        self._closed = False
        self._vocabulary = suggesting.ProjectVocabulary()
        self._engine = suggesting.ProjectEngine()

    @classmethod
    def create(cls, path: Path, *, name: str | None = None) -> Project:
        create_database(path)
        project = cls(path)
        with write_transaction(project._db) as connection:
            pages.put_setting(connection, "name", name or path.stem)
        return project

    @classmethod
    def open(cls, path: Path) -> Project:
        """Open an existing project; the first open of a day takes its daily backup."""
        project = cls(path)
        if not project.read_only:
            backups.daily_backup_if_due(project.path)
        return project

    def close(self) -> None:
        self._db.conn.close()
        self._closed = True

    @property
    def is_open(self) -> bool:
        return not self._closed

    def __enter__(self) -> Project:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    @property
    def name(self) -> str:
        return pages.setting(self._db, "name") or self.path.stem

    @property
    def folder(self) -> Path:
        return self.path.parent

    # Sharing the file with other windows and processes

    def changed_elsewhere(self) -> bool:
        """Whether anyone else (another window, a command, a background job) committed a change
        since the last time this was asked: a window polls it to refresh what it shows."""
        version = presence.data_version(self._db)
        changed, self._seen_version = version != self._seen_version, version
        return changed

    def announce_window(self, window_id: str, *, author: str) -> list[str]:
        """Say that a window is (still) open on the project; the authors of the other open windows."""
        stamp = time.time()
        if not self.read_only:
            with write_transaction(self._db) as connection:
                presence.beat(connection, window_id, host=socket.gethostname(), pid=os.getpid(),
                              author=author, now=stamp)
        return presence.other_windows(self._db, window_id, now=stamp)

    def window_closed(self, window_id: str) -> None:
        if not self.read_only:
            with write_transaction(self._db) as connection:
                presence.leave(connection, window_id)

    # Documents and pages

    def documents(self) -> list[Document]:
        return pages.documents(self._db)

    def document(self, name: str) -> Document:
        document = pages.document_by_name(self._db, name)
        if document is None:
            raise NotFoundError(f"There is no document named {name!r} in {self.path.name}.")
        return document

    def pages(
        self, *, document_id: int | None = None, statuses: Iterable[PageStatus] | None = None
    ) -> list[Page]:
        return pages.pages(self._db, document_id=document_id, statuses=statuses)

    def page(self, page_id: int) -> Page:
        page = pages.page(self._db, page_id) if _is_row_id(page_id) else None
        if page is None:
            raise NotFoundError(f"There is no page {page_id} in {self.path.name}.")
        return page

    def find_page(self, reference: str) -> Page:
        """A page by its number (as ``workbench status`` shows it) or by its unique label."""
        if reference.isdigit():
            return self.page(int(reference))
        found = pages.pages_by_label(self._db, reference)
        if len(found) == 1:
            return found[0]
        if not found:
            raise NotFoundError(f"There is no page {reference!r} in {self.path.name}.")
        raise NotFoundError(f"{len(found)} pages are labelled {reference!r}; use the page number.")

    def status_counts(self) -> dict[PageStatus, int]:
        return pages.status_counts(self._db)

    def set_status(self, page_ids: Sequence[int], status: PageStatus, *, author: str) -> ChangeSet:
        """Move pages to a status together; who and when is logged for each."""
        moved = [self.page(page_id) for page_id in page_ids]
        stamp = now()
        with write_transaction(self._db) as connection:
            logged = tuple(
                pages.set_status(connection, page.id, status, author=author, created=stamp) for page in moved
            )
        return ChangeSet(pages=tuple(replace(page, status=status) for page in moved), status_changes=logged)

    def status_history(self, page_id: int) -> list[StatusChange]:
        return pages.status_changes(self._db, page_id)

    # Scans

    def add_scans(
        self,
        paths: Sequence[Path],
        *,
        document: str | None = None,
        reference: str | None = None,
        title: str | None = None,
        progress: Progress = NoProgress(),
        ocr: Path | None = None,
    ) -> importing.ImportReport:
        """Add scans; OCR files beside them (``x.hocr``, ``x.xml``, ``x.txt``), or ``ocr`` for the one
        scan given, become their pages' first revisions."""
        return importing.add_scans(
            self._db, self.folder, paths, document=document, reference=reference, title=title,
            created=now(), progress=progress, ocr=ocr,
        )

    def import_ocr(self, page_id: int, path: Path, *, author: str, force: bool = False) -> ChangeSet:
        """Make the OCR in ``path`` (hOCR, ALTO, PAGE or plain text) the page's first revision.

        A page that has text already is refused unless ``force``, which adds the import on top.
        """
        revision = self.revision(
            ocr_import.import_ocr(self._db, page_id, path, author=author, created=now(), force=force)
        )
        return ChangeSet(pages=(self.page(page_id),), revisions=(revision,))

    def scan_file(self, page: Page) -> Path:
        return scans.scan_file(self.folder, page)

    def scan_problems(self, *, verify_contents: bool = False) -> list[scans.ScanProblem]:
        return scans.scan_problems(self._db, self.folder, verify_contents=verify_contents)

    def relink_scans(self, folder: Path) -> int:
        return scans.relink_scans(self._db, self.folder, folder)

    # OCR

    def recognise(
        self,
        page_ids: Sequence[int] | None = None,
        *,
        settings: OcrSettings = OcrSettings(),
        jobs: int | None = None,
        executor: Executor | None = None,
        force: bool = False,
        author: str = "ocr",
        progress: Progress = NoProgress(),
    ) -> BatchSummary:
        return recognition.recognise(
            self._db, self.folder, page_ids, settings=settings, jobs=jobs, executor=executor,
            force=force, author=author, clock=now, progress=progress,
        )

    def ocr_settings(self) -> OcrSettings:
        """The recognition options chosen for this collection; the defaults until some are chosen
        (or when what is stored cannot be read)."""
        stored = pages.setting(self._db, OCR_SETTINGS_KEY)
        try:
            data = json.loads(stored) if stored is not None else {}
        except ValueError:
            data = {}
        return OcrSettings.from_dict(data) if isinstance(data, dict) else OcrSettings()

    def set_ocr_settings(self, settings: OcrSettings) -> ChangeSet:
        with write_transaction(self._db) as connection:
            pages.put_setting(connection, OCR_SETTINGS_KEY, json.dumps(settings.as_dict()))
        return ChangeSet(settings=True)

    def ocr_run(self, page_id: int) -> OcrRun | None:
        """The page's latest OCR result, with its words and boxes."""
        return ocr_runs.latest_ocr_run(self._db, page_id)

    # Revisions

    def revisions(self, page_id: int) -> list[Revision]:
        self.page(page_id)
        return revisions.revisions(self._db, page_id)

    def revision(self, revision_id: int) -> Revision:
        revision = revisions.revision(self._db, revision_id) if _is_row_id(revision_id) else None
        if revision is None:
            raise NotFoundError(f"There is no revision {revision_id} in {self.path.name}.")
        return revision

    def current_revision(self, page_id: int) -> Revision | None:
        revision_id = self.page(page_id).current_revision_id
        return None if revision_id is None else self.revision(revision_id)

    def current_text(self, page_id: int) -> str:
        current = self.current_revision(page_id)
        return "" if current is None else current.text

    def save(
        self,
        page_id: int,
        text: str,
        *,
        parent_id: int | None,
        author: str,
        kind: RevisionKind = RevisionKind.EDIT,
        note: str | None = None,
        session: str | None = None,
    ) -> ChangeSet:
        """Add a revision on top of ``parent_id``, which must still be the page's current revision.

        A save based on an older revision is a conflict: nothing is overwritten, the refused text
        is kept as a draft of its own, and ConflictError carries both texts. ``session``: the
        editing session whose autosave of the page this save makes unnecessary.
        """
        page = self.page(page_id)
        check_text_size(text)
        if parent_id not in (None, page.current_revision_id) and self.revision(parent_id).page_id != page_id:
            raise NotFoundError(f"Revision {parent_id} is not a revision of page {page_id}.")
        stamp = now()
        gone: tuple[int, ...] = ()
        logged: tuple[StatusChange, ...] = ()
        with write_transaction(self._db) as connection:
            current_id = revisions.current_revision_id(connection, page_id)
            if current_id != parent_id:
                draft_id = revisions.add_draft(
                    connection, Draft(page_id, parent_id, text, author, stamp, DraftOrigin.REFUSED, session)
                )
            else:
                revision = revisions.insert_revision(
                    connection, page_id=page_id, parent_id=parent_id, kind=kind, author=author,
                    created=stamp, text=text, note=note,
                )
                pages.set_current_revision(connection, page_id, revision.id)
                if session is not None:
                    gone = revisions.delete_session_autosave(connection, page_id, session)
                if page.status in (PageStatus.NEW, PageStatus.RECOGNISED):
                    logged = (pages.set_status(
                        connection, page_id, PageStatus.IN_PROGRESS, author=author, created=stamp
                    ),)
        if current_id != parent_id:
            current_text = "" if current_id is None else self.revision(current_id).text
            raise ConflictError(page_id, current_id or 0, current_text, text, draft_id)
        status = logged[0].status if logged else page.status
        return ChangeSet(
            pages=(replace(page, current_revision_id=revision.id, status=status),), revisions=(revision,),
            status_changes=logged, drafts_gone=gone,
        )

    def revert(self, page_id: int, revision_id: int, *, author: str, note: str | None = None) -> ChangeSet:
        """Make an earlier revision's text current again, as a new revision: history only grows."""
        target = self.revision(revision_id)
        if target.page_id != page_id:
            raise NotFoundError(f"Revision {revision_id} belongs to page {target.page_id}, not {page_id}.")
        return self.save(
            page_id, target.text, parent_id=self.page(page_id).current_revision_id, author=author,
            kind=RevisionKind.REVERT, note=note or f"reverted to revision {revision_id}",
        )

    def diff(self, old_revision_id: int, new_revision_id: int, *, by: str = "words") -> list[DiffOp]:
        old, new = self.revision(old_revision_id).text, self.revision(new_revision_id).text
        return diff_words(old, new) if by == "words" else diff_chars(old, new)

    def rates_against_ocr(self, revision_id: int) -> ErrorRates | None:
        """CER and WER of the OCR text measured against a revision (the corrected text is the reference)."""
        revision = self.revision(revision_id)
        baseline = revisions.latest_recognised_revision(self._db, revision.page_id)
        return None if baseline is None else error_rates(revision.text, baseline.text)

    # Suggestions

    def word_links(self, page_id: int, text: str | None = None) -> list[WordLink]:
        """Which word of the page's latest OCR each token came from, for the current text or ``text``.

        Empty if the page was never recognised.
        """
        return suggesting.word_links(self._db, page_id, self._text(page_id, text))

    def suggestions(
        self, page_id: int, text: str | None = None, *, within: tuple[int, int] | None = None
    ) -> list[Suggestion]:
        """Doubtful words of the current text, or of ``text`` (an edit not saved yet), with candidates.

        Offsets point into the text the suggestions were made for. Candidates come from the words of
        all current texts of the project, so a word corrected on one page is offered on the others.
        ``within``: only for the words inside these offsets (the lines being edited).
        """
        return suggesting.suggestions(
            self._db, self._vocabulary, self._engine, page_id, self._text(page_id, text), within=within
        )

    def suggestion_at(self, page_id: int, offset: int, text: str | None = None) -> Suggestion | None:
        """The suggestion for the word at ``offset`` of the current text (or ``text``), whether or
        not it is flagged: the archivist asked for candidates there. None where there is no word."""
        return suggesting.suggestion_at(
            self._db, self._vocabulary, self._engine, page_id, self._text(page_id, text), offset
        )

    def build_vocabulary(self) -> suggesting.ProjectVocabulary:
        """Count the project's words and load the general word list now, so that the first
        suggestions do not wait for either (benchmarks warm up with it)."""
        self._vocabulary.current(self._db)
        suggesting.load_word_lists()
        return self._vocabulary

    def reject_suggestion(self, page_id: int, word: str, *, author: str) -> ChangeSet:
        """Record that ``word`` (rejected as a suggestion on a page) is right: it is not flagged again
        anywhere in the project."""
        self.page(page_id)
        stamp = now()
        with write_transaction(self._db) as connection:
            lexicon.add_word(connection, lexicon_form(word), author=author, created=stamp, page_id=page_id)
            suggestion_feedback.add_feedback(
                connection, page_id=page_id, action="rejected", wrong=word, fixed=None, author=author,
                created=stamp,
            )
        return ChangeSet(lexicon=(lexicon_form(word),))

    def record_accepted(self, page_id: int, wrong: str, fixed: str, *, author: str) -> ChangeSet:
        """Record that the archivist replaced ``wrong`` with ``fixed`` from a suggestion: the fix is
        then offered first, and the misreading flagged, wherever ``wrong`` occurs in the project."""
        self.page(page_id)
        wrong_word, fixed_word = lexicon_form(wrong), lexicon_form(fixed)
        with write_transaction(self._db) as connection:
            suggestion_feedback.add_feedback(
                connection, page_id=page_id, action="accepted", wrong=wrong_word, fixed=fixed_word,
                author=author, created=now(),
            )
        return ChangeSet(lexicon=(wrong_word, fixed_word))

    def project_lexicon(self) -> set[str]:
        """The words the archivist has accepted as right for this project."""
        return lexicon.words(self._db)

    def _text(self, page_id: int, text: str | None) -> str:
        self.page(page_id)
        return self.current_text(page_id) if text is None else text

    # Search and progress

    def search(self, query: str, *, limit: int = 200) -> list[SearchHit]:
        """Every occurrence of ``query``, typed as a plain phrase, in the pages' current texts.

        Case, accents and punctuation between words do not count; no query can fail as bad syntax.
        """
        return searching.search(self._db, query, limit=limit)

    def overview(self, *, progress: Progress = NoProgress()) -> ProjectOverview:
        """Pages per status and CER of OCR against the current text, per document and in total.

        Compares every changed page's texts: on a large project, run it as a background job.
        """
        return overview.overview(self._db, progress)

    def page_progress(self, page_ids: Sequence[int] | None = None) -> list[PageProgress]:
        """Every page's share of the overview, or those of ``page_ids`` (measured again after a
        change touched them); ``ProjectOverview.of`` adds them up."""
        return overview.page_progress(self._db, page_ids, NoProgress())

    def verify(self, *, progress: Progress = NoProgress()) -> verifying.VerifyReport:
        """Check the file, every revision's hash chain and every scan's checksum (reads everything)."""
        return verifying.verify(self._db, self.folder, progress)

    # Find and replace across the project

    def find_occurrences(
        self,
        query: ReplaceQuery,
        *,
        statuses: Iterable[PageStatus] | None = None,
        document: str | None = None,
    ) -> list[Occurrence]:
        """Every match of ``query`` in the current texts (of pages with these statuses, in this
        document), in reading order, with its line and OCR word box for a concordance."""
        document_id = None if document is None else self.document(document).id
        return replacing.find_occurrences(self._db, query, statuses=statuses, document_id=document_id)

    def apply_replacements(
        self, occurrences: Sequence[Occurrence], *, author: str, note: str
    ) -> BatchResult:
        """Apply the chosen occurrences as one BATCH revision per page, in one transaction; pages
        saved since the occurrences were found are reported as conflicts and left alone.
        ``undo_batch`` of the result is its inverse. A backup is taken first (see ``backups``)."""
        if occurrences:
            backups.backup_quietly(self.path, backups.BEFORE_REPLACE)
        return replacing.apply_replacements(self._db, occurrences, author=author, note=note, created=now())

    def rebase_occurrences(
        self, query: ReplaceQuery, occurrences: Sequence[Occurrence], page_id: int
    ) -> list[Occurrence]:
        """The occurrences, with those on ``page_id`` moved onto the text it was just saved with,
        where their lines still read the same."""
        return replacing.rebased(self._db, query, occurrences, page_id)

    def undo_batch(
        self, result: BatchResult, *, author: str, note: str = "undid a batch replacement"
    ) -> BatchResult:
        """Give the pages of a batch their old texts back as REVERT revisions, in one transaction;
        pages edited since are conflicts and keep their text. Undoing the returned result redoes."""
        return replacing.undo_batch(self._db, result, author=author, note=note, created=now())

    # Drafts

    def save_draft(
        self, page_id: int, text: str, *, base_revision_id: int | None, author: str, session: str | None = None
    ) -> ChangeSet:
        """Keep unsaved typing: it replaces only the same ``session``'s earlier autosave of the page."""
        check_text_size(text)
        draft = Draft(page_id, base_revision_id, text, author, now(), DraftOrigin.AUTOSAVE, session)
        with write_transaction(self._db) as connection:
            draft_id = revisions.put_autosave(connection, draft)
        return ChangeSet(drafts=(replace(draft, id=draft_id),))

    def drafts(self, page_id: int | None = None) -> list[Draft]:
        """Every kept draft (of one page), oldest first: autosaves and refused saves alike."""
        return revisions.drafts(self._db, page_id)

    def kept_draft(self, draft_id: int) -> Draft:
        draft = revisions.draft_by_id(self._db, draft_id) if _is_row_id(draft_id) else None
        if draft is None:
            raise NotFoundError(f"There is no draft {draft_id} in {self.path.name}.")
        return draft

    def adopt_draft(self, draft_id: int, *, session: str) -> ChangeSet:
        """Take a kept draft into an editing session (restored into a window): from now on it is
        that session's autosave, replaced by its typing and settled by its save."""
        draft = self.kept_draft(draft_id)
        with write_transaction(self._db) as connection:
            gone = revisions.adopt_draft(connection, draft_id, session)
        adopted = replace(draft, session=session, origin=DraftOrigin.AUTOSAVE)
        return ChangeSet(drafts=(adopted,), drafts_gone=gone)

    def discard_draft(self, draft_id: int) -> ChangeSet:
        """Forget one draft, on the archivist's word: the only way a draft goes."""
        with write_transaction(self._db) as connection:
            revisions.delete_draft(connection, draft_id)
        return ChangeSet(drafts_gone=(draft_id,))

    # Export

    def page_export(self, page_id: int, revision_id: int | None = None) -> PageExport:
        """A page's revision (the current one by default) with its words on their boxes, for writers."""
        return export_pages.page_export(self._db, self.folder, self.name, self.page(page_id), revision_id)

    def export(
        self,
        out: Path,
        formats: Sequence[str],
        *,
        statuses: Iterable[PageStatus] | None = None,
        document: str | None = None,
        pages: tuple[int, int] | None = None,
        progress: Progress = NoProgress(),
        overwrite: bool = False,
    ) -> exporting.ExportReport:
        """Export the current revisions of the chosen pages into a folder, or one ZIP if ``out`` ends
        in ``.zip``; ``pages`` are the first and last position in their document. All or nothing:
        a cancel, an error or a kill leaves ``out`` as it was. What is at ``out`` is replaced only
        when it is an earlier export of this project, or with ``overwrite``."""
        selection = exporting.Selection(
            statuses, None if document is None else self.document(document).id, pages
        )
        return exporting.export(
            self._db, self.folder, self.name, out, formats, selection=selection, created=now(),
            progress=progress, overwrite=overwrite,
        )

    def export_text(
        self,
        out_dir: Path,
        *,
        statuses: Iterable[PageStatus] | None = None,
        document: str | None = None,
        progress: Progress = NoProgress(),
    ) -> exporting.ExportReport:
        """Plain text only: one file per page and per document, as the window's export has it."""
        return self.export(out_dir, ["txt"], statuses=statuses, document=document, progress=progress)


def _is_row_id(number: int) -> bool:
    """Whether a number can be an SQLite row id at all (a page number of 10**20 cannot)."""
    return 0 < number < 2**63


def default_author() -> str:
    """Who a change is recorded as, when the user has not said: WORKBENCH_AUTHOR, else the login."""
    return os.environ.get("WORKBENCH_AUTHOR") or os.environ.get("USER") or "archivist"



def suggest_text(text: str) -> list[Suggestion]:
    """Suggestions for OCR text that came without scan, confidences or project (``workbench suggest --text``)."""
    return suggesting.suggestions_for_text(text)
