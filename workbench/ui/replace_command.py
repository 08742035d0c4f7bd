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


class ReplaceCommand(QUndoCommand):
    """Applies ``occurrences`` of ``query`` when pushed.

    ``changed`` hears what every apply, undo and redo did, with a description of the step. A first
    apply that fails, or changes no page, makes the command obsolete, so the stack drops it;
    ``failed`` hears why it failed.
    """

    def __init__(
        self,
        project: Project,
        query: ReplaceQuery,
        occurrences: Sequence[Occurrence],
        *,
        author: Callable[[], str],
        changed: Callable[[BatchResult, str], object],
        failed: Callable[[str], object],
    ) -> None:
        super().__init__(f"Replace “{query.pattern}” with “{query.replacement}”")
        self._project = project
        self._occurrences = tuple(occurrences)
        self._author = author
        self._changed = changed
        self._failed = failed
        self._done: BatchResult | None = None
        self._undone: BatchResult | None = None

    def redo(self) -> None:
        if self._undone is not None:
            self._done = self._undo(self._undone, f"Redo: {self.text()}")
            return
        try:
            self._done = self._project.replace.apply(self._occurrences, author=self._author(), note=self.text())
        except WorkbenchError as error:
            self.setObsolete(True)
            self._failed(str(error))
            return
        pages = len(self._done.revisions)
        self.setText(f"{self.text()} on {pages} page{'s' * (pages != 1)}")
        self.setObsolete(not pages)
        self._changed(self._done, self.text())

    def undo(self) -> None:
        assert self._done is not None  # the stack undoes only what it has done
        self._undone = self._undo(self._done, f"Undo: {self.text()}")

    def _undo(self, result: BatchResult, note: str) -> BatchResult:
        undone = self._project.replace.undo(result, author=self._author(), note=note)
        self._changed(undone, note)
        return undone


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
