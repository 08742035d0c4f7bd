"""Normalise text before scoring, so that typography an archivist would not call an error is not counted.

The rules match the evaluation tool in ``shared/eval/tools/cer.py``, so that the workbench's figures can be
compared with the published evaluation figures.
"""

from __future__ import annotations

import re
import unicodedata

# Typewriters and Tesseract disagree on quote and dash shapes far more often than on letters.
_TYPOGRAPHY = {
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark, also the usual apostrophe
    "\u201c": '"',  # left double quotation mark
    "\u201d": '"',  # right double quotation mark
    "\u201e": '"',  # double low-9 quotation mark
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u00ac": "-",  # not sign, which OCR often reads for a hyphen at a line end
    "\ufb01": "fi",
    "\ufb02": "fl",
}
# Replacing through a regex visits only the characters to replace; str.translate with a dict looks up
# every character and made scoring a large project several times slower.
_TYPOGRAPHIC = re.compile("[" + "".join(_TYPOGRAPHY) + "]")


def normalise_for_scoring(text: str) -> str:
    """Return ``text`` in the form that error rates are computed on.

    Composes to NFC, maps curly quotes, dashes and the fi/fl ligatures to plain characters, turns every
    run of whitespace (newlines included) into one space and strips both ends, so that layout and
    typography do not count as OCR errors.
    """
    text = _TYPOGRAPHIC.sub(lambda match: _TYPOGRAPHY[match.group()], unicodedata.normalize("NFC", text))
    return " ".join(text.split())
