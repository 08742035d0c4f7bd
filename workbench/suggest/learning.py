"""Learning from the archivist: which OCR forms were corrected to what, found by aligning each OCR
text with its corrected revision, plus the fixes accepted from suggestions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

from workbench.suggest.shapes import mixed_case
from workbench.text.tokens import split_edges


def corrected_pairs(ocr_text: str, corrected_text: str) -> list[tuple[str, str]]:
    """(OCR word, corrected word) for every word replaced one for one between the two texts."""
    return compare(ocr_text, corrected_text)[0]


def compare(ocr_text: str, corrected_text: str) -> tuple[list[tuple[str, str]], Counter[str]]:
    """The words replaced one for one between the OCR text and its correction, and how often each
    OCR word was left as it was (a form corrected once but kept ten times is no misreading)."""
    ocr = [w for w in (split_edges(t)[1] for t in ocr_text.split()) if w]
    fixed = [w for w in (split_edges(t)[1] for t in corrected_text.split()) if w]
    pairs = []
    kept: Counter[str] = Counter()
    for op in Levenshtein.opcodes(ocr, fixed):
        if op.tag == "equal":
            kept.update(ocr[op.src_start : op.src_end])
        elif op.tag == "replace" and op.src_end - op.src_start == op.dest_end - op.dest_start:
            for wrong, right in zip(ocr[op.src_start : op.src_end], fixed[op.dest_start : op.dest_end]):
                if _misreading(wrong, right):
                    pairs.append((wrong, right))
    return pairs, kept


def _misreading(wrong: str, right: str) -> bool:
    """Whether a correction looks like a misread word: close in spelling, and more than a capital
    put in or taken out (which depends on where the word stands, not on how it was read)."""
    if wrong.lower() == right.lower():
        return mixed_case(wrong)
    return Levenshtein.normalized_distance(wrong.lower(), right.lower()) <= 0.5


def fixes_table(pairs: Iterable[tuple[str, str, int]]) -> dict[str, Counter[str]]:
    """Wrong form → its fixes with counts."""
    table: dict[str, Counter[str]] = {}
    for wrong, fixed, count in pairs:
        table.setdefault(wrong, Counter())[fixed] += count
    return table
