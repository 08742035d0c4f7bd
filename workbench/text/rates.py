"""Character and word error rates of a hypothesis (OCR or corrected text) against a reference."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from workbench.text.normalise import normalise_for_scoring


@dataclass(frozen=True)
class ErrorRates:
    """Error rates with the counts behind them, so that pages can be pooled by weighting.

    Attributes:
        cer: Character edits divided by the number of reference characters.
        wer: Word edits divided by the number of reference words.
        reference_chars: Characters in the (normalised) reference.
        reference_words: Words in the (normalised) reference.
        char_errors: Levenshtein distance between the two texts, in characters.
        word_errors: Levenshtein distance between the two texts, in whole words.
    """

    cer: float
    wer: float
    reference_chars: int
    reference_words: int
    char_errors: int
    word_errors: int


def error_rates(reference: str, hypothesis: str, *, normalise: bool = True) -> ErrorRates:
    """Compare ``hypothesis`` with ``reference``.

    Args:
        reference: The ground truth.
        hypothesis: The text being scored.
        normalise: Apply :func:`normalise_for_scoring` to both texts first, as the evaluation tool does;
            turn it off to count whitespace and typography as errors too.

    Returns:
        The rates and counts. An empty reference divides by one rather than zero, so every edit counts.
    """
    if normalise:
        reference = normalise_for_scoring(reference)
        hypothesis = normalise_for_scoring(hypothesis)
    reference_words = reference.split()
    char_errors = Levenshtein.distance(reference, hypothesis)
    word_errors = Levenshtein.distance(reference_words, hypothesis.split())
    return ErrorRates(
        cer=char_errors / max(1, len(reference)),
        wer=word_errors / max(1, len(reference_words)),
        reference_chars=len(reference),
        reference_words=len(reference_words),
        char_errors=char_errors,
        word_errors=word_errors,
    )


def char_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """Character edits and reference characters, normalised as ``error_rates`` does.

    What a CER pooled over many pages is summed from, without the word diff that ``error_rates``
    also makes (on a large project that took most of the time).
    """
    if reference == hypothesis:  # an untouched page: most of them, early in a project
        return 0, len(normalise_for_scoring(reference))
    reference, hypothesis = normalise_for_scoring(reference), normalise_for_scoring(hypothesis)
    return Levenshtein.distance(reference, hypothesis), len(reference)
