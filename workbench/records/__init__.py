"""The domain's records: the plain data every layer stands on and the facade hands to its callers.

Each module holds one family: pages and their history (``pages``), what OCR gives back (``ocr``),
suggestions (``suggestions``), text tied to OCR words (``text``), find and replace (``replacing``),
and what a call into the project changed (``changes``).
Nothing here imports any other part of the workbench but its errors, so the store, the engines,
the formats, the facade and both front ends can all share these types without standing on each
other.
"""

from workbench.records.changes import EVERYTHING, ChangeSet
from workbench.records.ocr import BatchSummary, BoxTuple, OcrResult, OcrSettings, OcrWord
from workbench.records.pages import (
    NEEDING_WORK, Document, DocumentOverview, Draft, DraftOrigin, OcrRun, Page, PageProgress, PageStatus,
    PageTally, ProjectOverview, Revision, RevisionKind, SearchHit, StatusChange,
)
from workbench.records.replacing import BatchResult, Occurrence, ReplaceQuery
from workbench.records.suggestions import NO_EVIDENCE, Candidate, Suggestion, SuggestionKind, WordEvidence
from workbench.records.text import WordLink

__all__ = [
    "EVERYTHING", "NEEDING_WORK", "NO_EVIDENCE", "BatchResult", "BatchSummary", "BoxTuple", "Candidate", "ChangeSet", "Document",
    "DocumentOverview", "Draft", "DraftOrigin", "Occurrence", "OcrResult", "OcrRun", "OcrSettings", "OcrWord", "Page",
    "PageProgress", "PageStatus", "PageTally", "ProjectOverview", "ReplaceQuery", "Revision", "RevisionKind",
    "SearchHit", "StatusChange", "Suggestion", "SuggestionKind", "WordEvidence", "WordLink",
]
