"""Ranking the spellings an OCR word could have come from.

A candidate's raw score is in log10 units: how common the word is (general English, the project,
corrected pages), minus what the misreading costs under the error model, plus what the archivist's
own earlier fixes add. The scores shown are those turned into shares of 1 among the candidates.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.suggest.casing import styled_like
from workbench.suggest.context import SuggestContext, general_key
from workbench.suggest.error_model import EDIT_COST
from workbench.suggest.habits import stray_end_reason
from workbench.suggest.shapes import is_number
from workbench.text.tokens import split_edges

MAX_CANDIDATES = 5
"""Offered to the archivist."""
MAX_RANKED = 12
"""Kept before the neighbours are asked: they may lift a lower one to the top."""
NUMBER_ZIPF = 3.5
"""A misread number (``19h2``) repaired to digits is as plausible as a common word."""
FREQUENCY_WEIGHT = 0.6
"""How much general frequency counts against the cost of the misreading."""
PROJECT_BONUS_CAP = 3.0
"""The project's own counts lift a word at most this much: enough for its names, not so much that
'the' (600 times on a few pages) beats 'that' for 'thet'."""
CORRECTED_BONUS_CAP = 1.0
"""A word the archivist has on corrected pages is surely a word; how often it occurs there says
little more than its general frequency does."""
LONG_WORD = 7
LONG_WORD_COST = 5.4
"""A long word keeps its shape through two stray edits (``twmediately``): search that far when one
edit finds nothing (the wider search is slow)."""
HYPHENATED_AT_LEAST = 7
HYPHENATED_PART_ZIPF = 3.9
"""Both halves must be common words: a long name splits into two rare ones (Cali-hal) all too often."""
SECOND_READING_COST = 0.8
"""What taking Tesseract's runner-up reading costs, in the error model's units."""
SECOND_LOOK_COST = 0.8
"""What taking the second look's reading of the word costs, in the same units."""
LOOK_PIECE = 0.7
"""A second look's reading with fewer letters than this share of the word's, and two fewer at
least, is a piece of it."""
SECOND_LOOK_REASON = "read as '{}' on a second look at the page"
"""Said of the candidate the second look read, and of the word it doubts: the same words, so the
suggestion lists them once."""
CAPITAL_COST = 1.0
"""What taking a word's capital for a misreading costs: mostly it was typed."""
STRAY_END_COST = 0.5
"""What taking a word's last letter for a misread mark costs, where the project's pages show that
habit (``Habits.stray_ends``)."""
SUFFIX_WORDS = frozenset({"less", "ness", "ful", "fully", "ly", "er", "est", "ment", "ship", "able"})
"""Endings that are words too: a word ending in one is mostly a word made with it ("brotherless",
"bitterer", "ragefully"), not two run together."""
ONE_LETTER_WORDS = ("a", "i")
"""The letters that are words on their own."""
LOST_EDGE_COST = 1.8
LOST_EDGE_ZIPF = 3.0
"""What a letter lost at a word's edge costs, and how common the whole word must be."""
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
MIN_ZIPF = 1.5
"""General words rarer than this are too obscure to offer (they are mostly misreadings themselves)."""


@dataclass(frozen=True)
class Ranked:
    spelling: str
    raw: float
    reasons: tuple[str, ...]
    fit: float = 0.0
    """How well it fits between its neighbours (``neighbours.py``), already counted in ``raw``."""
    second_reading: bool = False
    """One of Tesseract's own other readings of the word."""
    ends_phrase: bool = False
    """It takes the word's last letter for a misread full stop: the word after it is in another
    sentence, and the full stop goes back after it."""


