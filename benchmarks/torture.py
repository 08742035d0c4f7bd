"""Many processes on one project file, killed at random: does every acknowledged write survive?

A window-like process (three Projects open at once), N command-line-like processes (save, mark,
replace, export, status, through the facade and through ``python -m workbench.cli``) and a
checkpointer work on one project while a killer SIGKILLs them at random moments, a share of the
kills aimed inside SQLite's checkpoints, and restarts them. Then every write a process logged as
acknowledged must be in the project, with its exact text. Prints the figures; exits 1 if any write
was lost, any open refused, any revision id handed out twice, or the file is not sound.

    .venv/bin/python benchmarks/torture.py [--seconds 180] [--commands 4] [--seed N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.integration.torture_run import Torture, build_project, check, report  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180, help="how long to torture (default 180)")
    parser.add_argument("--commands", type=int, default=4, help="command-line-like processes (default 4)")
    parser.add_argument("--seed", type=int, default=1939)
    parser.add_argument("--keep", type=Path, help="work in this new folder and leave it there")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="torture-") as temporary:
        folder = arguments.keep or Path(temporary)
        project = build_project(folder)
        torture = Torture(project, folder / "logs", commands=arguments.commands, seed=arguments.seed)
        figures = torture.run(arguments.seconds)
        verdict = check(project, folder / "logs")
        print(report(figures, verdict))
        for message in sorted(set(verdict.refused + verdict.errors))[:10]:
            print("  ", message)
        for crash in figures.crashes[:3]:
            print("   a role stopped:", (crash.strip().splitlines() or ["(no output)"])[-1])
    return 0 if verdict.sound else 1


if __name__ == "__main__":
    sys.exit(main())
