"""What a suggestion is: a span of a page's current text, ranked candidates, and the reasons.

Offsets are Python character offsets into the text the suggestion was computed for. This shape is
also the JSON that ``workbench suggest --json`` prints, so other tools can rely on it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class SuggestionKind(enum.StrEnum):
    """The main reason a span was flagged; the window colours spans by it."""

    LOW_CONFIDENCE = "low confidence"
    UNKNOWN_WORD = "unknown word"
    OCR_CONFUSION = "ocr confusion"
    LEARNED = "learned"
    ASKED = "asked"
    """Not flagged: the archivist asked for candidates at the word."""


@dataclass(frozen=True)
class WordEvidence:
    """What the OCR said of one token of the text, as it read it."""

    confidence: float | None = None
    """Tesseract's word confidence, 0..100; None where unknown (text from elsewhere)."""
    readings: tuple[str, ...] = ()
    """The other readings it weighed (``ocr/alternatives.py``)."""
    look: str = ""
    """How the second look at the page read it, where that differs (``ocr/second_look.py``)."""


NO_EVIDENCE = WordEvidence()


@dataclass(frozen=True)
class Candidate:
    text: str
    score: float
    """Higher is better; comparable only among the candidates of one suggestion."""


@dataclass(frozen=True)
class Suggestion:
    start: int
    end: int
    text: str
    kind: SuggestionKind
    candidates: tuple[Candidate, ...]
    """Best first; may be empty when only the span is doubtful."""
    reasons: tuple[str, ...]
    """Why the span was flagged, in words a person reads ("OCR confidence 41%")."""

    def as_json(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "candidates": [{"text": c.text, "score": round(c.score, 4)} for c in self.candidates],
            "reasons": list(self.reasons),
        }
