from __future__ import annotations

from workbench.suggest.vocabulary import count_words, lexicon_form


def test_words_are_counted_without_their_edge_punctuation() -> None:
    counts = count_words(['The "Iron Guard" movement.', "the movement's strength ---"])
    assert counts == {
        "The": 1, "Iron": 1, "Guard": 1, "movement": 1, "the": 1, "movement's": 1, "strength": 1
    }


def test_a_lexicon_holds_a_word_without_its_edge_punctuation() -> None:
    assert lexicon_form('"Goga,') == "Goga"
    assert lexicon_form("---") == "---"


def test_a_fix_of_two_words_keeps_both() -> None:
    assert lexicon_form('"to change,"') == "to change"
