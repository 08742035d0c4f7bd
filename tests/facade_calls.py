"""Counting the calls a front end makes into one open Project and its nouns: what a change costs the window."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import wraps

from workbench.project import Project

NOUNS = ("pages", "revisions", "recognition", "suggestions", "replace", "exports")


def count_calls(project: Project) -> Counter[str]:
    """Wrap every public method of this one Project and of its nouns (the objects, not their
    classes) so that each call is counted, as "save" or "revisions.save"; the Counter returned
    fills as the calls happen."""
    calls: Counter[str] = Counter()
    _wrap(project, "", calls)
    for noun in NOUNS:
        _wrap(getattr(project, noun), f"{noun}.", calls)
    return calls


def _wrap(target: object, prefix: str, calls: Counter[str]) -> None:
    for name in dir(type(target)):
        member = getattr(target, name, None)
        if not name.startswith("_") and callable(member) and not isinstance(member, type):
            setattr(target, name, _counted(member, prefix + name, calls))


def _counted(method: Callable[..., object], name: str, calls: Counter[str]) -> Callable[..., object]:
    @wraps(method)
    def counted(*args: object, **kwargs: object) -> object:
        calls[name] += 1
        return method(*args, **kwargs)
    return counted
