"""``project.exports``: the corrected pages handed on, in the formats archives and libraries take."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from workbench.formats.export_model import PageExport
from workbench.progress import NoProgress, Progress
from workbench.project import export_pages, exporting
from workbench.project.context import ProjectContext, now
from workbench.project.nouns.pages import Pages
from workbench.records import PageStatus
from workbench.project.nouns import Noun
from workbench.store.errors import translate_storage_errors


@translate_storage_errors
class Exports(Noun):
    def __init__(self, context: ProjectContext, pages: Pages) -> None:
        super().__init__(context)
        self._pages = pages

    def page(self, page_id: int, revision_id: int | None = None) -> PageExport:
        """A page's revision (the current one by default) with its words on their boxes, for writers."""
        return export_pages.page_export(
            self._context.db, self._context.folder, self._context.name, self._context.page(page_id), revision_id)

    def write(
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
            statuses, None if document is None else self._pages.document(document).id, pages
        )
        return exporting.export(
            self._context.db, self._context.folder, self._context.name, out, formats, selection=selection,
            created=now(), progress=progress, overwrite=overwrite,
        )

    def text(
        self,
        out_dir: Path,
        *,
        statuses: Iterable[PageStatus] | None = None,
        document: str | None = None,
        progress: Progress = NoProgress(),
    ) -> exporting.ExportReport:
        """Plain text only: one file per page and per document, as the window's export has it."""
        return self.write(out_dir, ["txt"], statuses=statuses, document=document, progress=progress)
