"""The OCR error model: confusions, their costs, and re-estimating them from corrections."""

from __future__ import annotations

from workbench.suggest.error_model import EDIT_COST, ErrorModel, count_confusions
from workbench.suggest.learning import corrected_pairs, fixes_table

WORDS = {"modern", "fact", "which", "door", "officials", "hand"}
PREFIXES = {word[:end] for word in WORDS for end in range(1, len(word) + 1)}


def reach(word: str, model: ErrorModel | None = None) -> dict[str, float]:
    variants = (model or ErrorModel()).variants(word, PREFIXES.__contains__)
    return {spelling: variant.cost for spelling, variant in variants.items() if spelling in WORDS}


def test_known_confusions_cost_less_than_any_other_edit() -> None:
    assert reach("rnodern")["modern"] < EDIT_COST
    assert reach("faot")["fact"] < EDIT_COST
    assert reach("cloor")["door"] < EDIT_COST


def test_two_confusions_and_one_other_edit_are_in_reach() -> None:
    assert "officials" in reach("offioiais")
    assert reach("hnad")["hand"] == EDIT_COST


def test_corrections_make_their_confusion_cheaper() -> None:
    pairs = corrected_pairs("the faot whioh offioials", "the fact which officials")
    assert pairs == [("faot", "fact"), ("whioh", "which"), ("offioials", "officials")]
    confusions = count_confusions(pairs)
    assert confusions[("o", "c")] == 3
    learned = ErrorModel.learned(confusions)
    assert reach("faot", learned)["fact"] < reach("faot")["fact"]


def test_fixes_are_counted_per_wrong_form() -> None:
    table = fixes_table([("faot", "fact", 2), ("faot", "fast", 1)])
    assert table["faot"].most_common(1) == [("fact", 2)]


def test_a_confusion_outside_the_table_is_learned_only_when_it_recurs() -> None:
    assert ("x", "d") not in ErrorModel.learned(count_confusions([("hanx", "hand")])).costs
    twice = ErrorModel.learned(count_confusions([("hanx", "hand"), ("xoor", "door")]))
    assert twice.costs[("x", "d")] < EDIT_COST


def test_a_learned_stray_letter_stays_dearer_than_a_misread_one() -> None:
    pairs = [("hands", "hand")] * 20 + [("faet", "fact")] * 20
    learned = ErrorModel.learned(count_confusions(pairs))
    assert learned.costs[("s", "")] >= 1.6 > learned.costs[("e", "c")]


def test_a_capital_put_in_or_taken_out_is_not_learned_as_a_misreading() -> None:
    pairs = corrected_pairs("With the political aS", "with the Political as")
    assert pairs == [("aS", "as")]
