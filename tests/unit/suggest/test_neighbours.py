"""How well a word fits between its neighbours, on the English word pairs symspellpy ships."""

from __future__ import annotations

from pathlib import Path

from workbench.suggest.neighbours import english_pairs


def test_a_common_pair_fits_better_than_a_misreading_of_it() -> None:
    pairs = english_pairs()
    assert pairs.fit("more", "than", None) > pairs.fit("more", "then", None) + 1.0
    assert pairs.fit(None, "and", "the") > pairs.fit(None, "end", "the")
    assert pairs.fit(None, "most", "of") > pairs.fit(None, "lost", "of")


def test_a_pair_the_list_leaves_out_never_fits_better_than_chance() -> None:
    pairs = english_pairs()
    assert pairs.fit("the", "the", None) < 0
    assert pairs.fit("zyxwv", "the", None) == 0.0  # a word the lists do not hold says nothing
    assert pairs.fit(None, "the", None) == 0.0


def test_the_counts_are_read_once_then_from_the_disk_cache(tmp_path: Path) -> None:
    built = english_pairs(tmp_path)
    assert list(tmp_path.glob("pairs-en-*.pickle"))
    english_pairs.cache_clear()
    cached = english_pairs(tmp_path)
    assert cached.fit("more", "than", None) == built.fit("more", "than", None)
