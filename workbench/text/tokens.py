"""What counts as a token and as a word of a page's text, decided in one place.

A token is a maximal run of non-whitespace: what the window selects, what diffs compare and what an
OCR word becomes in ``OcrResult.text()``. A token's word is the token without the punctuation at its
edges (``"peragrarhs,"`` is the word ``peragrarhs``); inner punctuation stays (``movement's``).
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\S+")
# A token's word: from its first letter or digit to its last one.
_WORD = re.compile(r"[^\W_](?:\S*[^\W_])?")


def token_spans(text: str) -> list[tuple[int, int]]:
    """The start and end offset of every token of ``text``, in order."""
    return [match.span() for match in _TOKEN.finditer(text)]


def split_edges(token: str) -> tuple[str, str, str]:
    """The punctuation before the token's word, the word, and the rest: ``'"Goga,'`` gives ``'"'``,
    ``'Goga'``, ``','``. A token of punctuation only has no word: ``("", "", token)``."""
    match = _WORD.search(token)
    if match is None:
        return "", "", token
    return token[: match.start()], match.group(), token[match.end() :]
