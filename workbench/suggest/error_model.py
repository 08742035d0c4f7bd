"""How OCR misreads typewritten and printed text: weighted character confusions, and the spellings
an OCR word could have come from.

A confusion is a pair (what the OCR read, what was printed) with a cost: low for the classic
misreadings (``rn`` for ``m``, ``o`` for ``c``, ``1`` for ``l``), higher for any other one-letter
edit. The default table is a start; ``ErrorModel.learned`` re-estimates it from the archivist's own
corrections, so one typewriter's habit (its ``c`` keeps coming out as ``o``) becomes cheap.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

# (read, printed, cost). Costs are in the same units as Zipf frequencies (log10), so a misreading of
# cost 1 must be bought by a candidate ten times as frequent as a cost-0 one.
DEFAULT_CONFUSIONS: tuple[tuple[str, str, float], ...] = (
    ("rn", "m", 1.0), ("m", "rn", 1.2), ("cl", "d", 1.2), ("d", "cl", 1.5), ("li", "h", 1.2),
    ("h", "li", 1.5), ("H", "M", 1.0), ("M", "H", 1.0), ("e", "c", 1.0), ("c", "e", 1.0),
    ("o", "c", 1.0), ("c", "o", 1.2), ("a", "e", 1.2), ("e", "a", 1.2), ("o", "e", 1.3),
    ("e", "o", 1.3), ("l", "1", 0.8), ("1", "l", 0.8), ("I", "1", 0.8), ("1", "I", 0.8),
    ("l", "I", 0.8), ("I", "l", 0.8), ("i", "l", 1.2), ("l", "i", 1.2), ("O", "0", 0.6),
    ("0", "O", 0.6), ("o", "0", 0.8), ("0", "o", 0.8), ("S", "s", 0.8), ("s", "S", 0.8),
    ("S", "E", 1.2), ("S", "B", 1.2), ("S", "5", 1.0), ("5", "S", 1.0), ("h", "4", 1.0),
    ("h", "b", 1.2), ("b", "h", 1.2), ("n", "u", 1.2), ("u", "n", 1.2), ("ri", "n", 1.2),
    ("n", "ri", 1.5), ("ii", "u", 1.2), ("f", "t", 1.2), ("t", "f", 1.2), ("v", "p", 1.3),
    ("v", "y", 1.3), ("y", "v", 1.3), ("e", "g", 1.4), ("g", "e", 1.4), ("vv", "w", 1.0),
    ("w", "vv", 1.3), ("B", "8", 1.0), ("8", "B", 1.0), ("Z", "2", 1.2), ("2", "Z", 1.2),
    ("g", "q", 1.3), ("q", "g", 1.3), ("C", "G", 1.2), ("G", "C", 1.2), ("U", "V", 1.3),
    ("V", "U", 1.3), ("'", "", 1.2), ('"', "", 1.2), (".", "", 1.3), (",", "", 1.3),
    ('"', "M", 1.5), ("'", "l", 1.5), ("1", "i", 1.3), ("!", "l", 1.2), ("|", "l", 0.8),
    ("|", "I", 0.8), ("$", "S", 1.0), ("§", "S", 1.2), ("€", "C", 1.3), ("d", "J", 1.2),
    ("k", "M", 1.3), ("i", "W", 1.5), ("p", "b", 1.2), ("b", "p", 1.2), ("s", "g", 1.3), ("n", "m", 1.3),
    ("m", "n", 1.3), ("r", "n", 1.3), ("n", "r", 1.4), ("oo", "p", 1.3), ("o", "p", 1.4), ("N", "W", 1.2), ("W", "N", 1.2), ("t", "l", 1.3),
)
EDIT_COST = 2.6
"""Cost of any other one-character edit: insert, delete, substitute, swap."""
MAX_COST = 3.4
"""Spellings that cost more than this (plus 0.2 a letter, for long words) are not considered."""
HABIT_COST = 0.5
"""What a confusion the project's pages make habitually costs (the default table's cheapest is 0.6)."""
NEW_CONFUSION_SEEN = 2
NEW_CONFUSION_FLOOR = 1.0
NEW_DELETION_FLOOR = 1.6
"""The least a learned confusion outside the default table costs; more for a letter read where
none was printed, or none read where one was."""
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Variant:
    spelling: str
    cost: float
    confusions: tuple[tuple[str, str], ...]
    """The known misreadings behind it, (read, printed), for the reasons shown to the archivist."""


@dataclass
class ErrorModel:
    """Confusion costs, and the spellings within reach of an OCR word."""

    costs: dict[tuple[str, str], float] = field(
        default_factory=lambda: {(read, printed): cost for read, printed, cost in DEFAULT_CONFUSIONS}
    )

    def __post_init__(self) -> None:
        self._by_read: dict[str, list[tuple[str, float]]] = {}
        for (read, printed), cost in self.costs.items():
            self._by_read.setdefault(read, []).append((printed, cost))
        self._longest = max((len(read) for read in self._by_read), default=1)

    @classmethod
    def learned(cls, confusions: Mapping[tuple[str, str], int],
                habits: Iterable[tuple[str, str]] = ()) -> ErrorModel:
        """The default table with confusions the archivist corrected made cheaper the more often they
        occur, and the project's habitual confusions (``habits.py``) cheapest.

        A confusion the table does not know must be seen twice, and stays dearer: one correction
        may be a reading of the line rather than a misread letter, and a letter that costs little to
        drop makes many real words look like misreadings of shorter ones.
        """
        costs = {(read, printed): cost for read, printed, cost in DEFAULT_CONFUSIONS}
        for pair, count in confusions.items():
            if pair in costs:
                costs[pair] = min(costs[pair], max(0.5, 1.6 - 0.4 * math.log2(1 + count)))
            elif count >= NEW_CONFUSION_SEEN:
                floor = NEW_CONFUSION_FLOOR if all(pair) else NEW_DELETION_FLOOR
                costs[pair] = min(EDIT_COST, max(floor, 2.4 - 0.4 * math.log2(1 + count)))
        for pair in habits:
            costs[pair] = min(costs.get(pair, EDIT_COST), HABIT_COST)
        return cls(costs)

    def variants(self, word: str, is_prefix: Callable[[str], bool], *, max_cost: float | None = None,
                 max_edits: int = 1) -> dict[str, Variant]:
        """Lower-case spellings reachable from ``word`` by known confusions and at most ``max_edits``
        other one-letter edits, each with its cheapest cost.

        The search goes left to right, cheapest first, and drops a spelling as soon as
        ``is_prefix`` says no word begins that way, which keeps it to a few thousand steps even for
        long, badly misread words.
        Case is left to the ranking (``casing.py``).
        """
        budget = max_cost if max_cost is not None else min(MAX_COST + 0.2 * len(word), 5.4)
        found: dict[str, Variant] = {}
        done: set[tuple[int, str]] = set()
        end = len(word)
        # Cheapest first, so each (position, spelling so far) is expanded once, at its lowest cost.
        queue: list[tuple[float, int, str, int, tuple[tuple[str, str], ...]]] = [(0.0, 0, "", 0, ())]

        def push(state: tuple[int, str, float, int, tuple[tuple[str, str], ...]]) -> None:
            if (state[0], state[1]) not in done:
                heapq.heappush(queue, (state[2], state[0], state[1], state[3], state[4]))

        while queue:
            cost, at, built, edits, confusions = heapq.heappop(queue)
            if (at, built) in done:
                continue
            done.add((at, built))
            if at == end:
                _keep(found, Variant(built, cost, confusions))
            else:
                grown = built + word[at].lower()
                if is_prefix(grown):
                    push((at + 1, grown, cost, edits, confusions))
                for length in range(1, self._longest + 1):
                    read = word[at : at + length]
                    if len(read) < length:
                        break
                    for printed, step in self._by_read.get(read, ()):
                        grown = built + printed.lower()
                        if cost + step <= budget and (not printed or is_prefix(grown)):
                            push((at + length, grown, cost + step, edits, confusions + ((read, printed),)))
            if edits >= max_edits or cost + EDIT_COST > budget:
                continue
            cost += EDIT_COST
            if at < end:
                push((at + 1, built, cost, edits + 1, confusions))  # a stray mark read as a letter
                if at + 1 < end:
                    swapped = built + word[at + 1].lower() + word[at].lower()
                    if is_prefix(swapped):
                        push((at + 2, swapped, cost, edits + 1, confusions))
            for letter in _ALPHABET:
                grown = built + letter
                if is_prefix(grown):
                    if at < end:
                        push((at + 1, grown, cost, edits + 1, confusions))
                    push((at, grown, cost, edits + 1, confusions))
        return found


def _keep(found: dict[str, Variant], variant: Variant) -> None:
    known = found.get(variant.spelling)
    if known is None or variant.cost < known.cost:
        found[variant.spelling] = variant


def count_confusions(pairs: Iterable[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """How often each (read, printed) substring pair occurs in (OCR word, corrected word) pairs."""
    counts: Counter[tuple[str, str]] = Counter()
    for read, printed in pairs:
        for op in Levenshtein.opcodes(read, printed):
            if op.tag != "equal":
                counts[(read[op.src_start : op.src_end], printed[op.dest_start : op.dest_end])] += 1
    return counts
