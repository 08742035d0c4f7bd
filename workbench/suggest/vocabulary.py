"""The words of a project and how often each occurs: where candidate corrections come from.

A project's own texts are the best word list it has: names, places and spellings of its period that
no general lexicon holds, and every correction the archivist saves adds to them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

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


class SimilarWord(NamedTuple):
    spelling: str
    """The word as the vocabulary spells it most often."""
    occurrences: int
    """How often the word occurs, in any capitalisation."""
    similarity: float
    """1 minus the edit distance over the longer length: 1.0 would be the same word."""


class _Index(NamedTuple):
    spellings: dict[str, tuple[str, int]]
    """Each lower-cased word: its commonest spelling and its count in any spelling."""
    keys: list[str]
    top: int
    """The highest count in ``spellings``."""


class Vocabulary(Mapping[str, int]):
    """Word counts that can be searched for words close to a given one.

    A snapshot: it remembers the answers it gave, so build a new one when the counts change and
    reuse it otherwise; the window asks again after every edit, mostly about the same words.
    """

    def __init__(self, counts: Mapping[str, int]) -> None:
        self._counts = dict(counts)
        self._index: _Index | None = None
        self._similar: dict[str, list[SimilarWord]] = {}

    def __getitem__(self, word: str) -> int:
        return self._counts[word]

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)

    def frequency(self, count: int) -> float:
        """A count on a 0..1 log scale, where 1 is the count of the vocabulary's commonest word."""
        return math.log1p(count) / math.log1p(max(1, self._indexed().top))

    def similar(self, word: str) -> list[SimilarWord]:
        """Words within a few edits of ``word``, ignoring case, leaving out ``word`` itself.

        A word may be one edit away per five letters of ``word`` (at least one, at most three), so
        short words do not attract every other short word.
        """
        key = word.lower()
        if key not in self._similar:
            index = self._indexed()
            edits = min(3, 1 + len(key) // 5)
            matches = process.extract(
                key, index.keys, scorer=Levenshtein.distance, score_cutoff=edits, limit=None
            )
            self._similar[key] = [
                SimilarWord(*index.spellings[other], 1 - distance / max(len(key), len(other)))
                for other, distance, _ in matches
                if other != key
            ]
        return self._similar[key]

    def _indexed(self) -> _Index:
        if self._index is None:
            totals: Counter[str] = Counter()
            commonest: dict[str, str] = {}
            for spelling, count in self._counts.items():
                key = spelling.lower()
                totals[key] += count
                if key not in commonest or count > self._counts[commonest[key]]:
                    commonest[key] = spelling
            spellings = {key: (commonest[key], total) for key, total in totals.items()}
            self._index = _Index(spellings, list(spellings), max(totals.values(), default=0))
        return self._index
