"""JSON of one or more pages: the corrected words, their boxes and the revision, for scripts and search.

The shape is stable: keys are never renamed or removed, only added (``version`` says which: 2 added
``ocr``, the recognition the words came from, null for a page without OCR).
Boxes are scan pixels, ``left``/``top`` of the top-left corner; confidences are the OCR's, 0..100,
and 100 for a word the archivist changed (``changed``: true). Example (one page, one line, shortened)::

    {
      "format": "workbench-pages",
      "version": 2,
      "software": "Workbench 0.1.0",
      "pages": [
        {
          "project": "Bucharest legation",
          "document": {"name": "Bucharest despatch", "reference": "RG 59"},
          "page": {"id": 12, "label": "US_02", "position": 2, "status": "corrected"},
          "scan": {"file": "US_02.jpg", "index": 0, "width": 1926, "height": 3219, "dpi": 300},
          "revision": {"id": 40, "kind": "edit", "author": "ana", "created": "2026-11-27T05:00:54+00:00"},
          "ocr": {"engine": "tesseract", "version": "5.3.0", "settings": "languages eng, page segmentation mode 3",
                  "created": "2026-11-26T16:12:03+00:00"},
          "text": "influences may be brought",
          "lines": [
            {
              "box": {"left": 339, "top": 284, "width": 785, "height": 46},
              "block": 1,
              "paragraph": 1,
              "text": "influences may be brought",
              "words": [
                {"text": "influences", "box": {"left": 339, "top": 284, "width": 279, "height": 35},
                 "confidence": 91.0, "changed": false}
              ]
            }
          ]
        }
      ]
    }
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

from workbench.formats.export_model import PageExport
from workbench.formats.layout import LaidLine
from workbench.formats.xml_output import Boxed

FORMAT = "workbench-pages"
VERSION = 2


def write_json(page: PageExport) -> bytes:
    return write_json_pages([page])


def write_json_pages(pages: Sequence[PageExport]) -> bytes:
    """All ``pages`` in one document, in the order given."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "software": pages[0].software if pages else "",
        "pages": [_page(page) for page in pages],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _page(page: PageExport) -> dict[str, object]:
    return {
        "project": page.project_name,
        "document": {"name": page.document_name, "reference": page.document_reference},
        "page": {"id": page.page_id, "label": page.page_label, "position": page.position,
                 "status": page.status},
        "scan": {"file": page.scan_path.name, "index": page.scan_index, "width": page.width,
                 "height": page.height, "dpi": page.dpi},
        "revision": {"id": page.revision_id, "kind": page.revision_kind, "author": page.author,
                     "created": page.created},
        "ocr": None if page.ocr is None else dataclasses.asdict(page.ocr),
        "text": page.text,
        "lines": [_line(line) for line in page.layout.lines],
    }


def _line(line: LaidLine) -> dict[str, object]:
    return {
        "box": _box(line),
        "block": line.block,
        "paragraph": line.paragraph,
        "text": " ".join(word.text for word in line.words),
        "words": [
            {"text": word.text, "box": _box(word), "confidence": word.confidence, "changed": word.changed}
            for word in line.words
        ],
    }


def _box(item: Boxed) -> dict[str, int]:
    return {"left": item.left, "top": item.top, "width": item.width, "height": item.height}
