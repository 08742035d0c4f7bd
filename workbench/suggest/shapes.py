"""What an OCR word looks like: the shapes that give misreadings away, whatever the lexicons say."""

from __future__ import annotations

import re

from workbench.text.tokens import split_edges

_INNER_SYMBOL = re.compile(r"[^\w'’.\-‐–—/&]")
_DASH = re.compile(r"[—–]")
_DOUBLED_QUOTE = re.compile(r"[‘’']{2}")
_NUMBER = re.compile(r"^[\d.,:/\-]+(st|nd|rd|th|s)?$")


def mixed_case(word: str) -> bool:
    """An upper-case letter after a lower-case one (``aS``, ``tHe``); ``McDonald`` is an exception we accept."""
    for part in re.split(r"[-‐–—'’/]", word):  # anti-Semitic, Czecho-Slovakia: each part has its own case
        letters = [c for c in part if c.isalpha()]
        for before, after in zip(letters, letters[1:]):
            if before.islower() and after.isupper():
                if not (len(letters) > 3 and part[:2] in ("Mc", "Ma", "De", "Le", "La", "Di", "Va")):
                    return True
    return False


def digits_among_letters(word: str) -> bool:
    """Digits and letters mixed in one word (``19h2``, ``l0``), leaving out ordinals like ``21st``
    and words a dash joins to a number (``murdered—25,000``)."""
    return any(_digits_among_letters(part) for part in dash_parts(word))


def _digits_among_letters(word: str) -> bool:
    has_digit = any(c.isdigit() for c in word)
    has_letter = any(c.isalpha() for c in word)
    return has_digit and has_letter and not is_number(word)


def symbols_inside(word: str) -> bool:
    """A character that is neither a letter, digit nor word punctuation inside the word (``wh^ch``);
    the punctuation of words a dash joins is no symbol inside one (``vision,—are``, ``people.”—Extract``),
    but two single quotes there are a misread double one (``apple,—‘‘there``)."""
    return bool(_DOUBLED_QUOTE.search(word)) or any(
        not is_number(part) and bool(_INNER_SYMBOL.search(part)) for part in dash_parts(word))


def dash_parts(word: str) -> list[str]:
    """The words a printer's dash joins into one token (``prints:—nothing``), each without its edge
    punctuation; the word itself where no dash joins words."""
    parts = [split_edges(part)[1] for part in _DASH.split(word)]
    return [part for part in parts if part] or [word]


def lone_letter(word: str) -> bool:
    """A lower-case letter standing alone that is no word (``e``, ``i``, ``m``): a stray mark or
    a word Tesseract lost most of. Capitals alone are initials and numbering (``J. Smith``, ``B.``)."""
    return len(word) == 1 and word.isalpha() and word.islower() and word != "a"


def is_number(word: str) -> bool:
    """A number, date or ordinal: ``1942``, ``12.5``, ``21st``, ``1939-40``."""
    return bool(_NUMBER.match(word)) and any(c.isdigit() for c in word)