def rank(word: str, context: SuggestContext, *, thorough: bool = True) -> list[Ranked]:
    """The best replacements for ``word`` (a token's word, no edge punctuation), best first.

    ``thorough`` also tries one edit outside the known confusions: worth it for words no lexicon
    holds, too slow to do for every real word Tesseract doubted.
    """
    ranked: dict[str, Ranked] = {}
    learned = context.learned.fixes.get(word)
    if learned:
        kept = context.learned.kept.get(word, 0)
        for fixed, count in learned.items():
            if count <= kept:
                continue  # left as it was more often than changed to this: a reading, not a misreading
            times = "once" if count == 1 else f"{count} times"
            _keep(ranked, Ranked(fixed, 9.0 + math.log2(1 + count),
                                 (f"corrected to '{fixed}' {times} in this project",)))
    found = _spellings(word, context, max_edits=1 if thorough else 0)
    if not found and thorough and len(word) >= LONG_WORD and not context.known(word):
        found = _spellings(word, context, max_edits=2, max_cost=LONG_WORD_COST)
    for candidate in found:
        _keep(ranked, candidate)
    lower = word.lower()
    if lower != word and (context.known(lower) or lower in context.general):
        styled = styled_like(lower, word)
        backing = support(lower, context)
        if backing is not None and styled != word:
            _keep(ranked, Ranked(styled, backing[0] - 0.3, ("letters in the wrong case",) + backing[1]))
        elif backing is not None and word[1:] == lower[1:] and context.spelling(lower) == lower:
            # "Shot" in mid-sentence; not "Mrs" or "Rumanian", which the project writes with a capital
            _keep(ranked, Ranked(lower, backing[0] - CAPITAL_COST, ("a capital where none belongs",) + backing[1]))
    for split in _splits(word, context):
        _keep(ranked, split)
    stray = _stray_end(word, context)
    if stray is not None:
        _keep(ranked, stray)
    for lost in _lost_at_edges(word, context):
        _keep(ranked, lost)
    compound = _compound(word, context, thorough=thorough)
    if compound is not None:
        _keep(ranked, compound)
    return best_first(ranked.values(), word)[:MAX_RANKED]


def _spellings(word: str, context: SuggestContext, *, max_edits: int, max_cost: float | None = None
               ) -> list[Ranked]:
    """The known words the error model reaches from ``word``, scored."""
    found = []
    variants = context.model.variants(word, context.prefix_test(word), max_edits=max_edits, max_cost=max_cost)
    for spelling, variant in variants.items():
        known = _known_word(spelling, word, context)
        if known is None or known[0] == word:
            continue
        styled, (backing, backed_by) = known
        reasons = tuple(f"'{read}' is often a misreading of '{printed}'"
                        for read, printed in variant.confusions if read.lower() != printed.lower())
        found.append(Ranked(styled, backing - variant.cost, reasons + backed_by))
    return found


def second_readings(word: str, readings: Sequence[str], context: SuggestContext) -> list[Ranked]:
    """Tesseract's other readings of this very word (``ocr/alternatives.py``) that are words:
    candidates straight from the image, dearer than nothing but cheaper than a known confusion."""
    return [dataclasses.replace(found, second_reading=True)
            for found in _readings_as_candidates(word, readings, context, SECOND_READING_COST,
                                                 "Tesseract also read it as '{}'")]


def second_look(word: str, look: str, context: SuggestContext) -> list[Ranked]:
    """The word as Tesseract read it on the smaller page (``ocr/second_look.py``), if that is a word."""
    return _readings_as_candidates(word, (look,) if look else (), context, SECOND_LOOK_COST, SECOND_LOOK_REASON)


def whole_look(word: str, look: str) -> str:
    """The second look's reading of ``word`` (edge punctuation off), or "" where it is only a piece
    of the word: where the second look split a word, the bigger half stands as its reading
    (``ocr/second_look.py``), and a half is no reading of the whole ("aning" of "becaning", "sons"
    of "persons")."""
    looked = split_edges(look)[1]
    letters, of_word = _letters(looked), _letters(word)
    return "" if letters < LOOK_PIECE * of_word and letters <= of_word - 2 else looked


def _letters(text: str) -> int:
    return sum(character.isalnum() for character in text)


