"""Saves revisions of one page in a loop, printing each revision id once the save has returned.

Run by test_kill.py, which kills this process at random moments.
"""

from __future__ import annotations

import sys
from itertools import count
from pathlib import Path

from workbench.errors import ConflictError
from workbench.project import Project

with Project.open(Path(sys.argv[1])) as project:
    page = project.pages.all()[0]
    print("ready", flush=True)
    for number in count():
        parent = project.pages.get(page.id).current_revision_id
        try:
            revision = project.revisions.save(page.id, f"text {number}", parent_id=parent, author="loop").revision
        except ConflictError:
            continue
        print(revision.id, flush=True)
