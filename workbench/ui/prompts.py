"""Every question the window asks the user, in one replaceable object.

Widgets never open a modal dialog themselves: they ask ``Prompts``. The window gets the real one;
tests pass a scripted one, so a test drives the same code path a person does without a dialog
blocking the event loop.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget

from workbench.errors import ConflictError
from workbench.project import OcrSettings
from workbench.records import Draft, DraftOrigin
from workbench.ui.export_dialog import ExportDialog, ExportRequest
from workbench.ui.recognition_dialog import RecognitionDialog


class UnsavedChoice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class ConflictChoice(enum.Enum):
    SAVE_MINE_ON_TOP = "save mine on top"
    TAKE_THEIRS = "take theirs"


class Prompts:
    """Modal questions as message boxes; ``parent`` is the window they belong to."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def unsaved_changes(self, page_label: str) -> UnsavedChoice:
        answer = QMessageBox.question(
            self.parent, "Unsaved changes",
            f"Page {page_label} has changes that are not saved as a revision. Save them?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        return {
            QMessageBox.StandardButton.Save: UnsavedChoice.SAVE,
            QMessageBox.StandardButton.Discard: UnsavedChoice.DISCARD,
        }.get(answer, UnsavedChoice.CANCEL)

    def restore_draft(self, page_label: str, draft: Draft) -> bool:
        """False discards the draft; other drafts stay listed under File → Kept drafts."""
        why = ("was refused because the page had been saved elsewhere" if draft.origin is DraftOrigin.REFUSED
               else "was not saved, probably because Workbench closed unexpectedly")
        answer = QMessageBox.question(
            self.parent, "Recover unsaved text",
            f"Page {page_label} has text by {draft.author} ({draft.updated}) that {why}. Restore it "
            "into the editor? (No discards it.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def conflict(self, error: ConflictError) -> ConflictChoice:
        box = QMessageBox(QMessageBox.Icon.Warning, "Saved elsewhere", str(error), parent=self.parent)
        box.setDetailedText(f"Their text:\n{error.current_text}\n\nYour text:\n{error.refused_text}")
        mine = box.addButton("Save my text on top of theirs", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Show their text (mine stays a draft)", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return ConflictChoice.SAVE_MINE_ON_TOP if box.clickedButton() is mine else ConflictChoice.TAKE_THEIRS

    def revision_note(self) -> str | None:
        """None when the user cancels the save."""
        note, accepted = QInputDialog.getText(self.parent, "Save revision", "Note (optional):")
        return note if accepted else None

    def author_name(self, suggestion: str) -> str:
        name, accepted = QInputDialog.getText(
            self.parent, "Your name", "Revisions record who made them. Your name:", text=suggestion
        )
        return name.strip() if accepted and name.strip() else suggestion

    def export_request(self, default_folder: Path) -> ExportRequest | None:
        """What to export and where; None when the user cancels."""
        dialog = ExportDialog(default_folder, self.parent)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def replace_export(self, target: Path, found: str) -> bool:
        """Whether to replace ``target``, which holds something else than an earlier export of the
        project (``found`` says what)."""
        answer = QMessageBox.question(
            self.parent, "Replace?",
            f"Replace {target}? It holds files that are not an earlier export of this project "
            f"({found}); replacing it deletes them.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def recognition_options(self, current: OcrSettings, installed: Sequence[str]) -> OcrSettings | None:
        """The collection's recognition options as the user sets them; None when they cancel."""
        dialog = RecognitionDialog(current, installed, self.parent)
        return dialog.settings() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def information(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def error(self, message: str) -> None:
        QMessageBox.warning(self.parent, "Workbench", message)