def _readings_as_candidates(word: str, readings: Sequence[str], context: SuggestContext, cost: float,
                            reason: str) -> list[Ranked]:
    found = []
    for reading in readings:
        spelling = split_edges(reading)[1]
        known = _known_word(spelling, spelling, context) if spelling and spelling != word else None
        if known is None or known[0] == word:
            continue  # no word, or the word itself as the project writes it
        styled, (backing, backed_by) = known
        found.append(Ranked(styled, backing - cost, (reason.format(spelling),) + backed_by))
    return found


def _known_word(spelling: str, like: str, context: SuggestContext
                ) -> tuple[str, tuple[float, tuple[str, ...]]] | None:
    """``spelling`` as the project writes it and cased like ``like``, with its ``support``; None if
    it is no known word."""
    written = context.spelling(spelling.lower())
    backing = support(written, context)
    return None if backing is None else (styled_like(written, like), backing)


def best_first(ranked: Iterable[Ranked], word: str) -> list[Ranked]:
    """Best first; of two equally good, the one that begins in the case ``word`` does (Tesseract
    offering both "again" and "Again" for "ogain" says nothing about the capital)."""
    return sorted(ranked, key=lambda r: (-r.raw, r.spelling[:1].isupper() != word[:1].isupper(), r.spelling))


def shares(ranked: list[Ranked]) -> list[float]:
    """Raw scores as shares of 1 (a softmax in log10 units), best first."""
    if not ranked:
        return []
    top = ranked[0].raw
    weights = [10 ** (r.raw - top) for r in ranked]
    total = sum(weights)
    return [w / total for w in weights]


def support(spelling: str, context: SuggestContext) -> tuple[float, tuple[str, ...]] | None:
    """How much the language supports ``spelling`` (log10 units), or None if it is no known word."""
    key = spelling.lower()
    if key in context.accepted_lower:
        return 4.0, (f"'{spelling}' is in the project lexicon",)
    zipf = context.general.get(general_key(spelling), 0.0)
    corrected = context.corrected.get(key, 0)
    in_project = context.project_lower.get(key, 0)
    if zipf < MIN_ZIPF and not corrected:
        if is_number(spelling):
            return FREQUENCY_WEIGHT * NUMBER_ZIPF, ()
        if in_project < 3 or not spelling[:1].isupper() or context.misread_name(spelling):
            return None
    score = FREQUENCY_WEIGHT * max(zipf, 2.0) + min(PROJECT_BONUS_CAP, 0.4 * math.log2(1 + in_project))
    score += min(CORRECTED_BONUS_CAP, 0.5 * math.log2(1 + corrected))
    reasons: tuple[str, ...] = ()
    if corrected:
        reasons = (f"'{spelling}' occurs on corrected pages",)
    elif in_project >= 2:
        reasons = (f"'{spelling}' occurs {in_project} times in this project",)
    return score, reasons


def _splits(word: str, context: SuggestContext) -> list[Ranked]:
    """Two words run together (``ofthe``), or joined by a mark read for the space between them
    (``living.in``, ``have’been``): splits into two common words."""
    found: list[Ranked] = []
    glued = _GLUED.match(word)
    if glued is not None:
        left, mark, right = glued.groups()
        possessive = mark in ("'", "’") and right.lower() in ("s", "t", "ll", "re", "ve", "d", "m")
        if not possessive and not _stray_letter(left) and not _stray_letter(right):  # not world's, e.g
            split = _two_words(left, " ", right, context, least_zipf=3.0, cost=1.0,
                               reason="a mark read where the space between two words is")
            if split:
                found.append(split)
        return found
    if len(word) < 4 or not word.isalpha():
        return found
    found.extend(_hyphen_misread(word, context))
    for cut in range(1, len(word)):
        left, right = word[:cut], word[cut:]
        if not _stray_letter(left) and not _stray_letter(right) and right.lower() not in SUFFIX_WORDS:
            split = _two_words(left, " ", right, context, least_zipf=4.0, cost=2.0, reason="two words run together")
            if split:
                found.append(split)
    return found


