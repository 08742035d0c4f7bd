"""A first, honest source of suggestions: the words the OCR engine itself was unsure of.

A token is flagged while it is still exactly the OCR word it came from (the archivist has not touched
it) and the engine's confidence in that word is under a threshold. Its candidates are the project's
own words a few edits away, ranked by closeness and by how often the project uses them. DESIGN.md
measured that such signals miss many errors; later sources add lexicons and known OCR confusions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from typing import NamedTuple

from workbench.ocr.engine import OcrWord
from workbench.suggest.model import Candidate, Suggestion, SuggestionKind
from workbench.suggest.vocabulary import SimilarWord, Vocabulary
from workbench.text.alignment import WordLink
from workbench.text.tokens import split_edges

MAX_CANDIDATES = 5
_CLOSENESS_WEIGHT = 0.7
"""How much closeness counts against frequency: a near miss of a rare word beats a common word
further off."""


def suggest_low_confidence(
    text: str,
    links: Sequence[WordLink],
    words: Sequence[OcrWord],
    vocabulary: Mapping[str, int],
    *,
    threshold: float = 75.0,
    lexicon: Set[str] = frozenset(),
) -> list[Suggestion]:
    """Flag the tokens of ``text`` that are unchanged OCR words read with confidence under ``threshold``.

    Args:
        text: The text the suggestions are for; offsets point into it.
        links: ``link_words(text, words)``.
        words: The OCR words of the page.
        vocabulary: Word counts over the project's texts, where candidates come from. Pass the same
            :class:`Vocabulary` again while the counts are unchanged: it remembers its searches.
        threshold: Tesseract word confidence (0..100) under which a word is doubtful.
        lexicon: Words the archivist has accepted; they are never flagged.
    """
    known = vocabulary if isinstance(vocabulary, Vocabulary) else Vocabulary(vocabulary)
    suggestions = []
    for link in links:
        if link.word_index is None:
            continue
        ocr = words[link.word_index]
        token = text[link.start : link.end]
        if token != ocr.text or ocr.confidence >= threshold:
            continue
        head, word, tail = split_edges(token)
        if lexicon_form(token) in lexicon:
            continue
        choices = _choices(word, known) if word else []
        candidates = tuple(Candidate(head + choice.spelling + tail, choice.score) for choice in choices)
        suggestions.append(
            Suggestion(
                link.start, link.end, token, SuggestionKind.LOW_CONFIDENCE, candidates, _reasons(ocr, choices)
            )
        )
    return suggestions


def lexicon_form(token: str) -> str:
    """The form of a token a lexicon holds: its word, or the token itself if it is punctuation only."""
    return split_edges(token)[1] or token


class _Choice(NamedTuple):
    score: float
    """0..1, from closeness and frequency."""
    spelling: str
    """Capitalised like the flagged word."""
    occurrences: int


def _choices(word: str, vocabulary: Vocabulary) -> list[_Choice]:
    """The best replacements for ``word`` from the vocabulary, best first."""
    choices = [
        _Choice(
            _CLOSENESS_WEIGHT * similar.similarity
            + (1 - _CLOSENESS_WEIGHT) * vocabulary.frequency(similar.occurrences),
            _in_case_of(word, similar),
            similar.occurrences,
        )
        for similar in vocabulary.similar(word)
    ]
    return sorted(choices, key=lambda choice: (-choice.score, choice.spelling))[:MAX_CANDIDATES]


def _in_case_of(word: str, similar: SimilarWord) -> str:
    """The candidate capitalised like ``word`` (UPPER or Title); otherwise as the project spells it."""
    if len(word) > 1 and word.isupper():
        return similar.spelling.upper()
    if word[:1].isupper():
        return similar.spelling[:1].upper() + similar.spelling[1:]
    return similar.spelling


def _reasons(ocr: OcrWord, choices: Sequence[_Choice]) -> tuple[str, ...]:
    """Why the word was flagged and why the first candidate leads, in words a person reads."""
    reasons = [f"OCR confidence {ocr.confidence:.0f}%"]
    if choices:
        best = choices[0]
        times = "once" if best.occurrences == 1 else f"{best.occurrences} times"
        reasons.append(f"'{best.spelling}' occurs {times} in this project")
    return tuple(reasons)
