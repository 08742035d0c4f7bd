"""The general word list is built once, cached on disk, and loaded from the cache afterwards."""

from __future__ import annotations

from pathlib import Path

from workbench.suggest.general_lexicon import general_lexicon, general_prefixes


def test_the_word_list_is_cached_and_reloaded(tmp_path: Path) -> None:
    built = general_lexicon("en", tmp_path)
    assert built["the"] > 7 and "offioials" not in built
    assert list(tmp_path.glob("words-en-*.pickle"))
    general_lexicon.cache_clear()
    assert general_lexicon("en", tmp_path) == built
    prefixes = general_prefixes("en", tmp_path)
    assert {"o", "of", "off", "offic", "officials"} <= prefixes
