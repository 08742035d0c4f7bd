"""Counting the calls a front end makes into one open Project: what a change costs the window."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import wraps


def count_calls(project: object) -> Counter[str]:
    """Wrap every public method of this one Project (not its class) so that each call is counted;
    the Counter returned fills as the calls happen."""
    calls: Counter[str] = Counter()
    for name in dir(type(project)):
        member = getattr(project, name, None)
        if not name.startswith("_") and callable(member) and not isinstance(member, type):
            setattr(project, name, _counted(member, name, calls))
    return calls


def _counted(method: Callable[..., object], name: str, calls: Counter[str]) -> Callable[..., object]:
    @wraps(method)
    def counted(*args: object, **kwargs: object) -> object:
        calls[name] += 1
        return method(*args, **kwargs)
    return counted
