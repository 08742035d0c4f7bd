"""Which lines an edit touched: the window looks at only those again while the archivist types."""

from __future__ import annotations

from workbench.ui.page_session import edited_lines


def test_an_edit_inside_a_line_gives_that_whole_line() -> None:
    old = "first line\nthe faot is\nlast line"
    new = "first line\nthe fact is\nlast line"
    start, end = edited_lines(old, new)
    assert new[start:end] == "the fact is"


def test_an_edit_across_a_line_break_gives_the_joined_line() -> None:
    old = "one\ntwo\nthree"
    new = "one\ntwothree"
    assert new[slice(*edited_lines(old, new))] == "twothree"


def test_edits_on_two_lines_give_the_lines_between_too() -> None:
    old = "a b\nc d\ne f\ng h"
    new = "a x\nc d\ne y\ng h"
    assert new[slice(*edited_lines(old, new))] == "a x\nc d\ne y"


def test_a_repeated_letter_typed_at_the_end_of_a_run_stays_on_its_line() -> None:
    old = "aa\nbb"
    new = "aaa\nbb"
    assert new[slice(*edited_lines(old, new))] == "aaa"
