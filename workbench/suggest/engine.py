"""The suggestion engine: flag the doubtful words of a text and rank their fixes.

One engine serves one ``SuggestContext`` (a snapshot of the project's lexicons and what was
learned); it remembers each word's candidates, so asking again after an edit costs little.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence


from workbench.records import NO_EVIDENCE, Candidate, Suggestion, SuggestionKind, WordEvidence
from workbench.suggest.candidates import (
    MAX_CANDIDATES, ONE_LETTER_WORDS, Ranked, best_first, rank, second_look, second_readings, shares, support,
    whole_look,
)
from workbench.suggest.casing import sentence_opening, styled_like
from workbench.suggest.context import SuggestContext
from workbench.suggest.detection import WEIGHTS, Signals, signals
from workbench.suggest.hyphenation import line_end_breaks
from workbench.suggest.shapes import is_number
from workbench.suggest.structure import markup_edges, structure
from workbench.text.tokens import token_spans

CANDIDATE_SIGNALS = ("better_candidate", "near_frequent", "neighbours", "second_reading")
UNKNOWN_SUPPORT = -1.5
"""What the language says for a word no lexicon holds, in the units of candidate scores."""
NEIGHBOUR_WEIGHT = 1.0
"""How much fitting the neighbours counts beside frequency and the error model in a candidate's score."""
NEIGHBOUR_REASON = 1.0
"""A candidate that fits its neighbours this much better than the word says so in its reasons."""
SPLIT_WORD_ZIPF = 3.0
SPLIT_PART_ZIPF = 3.0
"""Two tokens on a line make one word when together they are a common word and one of them alone
is not."""
SPLIT_LETTER_WORD_ZIPF = 4.0
""""a" and "I" are words alone: beside a misread word ("thet a") they make a rare word ("theta")
by chance, so they join only into a word as common as "among"."""
COMMON_ZIPF = 3.0
"""A word this common is a real word: a fix learned for it elsewhere must fit here too."""
SHORT_WORD = 3
EVERYDAY_ZIPF = 4.5
"""Words this short are ranked even when they are words, unless they are everyday words ("the",
"not"): a misread "in" or "to" is often a word ("ir", "te"), and few spellings are near them."""
PEN_SPLIT_PART_ZIPF = 2.5
PEN_SPLIT_AT_LEAST = 8
"""Two pieces on a line are tried as one misread word ("iis cussion") when one of them is this rare
and together they are this long: short ones make a word by chance ("ond to" is no "onto")."""
SPLIT_REASON = "one word split in two"
PEN_SPLIT_REASON = "one word split in two, and misread"
PEN_SPLIT_COST = 2.8
"""The misreading two such pieces may hide: one letter (``EDIT_COST``), or a known confusion or two."""
SENTENCE_BREAKS = frozenset(".,;:!?()[]{}\"“”«»—")


