"""What one call into the project changed: every mutator of the facade returns a ``ChangeSet``.

A window applies it to what it shows (the page list, the page open, its history, the overview)
without reading back what it was just told; change-sets of several calls combine with ``|``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

from workbench.records.pages import Draft, Page, Revision, StatusChange


@dataclass(frozen=True)
class ChangeSet:
    pages: tuple[Page, ...] = ()
    """Pages whose record changed (status, current revision), as they are now."""
    revisions: tuple[Revision, ...] = ()
    """Revisions added, oldest first."""
    status_changes: tuple[StatusChange, ...] = ()
    drafts: tuple[Draft, ...] = ()
    """Drafts kept, replaced or taken into an editing session, as they are now."""
    drafts_gone: tuple[int, ...] = ()
    """Ids of drafts discarded, or settled by the save they were typed for."""
    lexicon: tuple[str, ...] = ()
    """Words whose standing changed for the suggestions: made right, or learned as a misreading."""
    pages_added: tuple[int, ...] = ()
    """Pages new to the project (and any documents they came in): the page list and the overview
    must read them."""
    settings: bool = False
    """The collection's recognition options changed."""
    everything: bool = False
    """Someone else changed the file (another window, a command): anything shown may be stale."""

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet.combined([self, other])

    @staticmethod
    def combined(changes: Iterable[ChangeSet]) -> ChangeSet:
        """All the changes, in order: a later record of a page or draft replaces an earlier one.
        One pass, however many pages a batch touched."""
        gathered: dict[str, list[object]] = {field.name: [] for field in fields(ChangeSet)}
        for change in changes:
            for field in fields(change):
                value = getattr(change, field.name)
                gathered[field.name].extend([value] if isinstance(value, bool) else value)
        merged = {name: any(items) if name in _FLAGS else _latest(items) for name, items in gathered.items()}
        return ChangeSet(**merged)  # type: ignore[arg-type]

    def __bool__(self) -> bool:
        return any(getattr(self, field.name) for field in fields(self))

    @property
    def revision(self) -> Revision:
        """The one revision a save, revert or OCR import added."""
        if len(self.revisions) != 1:
            raise ValueError(f"this change added {len(self.revisions)} revisions, not one")
        return self.revisions[0]

    def page(self, page_id: int) -> Page | None:
        """The page's record as the change left it; None if the change did not touch it."""
        return next((page for page in reversed(self.pages) if page.id == page_id), None)

    def revisions_of(self, page_id: int) -> tuple[Revision, ...]:
        return tuple(revision for revision in self.revisions if revision.page_id == page_id)


EVERYTHING = ChangeSet(everything=True)
"""What a window is told when the file changed under it: show everything again."""


_FLAGS = frozenset({"settings", "everything"})


def _latest(items: list[object]) -> tuple[object, ...]:
    """Pages and drafts keep only their latest record, in the place of their first; other items
    appear once."""
    latest: dict[object, object] = {}
    for item in items:
        key = (type(item), item.id) if isinstance(item, (Page, Draft)) else item
        latest[key] = item
    return tuple(latest.values())
