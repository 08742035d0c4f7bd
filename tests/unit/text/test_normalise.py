from __future__ import annotations

from pathlib import Path

import pytest

from workbench.text.normalise import normalise_for_scoring

EHRI = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "ehri"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u2018Yes,\u2019 he said", "'Yes,' he said"),
        ("\u201cquoted\u201d and \u201elow\u201d", '"quoted" and "low"'),
        ("1938\u20131939 \u2014 then", "1938-1939 - then"),
        ("uncer\u00ac tain", "uncer- tain"),
        ("\ufb01nal \ufb02ight", "final flight"),
    ],
)
def test_typography_is_made_plain(text: str, expected: str) -> None:
    assert normalise_for_scoring(text) == expected


def test_whitespace_runs_become_one_space_and_ends_are_stripped() -> None:
    assert normalise_for_scoring("\n  first\tline\r\n\nsecond\u00a0 line  \n") == "first line second line"


def test_decomposed_accents_are_composed() -> None:
    assert normalise_for_scoring("Bucure\u0219ti cafe\u0301") == "Bucure\u0219ti caf\u00e9"


def test_empty_and_blank_text_normalise_to_empty() -> None:
    assert normalise_for_scoring("") == ""
    assert normalise_for_scoring(" \n\t ") == ""


@pytest.mark.skipif(not EHRI.is_dir(), reason="evaluation data not present")
def test_normalising_real_pages_twice_changes_nothing() -> None:
    for page in sorted(EHRI.glob("*.txt")):
        once = normalise_for_scoring(page.read_text(encoding="utf-8"))
        assert normalise_for_scoring(once) == once, page.name
