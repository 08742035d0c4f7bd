"""The general word list: English word frequencies from wordfreq, built once and cached on disk.

Building the list from wordfreq's packed data takes a few tenths of a second; the window must not
pay that at every start, so the built table (word → Zipf frequency) is pickled into a cache folder,
keyed by the wordfreq version, and later starts load that file (well under 0.5 s).
"""

from __future__ import annotations

import math
import os
import pickle
import tempfile
from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

_FORMAT = 1


def cache_folder() -> Path:
    """Where built word lists are kept: ``$WORKBENCH_CACHE_DIR`` or the user's cache folder."""
    configured = os.environ.get("WORKBENCH_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "workbench"


def build_zipf_table(language: str = "en") -> dict[str, float]:
    """Every word of wordfreq's large list for ``language`` with its Zipf frequency (log10 per billion)."""
    from wordfreq import get_frequency_dict  # imported late: only a cache miss needs it

    return {
        word: round(math.log10(frequency) + 9.0, 2)
        for word, frequency in get_frequency_dict(language, wordlist="large").items()
    }


@lru_cache(maxsize=4)
def general_lexicon(language: str = "en", folder: Path | None = None) -> Mapping[str, float]:
    """The word list for ``language`` (lower-case words → Zipf frequency, about 0..8), from the disk cache.

    Built on the first call on a machine and cached; a cache that cannot be written is not an error,
    the list is then only kept for this process.
    """
    return disk_cached(f"words-{language}-wordfreq{version('wordfreq')}", folder, lambda: build_zipf_table(language))


@lru_cache(maxsize=4)
def general_prefixes(language: str = "en", folder: Path | None = None) -> frozenset[str]:
    """Every beginning of a plausible word of the list (Zipf at least ``PREFIX_MIN_ZIPF``): the
    candidate search stops following a spelling as soon as no word starts that way."""

    def build() -> frozenset[str]:
        prefixes: set[str] = set()
        for word, zipf in general_lexicon(language, folder).items():
            if zipf >= PREFIX_MIN_ZIPF:
                prefixes.update(word[:end] for end in range(1, len(word) + 1))
        return frozenset(prefixes)

    return disk_cached(f"prefixes-{language}-wordfreq{version('wordfreq')}", folder, build)


PREFIX_MIN_ZIPF = 1.5

_T = TypeVar("_T")


def disk_cached(name: str, folder: Path | None, build: Callable[[], _T]) -> _T:
    """The table pickled as ``name`` in the cache folder, built and stored there on a miss.

    ``name`` must change whenever what ``build`` makes changes (name the source's version in it).
    """
    target = (folder or cache_folder()) / f"{name}-v{_FORMAT}.pickle"
    try:
        with target.open("rb") as stream:
            loaded: _T = pickle.load(stream)
        return loaded
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    table = build()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=target.parent, delete=False) as out:
            pickle.dump(table, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, target)
    except OSError:
        pass
    return table
