from __future__ import annotations

from collections.abc import Mapping, Set

from workbench.ocr.engine import OcrWord
from workbench.suggest.low_confidence import MAX_CANDIDATES, suggest_low_confidence
from workbench.suggest.model import Suggestion, SuggestionKind
from workbench.text.alignment import link_words

VOCABULARY = {"past": 4, "last": 1, "paragraphs": 2, "the": 40, "few": 3, "months": 3, "review": 1}


def ocr(*words: tuple[str, float]) -> list[OcrWord]:
    return [OcrWord(text, 100 * n, 0, 90, 40, conf, 1, 1, 1) for n, (text, conf) in enumerate(words)]


def suggest(
    text: str,
    words: list[OcrWord],
    vocabulary: Mapping[str, int] = VOCABULARY,
    *,
    threshold: float = 75.0,
    lexicon: Set[str] = frozenset(),
) -> list[Suggestion]:
    links = link_words(text, words)
    return suggest_low_confidence(text, links, words, vocabulary, threshold=threshold, lexicon=lexicon)


def test_an_unchanged_word_read_with_low_confidence_is_flagged_with_its_reasons() -> None:
    words = ocr(("the", 96.0), ("nast", 55.4), ("few", 91.0))
    [suggestion] = suggest("the nast few", words)
    assert (suggestion.start, suggestion.end, suggestion.text) == (4, 8, "nast")
    assert suggestion.kind is SuggestionKind.LOW_CONFIDENCE
    assert suggestion.candidates[0].text == "past"
    assert suggestion.reasons == ("OCR confidence 55%", "'past' occurs 4 times in this project")


def test_candidates_are_ranked_best_first_and_scored_between_zero_and_one() -> None:
    [suggestion] = suggest("nast", ocr(("nast", 40.0)))
    assert [candidate.text for candidate in suggestion.candidates] == ["past", "last"]
    scores = [candidate.score for candidate in suggestion.candidates]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= score <= 1 for score in scores)


def test_a_word_the_archivist_changed_is_not_flagged_even_if_the_ocr_doubted_it() -> None:
    assert suggest("the past few", ocr(("the", 96.0), ("nast", 55.4), ("few", 91.0))) == []


def test_a_confident_word_is_not_flagged() -> None:
    assert suggest("nast", ocr(("nast", 80.0))) == []
    assert len(suggest("nast", ocr(("nast", 80.0)), threshold=90.0)) == 1


def test_the_span_keeps_the_punctuation_and_candidates_keep_it_too() -> None:
    [suggestion] = suggest("“nast,", ocr(("“nast,", 30.0)))
    assert (suggestion.start, suggestion.end) == (0, 6)
    assert suggestion.candidates[0].text == "“past,"


def test_candidates_take_the_capitalisation_of_the_flagged_word() -> None:
    [title] = suggest("Nast", ocr(("Nast", 30.0)))
    [upper] = suggest("NAST", ocr(("NAST", 30.0)))
    assert title.candidates[0].text == "Past"
    assert upper.candidates[0].text == "PAST"


def test_a_word_with_no_near_word_is_flagged_without_candidates() -> None:
    [suggestion] = suggest("Goga", ocr(("Goga", 20.0)))
    assert suggestion.candidates == ()
    assert suggestion.reasons == ("OCR confidence 20%",)


def test_a_word_in_the_lexicon_is_not_flagged() -> None:
    words = ocr(("Goga,", 20.0), ("nast", 30.0))
    assert [s.text for s in suggest("Goga, nast", words, lexicon={"Goga"})] == ["nast"]


def test_there_are_at_most_five_candidates() -> None:
    many = {f"{letter}ast": 1 for letter in "bcdfghjklmp"}
    [suggestion] = suggest("nast", ocr(("nast", 30.0)), many)
    assert len(suggestion.candidates) == MAX_CANDIDATES
