"""Replacing across the project from the window: the dialog, "apply to all occurrences" at the caret,
and each replacement as one step of the window's undo stack."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from workbench.project import BatchResult, Occurrence, ReplaceQuery
from workbench.ui.replace_command import ReplaceCommand
from workbench.ui.replace_dialog import ReplaceDialog, fix_at_caret

if TYPE_CHECKING:
    from workbench.ui.main_window import MainWindow


class ReplaceActions:
    """The window's replace commands; what a replacement changed goes back through ``apply_changes``."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._dialog: ReplaceDialog | None = None

    def show_dialog(self) -> ReplaceDialog:
        window = self._window
        if self._dialog is None:
            self._dialog = ReplaceDialog(window.facts.path, window.runner, window, follow=window.job_status.follow)
            self._dialog.replace_requested.connect(self.replace)
        if self._dialog.isVisible():  # somewhere behind the window: bring it forward
            self._dialog.raise_()
            self._dialog.activateWindow()
        else:
            self._dialog.show()
        self._dialog.find_edit.setFocus()
        self._dialog.find_edit.selectAll()
        return self._dialog

    def apply_to_all_occurrences(self) -> None:
        """Find the suggestion at the caret (or the word there) everywhere, to fix it everywhere."""
        wrong, fix = fix_at_caret(self._window.editor)
        if wrong.strip():
            self.show_dialog().find_fix(wrong, fix)
        else:
            self._window.statusBar().showMessage("Put the caret on a word to find it across the project.", 5000)

    def replace(self, query: ReplaceQuery, occurrences: Sequence[Occurrence]) -> None:
        """Replace as one undoable step, once the page being edited is settled. Saved at that
        question, the page keeps the occurrences ticked on its lines that were not edited."""
        window = self._window
        session = window.session
        edited = session.page_id if session.unsaved else None
        if not window.settle_unsaved():
            return
        window.undo_stack.push(ReplaceCommand(
            window.link, query, occurrences, rebase_on=edited, author=session.author, changed=self._replaced,
            failed=window.prompts.error))

    def _replaced(self, result: BatchResult, step: str) -> None:
        """Show what a replacement (or its undo or redo) did to the pages, the page shown among them."""
        window = self._window
        window.apply_changes(result.changes)
        message = f"{step}."
        left = len(result.conflicts)
        if left:
            message += (f" {left} pages were changed meanwhile and were left alone." if left > 1
                        else " 1 page was changed meanwhile and was left alone.")
            window.prompts.information("Replace across project", message)
        window.statusBar().showMessage(message, 8000)
        if self._dialog is not None:
            self._dialog.show_outcome(message)
