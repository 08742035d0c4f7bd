"""Search across a project: the index picks the pages, then each occurrence is found in the text."""

from __future__ import annotations

import sqlite_utils

from workbench.records import SearchHit
from workbench.store.search import current_text, pages_with_phrase
from workbench.text.phrases import find_phrase, lines_around, phrase_words


def search(db: sqlite_utils.Database, query: str, *, limit: int) -> list[SearchHit]:
    """Every occurrence of ``query`` as a phrase in the pages' current texts, in reading order.

    Case and accents do not count, nor punctuation between words; a query of no words finds nothing.
    Stops at ``limit`` hits.
    """
    words = phrase_words(query)
    hits: list[SearchHit] = []
    if not words or limit <= 0:
        return hits
    for page_id in pages_with_phrase(db, words):
        text = current_text(db, page_id)
        for start, end in find_phrase(text, words):
            hits.append(SearchHit(page_id, start, end, lines_around(text, start, end)))
            if len(hits) == limit:
                return hits
    return hits
