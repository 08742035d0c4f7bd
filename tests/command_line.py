"""The ``workbench`` command as scripts see it: an exit code, what it printed, what it said on stderr.

``workbench`` runs the command inside the test process, through the CLI's own entry function: a new
interpreter per command costs most of a second of imports and proves nothing more where the test is
about what the command does. ``workbench_process`` starts the real program, for the tests that are
about the process itself: one killed or holding a lock, other processes sharing the file, the bytes
of a real process's standard streams.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.cli import main


@dataclass(frozen=True)
class Finished:
    """What a command left: its exit code and its two output streams."""

    returncode: int
    stdout: str
    stderr: str


def workbench(*arguments: str | Path, stdin: bytes = b"", cwd: Path | None = None) -> Finished:
    """Run ``workbench ARGUMENTS`` in this process, with ``stdin`` as its standard input."""
    out, err = io.StringIO(), io.StringIO()
    with (contextlib.chdir(cwd or Path.cwd()), contextlib.redirect_stdout(out),
          contextlib.redirect_stderr(err), _standard_input(stdin)):
        try:
            code = main([str(argument) for argument in arguments])
        except SystemExit as exit:  # argparse: --help, --version and usage errors
            code = exit.code if isinstance(exit.code, int) else int(exit.code is not None)
    return Finished(code, out.getvalue(), err.getvalue())


def workbench_process(*arguments: str | Path, stdin: bytes | None = None, cwd: Path | None = None,
                      timeout: float = 120) -> Finished:
    """Run ``workbench ARGUMENTS`` as a process of its own."""
    finished = subprocess.run([sys.executable, "-m", "workbench.cli", *map(str, arguments)], input=stdin,
                              capture_output=True, cwd=cwd, timeout=timeout)
    return Finished(finished.returncode, finished.stdout.decode("utf-8", "replace"),
                    finished.stderr.decode("utf-8", "replace"))


@contextlib.contextmanager
def _standard_input(data: bytes) -> Iterator[None]:
    previous = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        yield
    finally:
        sys.stdin = previous
