"""PAGE XML 2019-07-15 of one page: the format of Transkribus, eScriptorium and OCR-D ground truth.

Each OCR block becomes a ``TextRegion``, each corrected line a ``TextLine`` of ``Word`` elements;
every level carries its ``Coords`` (the box as four corners) and its text in ``TextEquiv``, as
PAGE tools expect to find the text at line level as well as at word level. Lines and regions have the
boxes the engine drew, grown where a word sticks out of them, as PAGE requires children to lie
within their parents. ``MetadataItem``s of type
``processingStep`` name the OCR (engine, version and settings, or an imported file's producer) and
the workbench, the step that corrected it.

For OCR-D, whose workspaces (METS, as Kitodo and the DFG-Viewer take them too) keep each file group in
a folder of its name, ``imageFilename`` names the scan in the image group's folder, relative to the
workspace (``OCR-D-IMG/scan.jpg``), as ``ocrd workspace validate`` requires, and ``pcGtsId`` gives
the file an id (an XML ID built like OCR-D's file ids, ``PAGE_0001_label``) for the METS to refer to. A word's ``conf`` is the
OCR's; a word the archivist changed has ``conf`` 1 and ``comments="corrected"`` on its TextEquiv. ``Metadata`` records
who made the revision and when, and ``MetadataItem`` the project, revision and software.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from workbench.formats.export_model import PageExport
from workbench.formats.layout import LaidLine
from workbench.formats.xml_output import (
    Boxed,
    block_outline,
    clean,
    joined,
    line_text,
    outline,
    regions,
    schema_root,
    to_bytes,
)

NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
SCHEMA_URL = f"{NS}/pagecontent.xsd"


IMAGE_FILE_GROUP = "OCR-D-IMG"
"""The folder OCR-D's workspace layout keeps the page images in (its image file group)."""
_NOT_IN_ID = re.compile(r"[^\w.-]")


def write_page_xml(page: PageExport) -> bytes:
    root = schema_root(NS, "PcGts", SCHEMA_URL)
    root.set("pcGtsId", _NOT_IN_ID.sub("_", clean(f"PAGE_{page.position:04d}_{page.page_label}")))
    _metadata(_sub(root, "Metadata"), page)
    page_element = _sub(root, "Page", imageFilename=f"{IMAGE_FILE_GROUP}/{clean(page.scan_path.name)}",
                        imageWidth=str(page.width), imageHeight=str(page.height))
    for number, lines in enumerate(regions(page.layout), start=1):
        region = _sub(page_element, "TextRegion", id=f"r{number}", type="paragraph")
        _coords(region, joined(block_outline(page.layout, lines), *(_line_box(line) for line in lines)))
        for line_number, line in enumerate(lines, start=1):
            _text_line(region, line, f"r{number}_l{line_number}")
        _text_equiv(region, "\n".join(line_text(line) for line in lines))
    return to_bytes(root)


def _metadata(metadata: Any, page: PageExport) -> None:
    _sub(metadata, "Creator").text = clean(f"{page.software} ({page.author})")
    _sub(metadata, "Created").text = page.created
    _sub(metadata, "LastChange").text = page.created
    _sub(metadata, "Comments").text = clean(
        f"Revision {page.revision_id} ({page.revision_kind}) of page {page.page_label}; "
        f"page status: {page.status}"
    )
    if page.ocr is not None:
        engine = " ".join(filter(None, (page.ocr.engine, page.ocr.version)))
        _sub(metadata, "MetadataItem", type="processingStep", name="recognition",
             value=clean(f"{engine} ({page.ocr.settings})"), date=page.ocr.created)
    items = [("processingStep", "software", page.software), ("author", "author", page.author),
             ("other", "project", page.project_name), ("other", "document", page.document_name),
             ("other", "revision", str(page.revision_id)), ("other", "status", page.status)]
    if page.document_reference:
        items.append(("other", "reference", page.document_reference))
    for kind, name, value in items:
        _sub(metadata, "MetadataItem", type=kind, name=name, value=clean(value), date=page.created)


def _text_line(region: Any, line: LaidLine, line_id: str) -> None:
    element = _sub(region, "TextLine", id=line_id)
    _coords(element, _line_box(line))
    for number, word in enumerate(line.words, start=1):
        word_element = _sub(element, "Word", id=f"{line_id}_w{number}")
        _coords(word_element, _corners(word))
        _text_equiv(word_element, clean(word.text), conf=word.confidence / 100, corrected=word.changed)
    _text_equiv(element, line_text(line))


def _line_box(line: LaidLine) -> tuple[int, int, int, int]:
    """The line's box (the engine's where it drew one), grown to hold its words where one sticks out
    (Tesseract's line can stop above a descender): PAGE's consumers (OCR-D's validator) require
    every element to lie within its parent, as the union of its words always did."""
    return joined(outline([line]), outline(line.words))


def _corners(item: Boxed) -> tuple[int, int, int, int]:
    return item.left, item.top, item.left + item.width, item.top + item.height


def _coords(parent: Any, box: tuple[int, int, int, int]) -> None:
    # Corners at left and left + width, as OCR-D and Tesseract write them: a reader gets the width
    # back as the difference, so boxes survive a round trip unchanged.
    x0, y0, x1, y1 = box
    _sub(parent, "Coords", points=f"{x0},{y0} {x1},{y0} {x1},{y1} {x0},{y1}")


def _text_equiv(parent: Any, text: str, *, conf: float | None = None, corrected: bool = False) -> None:
    equiv = _sub(parent, "TextEquiv")
    if conf is not None:
        equiv.set("conf", f"{conf:.2f}")
    if corrected:
        equiv.set("comments", "corrected")
    _sub(equiv, "Unicode").text = text


def _sub(parent: Any, tag: str, **attributes: str) -> Any:
    return etree.SubElement(parent, f"{{{NS}}}{tag}", attributes)
