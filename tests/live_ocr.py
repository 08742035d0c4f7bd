"""The ``live_ocr`` mark: which tests run Tesseract on a page, so ``make test-fast`` can leave them out.

A fixture that recognises pages for the tests using it is decorated with ``runs_tesseract``, and every
test using it is marked at collection; a test that recognises pages itself carries the mark. The
sample pages recognised once per session for the tests that only need their result do not count.

The mark is kept honest: during a test without it, ``tesseract`` on the PATH is a stand-in that
answers the engine's questions (version, languages) through the real one and refuses to read a page.
Fixtures of a wider scope are set up before it, so the session's own recognition is not refused.
"""

from __future__ import annotations

import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

MARK = "live_ocr"
_ATTRIBUTE = "_runs_tesseract"
FixtureFunction = TypeVar("FixtureFunction", bound=Callable[..., object])


def runs_tesseract(fixture: FixtureFunction) -> FixtureFunction:
    """Say that ``fixture`` recognises pages: every test that uses it is marked ``live_ocr``."""
    setattr(fixture, _ATTRIBUTE, True)
    return fixture


def mark_tests_using_tesseract_fixtures(items: list[pytest.Item]) -> None:
    """Mark ``live_ocr`` each test that uses a ``runs_tesseract`` fixture, directly or through others."""
    for item in items:
        info = getattr(item, "_fixtureinfo", None)  # a test function's; other kinds of item have none
        if info is None:
            continue
        used = (info.name2fixturedefs.get(name) for name in info.names_closure)
        if any(getattr(definitions[-1].func, _ATTRIBUTE, False) for definitions in used if definitions):
            item.add_marker(MARK)


def stand_in(folder: Path) -> Path:
    """A folder holding the ``tesseract`` that refuses pages (made once per session in ``folder``)."""
    real = shutil.which("tesseract")
    program = folder / "tesseract"
    if real is not None and not program.exists():
        folder.mkdir(parents=True, exist_ok=True)
        program.write_text(
            "#!/bin/sh\n"
            'case "$1" in --version|--list-langs) exec "' + real + '" "$@";; esac\n'
            f'echo "this test reads a page with Tesseract: mark it {MARK}" >&2\n'
            "exit 3\n",
            encoding="utf-8",
        )
        program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return folder
