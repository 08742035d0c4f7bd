"""Words broken at a line end, on lines as Tesseract read them on the evaluation pages."""

from __future__ import annotations

from tests.unit.suggest.test_new_pages import first, suggest


def test_a_good_hyphenation_is_left_alone_whatever_follows_the_rest() -> None:
    """EHRI-DR-19390125-US_02: the rest of the word runs into a dash on the next line."""
    line = "obstacles, discrimina-\ntions----all these"
    assert suggest(line, [90, 36, 80, 95]) == {}


def test_a_typescripts_other_hyphen_signs_break_a_word_too() -> None:
    """EHRI-ET-YV3549264_02 "wel~" / "fare", _11 "oon~" / "sidered", _10 "dis~" / "- tracted"."""
    assert suggest("taken part in the wel~\nfare work of", [95, 95, 95, 95, 38, 90, 95, 95]) == {}
    found = suggest("Dachau were oon~\nsidered to be", [95, 95, 70, 60, 95, 95])
    assert found.keys() == {"oon~"} and first(found["oon~"]) == "con~"
    assert suggest("whose minds dis~\n- tracted from the", [95, 95, 80, 50, 60, 95, 95]) == {}


def test_a_hyphenated_piece_is_not_flagged_where_the_rest_was_misread() -> None:
    """EHRI-ET-YV3549264_02: "inhabi-" / "torts" ("tants" misread): the two checked as one word
    give "inhabitants", so "torts" is "tants"; "inhabi-" was read right."""
    found = suggest("about 7,000 inhabi-\ntorts mostly Czechs,")
    assert found.keys() == {"torts"} and first(found["torts"]) == "tants"
    assert found["torts"].reasons == ("a piece of 'inhabitants', broken at the line end",)


def test_a_hyphen_read_as_a_letter_is_offered_back() -> None:
    """EHRI-ET-YV3549264_09: "annihie" / "lation" for "annihi-" / "lation"."""
    found = suggest("a few minutes before annihie\nlation wos Spitz,", [95, 95, 95, 95, 60, 51, 40, 90])
    assert first(found["annihie"]) == "annihi-"
    assert found["annihie"].reasons == ("'e' read for the hyphen of a word broken at the line end",)
    assert "lation" not in found