class SuggestionEngine:
    def __init__(self, context: SuggestContext, weights: dict[str, float] = WEIGHTS,
                 *, previous: SuggestionEngine | None = None) -> None:
        """``previous``: the engine this one replaces. If only the project's word counts changed
        (a save), its remembered candidates are kept: they may be a save behind in how often the
        project uses a word, which changes little, while ranking every word again after each save
        would make the window wait."""
        self.context = context
        self.weights = weights
        self._ranked: dict[tuple[str, bool], list[Ranked]] = {}
        self._wholes: dict[str, str | None] = {}
        """Two pieces run together → the word they were misread from (``_mended_whole``)."""
        if previous is not None and _same_learning(previous.context, context):
            self._ranked, self._wholes = previous._ranked, previous._wholes

    def suggest(self, text: str, evidence: Sequence[WordEvidence | None] | None = None,
                *, within: tuple[int, int] | None = None) -> list[Suggestion]:
        """Suggestions for ``text``.

        Args:
            evidence: Per token of ``text`` (``token_spans``), what the OCR said of it, or None for
                a token the archivist typed, which is not judged. Leave out for text without OCR data.
            within: Judge only the tokens inside these offsets: while the archivist types, only
                the lines being edited are looked at again.
        """
        spans = token_spans(text)
        parts = [markup_edges(text[start:end]) for start, end in spans]
        joined, mended = line_end_breaks(text, spans, parts, self.context, self.candidates)
        split = _split_in_two(text, spans, parts, self.context, self._whole)
        found: list[Suggestion] = []
        for index, (start, end) in enumerate(spans):
            said = NO_EVIDENCE if evidence is None else evidence[index]
            if said is None or (index in joined and index not in mended):
                continue
            if found and found[-1].end >= end:
                continue  # the second half of a word split in two, judged with the first
            if within is not None and (end <= within[0] or start >= within[1]):
                continue
            if index in mended:
                found.append(mended[index])
                continue
            if index in split and (evidence is None or evidence[index + 1] is not None):
                found.append(_rejoined(text, start, spans[index + 1][1], parts, index, split[index]))
                continue
            head, word, tail = parts[index]
            if not word or word.lower() in self.context.accepted_lower or structure(text[start:end]):
                continue
            left, right = neighbours(parts, index)
            suggestion = self.judge(start, end, text[start:end], said, left=left, right=right,
                                    opens_sentence=begins_sentence(parts, index))
            if suggestion is not None:
                found.append(suggestion)
        return found

    def asked(self, text: str, offset: int, evidence: Sequence[WordEvidence | None] | None = None
              ) -> Suggestion | None:
        """The suggestion for the word at ``offset`` (in it or at either end), flagged or not: the
        archivist asked for candidates there, so a real word read in the wrong place ("end" for
        "and"), which is too often right to flag, still gets its fixes. None where there is no word.
        ``evidence`` as for ``suggest``, but a word the archivist typed may be asked about."""
        spans = token_spans(text)
        index = next((i for i, (start, end) in enumerate(spans) if start <= offset <= end), None)
        if index is None:
            return None
        start, end = spans[index]
        said = None if evidence is None else [token or NO_EVIDENCE for token in evidence]
        flagged = self.suggest(text, said, within=(start, end))
        if flagged:
            return flagged[0]
        parts = [markup_edges(text[s:e]) for s, e in spans]
        head, word, tail = parts[index]
        if not word:
            return None
        left, right = neighbours(parts, index)
        found, ranked = self.signals(word, NO_EVIDENCE if said is None else said[index], left=left, right=right,
                                     always_rank=True, thorough=True)
        made = self._make(start, end, text[start:end], head, tail, found, ranked, begins_sentence(parts, index))
        return dataclasses.replace(made, kind=SuggestionKind.ASKED)

    def judge(self, start: int, end: int, token: str, evidence: WordEvidence = NO_EVIDENCE, *,
              left: str | None = None, right: str | None = None, opens_sentence: bool = False
              ) -> Suggestion | None:
        """A suggestion for one token, or None if it looks right; ``left`` and ``right`` are its
        neighbouring words (``neighbours``); ``opens_sentence`` whether a sentence begins with it."""
        head, word, tail = markup_edges(token)
        found, ranked = self.signals(word, evidence, left=left, right=right)
        if found.score(self.weights) <= 0:
            return None
        return self._make(start, end, token, head, tail, found, ranked, opens_sentence)

    def signals(self, word: str, evidence: WordEvidence = NO_EVIDENCE, *, left: str | None = None,
                right: str | None = None, always_rank: bool = False, thorough: bool = False
                ) -> tuple[Signals, list[Ranked]]:
        """The detection signals of ``word`` and its ranked candidates (ranked only when they could
        tip the decision, unless ``always_rank``: the weights are fitted on every word's signals).
        ``evidence``: what the OCR said of this occurrence of the word. ``thorough``:
        search any one-letter edit even where a misreading is unlikely (the archivist asked)."""
        context = self.context
        confidence, readings, look = evidence.confidence, evidence.readings, whole_look(word, evidence.look)
        first = signals(word, confidence, context, None, 0.0, look=look, mid_sentence=left is not None)
        headroom = sum(max(0.0, self.weights[name]) for name in CANDIDATE_SIGNALS)
        short_and_unusual = len(word) <= SHORT_WORD and context.zipf(word) < EVERYDAY_ZIPF
        worth_ranking = bool(first.values.keys() & {"unknown", "rare", "shape", "learned", "stray_end"}) or (
            first.values.get("confidence", -1.0) > 0 or bool(readings) or bool(look) or short_and_unusual
        )
        if not always_rank and (first.score(self.weights) + headroom <= 0 or not worth_ranking):
            return first, []
        own = support(word, context)
        # The slower search (any one-letter edit) only where a misreading is likely.
        thorough = thorough or own is None or first.values.get("confidence", 0.0) > 0 or bool(
            first.values.keys() & {"shape", "rare"}
        )
        own_fit = context.pairs.fit(left, word.lower(), right)
        found = (self.candidates(word, thorough=thorough)
                 + _whole_numbers(word, second_readings(word, readings, context) + second_look(word, look, context)))
        ranked = self._in_place(word, _merged(found), own_fit, left, right)
        best = (ranked[0].spelling, ranked[0].raw) if ranked else None
        own_support = (UNKNOWN_SUPPORT if own is None else own[0]) + NEIGHBOUR_WEIGHT * own_fit
        fit_gain = (ranked[0].fit - own_fit) if ranked else 0.0
        learned = context.learned.best(word)
        trust_learned = learned is None or context.zipf(word) < COMMON_ZIPF or (
            context.pairs.fit(left, learned[0].lower(), right) >= own_fit)
        return signals(word, confidence, context, best, own_support, fit_gain, trust_learned=trust_learned,
                       second_reading=bool(ranked) and ranked[0].second_reading, look=look,
                       mid_sentence=left is not None), ranked

    def _in_place(self, word: str, ranked: list[Ranked], own_fit: float, left: str | None, right: str | None
                  ) -> list[Ranked]:
        """The candidates for ``word`` re-ranked by how well each fits between the neighbours, best first."""
        if left is None and right is None:
            return best_first(ranked, word)[:MAX_CANDIDATES]
        placed = []
        for candidate in ranked:
            fit = self.context.pairs.fit(left, candidate.spelling.lower(), None if candidate.ends_phrase else right)
            reasons = candidate.reasons
            if fit - own_fit >= NEIGHBOUR_REASON:
                reasons += (f"'{candidate.spelling}' fits {_between(left, right)} better",)
            placed.append(Ranked(candidate.spelling, candidate.raw + NEIGHBOUR_WEIGHT * fit, reasons, fit,
                                 candidate.second_reading, candidate.ends_phrase))
        return best_first(placed, word)[:MAX_CANDIDATES]

    def candidates(self, word: str, *, thorough: bool = True) -> list[Ranked]:
        """Ranked candidates for ``word``, remembered for the life of the engine."""
        key = (word, thorough)
        if key not in self._ranked:
            self._ranked[key] = rank(word, self.context, thorough=thorough) if not is_number(word) else []
        return self._ranked[key]

    def _whole(self, pieces: str) -> str | None:
        """``_mended_whole``, remembered for the life of the engine."""
        if pieces not in self._wholes:
            self._wholes[pieces] = _mended_whole(pieces, self.context)
        return self._wholes[pieces]

    def _make(self, start: int, end: int, token: str, head: str, tail: str, found: Signals,
              ranked: list[Ranked], opens_sentence: bool = False) -> Suggestion:
        word = markup_edges(token)[1]
        offered: dict[str, Candidate] = {}
        for choice, score in zip(ranked, shares(ranked)):
            spelling = sentence_opening(choice.spelling, word) if opens_sentence else choice.spelling
            text = head + spelling + ("." if choice.ends_phrase and not tail else "") + tail
            offered.setdefault(text, Candidate(text, score))  # "this" given a capital may be "This" already
        candidates = tuple(offered.values())
        reasons = list(found.reasons)
        if ranked:
            reasons.extend(reason for reason in ranked[0].reasons if reason not in reasons)
        return Suggestion(start, end, token, _kind(found, ranked), candidates, tuple(reasons))


