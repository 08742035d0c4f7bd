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


def sentence_opening(candidate: str, word: str) -> str:
    """``candidate`` for ``word`` at the start of a sentence: with a capital where it does not begin
    with the word's lower-case first letter ("lost" → "Most", "his" → "This"), for the letter the
    OCR saw there was itself misread, its case with it."""
    if word[:1].islower() and candidate[:1].islower() and candidate[:1] != word[:1]:
        return candidate[:1].upper() + candidate[1:]
    return candidate
