from __future__ import annotations

import pytest

from workbench.text.tokens import split_edges, token_spans


def test_tokens_are_runs_of_anything_but_whitespace() -> None:
    text = "  to..change\n\nthis\u00a0situation "
    assert [text[start:end] for start, end in token_spans(text)] == ["to..change", "this", "situation"]


@pytest.mark.parametrize(
    ("token", "parts"),
    [
        ("peragrarhs,", ("", "peragrarhs", ",")),
        ('"revivification', ('"', "revivification", "")),
        ("movement's", ("", "movement's", "")),
        ("“forelsners™.", ("“", "forelsners", "™.")),
        ("(bo)", ("(", "bo", ")")),
        ("_Iaşi_", ("_", "Iaşi", "_")),
        ("----", ("", "", "----")),
    ],
)
def test_a_tokens_word_is_the_token_without_its_edge_punctuation(
    token: str, parts: tuple[str, str, str]
) -> None:
    assert split_edges(token) == parts
