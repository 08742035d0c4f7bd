"""Records of a page's text as it stands against its OCR: which word each token came from.

``workbench.text.alignment`` makes them; the window and the exports read them to tie text to boxes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WordLink:
    """A token of a text and the OCR word it came from."""

    start: int
    end: int
    """The token is ``text[start:end]``: a maximal run of non-whitespace, in Python character offsets."""
    word_index: int | None
    """Index into the OCR words; None for a token the archivist typed."""
