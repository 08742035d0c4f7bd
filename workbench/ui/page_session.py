"""The page being corrected: loads it into the scan view and the editor, links them word by word,
saves revisions and keeps a draft of unsaved typing.

It owns the page's state (which revision the edits are based on); the widgets only show it and
emit what the user did. What it changes in the project it announces as a ``ChangeSet``, and it
follows every change (its own included) through ``apply_changes``, as the window hands them on.
Pages are read and written through the window's ``ProjectLink`` (the scan decoded there too), word
links and suggestions made on the suggestion worker's thread: never any of it on the GUI's.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QImage

from workbench.errors import ConflictError, WorkbenchError
from workbench.project import ChangeSet, Draft, OcrWord, Page, Project, Revision, RevisionKind, Suggestion, WordLink
from workbench.ui.line_strip import LineStrip
from workbench.ui.page_images import load_page_qimage
from workbench.ui.page_view import PageView
from workbench.ui.project_link import ProjectLink
from workbench.ui.prompts import ConflictChoice, Prompts
from workbench.ui.suggestion_worker import SuggestionWorker
from workbench.ui.text_editor import PageEditor

DRAFT_INTERVAL_MS = 3_000
RELINK_DELAY_MS = 300
SUGGEST_DELAY_MS = 50


@dataclass(frozen=True)
class LoadedPage:
    """Everything showing a page needs, read and decoded on the link's thread."""

    page: Page
    text: str
    words: tuple[OcrWord, ...]
    image: QImage
    scan_problem: str | None
    """Why the scan cannot be shown (the image is then a grey page of its size), or None."""
    drafts: tuple[Draft, ...]


def load_page(page_id: int, project: Project) -> LoadedPage:
    page = project.pages.get(page_id)
    current = project.revisions.current(page_id)
    run = project.recognition.ocr_run(page_id)
    try:
        image, problem = load_page_qimage(project.pages.scan_file(page), page.scan_index), None
    except WorkbenchError as error:
        # The text and its word boxes can still be corrected without the picture.
        image, problem = QImage(page.width, page.height, QImage.Format.Format_Grayscale8), str(error)
        image.fill(Qt.GlobalColor.lightGray)
    return LoadedPage(page, "" if current is None else current.text, () if run is None else run.words, image,
                      problem, tuple(project.revisions.drafts(page_id)))


