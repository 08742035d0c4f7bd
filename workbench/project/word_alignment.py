"""Text-to-OCR-word alignments, made once per version of a page's text and shared in the process.

Linking a text's tokens to the page's OCR words is the costly step that the editor's word links,
the suggestions' evidence, the concordance's word boxes and an export's layout all need; for one
keystroke, one save or one export they ask about the same text, each through its own Project (the
window's, the suggestion thread's, an export job's). So the latest alignments are kept here for
the whole process, keyed by what an alignment is made of (the text and the OCR words, whatever
project file they came from), and each is made once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from workbench.records import OcrRun, OcrWord, WordLink
from workbench.text.alignment import link_words

KEPT = 64
"""Alignments kept: the texts of the pages the window and its jobs are working on now."""


class WordAlignments:
    def __init__(self) -> None:
        self._kept: OrderedDict[tuple[str, tuple[OcrWord, ...]], tuple[WordLink, ...]] = OrderedDict()
        self._lock = threading.Lock()  # the window's thread, the suggestion thread and jobs share it
        self.made = 0
        """How many alignments were computed rather than found kept."""

    def links(self, run: OcrRun | None, text: str) -> list[WordLink]:
        """The tokens of ``text`` linked to the run's words; empty without a run."""
        if run is None:
            return []
        key = (text, run.words)
        with self._lock:
            links = self._kept.get(key)
            if links is not None:
                self._kept.move_to_end(key)
                return list(links)
        links = tuple(link_words(text, run.words))  # outside the lock: others need not wait for it
        with self._lock:
            self.made += 1
            self._kept[key] = links
            if len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        return list(links)


ALIGNMENTS = WordAlignments()
"""The process's alignments, shared by every Project open in it."""
