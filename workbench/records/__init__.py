"""The domain's records: the plain data every layer stands on and the facade hands to its callers.

Each module holds one family (pages and their history here in ``pages``); nothing in this package
imports any other part of the workbench, so the store, the engines, the formats, the facade and
both front ends can all share these types without standing on each other.
"""

from workbench.records.changes import EVERYTHING, ChangeSet
from workbench.records.pages import (
    NEEDING_WORK, Document, DocumentOverview, Draft, DraftOrigin, OcrRun, Page, PageProgress, PageStatus,
    PageTally, ProjectOverview, Revision, RevisionKind, SearchHit, StatusChange,
)

__all__ = [
    "EVERYTHING", "ChangeSet", "NEEDING_WORK", "Document", "DocumentOverview", "Draft", "DraftOrigin",
    "OcrRun", "Page", "PageProgress", "PageStatus", "PageTally", "ProjectOverview", "Revision", "RevisionKind",
    "SearchHit", "StatusChange",
]
