"""What OCR gives back: words on their boxes, the options they were read with, how a batch ended.

Plain frozen data, so results cross process boundaries (pickle) and the store can keep them as they are.
The engines that make them live in ``workbench.ocr``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import groupby


BoxTuple = tuple[int, int, int, int]
"""Left, top, width and height in page-image pixels."""


@dataclass(frozen=True)
class OcrWord:
    """One recognised word with its box in page-image pixels."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    """Tesseract's word confidence, 0..100."""
    block: int
    paragraph: int
    line: int
    """Tesseract's block_num, par_num and line_num: they carry the page layout into text()."""
    alternatives: tuple[str, ...] = ()
    """Other readings Tesseract weighed, one character different each, likeliest first
    (``ocr/alternatives.py``); empty for OCR imported from files and for older runs."""
    second_look: str = ""
    """How Tesseract read this word on the page at a smaller size (``ocr/second_look.py``), where
    that differs; empty where it read the same, or the page was not looked at twice."""
    line_box: BoxTuple | None = None
    """The word's line as the engine drew it: left, top, width, height (Tesseract's TSV, a file's
    TextLine or ocr_line); None where it drew none. Exports keep the engine's boxes rather than
    rebuild them around the words: an engine draws them its own way (Tesseract's line can stop
    above a word's descender), and checkers such as hocr-check compare against that."""
    paragraph_box: BoxTuple | None = None
    """The word's paragraph as the engine drew it (ALTO and PAGE have none: their block's)."""
    block_box: BoxTuple | None = None
    """The word's block as the engine drew it (a file's TextBlock, TextRegion or ocr_carea)."""


@dataclass(frozen=True)
class OcrSettings:
    """The options that change what the engine recognises; stored beside each result."""

    languages: str = "eng"
    """Tesseract language codes joined by "+", e.g. "eng+deu"."""
    psm: int = 3
    """Tesseract page segmentation mode, 0..13."""
    second_look: bool = True
    """Read the page a second time at a smaller size (``ocr/second_look.py``): finds more misreadings
    and their fixes, for twice the recognition time (Tesseract's recogniser works on each line
    scaled to one height, so a smaller page costs about as much as the page)."""

    def as_dict(self) -> dict[str, object]:
        """The settings as plain values, for storing next to a result."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, stored: Mapping[str, object]) -> OcrSettings:
        """Settings as ``as_dict`` stored them. A value of the wrong kind gives way to the default,
        and a name this version does not know (a newer one wrote it) is left out."""
        defaults = cls()
        kept = {
            field.name: stored[field.name] for field in dataclasses.fields(cls)
            if field.name in stored and type(stored[field.name]) is type(getattr(defaults, field.name))
        }
        return cls(**kept)  # type: ignore[arg-type]


@dataclass(frozen=True)
class OcrResult:
    """Everything one recognition of one page produced, and how it was made."""

    words: tuple[OcrWord, ...]
    engine: str
    engine_version: str
    settings: OcrSettings
    seconds: float
    """Wall time of the recognition."""

    def text(self) -> str:
        """The page as plain text, laid out like Tesseract's own txt output.

        Words of a line are joined by a space, lines by a newline, and paragraphs and blocks are
        separated by a blank line. It depends on nothing but ``words``, so the same result always
        gives the same text: the project stores it as the page's first revision.
        """
        return "\n\n".join(
            "\n".join(" ".join(word.text for word in line) for line in _lines(paragraph))
            for paragraph in _paragraphs(self.words)
        )


def _paragraphs(words: tuple[OcrWord, ...]) -> Iterator[list[OcrWord]]:
    """Runs of consecutive words in the same block and paragraph, in the engine's reading order."""
    for _, paragraph in groupby(words, key=lambda word: (word.block, word.paragraph)):
        yield list(paragraph)


def _lines(paragraph: list[OcrWord]) -> Iterator[list[OcrWord]]:
    """Runs of consecutive words on the same line of one paragraph."""
    for _, line in groupby(paragraph, key=lambda word: word.line):
        yield list(line)


@dataclass(frozen=True)
class BatchSummary:
    """How a batch ended; the results themselves already went to ``on_result``."""

    recognised: int
    failed: int
    cancelled: bool
    failures: tuple[tuple[int, str], ...]
    """(page_id, reason) for each page that could not be recognised."""
