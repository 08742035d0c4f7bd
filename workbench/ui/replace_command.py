"""A replacement across the project as one step on the window's undo stack.

The first ``redo`` applies the chosen occurrences (one BATCH revision per page); ``undo`` gives the
pages their texts back and ``redo`` again undoes that undo, each as new revisions: history only grows.
Pages edited in between are left alone and reported, never overwritten. The Edit menu's undo and
redo of these steps are here too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from workbench.errors import WorkbenchError
from workbench.project import BatchResult, Occurrence, Project, ReplaceQuery
from workbench.ui.project_link import ProjectLink


class ReplaceCommand(QUndoCommand):
    """Applies ``occurrences`` of ``query`` when pushed, through the window's link.

    ``changed`` hears what every apply, undo and redo did, with a description of the step; ``failed``
    hears why the first apply failed. A first apply that fails, or changes no page, makes the command
    obsolete and its undo a no-op, so the stack drops it at the next undo. With ``rebase_on`` the
    occurrences on that page are first moved onto the text it was just saved with.

    The results live on the link's thread: each step's work reads what the step before it left
    there, since the link runs them in the order the stack asked.
    """

    def __init__(
        self,
        link: ProjectLink,
        query: ReplaceQuery,
        occurrences: Sequence[Occurrence],
        *,
        rebase_on: int | None,
        author: Callable[[], str],
        changed: Callable[[BatchResult, str], object],
        failed: Callable[[str], object],
    ) -> None:
        super().__init__(f"Replace “{query.pattern}” with “{query.replacement}”")
        self._link = link
        self._query = query
        self._occurrences = tuple(occurrences)
        self._rebase_on = rebase_on
        self._author = author
        self._changed = changed
        self._failed = failed
        self._applied = False
        self._done: BatchResult | None = None
        self._undone: BatchResult | None = None

    def redo(self) -> None:
        author = self._author()
        if self._applied:
            note = f"Redo: {self.text()}"
            self._link.call(lambda project: self._redo(project, author, note), lambda result: self._changed(result, note),
                            title="Redoing a replacement")
            return
        self._applied = True
        self._link.call(lambda project: self._apply(project, author), self._first_applied,
                        refused=self._first_refused, title="Replacing")

    def undo(self) -> None:
        if self.isObsolete():
            return  # nothing was replaced
        author, note = self._author(), f"Undo: {self.text()}"
        self._link.call(lambda project: self._undo(project, author, note), lambda result: self._changed(result, note),
                        title="Undoing a replacement")

    def _apply(self, project: Project, author: str) -> BatchResult:
        occurrences = self._occurrences if self._rebase_on is None else tuple(
            project.replace.rebase(self._query, self._occurrences, self._rebase_on))
        self._done = project.replace.apply(occurrences, author=author, note=self.text())
        return self._done

    def _undo(self, project: Project, author: str, note: str) -> BatchResult:
        assert self._done is not None  # the stack undoes only what it has done
        self._undone = project.replace.undo(self._done, author=author, note=note)
        return self._undone

    def _redo(self, project: Project, author: str, note: str) -> BatchResult:
        assert self._undone is not None
        self._done = project.replace.undo(self._undone, author=author, note=note)
        return self._done

    def _first_applied(self, result: BatchResult) -> None:
        pages = len(result.revisions)
        self.setText(f"{self.text()} on {pages} page{'s' * (pages != 1)}")
        self.setObsolete(not pages)
        self._changed(result, self.text())

    def _first_refused(self, error: WorkbenchError) -> None:
        self.setObsolete(True)
        self._failed(str(error))


def stack_actions(stack: QUndoStack, parent: QObject, *, ready: Callable[[], bool]) -> tuple[QAction, QAction]:
    """The Edit menu's undo and redo of replacements, on keys of their own (Ctrl+Z undoes typing).

    A step is taken only once ``ready`` says so (the window settles unsaved typing first). Unlike
    ``QUndoStack.createUndoAction`` they keep their names, so that the menu and the shortcut
    reference read the same whatever the stack holds; the step they would take is their status tip.
    """
    return (
        _stack_action(parent, "Undo replacement across project", "Ctrl+Alt+Z", ready, stack.undo,
                      stack.canUndo(), stack.canUndoChanged, stack.undoTextChanged),
        _stack_action(parent, "Redo replacement across project", "Ctrl+Alt+Shift+Z", ready, stack.redo,
                      stack.canRedo(), stack.canRedoChanged, stack.redoTextChanged),
    )


def _stack_action(
    parent: QObject, label: str, keys: str, ready: Callable[[], bool], step: Callable[[], None], possible: bool,
    possible_changed: SignalInstance, step_changed: SignalInstance,
) -> QAction:
    def take() -> None:
        if ready():
            step()

    action = QAction(label, parent)
    action.setShortcut(QKeySequence(keys))
    action.setEnabled(possible)
    action.triggered.connect(take)
    possible_changed.connect(action.setEnabled)
    step_changed.connect(action.setStatusTip)
    return action
