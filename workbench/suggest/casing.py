"""Giving a candidate the capitalisation its place in the text asks for."""

from __future__ import annotations


def styled_like(candidate: str, word: str) -> str:
    """``candidate`` capitalised like ``word``: UPPER, Title or lower; a mixed-case misreading
    (``aS``) is taken to be lower case unless it starts with a capital."""
    if len(word) > 1 and word.isupper() and len(candidate) > 1:
        return candidate.upper()
    if candidate[:1].isupper() and not word[:1].islower():
        return candidate  # a name spelled as the lexicon or project spells it
    if word[:1].isupper() or (word[:1].isdigit() and candidate[:1].isupper()):
        return candidate[:1].upper() + candidate[1:]
    return candidate

