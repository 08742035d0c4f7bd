"""Tokens that are the document's structure, not words: enumerators, signature marks, office
symbols and inline markup. Seen on new pages: "(b)", "(iii)", "/s/", "S/P", "s/s", "<u>…</u>" were
flagged as misreadings, and every one of them was read right."""

from __future__ import annotations

import re

from workbench.text.tokens import split_edges

_ENUMERATOR = re.compile(r"^\(?(?:[a-zA-Z]|[ivxIVX]{2,6}|\d{1,3})\)[.,:;]?$")
"""(b), b), (iii), (12): the numbering of paragraphs and clauses (a closing bracket at least:
"ill." is a word)."""
_ROMAN = re.compile(r"^(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})[.,;:]?$")
"""II, XIV: chapters and parts numbered in capitals (one letter alone may be a word or an initial)."""
_SIGNATURE = re.compile(r"^/[sS]/[,.;:]?$")
"""/s/: "signed", where a carbon copy stands for the signature."""
_OFFICE_SYMBOL = re.compile(r"^[A-Za-z]{1,4}(?:[/:][A-Za-z]{1,4})+[,.;:]?$")
"""S/P, s/s, c/o, FPH/CKH:EMS: a typist's and an office's initials, and the like."""
_OPENING_TAGS = re.compile(r"^[^\w<]*(?:<[a-z]{1,6}>)+")
_CLOSING_TAGS = re.compile(r"(?:</[a-z]{1,6}>)+[^\w>]*$")
"""<u>, </u>: emphasis a transcription marks inline."""


def structure(token: str) -> bool:
    """Whether the token is a mark of the document's structure rather than a word."""
    if not (")" in token or "/" in token or token[:1] in "IVX"):
        return False  # most tokens: asked of every word on every look at a page
    return bool(_ENUMERATOR.match(token) or _ROMAN.match(token) or _SIGNATURE.match(token)
                or _OFFICE_SYMBOL.match(token))


def markup_edges(token: str) -> tuple[str, str, str]:
    """``split_edges`` with inline markup around the word taken as its edges: ``<u>Confidential</u>,``
    gives ``<u>``, ``Confidential``, ``</u>,``."""
    if "<" not in token:
        return split_edges(token)
    opened, closed = _OPENING_TAGS.match(token), _CLOSING_TAGS.search(token)
    start = opened.end() if opened else 0
    end = closed.start() if closed and closed.start() >= start else len(token)
    head, word, tail = split_edges(token[start:end])
    return token[:start] + head, word, tail + token[end:]
