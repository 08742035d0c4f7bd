from __future__ import annotations

from workbench.suggest.vocabulary import Vocabulary, count_words


def test_words_are_counted_without_their_edge_punctuation() -> None:
    counts = count_words(['The "Iron Guard" movement.', "the movement's strength ---"])
    assert counts == {
        "The": 1, "Iron": 1, "Guard": 1, "movement": 1, "the": 1, "movement's": 1, "strength": 1
    }


def test_similar_words_ignore_case_and_come_in_their_commonest_spelling() -> None:
    vocabulary = Vocabulary({"Rumania": 5, "RUMANIA": 1, "Romania": 2, "Albania": 4})
    similar = {word.spelling: word for word in vocabulary.similar("rumanla")}
    assert set(similar) == {"Rumania", "Romania"}  # Albania is three edits away: too far for 7 letters
    assert similar["Rumania"].occurrences == 6
    assert similar["Rumania"].similarity == 1 - 1 / 7


def test_a_word_is_not_similar_to_itself_in_any_case() -> None:
    vocabulary = Vocabulary({"past": 3, "Past": 1, "nast": 1})
    assert [word.spelling for word in vocabulary.similar("Nast")] == ["past"]


def test_short_words_allow_fewer_edits() -> None:
    vocabulary = Vocabulary({"of": 10, "for": 5, "from": 3, "former": 1})
    assert [word.spelling for word in vocabulary.similar("af")] == ["of"]
    assert [word.spelling for word in vocabulary.similar("fron")] == ["from"]  # "for" is two edits off
    assert {word.spelling for word in vocabulary.similar("frorn")} == {"from", "for"}
