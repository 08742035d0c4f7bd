"""The ``workbench`` command: ``workbench open`` starts the window, every other command the CLI.

The two front ends never import each other (an import-linter contract); this launcher sits above
both, and imports Qt only when the window is asked for, so the CLI starts fast and runs headless.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["open"]:
        from workbench.ui.app import main as open_window

        return open_window(arguments[1:])
    from workbench.cli import main as run_command

    return run_command(arguments)


if __name__ == "__main__":
    sys.exit(main())
