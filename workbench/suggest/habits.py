"""What one project's typewriters and scans keep doing, read from its own OCR text before anything
is corrected.

A misreading that is a habit shows in the words no lexicon holds: on one EHRI typescript, 15 words
in 1,000 were a common word with an ``o`` where a ``c`` belongs ("ohance", "whioh") and 7 were a
common word with an ``e`` after it, its full stop ("persone"). On the evaluation books no such
pattern reaches 3 in 1,000. Habits make those misreadings cheap in the error model and trusted in
the ranking, from the first page on, before the archivist has corrected anything.

Each document has its own (its typewriter, its scans), read from what the machine read on its
pages; the whole project's words add the habits most of its documents share.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

RARE_ZIPF = 2.0
"""A form rarer than this is one a habit may have made."""
COMMON_ZIPF = 3.0
"""What it stands for must be at least this common."""
HABIT_FORMS = 5
"""A habit shows in at least this many different words: one word read the same way every time
("Rumanian" for "Romanian", ten times on one despatch) is a spelling, not a habit."""
STRAY_END_SHARE = 0.002
"""A letter is a stray end when this share of all words are a common word or a number and that letter."""
SWAP_SHARE = 0.003
"""A confusion is a habit when this share of all words are a common word with that one letter
swapped, and nothing else explains them."""
MAX_SWAP_FORMS = 10_000
"""Only the commonest rare forms are tried letter by letter (a habit shows among them), so that a
large project's first suggestions do not wait seconds for it."""
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_EXPLAINERS: dict[int, _SwapExplainer] = {}


@dataclass(frozen=True)
class Habits:
    stray_ends: frozenset[str] = frozenset()
    """Letters the pages show at the end of a word for its full stop."""
    confusions: frozenset[tuple[str, str]] = frozenset()
    """(read, printed) letters the pages confuse habitually."""

    def __or__(self, other: Habits) -> Habits:
        return Habits(self.stray_ends | other.stray_ends, self.confusions | other.confusions)


def find_habits(project_counts: Mapping[str, int], general: Mapping[str, float]) -> Habits:
    """The habits behind the project's words (word → occurrences), judged against the general word
    list (lower-case word → Zipf frequency)."""
    words = 0
    ends: dict[str, Counter[str]] = {}
    rare: list[tuple[int, str]] = []
    for word, count in project_counts.items():
        if len(word) < 3 or not word.isalpha():
            continue
        words += count
        key = word.lower()
        if word_and_letter(word, general, rarer_than=RARE_ZIPF):
            ends.setdefault(word[-1], Counter())[key] += count
        if general.get(key, 0.0) < RARE_ZIPF:
            rare.append((count, key))
    swaps: dict[tuple[str, str], Counter[str]] = {}
    explain = _explainer(general)
    for count, key in heapq.nlargest(MAX_SWAP_FORMS, rare):
        swap = explain(key)
        if swap is not None:
            swaps.setdefault(swap, Counter())[key] += count
    return Habits(
        stray_ends=frozenset(letter for letter, forms in ends.items() if _habitual(forms, STRAY_END_SHARE * words)),
        confusions=frozenset(pair for pair, forms in swaps.items() if _habitual(forms, SWAP_SHARE * words)),
    )


def _habitual(forms: Counter[str], least: float) -> bool:
    """Enough different words, and enough of them all told."""
    return len(forms) >= HABIT_FORMS and forms.total() >= least


def stray_end_reason(letter: str) -> str:
    return f"'{letter}' at the end of a word is often a misread full stop in this project"


def word_and_letter(word: str, general: Mapping[str, float], *, rarer_than: float) -> bool:
    """``word`` is rarer than ``rarer_than`` (Zipf) and a common word or a number with one more
    lower-case letter at its end."""
    stem = word[:-1]
    return (len(word) >= 2 and word[-1].islower() and word[-1].isalpha()
            and general.get(word.lower(), 0.0) < rarer_than
            and (stem.isdigit() or (stem.isalpha() and general.get(stem.lower(), 0.0) >= COMMON_ZIPF)))


def _explainer(general: Mapping[str, float]) -> _SwapExplainer:
    """The explainer for this word list (a process has one or two; each keeps its list alive)."""
    known = _EXPLAINERS.get(id(general))
    if known is None or known.general is not general:
        known = _EXPLAINERS[id(general)] = _SwapExplainer(general)
    return known


class _SwapExplainer:
    """Which one-letter swap turns a rare form into a common word; remembered per form, as every
    save of a page asks again about the project's words and the answer never changes."""

    def __init__(self, general: Mapping[str, float]) -> None:
        self.general = general
        self._known: dict[str, tuple[str, str] | None] = {}

    def __call__(self, key: str) -> tuple[str, str] | None:
        if key not in self._known:
            self._known[key] = self._explain(key)
        return self._known[key]

    def _explain(self, key: str) -> tuple[str, str] | None:
        general = self.general
        if general.get(key, 0.0) >= RARE_ZIPF:
            return None
        found: set[tuple[str, str]] = set()
        for at, read in enumerate(key):
            for printed in _ALPHABET:
                if printed != read and general.get(key[:at] + printed + key[at + 1 :], 0.0) >= COMMON_ZIPF:
                    found.add((read, printed))
                    if len(found) > 1:
                        return None  # more than one reading: evidence of no habit in particular
        return found.pop() if found else None
