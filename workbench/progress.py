"""How long work reports progress and learns that it was cancelled; any layer may import it."""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):
    """The user stopped a long job; callers treat it as an ordinary outcome."""


class Progress(Protocol):
    def advance(self, done: int, total: int, note: str = "") -> None:
        """Report how far a job got; raise Cancelled once the user has asked to stop."""


class NoProgress:
    """A Progress for callers that do not watch."""

    def advance(self, done: int, total: int, note: str = "") -> None:
        return None
