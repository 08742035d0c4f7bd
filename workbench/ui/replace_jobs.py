"""Background work of replacing across the project: finding the occurrences, cutting their words.

Each function opens its own Project, since a SQLite connection belongs to the thread that opened it.
Finding a common word on ten thousand pages takes seconds, and cutting words means decoding scans.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage

from workbench.errors import WorkbenchError
from workbench.progress import Progress
from workbench.project import Occurrence, PageStatus, Project, ReplaceQuery
from workbench.ui.page_images import load_page_qimage

Box = tuple[int, int, int, int]
WordCrop = tuple[int, Box, QImage]
"""A page id, an OCR box on it, and the image cut around that box."""
CROP_MARGIN = 6
"""Pixels of the scan kept around a word box, so that strokes the box clips stay visible."""


@dataclass(frozen=True)
class FindRequest:
    project_path: Path
    query: ReplaceQuery
    statuses: frozenset[PageStatus] | None
    """Search only pages with these statuses; None for every page."""


@dataclass(frozen=True)
class Found:
    request: FindRequest
    occurrences: list[Occurrence]
    labels: dict[int, str]
    """page id → label, for the pages the occurrences are on."""


def find_occurrences(request: FindRequest, progress: Progress) -> Found:
    progress.advance(0, 1)  # a job cancelled while queued stops here
    with Project.open(request.project_path) as project:
        occurrences = project.replace.find(request.query, statuses=request.statuses)
        on_pages = {occurrence.page_id for occurrence in occurrences}
        labels = {page.id: page.label for page in project.pages.all() if page.id in on_pages}
    return Found(request, occurrences, labels)


@dataclass(frozen=True)
class CropRequest:
    project_path: Path
    boxes: Mapping[int, Sequence[Box]]
    """page id → the word boxes to cut from its scan."""
    height: int
    max_width: int
    """Crops are scaled to ``height`` pixels high, or less where they would be wider than this."""


def crop_words(request: CropRequest, deliver: Callable[[WordCrop], object], progress: Progress) -> int:
    """Cut every box from its page's scan, decoding each scan once, and pass each crop to ``deliver``.

    Job signals carry numbers only, so the crops travel through ``deliver`` (a queue the dialog
    empties whenever the job reports a page done). A scan that cannot be read leaves its rows
    without images. Returns the number of crops delivered.
    """
    delivered = 0
    with Project.open(request.project_path) as project:
        for done, (page_id, boxes) in enumerate(request.boxes.items(), start=1):
            page = project.pages.get(page_id)
            try:
                image = load_page_qimage(project.pages.scan_file(page), page.scan_index)
            except WorkbenchError:
                pass  # its rows show no image; the text is what gets replaced
            else:
                for box in boxes:
                    deliver((page_id, box, _cut(image, box, request)))
                delivered += len(boxes)
            progress.advance(done, len(request.boxes), page.label)
    return delivered


def _cut(page: QImage, box: Box, request: CropRequest) -> QImage:
    left, top, width, height = box
    around = QRect(left, top, width, height).adjusted(-CROP_MARGIN, -CROP_MARGIN, CROP_MARGIN, CROP_MARGIN)
    return page.copy(around.intersected(page.rect())).scaled(
        QSize(request.max_width, request.height), Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
