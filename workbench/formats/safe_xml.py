"""The one hardened way to read foreign XML and HTML (hOCR, ALTO, PAGE): every reader goes through here.

Foreign files are hostile until proven otherwise (DESIGN.md). So: the size is bounded before a byte is
parsed; a document type that declares entities is refused before libxml2 sees it, as entities are
what both XXE (an external entity naming a local file) and billion laughs (nested expansion) need;
and the parser itself never resolves entities, loads a DTD or touches the network, with libxml2's
own depth and text-size limits kept (``huge_tree=False``).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree, html

from workbench.errors import ForeignFileError, HostileFileError

MAX_FOREIGN_BYTES = 50 * 1024 * 1024
"""Larger than any real page of OCR (a dense hOCR page is about 0.5 MB); anything bigger is refused."""

_ENTITIES_REASON = "the file declares XML entities; refusing it (possible XXE/billion-laughs attack)"
_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)
# UTF-32's marks first: UTF-32-LE's starts with UTF-16-LE's. UTF-8's is common from Windows tools
# (ABBYY FineReader, Notepad): read as Latin-1 it is "ï»¿", which hides the markup after it.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF8, "utf-8"))


def read_bounded(path: Path, *, max_bytes: int = MAX_FOREIGN_BYTES) -> bytes:
    """The file's bytes, refusing a file over ``max_bytes`` without reading more than that."""
    try:
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as error:
        raise ForeignFileError(path, f"the file cannot be read ({error.strerror or error})") from error
    if len(data) > max_bytes:
        raise HostileFileError(
            path, f"the file is larger than the limit of {max_bytes / 1024 / 1024:,.0f} MB; refusing it"
        )
    return data


def markup_text(data: bytes) -> str:
    """The document decoded well enough to find its markup, without its byte-order mark: by that mark
    or its zero bytes (UTF-8/16/32), else as Latin-1, which maps every byte and keeps ASCII markup
    readable."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    if data[:2] == b"<\0":
        return data.decode("utf-16-le", errors="replace")
    if data[:2] == b"\0<":
        return data.decode("utf-16-be", errors="replace")
    return data.decode("latin-1")


def parse_xml(
    path: Path, *, max_bytes: int = MAX_FOREIGN_BYTES, html_fallback: bool = False
) -> etree._Element:
    """The root element of the XML file at ``path``, parsed safely.

    Args:
        html_fallback: Parse a file that is not well-formed XML as HTML (hOCR is often HTML 5).

    Raises:
        HostileFileError: The file is too large or declares entities.
        ForeignFileError: The file is not well-formed (and not HTML, where that is allowed).
    """
    data = read_bounded(path, max_bytes=max_bytes)
    refuse_entities(path, data)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        if "amplification" in str(error):
            raise HostileFileError(path, _ENTITIES_REASON) from error
        if html_fallback:
            return _parse_html(path, data)
        raise ForeignFileError(path, f"the file is not well-formed XML ({error})") from error
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise HostileFileError(path, _ENTITIES_REASON)  # an encoding markup_text could not read
    return root


def parse_document(
    path: Path, root_name: str, kind: str, *, max_bytes: int = MAX_FOREIGN_BYTES
) -> etree._Element:
    """The root of an XML file that must be a ``root_name`` document (matched by local name), parsed
    safely; ``kind`` names it in the refusal ("an ALTO file")."""
    root = parse_xml(path, max_bytes=max_bytes)
    if local_name(root) != root_name:
        raise ForeignFileError(path, f"not {kind} (its root element is <{local_name(root)}>)")
    return root


def refuse_entities(path: Path, data: bytes) -> None:
    """Refuse a document whose DOCTYPE has an internal subset declaring entities, before any parser
    can expand or fetch them. An external DTD alone (Tesseract's XHTML DOCTYPE) is harmless, as it is
    never loaded."""
    text = markup_text(data)
    doctype = _DOCTYPE.search(text)
    if doctype is None:
        return
    subset = text.find("[", doctype.end())
    end = text.find(">", doctype.end())
    if subset != -1 and (end == -1 or subset < end) and _ENTITY.search(text, subset):
        raise HostileFileError(path, _ENTITIES_REASON)


def local_name(element: etree._Element) -> str:
    """The element's name without its namespace: ALTO and PAGE change namespace with each version."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _parse_html(path: Path, data: bytes) -> etree._Element:
    parser = html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = html.document_fromstring(data, parser)
    except (etree.ParserError, ValueError) as error:
        raise ForeignFileError(path, f"the file is neither XML nor HTML ({error})") from error
    return root
