"""Words broken across a line end: the two pieces are judged as the one word they make.

A typescript or a book hyphenates at the line end; the pieces alone ("discrimina-", "tions") are no
words, and a de-hyphenated transcription holds the whole word. A good hyphenation is left alone, its
pieces unflagged. Typescripts mark the break with other signs too ("wel~" / "fare", "ques=" /
"tions"), and Tesseract sometimes reads the hyphen as a letter ("annihie" / "lation").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from workbench.records import Candidate, Suggestion, SuggestionKind
from workbench.suggest.candidates import Ranked
from workbench.suggest.context import SuggestContext

HYPHENS = ("-", "¬", "~", "=")
"""What ends the first piece of a broken word in the pages: the typescripts' hyphens come out as
``~`` and ``=`` too."""
LETTER_FOR_HYPHEN_AT_LEAST = 7
"""A letter is taken for a misread hyphen only where the whole word is this long: short pieces make
known words by chance."""
MENDED_ZIPF = 3.0
"""Two misread pieces are mended into a word only this common."""
MISREAD_PIECE_REASON = "a piece of '{}', broken at the line end"
LETTER_FOR_HYPHEN_REASON = "'{}' read for the hyphen of a word broken at the line end"
_LEADING_LETTERS = re.compile(r"[^\W\d_]+")


def line_end_breaks(text: str, spans: Sequence[tuple[int, int]], parts: Sequence[tuple[str, str, str]],
                    context: SuggestContext, mend: Callable[[str], list[Ranked]]
                    ) -> tuple[set[int], dict[int, Suggestion]]:
    """The tokens that are pieces of a word broken at a line end (not to be judged alone), and the
    suggestions for pieces that were misread, found by mending the two as one word (``mend`` ranks
    its candidates): "oon~" / "sidered" is "considered", so "oon~" is "con~"; or whose hyphen was
    read as a letter.

    The hyphen may be lost in OCR (``inhabi`` / ``tants``); then one piece must be no word alone,
    or ``in`` / ``to`` on two lines would pass as ``into``. A hyphenated piece that begins a known
    word is a piece, not a misreading, even where the next line's piece was misread.
    """
    pieces: set[int] = set()
    mended: dict[int, Suggestion] = {}
    for index, following in _line_ends(text, spans, parts):
        head, left, tail = parts[index]
        match = _LEADING_LETTERS.match(parts[following][1])
        right = match.group() if match else ""
        if not left or not right or parts[following][0]:
            continue
        hyphenated = tail in HYPHENS
        if context.known(left + right) and (hyphenated or not (context.known(left) and context.known(right))):
            pieces.update((index, following))
        elif hyphenated and left.isalpha() and right.isalpha():
            whole = _mended(left, right, mend(left + right), context)
            if whole is not None:
                fixed_at, fixed = (index, whole[: len(whole) - len(right)]) if whole.endswith(right) else (
                    following, whole[len(left) :])
                start, end = spans[fixed_at]
                head, _, tail = parts[fixed_at]
                mended[fixed_at] = Suggestion(start, end, text[start:end], SuggestionKind.OCR_CONFUSION,
                                              (Candidate(head + fixed + tail, 1.0),), (MISREAD_PIECE_REASON.format(whole),))
                pieces.update((index, following))
            elif left.lower() in context.prefixes:
                pieces.add(index)
        elif not tail and _letter_for_hyphen(left, right, context):
            pieces.add(following)
            start, end = spans[index]
            fixed = head + left[:-1] + "-"
            mended[index] = Suggestion(start, end, text[start:end], SuggestionKind.OCR_CONFUSION,
                                       (Candidate(fixed, 1.0),), (LETTER_FOR_HYPHEN_REASON.format(left[-1]),))
    return pieces, mended


def _mended(left: str, right: str, ranked: list[Ranked], context: SuggestContext) -> str | None:
    """The word two misread pieces make, if its best candidate is a common word that keeps one of
    them as it is (the misreading is in the other)."""
    if not ranked or not ranked[0].spelling.isalpha() or context.zipf(ranked[0].spelling) < MENDED_ZIPF:
        return None
    best = ranked[0].spelling
    keeps_right = best.endswith(right) and len(best) > len(right)
    keeps_left = best.lower().startswith(left.lower()) and len(best) > len(left)
    return best if keeps_right or keeps_left else None


def _line_ends(text: str, spans: Sequence[tuple[int, int]], parts: Sequence[tuple[str, str, str]]
               ) -> list[tuple[int, int]]:
    """(last token of a line, first token with a word on the lines after it), blank lines and
    marks without a word between ("dis~" / "- tracted") passed over."""
    found = []
    for index in range(len(spans) - 1):
        following = index + 1
        while following < len(spans) - 1 and not parts[following][1]:
            following += 1
        if "\n" in text[spans[index][1] : spans[following][0]] and "\n" in text[spans[index][1] : spans[index + 1][0]]:
            found.append((index, following))
    return found


def _letter_for_hyphen(left: str, right: str, context: SuggestContext) -> bool:
    """``annihie`` / ``lation``: the pieces make no word, but do without the last letter of the first."""
    whole = left[:-1] + right
    return (left.isalpha() and right.isalpha() and len(whole) >= LETTER_FOR_HYPHEN_AT_LEAST
            and right[:1].islower() and not context.known(left) and not context.known(left + right)
            and context.known(whole) and context.zipf(whole) > context.zipf(right))