def _whole_numbers(word: str, readings: list[Ranked]) -> list[Ranked]:
    """Other readings of a number, less the numbers with fewer digits: "1" for "31", "5" for "35" is
    a reading that lost part of what the scan shows ("a" for "4" is another matter)."""
    if not is_number(word):
        return readings
    digits = sum(c.isdigit() for c in word)
    return [r for r in readings if not is_number(r.spelling) or sum(c.isdigit() for c in r.spelling) >= digits]


def _merged(found: list[Ranked]) -> list[Ranked]:
    """One candidate per spelling: the best scored, with the reasons of all that offered it."""
    by_spelling: dict[str, Ranked] = {}
    for candidate in found:
        known = by_spelling.get(candidate.spelling)
        if known is None:
            by_spelling[candidate.spelling] = candidate
            continue
        best, other = (candidate, known) if candidate.raw > known.raw else (known, candidate)
        by_spelling[candidate.spelling] = dataclasses.replace(
            best, reasons=tuple(dict.fromkeys(best.reasons + other.reasons)),
            second_reading=best.second_reading or other.second_reading)
    return list(by_spelling.values())


def neighbours(parts: Sequence[tuple[str, str, str]], index: int) -> tuple[str | None, str | None]:
    """The lower-case words next to token ``index`` (of its ``markup_edges`` parts), where no
    punctuation that breaks a phrase stands between."""
    head, _, tail = parts[index]
    left = right = None
    if index > 0 and not _breaks(head + parts[index - 1][2]) and parts[index - 1][1]:
        left = parts[index - 1][1].lower()
    if index + 1 < len(parts) and not _breaks(tail + parts[index + 1][0]) and parts[index + 1][1]:
        right = parts[index + 1][1].lower()
    return left, right


