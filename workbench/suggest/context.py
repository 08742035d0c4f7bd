"""Everything the engine knows besides the text: lexicons, the project's words, what was learned."""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from workbench.suggest.error_model import ErrorModel
from workbench.suggest.habits import Habits, word_and_letter
from workbench.suggest.neighbours import NO_PAIRS, WordPairs
from workbench.suggest.shapes import is_number
from workbench.text.tokens import split_edges


@dataclass(frozen=True)
class LearnedFixes:
    """What the archivist did before: wrong forms and their fixes, with how often each was chosen."""

    fixes: Mapping[str, Counter[str]] = field(default_factory=dict)
    """Each OCR form (exact spelling) → the spellings it was corrected to, with counts."""
    kept: Mapping[str, int] = field(default_factory=dict)
    """Each OCR form → how often corrected pages left it as it was."""

    def best(self, wrong: str) -> tuple[str, int] | None:
        """The fix the archivist chose most for ``wrong``, if they corrected it more often than not."""
        counts = self.fixes.get(wrong)
        if not counts:
            return None
        fixed, count = counts.most_common(1)[0]
        if count <= self.kept.get(wrong, 0):
            return None
        return fixed, count


@dataclass(frozen=True)
class SuggestContext:
    """A snapshot of what suggestions are judged against; build a new one when the project changes."""

    general: Mapping[str, float]
    """Lower-case word → Zipf frequency in general English (``general_lexicon``)."""
    project_counts: Mapping[str, int] = field(default_factory=dict)
    """Word (as spelled) → occurrences in the current texts of the project's pages."""
    accepted: frozenset[str] = frozenset()
    """Words the archivist said are right (the project lexicon): never flagged."""
    corrected: Mapping[str, int] = field(default_factory=dict)
    """Lower-case word → occurrences on pages the archivist marked corrected or verified."""
    learned: LearnedFixes = field(default_factory=LearnedFixes)
    model: ErrorModel = field(default_factory=ErrorModel)
    """The error model, with the confusions of ``habits`` in it."""
    habits: Habits = field(default_factory=Habits)
    """What the project's pages keep misreading (``habits.find_habits``)."""

    def __post_init__(self) -> None:
        lower: Counter[str] = Counter()
        commonest: dict[str, tuple[int, str]] = {}
        for word, count in self.project_counts.items():
            key = word.lower()
            lower[key] += count
            if count > commonest.get(key, (0, ""))[0]:
                commonest[key] = (count, word)
        object.__setattr__(self, "project_lower", lower)
        object.__setattr__(self, "_spelling", {key: word for key, (_, word) in commonest.items()})
        own = {key for key, count in lower.items() if count >= 2} | set(self.corrected)
        own |= {word.lower() for word in self.accepted}
        object.__setattr__(self, "_own_prefixes", {word[:end] for word in own for end in range(1, len(word) + 1)})
        object.__setattr__(self, "accepted_lower", frozenset(word.lower() for word in self.accepted))
        object.__setattr__(self, "_misread_names", {})

    def with_habits(self, habits: Habits, corrected: Mapping[tuple[str, str], int] | None = None) -> SuggestContext:
        """This snapshot with ``habits`` (a project's, or one document's), and an error model that
        knows them and the confusions the archivist corrected (``ErrorModel.learned``). The
        project's words are shared, not counted again."""
        document = copy.copy(self)
        object.__setattr__(document, "habits", habits)
        object.__setattr__(document, "model", ErrorModel.learned(corrected or {}, habits.confusions))
        object.__setattr__(document, "_misread_names", {})
        return document

    def misread_name(self, word: str) -> bool:
        """A capitalised form the project repeats but no lexicon holds, one known misreading from a
        general word the project uses at least as often (Ausohwitz, 7 times, beside Auschwitz, 14):
        a typewriter's habit, not a name. Asked often, so remembered."""
        found = self._misread_names.get(word)
        if found is None:
            key = word.lower()
            own = self.project_lower.get(key, 0)
            found = word[:1].isupper() and key not in self.general and any(
                spelling != key and variant.cost <= MISREAD_NAME_COST
                and self.general.get(spelling, 0.0) >= MISREAD_NAME_ZIPF and self.project_lower.get(spelling, 0) >= own
                for spelling, variant in self.model.variants(word, self.prefix_test(word), max_edits=0).items()
            )
            self._misread_names[word] = found
        return found

    def stray_end(self, word: str) -> bool:
        """``word`` ends in a letter this project's pages show for a full stop, and is a
        common word or a number before it (Dre for Dr., 4e for 4.), rare itself and not one the
        archivist said or made right."""
        key = word.lower()
        return (word[-1:] in self.habits.stray_ends and key not in self.accepted_lower
                and not self.corrected.get(key) and word_and_letter(word, self.general, rarer_than=STRAY_END_RARER))

    project_lower: Counter[str] = field(init=False, repr=False, compare=False)

    accepted_lower: frozenset[str] = field(init=False, repr=False, compare=False)

    _spelling: dict[str, str] = field(init=False, repr=False, compare=False)
    _misread_names: dict[str, bool] = field(init=False, repr=False, compare=False)
    _own_prefixes: set[str] = field(init=False, repr=False, compare=False)
    prefixes: frozenset[str] = frozenset()
    """Every beginning of a general word (``general_prefixes``), for the candidate search."""
    pairs: WordPairs = NO_PAIRS
    """How words go together in general English (``english_pairs``)."""

    def prefix_test(self, word: str) -> Callable[[str], bool]:
        """A test of whether some word of the lexicons or the project begins with a given (lower-case)
        start, for the candidates of ``word``; numbers count as words when ``word`` has digits."""
        general, own = self.prefixes, self._own_prefixes
        if any(c.isdigit() for c in word):
            return lambda start: start in general or start in own or _numeric(start)
        return lambda start: start in general or start in own

    def spelling(self, key: str) -> str:
        """How a lower-case word is written: as the project mostly writes it if that is capitalised
        (a name; a common word the project nearly always capitalises: Jewish, Jews), otherwise in
        lower case."""
        spelled = self._spelling.get(key, key)
        if not (spelled[:1].isupper() and not any(c.isupper() for c in spelled[1:])):
            return key
        count = self.project_counts.get(spelled, 0)
        usually = count >= CAPITALISED_AT_LEAST and count >= CAPITALISED_SHARE * self.project_lower[key]
        return spelled if usually or self.general.get(key, 0.0) < 3.0 else key

    def zipf(self, word: str) -> float:
        """How common ``word`` is in general English, ignoring case (0 when unknown); a possessive
        (``world’s``) counts as its word."""
        key = general_key(word)
        zipf = self.general.get(key)
        if zipf is None and "'" in key:
            base, _, ending = key.rpartition("'")
            zipf = self.general.get(base) if ending in _ENDINGS else None
        return zipf or 0.0

    def known(self, word: str) -> bool:
        """In the general list, the project lexicon or the words of corrected pages."""
        key = word.lower()
        if key in self.general or key in self.accepted_lower or self.corrected.get(key, 0) > 0:
            return True
        key = general_key(key)
        if "'" in key:  # world's, it's, children's, o'clock
            base, _, ending = key.rpartition("'")
            if ending in _ENDINGS and (base in self.general or base in self.corrected):
                return True
            if key in self.general:
                return True
        parts = [split_edges(part)[1] for part in _PARTS.split(key)]  # "vision,—are", "people.”—extract"
        return len(parts) > 1 and all(part and self._known_part(part) for part in parts)

    def _known_part(self, part: str) -> bool:
        return (self.general.get(part, 0.0) >= 2.0 or part in self.accepted_lower or part in self.corrected
                or is_number(part))


MISREAD_NAME_COST = 1.3
MISREAD_NAME_ZIPF = 1.5
"""A repeated unknown form this close (one known confusion) to a general word at least this common
may be its misreading."""
STRAY_END_RARER = 3.5
"""Where a letter is a stray end, a word with it is doubted if it is rarer than this (Dre, fite):
less rare than what shows the habit (``habits.RARE_ZIPF``)."""
CAPITALISED_AT_LEAST = 3
CAPITALISED_SHARE = 0.8
"""A common word written with a capital this often in the project is written so."""

_ENDINGS = {"s", "ll", "re", "ve", "d", "t", "m", ""}
_PARTS = re.compile(r"[-‐–—]")


def general_key(word: str) -> str:
    """``word`` as the general word list writes it: lower case, with a straight apostrophe where a
    typescript has a curly one ("world’s")."""
    return word.lower().replace("’", "'")


def _numeric(start: str) -> bool:
    return start[:1].isdigit() and all(c.isdigit() or c in ".,/-:" for c in start)
