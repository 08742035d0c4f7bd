"""Errors a person can cause and act on; front ends show their message, never a traceback."""

from __future__ import annotations

from pathlib import Path


class WorkbenchError(Exception):
    """Base of every error whose message is meant for the user."""


class ProjectFileError(WorkbenchError):
    """The file cannot be used as a project: not a project, damaged, newer, or not writable."""


class NewerProjectError(ProjectFileError):
    """The project was written by a newer Workbench; it is refused and left untouched."""


class ReadOnlyProjectError(ProjectFileError):
    """The project file or its folder cannot be written."""


class DamagedProjectError(ProjectFileError):
    """SQLite itself finds the file damaged after its own recovery; the file is left as it was."""


class ProjectBusyError(WorkbenchError):
    """Another program held the project's write lock for longer than we wait; nothing is damaged."""


class DiskFullError(WorkbenchError):
    """The disk holding the project (or an export) is full; what was stored before is intact."""


class StorageError(WorkbenchError):
    """The disk could not be read or written (an I/O error): the device, not the project, failed."""


class NotFoundError(WorkbenchError):
    """A page, document or revision named by the user does not exist."""


class UnreadableScanError(WorkbenchError):
    """A file offered as a scan cannot be decoded; names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class OcrEngineError(WorkbenchError):
    """The OCR engine cannot run: missing binary, missing language, bad option."""


class ConflictError(WorkbenchError):
    """A save was based on a revision that is no longer the page's current one.

    Both texts are kept: the current one in the project, the refused one in ``refused_text``
    (and, through the facade, as the page's draft).
    """

    def __init__(
        self, page_id: int, current_revision_id: int, current_text: str, refused_text: str, draft_id: int = 0
    ) -> None:
        super().__init__(
            f"Page {page_id} was saved elsewhere (now revision {current_revision_id}) after you "
            f"started editing; your text was kept as draft {draft_id} and nothing was overwritten."
        )
        self.draft_id = draft_id
        self.page_id = page_id
        self.current_revision_id = current_revision_id
        self.current_text = current_text
        self.refused_text = refused_text


class ForeignFileError(WorkbenchError):
    """A file made elsewhere (OCR to import) cannot be used: unreadable, malformed, hostile, or not
    fitting its scan. Names the file and the reason; nothing of it is stored."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class HostileFileError(ForeignFileError):
    """A foreign file refused as a possible attack (entity expansion, external entities, a huge size)."""


class ExportTargetTakenError(WorkbenchError):
    """An export's target holds something that is not an earlier export of the same project; it is
    replaced only when the user says so. ``found`` says what is there."""

    def __init__(self, path: Path, found: str) -> None:
        instead = "another file name" if path.suffix.casefold() == ".zip" else "an empty folder"
        super().__init__(f"{path} holds files that are not an earlier export of this project ({found}); "
                         f"choose {instead} or pass --overwrite.")
        self.path = path
        self.found = found
