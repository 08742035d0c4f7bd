from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from workbench.text.diff import DiffOp, diff_chars, diff_words, render_inline

EHRI = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "ehri"
needs_eval_data = pytest.mark.skipif(not EHRI.is_dir(), reason="evaluation data not present")

Differ = Callable[[str, str], list[DiffOp]]


def real_pairs() -> Iterator[tuple[str, str]]:
    """Ground-truth/OCR line pairs and whole pages, both ways round, so inserts and deletes both occur."""
    for table in sorted(EHRI.glob("*.linepairs.tsv")):
        for line in table.read_text(encoding="utf-8").splitlines()[1:]:
            gt, ocr = line.split("\t")
            yield gt, ocr
            yield ocr, gt
    for gt_page in sorted(EHRI.glob("*.gt.txt")):
        ocr_page = gt_page.with_name(gt_page.name.replace(".gt.txt", ".tess.txt"))
        yield gt_page.read_text(encoding="utf-8"), ocr_page.read_text(encoding="utf-8")


def apply_changes(old: str, ops: list[DiffOp]) -> str:
    """Apply the non-equal ops to ``old`` by their offsets, last first so earlier offsets stay valid."""
    text = old
    for op in reversed(ops):
        if op.tag != "equal":
            text = text[: op.old_start] + op.new + text[op.old_end :]
    return text


def assert_tiles(old: str, new: str, ops: list[DiffOp]) -> None:
    """The ops cover both texts in order, without gaps, and alternate between equal and changed."""
    assert "".join(op.old for op in ops) == old
    assert "".join(op.new for op in ops) == new
    old_at = new_at = 0
    for op in ops:
        assert (op.old_start, op.new_start) == (old_at, new_at)
        assert (op.old, op.new) == (old[op.old_start : op.old_end], new[op.new_start : op.new_end])
        old_at, new_at = op.old_end, op.new_end
    assert (old_at, new_at) == (len(old), len(new))
    for before, after in zip(ops, ops[1:]):
        assert (before.tag == "equal") != (after.tag == "equal")


def test_word_diff_finds_two_misread_words_with_their_offsets() -> None:
    ops = diff_words("faot of the offioials", "fact of the officials")
    changes = [op for op in ops if op.tag != "equal"]
    assert changes == [
        DiffOp("replace", 0, 4, 0, 4, "faot", "fact"),
        DiffOp("replace", 12, 21, 12, 21, "offioials", "officials"),
    ]
    assert ops[1] == DiffOp("equal", 4, 12, 4, 12, " of the ", " of the ")


def test_word_diff_inserts_a_word_with_the_space_after_it() -> None:
    assert diff_words("the cat", "the big cat") == [
        DiffOp("equal", 0, 4, 0, 4, "the ", "the "),
        DiffOp("insert", 4, 4, 4, 8, "", "big "),
        DiffOp("equal", 4, 7, 8, 11, "cat", "cat"),
    ]


def test_word_diff_deletes_a_word_with_the_space_after_it() -> None:
    assert diff_words("the big cat", "the cat") == [
        DiffOp("equal", 0, 4, 0, 4, "the ", "the "),
        DiffOp("delete", 4, 8, 4, 4, "big ", ""),
        DiffOp("equal", 8, 11, 4, 7, "cat", "cat"),
    ]


def test_word_diff_inserts_a_last_word_with_the_space_before_it() -> None:
    assert diff_words("the", "the big") == [
        DiffOp("equal", 0, 3, 0, 3, "the", "the"),
        DiffOp("insert", 3, 3, 3, 7, "", " big"),
    ]


def test_word_diff_ignores_whitespace_only_changes() -> None:
    assert diff_words("a  b\nc ", " a b c") == [DiffOp("equal", 0, 7, 0, 6, "a  b\nc ", " a b c")]
    assert diff_words("  ", "") == [DiffOp("equal", 0, 2, 0, 0, "  ", "")]


def test_word_diff_gives_end_whitespace_to_a_change_with_no_equal_neighbour() -> None:
    assert diff_words("  faot of", " fact of\n") == [
        DiffOp("replace", 0, 6, 0, 5, "  faot", " fact"),
        DiffOp("equal", 6, 9, 5, 9, " of", " of\n"),
    ]
    assert diff_words("the offioials ", "the officials") == [
        DiffOp("equal", 0, 4, 0, 4, "the ", "the "),
        DiffOp("replace", 4, 14, 4, 13, "offioials ", "officials"),
    ]


def test_char_diff_merges_neighbouring_changes_into_one_replacement() -> None:
    # rapidfuzz reports this as an insert followed by a replace.
    assert diff_chars("abc", "xyzc") == [
        DiffOp("replace", 0, 2, 0, 3, "ab", "xyz"),
        DiffOp("equal", 2, 3, 3, 4, "c", "c"),
    ]


def test_char_diff_reports_inserts_and_deletes() -> None:
    assert diff_chars("ofice", "office") == [
        DiffOp("equal", 0, 2, 0, 2, "of", "of"),
        DiffOp("insert", 2, 2, 2, 3, "", "f"),
        DiffOp("equal", 2, 5, 3, 6, "ice", "ice"),
    ]
    assert [op.tag for op in diff_chars("office.", "office")] == ["equal", "delete"]


@pytest.mark.parametrize("differ", [diff_chars, diff_words])
def test_identical_and_empty_texts(differ: Differ) -> None:
    assert differ("", "") == []
    assert differ("same text", "same text") == [
        DiffOp("equal", 0, 9, 0, 9, "same text", "same text")
    ]
    assert differ("", "new") == [DiffOp("insert", 0, 0, 0, 3, "", "new")]
    assert differ("old", "") == [DiffOp("delete", 0, 3, 0, 0, "old", "")]


@needs_eval_data
def test_char_diffs_of_real_pairs_tile_both_texts_and_turn_old_into_new() -> None:
    for old, new in real_pairs():
        ops = diff_chars(old, new)
        assert_tiles(old, new, ops)
        assert apply_changes(old, ops) == new
        assert all(op.old == op.new for op in ops if op.tag == "equal")


@needs_eval_data
def test_word_diffs_of_real_pairs_tile_both_texts_and_turn_old_into_new() -> None:
    for old, new in real_pairs():
        ops = diff_words(old, new)
        assert_tiles(old, new, ops)
        assert apply_changes(old, ops).split() == new.split()
        for i, op in enumerate(ops):
            if op.tag == "equal":
                assert op.old.split() == op.new.split()
                continue
            assert bool(op.old.split()) == (op.tag != "insert")
            assert bool(op.new.split()) == (op.tag != "delete")
            if op.tag == "replace":
                # Replacements mark words, not the gaps around them, wherever an equal op can take a gap.
                for side in (op.old, op.new):
                    assert i == 0 or side == side.lstrip()
                    assert i == len(ops) - 1 or side == side.rstrip()


def test_render_inline_marks_replacements_insertions_and_deletions() -> None:
    assert render_inline(diff_words("faot of the offioials", "fact of the officials")) == (
        "[-faot-]{+fact+} of the [-offioials-]{+officials+}"
    )
    assert render_inline(diff_words("the cat", "the big cat")) == "the {+big +}cat"
    assert render_inline(diff_words("the big cat", "the cat")) == "the [-big -]cat"
    assert render_inline(diff_words("a  b", "a b c")) == "a b{+ c+}"
    assert render_inline(diff_chars("faot", "fact")) == "fa[-o-]{+c+}t"
    assert render_inline([]) == ""
