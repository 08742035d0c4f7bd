"""Records of find and replace across a project: the query, each place it matched, what a batch did.

``workbench.project.replacing`` finds, applies and undoes; the window and the command line build
queries and show occurrences. A query checks itself when made, so a bad pattern is refused with a
sentence before any page is read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from workbench.errors import WorkbenchError
from workbench.records.changes import ChangeSet

Box = tuple[int, int, int, int]
"""``(left, top, width, height)`` in page-image pixels, as OCR words have them."""

# A word character is a letter or a digit, as the search index and ``text.tokens`` read words.
_NOT_AFTER_WORD = r"(?<![^\W_])"
_NOT_BEFORE_WORD = r"(?![^\W_])"


@dataclass(frozen=True)
class ReplaceQuery:
    """What to find and what to put in its place.

    ``pattern`` is literal text unless ``regex``; then ``replacement`` may name groups (``\\1``,
    ``\\g<name>``); otherwise it is put in as typed, whatever the case of the text it replaces.
    ``whole_word``: a match neither starts nor ends inside a word.

    Raises:
        WorkbenchError: The pattern is empty, or not a valid regular expression, or the
            replacement names a group the pattern does not have.
    """

    pattern: str
    replacement: str
    regex: bool = field(default=False, kw_only=True)
    whole_word: bool = field(default=True, kw_only=True)
    case_sensitive: bool = field(default=True, kw_only=True)

    def __post_init__(self) -> None:
        if not self.pattern:
            raise WorkbenchError("Type something to find: the search text is empty.")
        compiled = self.compiled()
        if self.regex:
            try:  # a replacement template is only checked when it is used: use it once on nothing
                compiled.sub(self.replacement, "")
            except (re.error, IndexError) as error:
                raise WorkbenchError(f"The replacement {self.replacement!r} cannot be used: {error}.") from error

    def compiled(self) -> re.Pattern[str]:
        source = self.pattern if self.regex else re.escape(self.pattern)
        flags = 0 if self.case_sensitive else re.IGNORECASE
        try:
            re.compile(source, flags)  # on its own first, so an error's position is in what was typed
            if self.whole_word:
                source = f"{_NOT_AFTER_WORD}(?:{source}){_NOT_BEFORE_WORD}"
            return re.compile(source, flags)
        except re.error as error:
            raise WorkbenchError(
                f"{self.pattern!r} is not a valid regular expression: {error}. "
                "Untick “regular expression” to search for the text as typed."
            ) from error

    def replacement_for(self, match: re.Match[str]) -> str:
        return match.expand(self.replacement) if self.regex else self.replacement


@dataclass(frozen=True)
class Occurrence:
    """One place a query matched, and what it would become."""

    page_id: int
    revision_id: int
    """The revision the text was found in: the batch's parent, and its conflict check."""
    start: int
    end: int
    """The match is ``text[start:end]`` of that revision, in Python character offsets."""
    text: str
    replacement: str
    line_text: str
    """The whole line (lines, if the match spans a break) the match is on."""
    line_start: int
    """Offset of ``line_text`` in the page's text: the match is at ``start - line_start`` in the line."""
    word_box: Box | None
    """The OCR box around the words the match touches; None where no OCR word is linked."""


@dataclass(frozen=True)
class BatchResult:
    """What a batch (or its undo) did: per page, the revision it replaced and the one it added."""

    revisions: Mapping[int, tuple[int, int]]
    """page id → (old revision id, new revision id)."""
    conflicts: tuple[int, ...] = ()
    """Pages left alone because their current revision was not the expected one."""
    changes: ChangeSet = ChangeSet()
    """The revisions added, the pages as they are now, the fixes learned."""
