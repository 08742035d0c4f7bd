"""The facade's nouns: ``Project`` hangs one of each off its shared context (``project.pages``,
``project.revisions``, ``project.recognition``, ``project.suggestions``, ``project.replace``,
``project.exports``). Each is a thin door onto the work in the sibling modules of ``workbench.project``.
"""

from __future__ import annotations

from pathlib import Path

from workbench.project.context import ProjectContext


class Noun:
    """What every noun has: the shared context, and the project file's path (which the storage
    errors it raises name)."""

    def __init__(self, context: ProjectContext) -> None:
        self._context = context

    @property
    def path(self) -> Path:
        return self._context.path
