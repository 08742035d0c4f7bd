"""``project.pages``: the documents and pages of a project, their statuses and their scans."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from workbench.errors import NotFoundError
from workbench.progress import NoProgress, Progress
from workbench.project import importing, scans
from workbench.project.context import now
from workbench.records import ChangeSet, Document, Page, PageStatus, StatusChange
from workbench.store import pages
from workbench.project.nouns import Noun
from workbench.store.errors import translate_storage_errors
from workbench.store.transactions import write_transaction


@translate_storage_errors
class Pages(Noun):
    def documents(self) -> list[Document]:
        return pages.documents(self._context.db)

    def document(self, name: str) -> Document:
        document = pages.document_by_name(self._context.db, name)
        if document is None:
            raise NotFoundError(f"There is no document named {name!r} in {self._context.path.name}.")
        return document

    def all(self, *, document_id: int | None = None, statuses: Iterable[PageStatus] | None = None) -> list[Page]:
        """The pages in reading order (of one document, in these statuses)."""
        return pages.pages(self._context.db, document_id=document_id, statuses=statuses)

    def get(self, page_id: int) -> Page:
        return self._context.page(page_id)

    def find(self, reference: str) -> Page:
        """A page by its number (as ``workbench status`` shows it) or by its unique label."""
        if reference.isdigit():
            return self.get(int(reference))
        found = pages.pages_by_label(self._context.db, reference)
        if len(found) == 1:
            return found[0]
        if not found:
            raise NotFoundError(f"There is no page {reference!r} in {self._context.path.name}.")
        raise NotFoundError(f"{len(found)} pages are labelled {reference!r}; use the page number.")

    def status_counts(self) -> dict[PageStatus, int]:
        return pages.status_counts(self._context.db)

    def set_status(self, page_ids: Sequence[int], status: PageStatus, *, author: str) -> ChangeSet:
        """Move pages to a status together; who and when is logged for each."""
        moved = [self.get(page_id) for page_id in page_ids]
        stamp = now()
        with write_transaction(self._context.db) as connection:
            logged = tuple(
                pages.set_status(connection, page.id, status, author=author, created=stamp) for page in moved
            )
        return ChangeSet(pages=tuple(replace(page, status=status) for page in moved), status_changes=logged)

    def status_history(self, page_id: int) -> list[StatusChange]:
        return pages.status_changes(self._context.db, page_id)

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
            self._context.db, self._context.folder, paths, document=document, reference=reference,
            title=title, created=now(), progress=progress, ocr=ocr,
        )

    def scan_file(self, page: Page) -> Path:
        return scans.scan_file(self._context.folder, page)

    def scan_problems(self, *, verify_contents: bool = False) -> list[scans.ScanProblem]:
        return scans.scan_problems(self._context.db, self._context.folder, verify_contents=verify_contents)

    def relink_scans(self, folder: Path) -> int:
        return scans.relink_scans(self._context.db, self._context.folder, folder)
