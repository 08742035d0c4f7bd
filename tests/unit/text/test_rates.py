from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.text.rates import ErrorRates, error_rates

EVAL = Path(__file__).resolve().parents[3].parent / "shared" / "eval"
needs_eval_data = pytest.mark.skipif(not EVAL.is_dir(), reason="evaluation data not present")


def run_eval_tool(*args: str | Path) -> str:
    tool = EVAL / "tools" / "cer.py"
    result = subprocess.run(
        [sys.executable, str(tool), *map(str, args)], capture_output=True, text=True, check=True
    )
    return result.stdout


def test_identical_texts_have_no_errors() -> None:
    rates = error_rates("the cat sat", "the cat sat")
    assert rates == ErrorRates(
        cer=0.0, wer=0.0, reference_chars=11, reference_words=3, char_errors=0, word_errors=0
    )


def test_one_wrong_letter_is_one_char_error_and_one_word_error() -> None:
    rates = error_rates("the cat sat", "the cot sat")
    assert (rates.char_errors, rates.word_errors) == (1, 1)
    assert rates.cer == pytest.approx(1 / 11)
    assert rates.wer == pytest.approx(1 / 3)


def test_split_and_missing_words_count_as_word_edits() -> None:
    rates = error_rates("a b c d", "a bc d x")
    assert rates.char_errors == 3  # one space deleted, " x" inserted
    assert rates.word_errors == 3  # b->bc, c deleted, x inserted
    assert rates.reference_words == 4


def test_layout_and_typography_are_not_errors_by_default() -> None:
    rates = error_rates("it\u2019s\nthe \ufb01rst", "it's  the first")
    assert (rates.char_errors, rates.word_errors) == (0, 0)


def test_raw_comparison_counts_layout_and_typography() -> None:
    rates = error_rates("it\u2019s\nthe", "it's the", normalise=False)
    assert rates.char_errors == 2
    assert rates.word_errors == 1
    assert rates.reference_chars == 8


def test_empty_reference_counts_every_hypothesis_character() -> None:
    rates = error_rates("", "abc")
    assert (rates.cer, rates.wer, rates.reference_chars, rates.reference_words) == (3.0, 1.0, 0, 0)


@needs_eval_data
def test_a_real_page_scores_as_the_evaluation_tool_scores_it() -> None:
    gt = EVAL / "ehri" / "EHRI-DR-19390125-US_02.gt.txt"
    ocr = EVAL / "ehri" / "EHRI-DR-19390125-US_02.tess.txt"
    printed = run_eval_tool(gt, ocr)
    match = re.search(r"CER (\S+)\s+WER (\S+)\s+gt_chars (\d+)\s+gt_words (\d+)", printed)
    assert match, printed

    rates = error_rates(gt.read_text(encoding="utf-8"), ocr.read_text(encoding="utf-8"))

    assert f"{rates.cer:.4f}" == match[1]
    assert f"{rates.wer:.4f}" == match[2]
    assert (rates.reference_chars, rates.reference_words) == (int(match[3]), int(match[4]))


@needs_eval_data
def test_every_evaluation_page_scores_as_the_evaluation_tool_scores_it() -> None:
    printed = run_eval_tool("--pairs", EVAL / "ehri")
    pages = re.findall(r"^(\S+)\tCER (\S+)\tWER (\S+)\tgt_chars (\d+)$", printed, flags=re.MULTILINE)
    assert len(pages) > 10, printed
    for name, cer, wer, gt_chars in pages:
        gt = (EVAL / "ehri" / f"{name}.gt.txt").read_text(encoding="utf-8")
        ocr = (EVAL / "ehri" / f"{name}.tess.txt").read_text(encoding="utf-8")
        rates = error_rates(gt, ocr)
        assert (f"{rates.cer:.4f}", f"{rates.wer:.4f}", rates.reference_chars) == (
            cer, wer, int(gt_chars)
        ), name
