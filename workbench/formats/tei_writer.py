"""TEI P5 of one or more pages, for scholarly editions: the text with its lines tied to the scan.

``<facsimile>`` holds a ``<surface>`` per page and a ``<zone>`` per line (its box in scan pixels);
the text has a ``<pb facs>`` per page and an ``<lb facs>`` before each line, pointing at them, so an
edition can show each line beside its image. Paragraphs are the OCR's. Each line ends with a newline,
so the text's string value (what full-text indexes read) keeps its words apart across lines; a line
ending in a hyphenated word part ("demo-") is followed by ``<lb break="no"/>`` and no newline, TEI's
way of saying the word goes on across the break. The header names the
document, the scans and the reference, the software in ``appInfo`` (the OCR engine that read the
pages, then the workbench that corrected them) and each page's revision in ``revisionDesc``. No schema is enforced: the output is well-formed TEI in the TEI namespace.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from lxml import etree

from workbench.formats.export_model import PageExport
from workbench.formats.xml_output import clean, line_text, name_and_version, paragraphs, to_bytes

NS = "http://www.tei-c.org/ns/1.0"
_HYPHENATED = re.compile(r"\w[-\u00ad\u2010]\n$")
"""A line (with its newline) that ends in a word part and a hyphen (ASCII, soft or Unicode's)."""
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def write_tei(page: PageExport) -> bytes:
    return write_tei_pages([page])


def write_tei_pages(pages: Sequence[PageExport]) -> bytes:
    """One TEI document for pages of one document, in the order given (there must be at least one)."""
    root = etree.Element(f"{{{NS}}}TEI", nsmap={None: NS})
    _header(_sub(root, "teiHeader"), pages)
    facsimile = _sub(root, "facsimile")
    body = _sub(_sub(_sub(root, "text"), "body"), "div", type="transcription")
    for number, page in enumerate(pages, start=1):
        # Numbered by place in the file, not by page id: two revisions of one page can sit side by side.
        surface_id = f"surface_{number}"
        surface = _sub(facsimile, "surface", ulx="0", uly="0", lrx=str(page.width), lry=str(page.height))
        surface.set(XML_ID, surface_id)
        _sub(surface, "graphic", url=clean(page.scan_path.name), width=f"{page.width}px",
             height=f"{page.height}px")
        _sub(body, "pb", n=clean(page.page_label), facs=f"#{surface_id}")
        line_number = 0
        for run in paragraphs(page.layout.lines):
            paragraph = _sub(body, "p")
            previous = None
            for line in run:
                line_number += 1
                zone_id = f"{surface_id}_line_{line_number}"
                zone = _sub(surface, "zone", ulx=str(line.left), uly=str(line.top),
                            lrx=str(line.left + line.width), lry=str(line.top + line.height))
                zone.set(XML_ID, zone_id)
                text = line_text(line)
                lb = _sub(paragraph, "lb", facs=f"#{zone_id}")
                if previous is not None and _HYPHENATED.search(previous.tail) and text[:1].isalpha():
                    previous.tail = previous.tail.rstrip("\n")
                    lb.set("break", "no")
                lb.tail = text + "\n"
                previous = lb
    return to_bytes(root)


def _header(header: Any, pages: Sequence[PageExport]) -> None:
    first = pages[0]
    file_description = _sub(header, "fileDesc")
    _sub(_sub(file_description, "titleStmt"), "title").text = clean(first.document_name)
    publication = _sub(file_description, "publicationStmt")
    _sub(publication, "p").text = clean(f"Exported by {first.software} from project {first.project_name}.")
    bibl = _sub(_sub(file_description, "sourceDesc"), "bibl")
    _sub(bibl, "title").text = clean(first.document_name)
    if first.document_reference:
        _sub(bibl, "idno", type="reference").text = clean(first.document_reference)
    for page in pages:
        _sub(bibl, "idno", type="scan").text = clean(page.scan_path.name)
    app_info = _sub(_sub(header, "encodingDesc"), "appInfo")
    engines = {(page.ocr.engine, page.ocr.version, page.ocr.settings): page.ocr for page in pages if page.ocr}
    for ocr in engines.values():
        engine = _sub(app_info, "application", ident=_ident(ocr.engine), version=clean(ocr.version) or "unknown")
        _sub(engine, "label").text = clean(ocr.engine)
        _sub(engine, "desc").text = clean(f"Text recognition: {ocr.settings}")
    name, version = name_and_version(first.software)
    application = _sub(app_info, "application", ident=_ident(name) or "workbench", version=version or "unknown")
    _sub(application, "label").text = clean(name)
    revisions = _sub(header, "revisionDesc")
    for page in pages:
        change = _sub(revisions, "change", when=page.created, status=clean(page.status).replace(" ", "-"))
        change.text = clean(
            f"Page {page.page_label}: revision {page.revision_id} ({page.revision_kind}) by {page.author}"
        )


def _ident(name: str) -> str:
    """A name as TEI's ``@ident`` takes it (an XML name token: no spaces)."""
    return re.sub(r"[^\w.-]", "_", clean(name))


def _sub(parent: Any, tag: str, **attributes: str) -> Any:
    return etree.SubElement(parent, f"{{{NS}}}{tag}", attributes)
