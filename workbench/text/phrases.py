"""Finding a searched phrase in a page's text the way the search index reads both.

The index (SQLite FTS5, tokenizer ``unicode61 remove_diacritics 2``) reads text as runs of letters
and digits, ignoring case and accents; anything else only separates words. It tells which pages hold
a phrase; this module finds each occurrence in such a page again, the same way, for its exact
offsets, so that the window can select it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_WORD = re.compile(r"[^\W_]+")
_SEPARATOR = r"[\W_]+"
_NOT_AFTER_WORD = r"(?<![^\W_])"
_NOT_BEFORE_WORD = r"(?![^\W_])"


def phrase_words(query: str) -> list[str]:
    """The words of what a user typed, as the index compares them; quotes and other marks drop out."""
    return _WORD.findall(_folded(query)[0])


def find_phrase(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Start and end offsets in ``text`` of every occurrence of ``words`` (from :func:`phrase_words`)."""
    if not words:
        return []
    folded, origin = _folded(text)
    pattern = re.compile(_NOT_AFTER_WORD + _SEPARATOR.join(map(re.escape, words)) + _NOT_BEFORE_WORD)
    spans = []
    for match in pattern.finditer(folded):
        end = origin[match.end() - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):  # an accent typed as its own character
            end += 1
        spans.append((origin[match.start()], end))
    return spans


def lines_around(text: str, start: int, end: int) -> str:
    """The whole line (or lines) of ``text`` that ``text[start:end]`` lies on."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return text[first : len(text) if last < 0 else last]


def _folded(text: str) -> tuple[str, Sequence[int]]:
    """``text`` lower-cased without accents, and for each of its characters the offset it came from."""
    if text.isascii():
        return text.lower(), range(len(text))
    characters: list[str] = []
    origin: list[int] = []
    for offset, character in enumerate(text):
        for part in unicodedata.normalize("NFD", character):
            if not unicodedata.combining(part):
                lowered = part.lower()
                characters.append(lowered)
                origin.extend([offset] * len(lowered))
    return "".join(characters), origin