def _two_words(left: str, joiner: str, right: str, context: SuggestContext, *, least_zipf: float, cost: float,
               reason: str) -> Ranked | None:
    """``left`` and ``right`` as two words, if both are at least this common: as likely as the
    rarer of them, less what the misreading costs."""
    common = min(context.zipf(left), context.zipf(right))
    return Ranked(f"{left}{joiner}{right}", FREQUENCY_WEIGHT * common - cost, (reason,)) if common >= least_zipf else None


def _stray_letter(part: str) -> bool:
    """A single letter that is no word on its own (everything but ``a`` and ``I``)."""
    return len(part) == 1 and part.lower() not in ONE_LETTER_WORDS


def _hyphen_misread(word: str, context: SuggestContext) -> list[Ranked]:
    """A hyphen read as a letter (``illetreated``, ``ablewbodied``): two words on either side of it."""
    found = []
    if len(word) >= HYPHENATED_AT_LEAST and not context.known(word):
        for at in range(3, len(word) - 3):
            split = _two_words(word[:at], "-", word[at + 1 :], context, least_zipf=HYPHENATED_PART_ZIPF,
                               cost=EDIT_COST, reason=f"'{word[at]}' is often a misreading of '-'")
            if split:
                found.append(split)
    return found


def _stray_end(word: str, context: SuggestContext) -> Ranked | None:
    """The word without a last letter that this project's pages often show for a full stop
    (``Habits.stray_ends``): ``persone`` → ``person.``."""
    if not context.stray_end(word):
        return None
    known = _known_word(word[:-1], word, context)
    if known is None:
        return None
    styled, (backing, backed_by) = known
    return Ranked(styled, backing - STRAY_END_COST, (stray_end_reason(word[-1]),) + backed_by, ends_phrase=True)


def _lost_at_edges(word: str, context: SuggestContext) -> list[Ranked]:
    """The word with a letter the OCR lost at its start or its end: a faint first letter at the
    margin ("ay" for "way"), a word cut short ("Ther" for "There"). Cheaper than a letter lost
    inside a word, which the error model prices like any other edit."""
    if not word.isalpha() or len(word) < 2:
        return []
    found = []
    lower = word.lower()
    for letter in _ALPHABET:
        for spelling, where in ((letter + lower, "start"), (lower + letter, "end")):
            zipf = context.general.get(spelling, 0.0)
            if zipf >= LOST_EDGE_ZIPF:
                reason = f"a letter lost at the {where} of the word"
                found.append(Ranked(styled_like(context.spelling(spelling), word),
                                    FREQUENCY_WEIGHT * zipf - LOST_EDGE_COST, (reason,)))
    return found


def _compound(word: str, context: SuggestContext, *, thorough: bool) -> Ranked | None:
    """A hyphenated word (``Aid-Comnittee``, ``watch=makers``) mended part by part: each part that
    is no word takes its best candidate; what joins them becomes a hyphen."""
    parts = _JOINER.split(word)
    if len(parts) < 2 or not all(len(part) >= 2 and part.isalpha() for part in parts):
        return None
    mended: list[str] = []
    scores: list[float] = []
    reasons: list[str] = []
    for part in parts:
        backing = support(part, context) if context.known(part) else None
        if backing is not None:
            mended.append(part)
            scores.append(backing[0])
            continue
        best = rank(part, context, thorough=thorough)
        if not best or " " in best[0].spelling:
            return None
        mended.append(best[0].spelling)
        scores.append(best[0].raw)
        reasons.extend(best[0].reasons)
    joined = "-".join(mended)
    if joined == word:
        return None
    return Ranked(joined, min(scores) - (0.0 if "-" in word else 1.0), tuple(dict.fromkeys(reasons)))


_GLUED = re.compile(r"^([^\W\d_]+)([.,;:*'’\"]+)([^\W\d_]+)$")
_JOINER = re.compile(r"[-=«»~_¬]")


def _keep(ranked: dict[str, Ranked], candidate: Ranked) -> None:
    known = ranked.get(candidate.spelling)
    if known is None or candidate.raw > known.raw:
        ranked[candidate.spelling] = candidate
