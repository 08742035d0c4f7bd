"""ALTO 4.4 of one page: the corrected words on their boxes, for digital libraries and search indexes.

Coordinates are scan pixels (``MeasurementUnit`` pixel). Each OCR block becomes a ``TextBlock``,
each corrected line a ``TextLine`` of ``String`` elements with ``SP`` between them; ``WC`` is the
OCR's word confidence from 0 to 1, and a word the archivist changed has ``CS="true"`` (ALTO's
correction status) and ``WC`` 1. Two ``Processing`` steps say where the text comes from: the OCR
(the engine, its version and settings, or the producer of an imported file: ``contentGeneration``),
then the revision, its author and the workbench (``contentModification``).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from workbench.formats.export_model import PageExport
from workbench.formats.layout import LaidLine
from workbench.formats.xml_output import block_outline, clean, name_and_version, regions, schema_root, to_bytes

NS = "http://www.loc.gov/standards/alto/ns-v4#"
SCHEMA_URL = "http://www.loc.gov/alto/v4/alto-4-4.xsd"


def write_alto(page: PageExport) -> bytes:
    root = schema_root(NS, "alto", SCHEMA_URL)
    _description(etree.SubElement(root, f"{{{NS}}}Description"), page)
    layout = etree.SubElement(root, f"{{{NS}}}Layout")
    alto_page = _sub(layout, "Page", ID=f"page_{page.page_id}", PHYSICAL_IMG_NR=page.position,
                     WIDTH=page.width, HEIGHT=page.height)
    alto_page.set("PROCESSING", "revision")
    space = _sub(alto_page, "PrintSpace", HPOS=0, VPOS=0, WIDTH=page.width, HEIGHT=page.height)
    for number, lines in enumerate(regions(page.layout), start=1):
        block = _sub(space, "TextBlock", ID=f"block_{number}", **_position(block_outline(page.layout, lines)))
        for line_number, line in enumerate(lines, start=1):
            _text_line(block, line, f"line_{number}_{line_number}")
    return to_bytes(root)


def _description(description: Any, page: PageExport) -> None:
    _sub(description, "MeasurementUnit").text = "pixel"
    source = _sub(description, "sourceImageInformation")
    _sub(source, "fileName").text = clean(page.scan_path.name)
    if page.ocr is not None:
        ocr = _sub(description, "Processing", ID="ocr")
        _sub(ocr, "processingCategory").text = "contentGeneration"
        _sub(ocr, "processingDateTime").text = page.ocr.created
        _sub(ocr, "processingStepDescription").text = "text recognition"
        _sub(ocr, "processingStepSettings").text = clean(page.ocr.settings)
        _software(ocr, page.ocr.engine, page.ocr.version)
    processing = _sub(description, "Processing", ID="revision")
    _sub(processing, "processingCategory").text = "contentModification"
    _sub(processing, "processingDateTime").text = page.created
    _sub(processing, "processingAgency").text = clean(page.author)
    _sub(processing, "processingStepDescription").text = clean(
        f"Revision {page.revision_id} ({page.revision_kind}) of page {page.page_label} of "
        f"{page.document_name} in project {page.project_name}; page status: {page.status}"
    )
    _software(processing, *name_and_version(page.software))


def _software(processing: Any, name: str, version: str) -> None:
    software = _sub(processing, "processingSoftware")
    _sub(software, "softwareName").text = clean(name)
    if version:
        _sub(software, "softwareVersion").text = clean(version)


def _text_line(block: Any, line: LaidLine, line_id: str) -> None:
    element = _sub(block, "TextLine", ID=line_id, HPOS=line.left, VPOS=line.top, WIDTH=line.width,
                   HEIGHT=line.height)
    for number, word in enumerate(line.words, start=1):
        if number > 1:
            previous = line.words[number - 2]
            gap_start = previous.left + previous.width
            _sub(element, "SP", HPOS=gap_start, VPOS=line.top, WIDTH=max(word.left - gap_start, 0))
        string = _sub(element, "String", ID=f"{line_id}_{number}", HPOS=word.left, VPOS=word.top,
                      WIDTH=word.width, HEIGHT=word.height)
        string.set("CONTENT", clean(word.text))
        string.set("WC", f"{word.confidence / 100:.2f}")
        if word.changed:
            string.set("CS", "true")


def _position(box: tuple[int, int, int, int]) -> dict[str, int]:
    left, top, right, bottom = box
    return {"HPOS": left, "VPOS": top, "WIDTH": right - left, "HEIGHT": bottom - top}


def _sub(parent: Any, tag: str, **attributes: int | str) -> Any:
    return etree.SubElement(parent, f"{{{NS}}}{tag}", {k: str(v) for k, v in attributes.items()})