def begins_sentence(parts: Sequence[tuple[str, str, str]], index: int) -> bool:
    """Whether token ``index`` (of its ``markup_edges`` parts) follows a full stop, question or
    exclamation mark."""
    return index > 0 and parts[index - 1][2].rstrip(_CLOSING).endswith((".", "?", "!"))


_CLOSING = "\"'”’)]»"


def _breaks(punctuation: str) -> bool:
    return any(mark in SENTENCE_BREAKS for mark in punctuation)


def _between(left: str | None, right: str | None) -> str:
    return f"between '{left}' and '{right}'" if left and right else f"after '{left}'" if left else f"before '{right}'"


def _kind(found: Signals, ranked: list[Ranked]) -> SuggestionKind:
    if "learned" in found.values:
        return SuggestionKind.LEARNED
    if "shape" in found.values or (ranked and any("misreading" in r for r in ranked[0].reasons)):
        return SuggestionKind.OCR_CONFUSION
    if found.values.get("confidence", 0.0) > 0 and "unknown" not in found.values:
        return SuggestionKind.LOW_CONFIDENCE
    return SuggestionKind.UNKNOWN_WORD


def _split_in_two(text: str, spans: Sequence[tuple[int, int]], parts: Sequence[tuple[str, str, str]],
                  context: SuggestContext, mend: Callable[[str], str | None]) -> dict[int, tuple[str, str]]:
    """Token index → the word it makes with the next token and why, for one word split in two on a
    line (``informa tion``, ``Bucha rest``), or split where a letter was misread too (``iis cussion``
    for "discussion", which ``mend`` finds). Two common words
    (``in to``, ``some times``) stay apart."""
    split: dict[int, tuple[str, str]] = {}
    for index in range(len(spans) - 1):
        (_, left, tail), (head, right, _) = parts[index], parts[index + 1]
        between = text[spans[index][1] : spans[index + 1][0]]
        if tail or head or "\n" in between or not (left.isalpha() and right.isalpha()) or index - 1 in split:
            continue
        whole = left + right
        letter_word = left.lower() in ONE_LETTER_WORDS or right.lower() in ONE_LETTER_WORDS
        least = SPLIT_LETTER_WORD_ZIPF if letter_word else SPLIT_WORD_ZIPF
        common = context.zipf(whole) >= least or context.project_lower.get(whole.lower(), 0) >= 3
        if common:
            if min(context.zipf(left), context.zipf(right)) < SPLIT_PART_ZIPF:
                split[index] = (context.spelling(whole.lower()) if whole[:1].islower() else whole, SPLIT_REASON)
        elif (len(whole) >= PEN_SPLIT_AT_LEAST and not letter_word
              and min(context.zipf(left), context.zipf(right)) < PEN_SPLIT_PART_ZIPF and not context.known(whole)):
            mended = mend(whole)
            if mended is not None:
                split[index] = (mended, PEN_SPLIT_REASON)
    return split


def _mended_whole(whole: str, context: SuggestContext) -> str | None:
    """The common word two pieces run together misread by one letter, if there is one: searched
    with one edit and little else (two pieces are tried for every rare word on the page)."""
    variants = context.model.variants(whole, context.prefix_test(whole), max_edits=1, max_cost=PEN_SPLIT_COST)
    found = [(context.zipf(spelling), spelling) for spelling in variants
             if spelling != whole.lower() and context.zipf(spelling) >= SPLIT_WORD_ZIPF]
    if not found:
        return None
    spelling = max(found)[1]
    return styled_like(context.spelling(spelling), whole)


def _rejoined(text: str, start: int, end: int, parts: Sequence[tuple[str, str, str]], index: int,
              whole: tuple[str, str]) -> Suggestion:
    spelling, reason = whole
    candidate = parts[index][0] + spelling + parts[index + 1][2]
    return Suggestion(start, end, text[start:end], SuggestionKind.OCR_CONFUSION, (Candidate(candidate, 1.0),),
                      (reason,))


def _same_learning(old: SuggestContext, new: SuggestContext) -> bool:
    return (old.accepted == new.accepted and old.corrected == new.corrected and old.learned == new.learned
            and old.model.costs == new.model.costs and old.habits == new.habits)
