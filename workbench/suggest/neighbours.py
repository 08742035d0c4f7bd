"""How well a word fits between its neighbours, from English word-pair counts.

A misread word is often a real word in the wrong place ("more then", "end the", "lost of them"):
only its neighbours give it away. The counts are the Google Books unigrams and bigrams that
symspellpy ships (its frequency dictionaries); they are read once and cached on disk like the
general word list.

The fit of a word ``w`` after ``left`` is the pointwise mutual information
``log10 P(left | w) / P(left)``: about 0 when the pair is as common as chance makes it, above 0
when the words go together. The bigram list leaves out pairs rarer than its smallest count, so a
missing pair only says "at most that often": its fit is that upper bound, and never above 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path

from workbench.suggest.general_lexicon import disk_cached

UNIGRAM_FILE = "frequency_dictionary_en_82_765.txt"
BIGRAM_FILE = "frequency_bigramdictionary_en_243_342.txt"
BIGRAM_SCALE = 55.0
"""Bigram counts are on a larger scale than the unigram counts: summed over what follows them, the
commonest words' pairs come to 40–50 times their own count, with the rarest pairs left out."""
FIT_LIMIT = 3.0
"""No single neighbour says more than this (log10 units)."""


class WordPairs:
    def __init__(self, unigrams: Mapping[str, int], bigrams: Mapping[str, int]) -> None:
        """``bigrams``: ``"left right"`` → count."""
        self.unigrams, self.bigrams = unigrams, bigrams
        self._total = sum(unigrams.values()) or 1
        self._floor = min(bigrams.values(), default=0)

    def fit(self, left: str | None, word: str, right: str | None) -> float:
        """How much better than chance ``word`` fits between ``left`` and ``right`` (lower case;
        None where a sentence break or no word is next to it), in log10 units. Where ``word`` is
        two words ("i have" for "Ihave"), its first word meets ``left`` and its last ``right``: the
        pair as a whole is in no list, and would fit nowhere."""
        first = last = word
        if " " in word:
            first, last = word.split(" ", 1)[0], word.rsplit(" ", 1)[1]
        fit = 0.0
        if left is not None:
            fit += self._pair_fit(left, first, first)
        if right is not None:
            fit += self._pair_fit(last, right, last)
        return fit

    def _pair_fit(self, first: str, second: str, given: str) -> float:
        other = second if given == first else first
        given_count, other_count = self.unigrams.get(given), self.unigrams.get(other)
        if not given_count or not other_count:
            return 0.0  # a word the lists do not hold: nothing to say
        chance = other_count / self._total
        pair = self.bigrams.get(f"{first} {second}")
        if pair is None:
            bound = math.log10(self._floor / (BIGRAM_SCALE * given_count) / chance)
            return max(-FIT_LIMIT, min(0.0, bound))
        return max(-FIT_LIMIT, min(FIT_LIMIT, math.log10(pair / (BIGRAM_SCALE * given_count) / chance)))


NO_PAIRS = WordPairs({}, {})
"""For when the counts cannot be had: every word fits everywhere."""


@lru_cache(maxsize=2)
def english_pairs(folder: Path | None = None) -> WordPairs:
    """The English counts, from the disk cache (built from symspellpy's files on the first call)."""
    try:
        source = f"symspellpy{version('symspellpy')}"
    except PackageNotFoundError:
        return NO_PAIRS
    unigrams, bigrams = disk_cached(f"pairs-en-{source}", folder, _read_counts)
    return WordPairs(unigrams, bigrams)


def _read_counts() -> tuple[dict[str, int], dict[str, int]]:
    data = files("symspellpy")
    unigrams: dict[str, int] = {}
    with (data / UNIGRAM_FILE).open(encoding="utf-8") as lines:
        for line in lines:
            word, count = line.split()
            unigrams[word] = int(count)
    bigrams: dict[str, int] = {}
    with (data / BIGRAM_FILE).open(encoding="utf-8") as lines:
        for line in lines:
            first, second, count = line.split()
            bigrams[f"{first} {second}"] = int(count)
    return unigrams, bigrams
