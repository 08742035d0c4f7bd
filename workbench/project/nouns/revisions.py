"""``project.revisions``: a page's history (revisions only ever added) and the drafts of unsaved text."""

from __future__ import annotations

from dataclasses import replace

from workbench.errors import ConflictError, NotFoundError
from workbench.limits import check_text_size
from workbench.project.context import is_row_id, now
from workbench.records import ChangeSet, Draft, DraftOrigin, PageStatus, Revision, RevisionKind, StatusChange
from workbench.store import pages, revisions
from workbench.project.nouns import Noun
from workbench.store.errors import translate_storage_errors
from workbench.store.transactions import write_transaction
from workbench.text.diff import DiffOp, diff_chars, diff_words
from workbench.text.rates import ErrorRates, error_rates


@translate_storage_errors
class Revisions(Noun):
    def all(self, page_id: int) -> list[Revision]:
        """A page's revisions, oldest first."""
        self._context.page(page_id)
        return revisions.revisions(self._context.db, page_id)

    def get(self, revision_id: int) -> Revision:
        return self._context.revision(revision_id)

    def current(self, page_id: int) -> Revision | None:
        revision_id = self._context.page(page_id).current_revision_id
        return None if revision_id is None else self.get(revision_id)

    def current_text(self, page_id: int) -> str:
        return self._context.current_text(page_id)

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
        page = self._context.page(page_id)
        check_text_size(text)
        if parent_id not in (None, page.current_revision_id) and self.get(parent_id).page_id != page_id:
            raise NotFoundError(f"Revision {parent_id} is not a revision of page {page_id}.")
        stamp = now()
        gone: tuple[int, ...] = ()
        logged: tuple[StatusChange, ...] = ()
        with write_transaction(self._context.db) as connection:
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
            current_text = "" if current_id is None else self.get(current_id).text
            raise ConflictError(page_id, current_id or 0, current_text, text, draft_id)
        status = logged[0].status if logged else page.status
        return ChangeSet(
            pages=(replace(page, current_revision_id=revision.id, status=status),), revisions=(revision,),
            status_changes=logged, drafts_gone=gone,
        )

    def revert(self, page_id: int, revision_id: int, *, author: str, note: str | None = None) -> ChangeSet:
        """Make an earlier revision's text current again, as a new revision: history only grows."""
        target = self.get(revision_id)
        if target.page_id != page_id:
            raise NotFoundError(f"Revision {revision_id} belongs to page {target.page_id}, not {page_id}.")
        return self.save(
            page_id, target.text, parent_id=self._context.page(page_id).current_revision_id, author=author,
            kind=RevisionKind.REVERT, note=note or f"reverted to revision {revision_id}",
        )

    def diff(self, old_revision_id: int, new_revision_id: int, *, by: str = "words") -> list[DiffOp]:
        old, new = self.get(old_revision_id).text, self.get(new_revision_id).text
        return diff_words(old, new) if by == "words" else diff_chars(old, new)

    def rates_against_ocr(self, revision_id: int) -> ErrorRates | None:
        """CER and WER of the OCR text measured against a revision (the corrected text is the reference)."""
        revision = self.get(revision_id)
        baseline = revisions.latest_recognised_revision(self._context.db, revision.page_id)
        return None if baseline is None else error_rates(revision.text, baseline.text)

    # Drafts

    def save_draft(
        self, page_id: int, text: str, *, base_revision_id: int | None, author: str, session: str | None = None
    ) -> ChangeSet:
        """Keep unsaved typing: it replaces only the same ``session``'s earlier autosave of the page."""
        check_text_size(text)
        draft = Draft(page_id, base_revision_id, text, author, now(), DraftOrigin.AUTOSAVE, session)
        with write_transaction(self._context.db) as connection:
            draft_id = revisions.put_autosave(connection, draft)
        return ChangeSet(drafts=(replace(draft, id=draft_id),))

    def drafts(self, page_id: int | None = None) -> list[Draft]:
        """Every kept draft (of one page), oldest first: autosaves and refused saves alike."""
        return revisions.drafts(self._context.db, page_id)

    def kept_draft(self, draft_id: int) -> Draft:
        draft = revisions.draft_by_id(self._context.db, draft_id) if is_row_id(draft_id) else None
        if draft is None:
            raise NotFoundError(f"There is no draft {draft_id} in {self._context.path.name}.")
        return draft

    def adopt_draft(self, draft_id: int, *, session: str) -> ChangeSet:
        """Take a kept draft into an editing session (restored into a window): from now on it is
        that session's autosave, replaced by its typing and settled by its save."""
        draft = self.kept_draft(draft_id)
        with write_transaction(self._context.db) as connection:
            gone = revisions.adopt_draft(connection, draft_id, session)
        adopted = replace(draft, session=session, origin=DraftOrigin.AUTOSAVE)
        return ChangeSet(drafts=(adopted,), drafts_gone=gone)

    def discard_draft(self, draft_id: int) -> ChangeSet:
        """Forget one draft, on the archivist's word: the only way a draft goes."""
        with write_transaction(self._context.db) as connection:
            revisions.delete_draft(connection, draft_id)
        return ChangeSet(drafts_gone=(draft_id,))

    def discard_session_drafts(self, page_id: int, session: str) -> ChangeSet:
        """Forget one editing session's drafts of a page: its typing was discarded on purpose."""
        changes = ChangeSet()
        for draft in self.drafts(page_id):
            if draft.session == session:
                changes |= self.discard_draft(draft.id)
        return changes
