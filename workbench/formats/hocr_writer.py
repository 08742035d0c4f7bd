"""hOCR of one page in Tesseract's dialect, for tools built around Tesseract's own output.

The elements, ids and ``title`` properties are Tesseract's (``ocr_page`` > ``ocr_carea`` >
``ocr_par`` > ``ocr_line`` > ``ocrx_word``; ``bbox x0 y0 x1 y1`` with exclusive right and bottom
edges; ``x_wconf`` as a whole number 0..100), so hocr-tools, OCRmyPDF and our own importer read it
as they read Tesseract's. ``ocr-system`` names the engine that read the page (or the producer of
an imported file), ``workbench-software`` the workbench that corrected it. ``x_wconf`` is the OCR's; a word the archivist changed has 100 and the
engine-specific property ``x_corrected 1`` (hOCR has no standard one, and leaves ``x_`` names free). The revision and project go into ``meta`` elements of the head.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from workbench.formats.export_model import PageExport
from workbench.formats.layout import LaidLine
from workbench.formats.xml_output import (
    block_outline,
    clean,
    outline,
    paragraph_outline,
    paragraphs,
    regions,
    to_bytes,
)

NS = "http://www.w3.org/1999/xhtml"
DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n'
    '    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)
CAPABILITIES = "ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf"


def write_hocr(page: PageExport) -> bytes:
    root = etree.Element(f"{{{NS}}}html", nsmap={None: NS})
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    root.set("lang", "en")
    _head(_sub(root, "head"), page)
    n = page.position
    image = clean(page.scan_path.name).replace('"', "'")
    resolution = f"; scan_res {page.dpi} {page.dpi}" if page.dpi else ""
    page_div = _sub(_sub(root, "body"), "div", "ocr_page", f"page_{n}",
                    f'image "{image}"; bbox 0 0 {page.width} {page.height}; ppageno {n - 1}{resolution}')
    counters = {"block": 0, "par": 0, "line": 0, "word": 0}
    for lines in regions(page.layout):
        block = _sub(page_div, "div", "ocr_carea", _next_id(counters, "block", n),
                     _bbox(block_outline(page.layout, lines)))
        for run in paragraphs(lines):
            par = _sub(block, "p", "ocr_par", _next_id(counters, "par", n),
                       _bbox(paragraph_outline(page.layout, run)))
            for line in run:
                _line(par, line, counters, n)
    return to_bytes(root, doctype=DOCTYPE)


def _head(head: Any, page: PageExport) -> None:
    _sub(head, "title").text = clean(f"{page.document_name} {page.page_label}")
    engine = page.software if page.ocr is None else " ".join(filter(None, (page.ocr.engine, page.ocr.version)))
    metas = [("ocr-system", engine), ("ocr-capabilities", CAPABILITIES),
             ("ocr-number-of-pages", "1"), ("workbench-software", page.software),
             ("workbench-project", page.project_name),
             ("workbench-document", page.document_name), ("workbench-revision", str(page.revision_id)),
             ("workbench-revision-kind", page.revision_kind), ("workbench-author", page.author),
             ("workbench-created", page.created), ("workbench-status", page.status)]
    if page.ocr is not None:
        metas.append(("workbench-ocr-settings", page.ocr.settings))
    equiv = etree.SubElement(head, f"{{{NS}}}meta", {"http-equiv": "Content-Type"})
    equiv.set("content", "text/html;charset=utf-8")
    for name, content in metas:
        etree.SubElement(head, f"{{{NS}}}meta", {"name": name, "content": clean(content)})


def _line(par: Any, line: LaidLine, counters: dict[str, int], n: int) -> None:
    element = _sub(par, "span", "ocr_line", _next_id(counters, "line", n), _bbox(outline([line])))
    for word in line.words:
        box = (word.left, word.top, word.left + word.width, word.top + word.height)
        title = f"{_bbox(box)}; x_wconf {round(word.confidence)}" + ("; x_corrected 1" if word.changed else "")
        _sub(element, "span", "ocrx_word", _next_id(counters, "word", n), title).text = clean(word.text)


def _next_id(counters: dict[str, int], kind: str, page_number: int) -> str:
    """Tesseract's ids: the kind, the page number and a count of that kind over the page."""
    counters[kind] += 1
    return f"{kind}_{page_number}_{counters[kind]}"


def _bbox(box: tuple[int, int, int, int]) -> str:
    return "bbox {} {} {} {}".format(*box)


def _sub(parent: Any, tag: str, css_class: str | None = None, element_id: str = "", title: str = "") -> Any:
    element = etree.SubElement(parent, f"{{{NS}}}{tag}")
    if css_class:
        element.set("class", css_class)
        element.set("id", element_id)
        element.set("title", title)
    return element
