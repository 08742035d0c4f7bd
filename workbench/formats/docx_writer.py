"""DOCX for readers who want Word: a document's corrected text, one page per page, nothing else.

The heading names the document (and its archival reference); each page's paragraphs are the
blank-line-separated paragraphs of its text, with the typed lines kept as line breaks (letters,
addresses and lists depend on them); a page break separates the scanned pages. The core properties
say where the text came from: title, authors, and the revision of every page in the comments.
"""

from __future__ import annotations

import io
import re

import docx
from docx.enum.text import WD_BREAK

from workbench.formats.export_model import PageExport
from workbench.formats.xml_output import clean

_PROPERTY_LIMIT = 255


class WordDocument:
    """A DOCX of one document's pages, added in order; built page by page, so that a batch can report
    progress (and stop) between pages."""

    def __init__(self) -> None:
        self._document = docx.Document()
        self._pages: list[PageExport] = []

    def add(self, page: PageExport) -> None:
        if not self._pages:
            self._document.add_heading(_heading(page), level=1)
        else:
            self._document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for paragraph in _paragraphs(page.text):
            shown = self._document.add_paragraph()
            for number, line in enumerate(paragraph.split("\n")):
                run = shown.add_run()
                if number:
                    run.add_break()
                run.add_text(line)
        self._pages.append(page)

    def finish(self) -> bytes:
        properties = self._document.core_properties
        if self._pages:
            first = self._pages[0]
            properties.title = _fit(_heading(first))
            properties.author = _fit("; ".join(sorted({page.author for page in self._pages})))
            properties.subject = _fit(first.project_name)
            properties.comments = _fit(
                f"Exported by {first.software}; revisions "
                + ", ".join(f"{page.revision_id} ({page.page_label}, {page.status})" for page in self._pages)
            )
        buffer = io.BytesIO()
        self._document.save(buffer)
        return buffer.getvalue()


def _fit(text: str) -> str:
    """``text`` within the 255 characters a DOCX core property holds (the manifest has every revision)."""
    return text if len(text) <= _PROPERTY_LIMIT else text[: _PROPERTY_LIMIT - 1] + "\u2026"


def _heading(page: PageExport) -> str:
    reference = f" ({page.document_reference})" if page.document_reference else ""
    return clean(page.document_name + reference)


def _paragraphs(text: str) -> list[str]:
    """The text's blank-line-separated paragraphs; python-docx refuses characters XML cannot hold, and
    a stray form feed from an OCR engine must not stop an export."""
    cleaned = clean(text.replace("\r\n", "\n"))
    return [part.strip("\n") for part in re.split(r"\n[ \t]*\n", cleaned) if part.strip()]
