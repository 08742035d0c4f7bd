"""Entry point of the frozen one-folder build: the same ``workbench`` command as the package's."""

import multiprocessing
import sys

from workbench.launcher import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # OCR workers are spawned processes of this same executable
    sys.exit(main())
