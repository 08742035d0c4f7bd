"""What the XML writers share: safe text, serialising, and grouping a page's lines into regions."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import groupby
from typing import Any, Protocol

from lxml import etree

from workbench.formats.layout import LaidLine, PageLayout

# Characters XML 1.0 cannot hold at all, not even escaped: C0 controls but tab and newlines,
# surrogates, and U+FFFE/U+FFFF. A stray one in a revision must not make the export fail.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
XSI = "http://www.w3.org/2001/XMLSchema-instance"


class Boxed(Protocol):
    @property
    def left(self) -> int: ...
    @property
    def top(self) -> int: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...


def clean(text: str) -> str:
    """``text`` with the characters XML cannot carry replaced by U+FFFD; lxml escapes the rest."""
    return _NOT_XML.sub("\ufffd", text)


def schema_root(namespace: str, tag: str, schema_url: str) -> Any:
    """A document element with ``namespace`` as default, naming its schema so validators find it."""
    root = etree.Element(f"{{{namespace}}}{tag}", nsmap={None: namespace, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{namespace} {schema_url}")
    return root


def to_bytes(root: Any, *, doctype: str | None = None) -> bytes:
    """The document as UTF-8 with an XML declaration, indented for people who open it."""
    etree.indent(root, space=" ")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", doctype=doctype)
    return data + b"\n"


def regions(layout: PageLayout) -> list[list[LaidLine]]:
    """Runs of consecutive lines in the same OCR block: one text region each, in reading order."""
    return runs(layout.lines, lambda line: line.block)


def paragraphs(lines: Sequence[LaidLine]) -> list[list[LaidLine]]:
    """Runs of consecutive lines in the same OCR paragraph."""
    return runs(lines, lambda line: line.paragraph)


def runs(lines: Iterable[LaidLine], key: Callable[[LaidLine], Hashable]) -> list[list[LaidLine]]:
    return [list(run) for _, run in groupby(lines, key=key)]


def outline(items: Iterable[Boxed]) -> tuple[int, int, int, int]:
    """Left, top, right and bottom of the union of ``items``' boxes (there must be at least one)."""
    boxes = [(i.left, i.top, i.left + i.width, i.top + i.height) for i in items]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def joined(*boxes: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The smallest box (left, top, right, bottom) holding all of ``boxes``."""
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def block_outline(layout: PageLayout, lines: Sequence[LaidLine]) -> tuple[int, int, int, int]:
    """The box of a region (``regions``): its OCR block's as the engine drew it where every line of it
    is as drawn, else the union of its lines."""
    return _drawn_or_outline(layout.block_boxes.get(lines[0].block), lines)


def paragraph_outline(layout: PageLayout, lines: Sequence[LaidLine]) -> tuple[int, int, int, int]:
    """The box of a run of lines of one paragraph (``paragraphs``), as ``block_outline`` has it."""
    return _drawn_or_outline(layout.paragraph_boxes.get((lines[0].block, lines[0].paragraph)), lines)


def _drawn_or_outline(drawn: tuple[int, int, int, int] | None, lines: Sequence[LaidLine]) -> tuple[int, int, int, int]:
    return drawn if drawn is not None and all(line.as_drawn for line in lines) else outline(lines)


def line_text(line: LaidLine) -> str:
    """A line as text: its words joined by single spaces, as every format writes it."""
    return clean(" ".join(word.text for word in line.words))


def name_and_version(software: str) -> tuple[str, str]:
    """``"Workbench 0.1.0"`` as ``("Workbench", "0.1.0")``; the version is empty if none is given."""
    name, _, version = software.rpartition(" ")
    return (name, version) if name else (software, "")
