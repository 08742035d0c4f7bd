"""The export formats a batch can write, by name: adding a format is one entry in FORMATS.

A format writes files per page (``page_files``: suffixes after the page's file stem, with their
bytes), one file per document (``document_writer``, fed page by page so that a batch can report
progress and stop between pages), or both, as plain text does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from workbench.formats.alto_writer import write_alto
from workbench.formats.docx_writer import WordDocument
from workbench.formats.export_model import PageExport
from workbench.formats.hocr_writer import write_hocr
from workbench.formats.json_writer import write_json
from workbench.formats.line_pairs import line_pairs
from workbench.formats.page_writer import write_page_xml
from workbench.formats.pdf_writer import SearchablePdf, searchable_pdf
from workbench.formats.tei_writer import write_tei
from workbench.records import PageStatus

PageFiles = Callable[[PageExport], list[tuple[str, bytes]]]


class DocumentWriter(Protocol):
    def add(self, page: PageExport) -> None:
        """Append one page; pages come in their document's order."""

    def finish(self) -> bytes:
        """The whole file."""


@dataclass(frozen=True)
class ExportFormat:
    page_files: PageFiles | None = None
    document_writer: Callable[[], DocumentWriter] | None = None
    document_suffix: str = ""
    only_statuses: frozenset[str] | None = None
    """Pages of other statuses are left out of this format (and counted as such in the report)."""
    embeds_scan: bool = False
    """The scan's pixels go into the files: the scan must first be proven the one that was added."""


class TextDocument:
    """A document's pages as one text, pages separated by a blank line, ending in one newline."""

    def __init__(self) -> None:
        self._texts: list[str] = []

    def add(self, page: PageExport) -> None:
        self._texts.append(page.text.rstrip("\n"))

    def finish(self) -> bytes:
        return ("\n\n".join(self._texts) + "\n").encode("utf-8")


def one_file(suffix: str, write: Callable[[PageExport], bytes]) -> PageFiles:
    """A per-page format that writes a single file named ``STEM + suffix``."""
    return lambda page: [(suffix, write(page))]


FINISHED = frozenset({str(PageStatus.CORRECTED), str(PageStatus.VERIFIED)})

FORMATS: dict[str, ExportFormat] = {
    "txt": ExportFormat(one_file(".txt", lambda page: page.text.encode("utf-8")), TextDocument, ".txt"),
    "alto": ExportFormat(one_file(".alto.xml", write_alto)),
    "page": ExportFormat(one_file(".page.xml", write_page_xml)),
    "hocr": ExportFormat(one_file(".hocr", write_hocr)),
    "tei": ExportFormat(one_file(".tei.xml", write_tei)),
    "json": ExportFormat(one_file(".json", write_json)),
    "pdf": ExportFormat(document_writer=SearchablePdf, document_suffix=".pdf", embeds_scan=True),
    "pdf-pages": ExportFormat(one_file(".pdf", lambda page: searchable_pdf([page])), embeds_scan=True),
    "docx": ExportFormat(document_writer=WordDocument, document_suffix=".docx"),
    "lines": ExportFormat(line_pairs, only_statuses=FINISHED, embeds_scan=True),
}
"""Every format by the name the command line and the export dialog use."""