class PageSession(QObject):
    """Signals:
        page_loaded(page_id): a page is shown.
        changed(changes): what the session changed in the project (a save, a kept draft, a fix
            accepted or a word rejected); the window applies it everywhere, here included.
        saved(page_id): a revision typed here was saved.
        saved_elsewhere(label): the page shown got a new text elsewhere while it has unsaved typing;
            saving will ask which text to keep.
        unsaved_changed(page_id, unsaved): the editor's text differs (or no longer) from the revision.
        suggestions_changed(page_id, count): open suggestions on the page.
        drafts_waiting(page_id, count): other people's drafts of the page are kept.
    """

    page_loaded = Signal(int)
    changed = Signal(object)
    saved = Signal(int)
    saved_elsewhere = Signal(str)
    unsaved_changed = Signal(int, bool)
    suggestions_changed = Signal(int, int)
    drafts_waiting = Signal(int, int)

    def __init__(
        self,
        link: ProjectLink,
        editor: PageEditor,
        view: PageView,
        strip: LineStrip,
        prompts: Prompts,
        author: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.link = link
        self.suggestion_worker = SuggestionWorker(link.path, self)
        self.suggestion_worker.ready.connect(self._suggestions_ready)
        self.suggestion_worker.answered.connect(self._asked_ready)
        self.suggestion_worker.linked.connect(self._links_ready)
        self.editor = editor
        self.view = view
        self.strip = strip
        self.prompts = prompts
        self._author = author
        self.page: Page | None = None
        self.base_revision_id: int | None = None
        self._loading: int | None = None
        """The page asked for and not shown yet (its text and scan are being read), or None."""
        self._saving: str | None = None
        """The text of the save under way (its answer has not come back yet), or None."""
        self._save_again: tuple[str | None] | None = None
        """A save asked for while one was under way, with its note: it follows once that one is in."""
        self._words: tuple[OcrWord, ...] = ()
        self._draft_timer = QTimer(self)
        self._draft_timer.setInterval(DRAFT_INTERVAL_MS)
        self._draft_timer.timeout.connect(self.write_draft)
        self._relink_timer = QTimer(self)
        self._relink_timer.setSingleShot(True)
        self._relink_timer.setInterval(RELINK_DELAY_MS)
        self._relink_timer.timeout.connect(self._relink)  # a pause in typing: link and look again
        self._relink_timer.timeout.connect(self._refresh_edited_lines)
        # Asked for once the page has painted: the worker shares the interpreter with the window.
        self._suggest_timer = QTimer(self)
        self._suggest_timer.setSingleShot(True)
        self._suggest_timer.setInterval(SUGGEST_DELAY_MS)
        self._suggest_timer.timeout.connect(self.refresh_suggestions)
        self._draft_written_for = ""
        self.editing_session = uuid.uuid4().hex
        """Names this editor's autosaves, so that they replace only each other, never another
        window's draft or a refused save."""
        self._suggested_text: str | None = None
        """The text the marked suggestions were made for, or None before any arrived for the page."""
        editor.caret_word_changed.connect(self._show_word_on_scan)
        editor.unsaved_changed.connect(self._editor_unsaved_changed)
        editor.text_edited.connect(self._relink_timer.start)
        editor.suggestion_accepted.connect(self._suggestion_settled)
        editor.suggestion_rejected.connect(self._suggestion_rejected)
        editor.candidates_wanted.connect(self._ask_at)
        view.word_clicked.connect(editor.select_word)

    def author(self) -> str:
        return self._author()

    @property
    def page_id(self) -> int | None:
        return None if self.page is None else self.page.id

    @property
    def wanted_page_id(self) -> int | None:
        """The page being opened, else the page shown."""
        return self.page_id if self._loading is None else self._loading

    @property
    def unsaved(self) -> bool:
        """Whether the editor holds typing that no save has taken: a save under way counts."""
        return (self.page is not None and self.editor.document().isModified()
                and self.editor.current_text() != self._saving)

    def open_page(self, page_id: int, *, offer_draft: bool = True) -> None:
        """Show a page once it is read; offers back a draft left by a crash (unless the page is only
        being shown again after a change elsewhere). The caller settles unsaved edits first; the
        editor takes no typing until the page is there."""
        self._draft_timer.stop()
        self._loading = page_id
        self.editor.setReadOnly(True)
        self.link.call(partial(load_page, page_id), partial(self._show_loaded, offer_draft), title="Opening a page",
                       refused=partial(self._load_refused, page_id))

    def _show_loaded(self, offer_draft: bool, loaded: LoadedPage) -> None:
        page = loaded.page
        if self._loading != page.id:
            return  # another page was asked for since
        self._loading = None
        self.editor.setReadOnly(False)
        self.page, self.base_revision_id = page, page.current_revision_id
        self._words = loaded.words
        if loaded.scan_problem is not None:
            self.prompts.error(f"The scan of page {page.label} cannot be shown: {loaded.scan_problem}")
        self.view.set_page(loaded.image, self._words)
        self.strip.set_image(loaded.image)
        self.editor.set_page_text(loaded.text)
        self._suggested_text = None
        if offer_draft:
            self._offer_draft(page, loaded.drafts)
        self._relink()
        self._suggest_timer.start()
        self._draft_written_for = self.editor.current_text()
        self._draft_timer.start()
        self.page_loaded.emit(page.id)

    def _load_refused(self, page_id: int, error: WorkbenchError) -> None:
        if self._loading == page_id:
            self._loading = None
            self.editor.setReadOnly(self.page is None)
            self.prompts.error(f"The page cannot be opened: {error}")

    def save(self, note: str | None = None) -> bool:
        """Save the editor's text as a revision; False when no page is there to save. A conflict
        is shown when the answer comes, and nothing is lost: the refused text is kept as a draft."""
        if self.page is None or self._loading is not None:
            return False
        if self._saving is not None:
            self._save_again = (note,)  # its parent is the revision being saved
            return True
        page_id, text, parent_id = self.page.id, self.editor.current_text(), self.base_revision_id
        self._saving = text
        author, session = self.author(), self.editing_session
        self.link.call(
            lambda project: project.revisions.save(page_id, text, parent_id=parent_id, author=author, note=note,
                                                   session=session),
            partial(self._saved, page_id, text), refused=partial(self._save_refused, page_id, note),
            title="Saving")
        return True

    def _saved(self, page_id: int, text: str, changes: ChangeSet) -> None:
        """Make the saved revision the base of further typing (typed since, it stays unsaved)."""
        self._saving = None
        if self.page_id == page_id and self._loading is None:
            self.base_revision_id = changes.revision.id
            self._draft_written_for = text
            if self.editor.current_text() == text:
                self.editor.document().setModified(False)
        else:  # the archivist went on to another page while it was saved: that page is saved now
            self.unsaved_changed.emit(page_id, False)
        self.changed.emit(changes)
        self.saved.emit(page_id)
        self._save_pending_again()

    def _save_refused(self, page_id: int, note: str | None, error: WorkbenchError) -> None:
        self._saving = None
        self._save_again = None
        if isinstance(error, ConflictError):
            self._resolve_conflict(page_id, error, note)
        else:
            self.prompts.error(f"The revision was not saved: {error}")

    def _save_pending_again(self) -> None:
        if self._save_again is not None:
            (note,), self._save_again = self._save_again, None
            self.save(note)

    def apply_changes(self, changes: ChangeSet) -> None:
        """Follow a change of the project to the page shown: what a change made here says, and
        what the file holds now after a change made elsewhere (read through the link)."""
        if self.page is None:
            return
        page_id = self.page.id
        if changes.everything:
            self.link.call(lambda project: (project.pages.get(page_id), project.revisions.current(page_id)),
                           lambda now: self._follow(*now), title="Reading the page again")
            return
        page = changes.page(page_id)
        if page is not None:
            self._follow(page, next((r for r in changes.revisions_of(page_id) if r.id == page.current_revision_id),
                                    None))

    def _follow(self, page: Page, current: Revision | None) -> None:
        """A revision with the editor's text (a save from here) becomes the base of further typing;
        any other new text (a replacement, a revert, another window's save) is shown, unless there
        is unsaved typing: saving it later asks which text to keep."""
        if self.page is None or page.id != self.page.id or self._loading is not None:
            return
        self.page = page
        if page.current_revision_id == self.base_revision_id:
            return
        if current is not None and current.text == self.editor.current_text():
            self.base_revision_id = current.id
            self.editor.document().setModified(False)
            self._draft_written_for = current.text
            return
        if self.unsaved:
            self.saved_elsewhere.emit(page.label)
        elif current is not None and current.kind not in (RevisionKind.OCR, RevisionKind.IMPORT):
            self._show_revision(current)  # the same OCR words: only the text is new
        else:
            self.open_page(page.id, offer_draft=False)

    def stop(self) -> None:
        """Stop the timers and the suggestion thread before the window goes: none of them may
        touch a closed project."""
        self._draft_timer.stop()
        self._relink_timer.stop()
        self._suggest_timer.stop()
        self.suggestion_worker.stop()

    def discard_changes(self) -> None:
        """Forget unsaved typing (and its autosave) and show the page's current revision again."""
        if self.page is not None:
            page_id, session = self.page.id, self.editing_session
            self.editor.document().setModified(False)
            self.link.call(lambda project: project.revisions.discard_session_drafts(page_id, session),
                           self.changed.emit, title="Discarding a draft")
            self.open_page(page_id)

    def write_draft(self) -> None:
        """Keep unsaved typing in the project so a crash costs at most a few seconds."""
        if not self.unsaved or self.page is None or self._loading is not None:
            return
        text = self.editor.current_text()
        if text != self._draft_written_for:
            page_id, base, author, session = self.page.id, self.base_revision_id, self.author(), self.editing_session
            self.link.call(lambda project: project.revisions.save_draft(
                page_id, text, base_revision_id=base, author=author, session=session),
                self.changed.emit, title="Keeping a draft")
            self._draft_written_for = text

    def select_span(self, start: int, end: int) -> None:
        self.editor.select_span(start, end)
        self.editor.setFocus()

    def _offer_draft(self, page: Page, drafts: Sequence[Draft]) -> None:
        """Offer back the archivist's own newest draft of the page left by another session (a
        crash, a refused save). Other people's drafts are never offered, so never discarded, here:
        the window only says they are kept (File → Kept drafts)."""
        others = [d for d in drafts if d.session != self.editing_session]
        mine = [d for d in others if d.author == self.author()]
        if len(others) > len(mine):
            self.drafts_waiting.emit(page.id, len(others) - len(mine))
        if not mine or mine[-1].text == self.editor.current_text():
            return
        if self.prompts.restore_draft(page.label, mine[-1]):
            self.restore_draft(mine[-1])
        else:
            draft_id = mine[-1].id
            self.link.call(lambda project: project.revisions.discard_draft(draft_id), self.changed.emit,
                           title="Discarding a draft")

    def restore_draft(self, draft: Draft) -> None:
        """Put a kept draft in the editor, as this session's unsaved typing, once the page asked
        for last is shown (the link answers in order)."""
        session = self.editing_session
        self.link.call(lambda project: project.revisions.adopt_draft(draft.id, session=session),
                       self._draft_adopted, title="Restoring a draft")

    def _draft_adopted(self, changes: ChangeSet) -> None:
        adopted = changes.drafts[0]
        self.changed.emit(changes)
        if self.page_id != adopted.page_id or self._loading is not None:
            return  # the archivist went on to another page: the draft stays kept, under this session
        self.base_revision_id = adopted.base_revision_id
        self.editor.set_page_text(adopted.text)
        self.editor.document().setModified(True)
        self._draft_written_for = adopted.text

    def _resolve_conflict(self, page_id: int, conflict: ConflictError, note: str | None) -> None:
        if self.prompts.conflict(conflict) is ConflictChoice.SAVE_MINE_ON_TOP:
            self._saving = conflict.refused_text
            author, session = self.author(), self.editing_session
            self.link.call(
                lambda project: project.revisions.save(
                    page_id, conflict.refused_text, parent_id=conflict.current_revision_id, author=author,
                    note=note or "saved over a concurrent change", session=session,
                ) | project.revisions.discard_draft(conflict.draft_id),  # its text is the revision now
                partial(self._saved, page_id, conflict.refused_text),
                refused=partial(self._save_refused, page_id, note), title="Saving")
        elif self.page_id == page_id:
            self.open_page(page_id)  # their text; mine is kept as the page's draft

    def _show_revision(self, revision: Revision) -> None:
        """Show a newer text of the page shown, on the same OCR words (nothing unsaved is lost)."""
        self.base_revision_id = revision.id
        self.editor.set_page_text(revision.text)
        self._draft_written_for = revision.text
        self._suggested_text = None
        self._relink()
        self._suggest_timer.start()

    def _editor_unsaved_changed(self, unsaved: bool) -> None:
        if self.page is not None:
            self.unsaved_changed.emit(self.page.id, unsaved)

    def _relink(self) -> None:
        """Ask for the text's tokens to be linked to the page's OCR words (on the worker's thread)."""
        if self.page is not None:
            self.suggestion_worker.link(self.page.id, self.editor.current_text())

    def _links_ready(self, page_id: int, text: str, links: Sequence[WordLink]) -> None:
        """Link the editor's tokens, if the page and its text are as they were when asked; from
        then on the editor keeps them in place through the typing."""
        if self.page is None or page_id != self.page.id or text != self.editor.current_text():
            return
        self.editor.set_word_links(links)
        self._mark_suggested_words()

    def refresh_suggestions(self) -> None:
        """Ask for suggestions on the whole text as it stands; they arrive in ``_suggestions_ready``."""
        if self.page is not None:
            self.suggestion_worker.request(self.page.id, self.editor.current_text())

    def _refresh_edited_lines(self) -> None:
        """Ask again for the lines typed in since the marked suggestions were made; the rest stand."""
        if self.page is None:
            return
        text = self.editor.current_text()
        if self._suggested_text is None:
            self.refresh_suggestions()
        elif text != self._suggested_text:
            self.suggestion_worker.request(self.page.id, text, edited_lines(self._suggested_text, text))

    def _suggestions_ready(self, page_id: int, text: str, within: tuple[int, int] | None,
                           suggestions: Sequence[Suggestion]) -> None:
        """Show suggestions that still fit: same page, and no typing since they were asked for.
        Suggestions for some lines replace those marked there; the editor has kept the others'
        offsets up with the typing."""
        if self.page is None or page_id != self.page.id or text != self.editor.current_text():
            return
        if within is not None and self._suggested_text is None:
            return  # the whole page's suggestions are still to come
        self._suggested_text = text
        if within is None:
            self.editor.set_suggestions(suggestions)
        else:
            self.editor.set_suggestions_within(*within, suggestions)
        self._mark_suggested_words()

    def _ask_at(self, offset: int) -> None:
        if self.page is not None:
            self.suggestion_worker.ask(self.page.id, self.editor.current_text(), offset)

    def _asked_ready(self, page_id: int, text: str, offset: int, suggestion: Suggestion | None) -> None:
        """Show the candidates asked for, if the page and its text are as they were when asked (there
        is nothing to show where the caret stood between words)."""
        if self.page is None or page_id != self.page.id or text != self.editor.current_text():
            return
        if suggestion is not None and self.editor.show_asked(suggestion) is not None:
            self._mark_suggested_words()

    def _mark_suggested_words(self) -> None:
        """Box on the scan every word a suggestion covers, coloured by kind."""
        if self.page is None:
            return
        self.view.set_marked_words(self.editor.marked_words())
        self.suggestions_changed.emit(self.page.id, len(self.editor.suggestions()))

    def _suggestion_settled(self, suggestion: Suggestion, replacement: str) -> None:
        """Record the accepted fix (it then ranks first wherever the misreading recurs). The marks
        left stand for the text as it now is, so an undo is a change to look at again."""
        self._suggested_text = self.editor.current_text()
        if self.page is not None:
            page_id, wrong, author = self.page.id, suggestion.text, self.author()
            self.link.call(lambda project: project.suggestions.accepted(page_id, wrong, replacement, author=author),
                           self.changed.emit, title="Learning a fix")
        self._mark_suggested_words()

    def _suggestion_rejected(self, suggestion: Suggestion) -> None:
        if self.page is not None:
            page_id, wrong, author = self.page.id, suggestion.text, self.author()
            self.link.call(lambda project: project.suggestions.reject(page_id, wrong, author=author),
                           self.changed.emit, title="Learning a word")
        self._mark_suggested_words()

    def _show_word_on_scan(self, word_index: int | None) -> None:
        self.view.show_current_word(word_index)
        if word_index is None or not 0 <= word_index < len(self._words):
            self.strip.show_region(None)
            return
        word = self._words[word_index]
        self.strip.show_region(_line_rect(self._words, word), focus=_rect(word))


def edited_lines(old: str, new: str) -> tuple[int, int]:
    """The offsets in ``new`` of the whole lines that differ from ``old``: from the start of the line
    where the texts first differ to the end of the line where they last differ."""
    prefix = len(os.path.commonprefix([old, new]))
    suffix = min(len(os.path.commonprefix([old[::-1], new[::-1]])), min(len(old), len(new)) - prefix)
    start = new.rfind("\n", 0, prefix) + 1
    end = new.find("\n", len(new) - suffix)
    return start, len(new) if end < 0 else end


def _rect(word: OcrWord) -> QRect:
    return QRect(word.left, word.top, word.width, word.height)


def _line_rect(words: Sequence[OcrWord], word: OcrWord) -> QRect:
    """The box of the whole OCR line the word sits on."""
    key = (word.block, word.paragraph, word.line)
    line = QRect()
    for other in words:
        if (other.block, other.paragraph, other.line) == key:
            line = line.united(_rect(other))
    return line

