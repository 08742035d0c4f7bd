from __future__ import annotations

import unicodedata

from workbench.text.phrases import find_phrase, lines_around, phrase_words


def found(text: str, query: str) -> list[str]:
    return [text[start:end] for start, end in find_phrase(text, phrase_words(query))]


def test_a_query_keeps_only_its_words_folded_to_lower_case_without_accents() -> None:
    assert phrase_words('"Iron Guard" OR NEAR(Iaşi*)') == ["iron", "guard", "or", "near", "iasi"]
    assert phrase_words("don't") == ["don", "t"]
    assert phrase_words(' "*: ') == []


def test_a_phrase_is_found_whatever_the_case_and_the_punctuation_between_its_words() -> None:
    text = "the IRON GUARD, the Iron\nGuard and the iron-guard"
    assert found(text, "iron guard") == ["IRON GUARD", "Iron\nGuard", "iron-guard"]


def test_a_phrase_is_not_found_inside_longer_words() -> None:
    assert found("ironic guardians; iron guard", "iron guard") == ["iron guard"]


def test_accents_do_not_count_and_offsets_point_into_the_original_text() -> None:
    decomposed = unicodedata.normalize("NFD", "Iaşi")
    text = f"from Iaşi and {decomposed}, via İstanbul to Iasi"
    assert found(text, "iasi") == ["Iaşi", decomposed, "Iasi"]
    assert found(text, "Istanbul") == ["İstanbul"]


def test_a_curly_apostrophe_matches_a_straight_one() -> None:
    assert found("I don’t know; don't", "don't") == ["don’t", "don't"]


def test_the_context_of_a_hit_is_its_whole_line() -> None:
    text = "first line\nthe Iron Guard movement\nlast"
    assert lines_around(text, 15, 25) == "the Iron Guard movement"
    assert lines_around(text, 6, 14) == "first line\nthe Iron Guard movement"
    assert lines_around("one line", 0, 3) == "one line"
