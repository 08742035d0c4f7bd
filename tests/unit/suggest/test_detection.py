"""Each detection signal on words Tesseract really produced on the EHRI pages (see ../shared/eval)."""

from __future__ import annotations

from collections import Counter

import pytest

from workbench.suggest.context import LearnedFixes, SuggestContext
from workbench.suggest.engine import SuggestionEngine
from workbench.suggest.general_lexicon import general_lexicon, general_prefixes
from workbench.suggest.model import SuggestionKind


def engine(**overrides: object) -> SuggestionEngine:
    return SuggestionEngine(SuggestContext(general_lexicon(), prefixes=general_prefixes(), **overrides))  # type: ignore[arg-type]


def judged(text: str, confidences: list[float | None] | None = None, **overrides: object) -> dict[str, list[str]]:
    """Flagged token → its reasons."""
    return {s.text: list(s.reasons) for s in engine(**overrides).suggest(text, confidences)}


def test_a_word_in_no_lexicon_is_flagged() -> None:
    assert judged("the offioials met")["offioials"][0] == "not in any lexicon"


def test_common_words_and_numbers_are_not_flagged() -> None:
    assert judged("On 12 January 1939 the Legation in Bucharest reported 25,000 refugees.") == {}


def test_mixed_case_inside_a_word_is_flagged_though_it_is_a_word() -> None:
    assert "mixed case inside a word" in judged("such aS these")["aS"]
    assert judged("the anti-Semitic laws, well-known") == {}


def test_digits_among_letters_are_flagged() -> None:
    assert "digits among letters" in judged("in November 19h2 the")["19h2"]


def test_low_confidence_flags_a_rare_word_and_says_so() -> None:
    text = "the ard of it"
    assert judged(text, [96, 96, 96, 96]) == {}
    assert "OCR confidence 20%" in judged(text, [96, 20, 96, 96])["ard"]


def test_a_word_broken_at_a_line_end_is_judged_whole() -> None:
    assert judged("against discrimina-\ntion laws") == {}
    assert "discrimina-" in judged("against discrimina- tion laws")


def test_a_rare_form_of_a_word_common_in_the_document_is_flagged() -> None:
    counts = Counter({"Westerbork": 12, "Westerberk": 1})
    found = judged("sent to Westerberk", [96, 96, 92], project_counts=counts)
    assert "'Westerbork' is common in this project" in found["Westerberk"]


def test_names_the_general_list_knows_are_not_flagged() -> None:
    assert judged("Dr. Baeck went to Theresienstadt", [96, 96, 96, 96, 96]) == {}


def test_a_word_the_archivist_accepted_is_never_flagged() -> None:
    assert "HICEM" in judged("the HICEM office")
    assert judged("the HICEM office", accepted=frozenset({"HICEM"})) == {}


def test_a_misreading_the_archivist_corrected_is_flagged_with_that_fix() -> None:
    learned = LearnedFixes({"Matarescu": Counter({"Tatarescu": 2})})
    (suggestion,) = engine(learned=learned).suggest("Minister Matarescu said", [96, 96, 96])
    assert suggestion.kind == SuggestionKind.LEARNED
    assert suggestion.candidates[0].text == "Tatarescu"
    assert "corrected to 'Tatarescu' 2 times in this project" in suggestion.reasons


@pytest.mark.parametrize(("misread", "fix"), [("faot", "fact"), ("whioh", "which"), ("Sngland", "England"),
                                              ("Sulearia", "Bulgaria"), ("vrivileges", "privileges"),
                                              ("oosupied", "occupied"), ("19h2", "1942"), ("aS", "as")])
def test_known_ocr_confusions_give_the_printed_word_first(misread: str, fix: str) -> None:
    (suggestion,) = engine().suggest(f"the {misread} was")
    assert suggestion.candidates[0].text == fix


def test_edge_punctuation_stays_with_the_candidate() -> None:
    (suggestion,) = engine().suggest('he said "offioials,"')
    assert suggestion.text == '"offioials,"' and suggestion.candidates[0].text == '"officials,"'
