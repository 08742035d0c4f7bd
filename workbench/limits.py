"""Sizes past which input is refused with a message, instead of making a project unusable.

A dense typewritten A4 page holds about 3,000 characters and a newspaper page about 60,000; a
"page" of megabytes is a mistake (a whole book pasted in, a binary file), and once stored it
would slow every status, search, suggestion and export of the project for good.
"""

from __future__ import annotations

from workbench.errors import WorkbenchError

MAX_PAGE_TEXT_CHARS = 1_000_000
"""The longest text a page may have: over 15 newspaper pages' worth."""


class TooLargeError(WorkbenchError):
    """An input is larger than Workbench accepts; nothing of it was stored."""


def check_text_size(text: str) -> None:
    if len(text) > MAX_PAGE_TEXT_CHARS:
        raise TooLargeError(
            f"The text has {len(text):,} characters; a page may have at most {MAX_PAGE_TEXT_CHARS:,}. "
            "Nothing was saved: is this really the text of one page?"
        )
