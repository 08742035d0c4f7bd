"""The words of a project: how often each occurs, and the form in which a lexicon holds a word.

A project's own texts are the best word list it has: names, places and spellings of its period that
no general lexicon holds, and every correction the archivist saves adds to them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from workbench.text.tokens import split_edges


def count_words(texts: Iterable[str]) -> Counter[str]:
    """How often each word occurs in ``texts``; words are tokens without their edge punctuation."""
    tokens: Counter[str] = Counter()
    for text in texts:
        tokens.update(text.split())  # the same tokens as token_spans, and much faster to count
    words: Counter[str] = Counter()
    for token, count in tokens.items():  # far fewer distinct tokens than tokens
        word = split_edges(token)[1]
        if word:
            words[word] += count
    return words


def lexicon_form(token: str) -> str:
    """The form of a token a lexicon holds: its word, or the token itself if it is punctuation only.
    A fix of several words (``to change``) keeps its inner spaces and loses only its outer marks."""
    words = token.split()
    if len(words) > 1:
        head, tail = split_edges(words[0])[0], split_edges(words[-1])[2]
        return " ".join(words)[len(head) : len(" ".join(words)) - len(tail)] or token
    return split_edges(token)[1] or token
