"""Training line pairs in the tesstrain layout, so the archive's corrections can train a better model.

tesstrain (github.com/tesseract-ocr/tesstrain, "Provide ground truth") takes a folder of line images
(``.png`` or ``.tif``) each beside a transcription with the same stem and the extension ``.gt.txt``,
which "must be single-line plain text". Its scripts read the file as UTF-8 and strip surrounding
whitespace, so each ``.gt.txt`` here holds the line's corrected text and one closing ``\\n``, as a
text file ends on any POSIX system; nothing else.

Each image is the line's box on the scan with a small margin of the scan around it (so
ascenders and descenders cut by a tight OCR box are kept), in greyscale, as PNG recording the dpi.
Only pages an archivist finished (corrected or verified) make good ground truth; the batch export
enforces that, not this module.
"""

from __future__ import annotations

import io

from PIL import Image

from workbench.formats.export_model import PageExport
from workbench.formats.layout import LaidLine
from workbench.formats.scans import load_page_image
from workbench.formats.xml_output import line_text

MARGIN_OF_HEIGHT = 0.2
"""Margin around a line's box, as a share of the line's height (at least MIN_MARGIN pixels)."""
MIN_MARGIN = 4
_PNG_COMPRESS_LEVEL = 3


def line_pairs(page: PageExport) -> list[tuple[str, bytes]]:
    """``(suffix, data)`` for each line: ``_l0001.png`` and ``_l0001.gt.txt``, numbered from 1.

    The batch adds the page's file stem before each suffix.
    """
    if not page.layout.lines:
        return []
    scan = load_page_image(page.scan_path, page.scan_index).convert("L")
    files: list[tuple[str, bytes]] = []
    for number, line in enumerate(page.layout.lines, start=1):
        stem = f"_l{number:04d}"
        files.append((f"{stem}.png", _line_image(scan, line, page.dpi)))
        files.append((f"{stem}.gt.txt", (line_text(line) + "\n").encode("utf-8")))
    return files


def _line_image(scan: Image.Image, line: LaidLine, dpi: int | None) -> bytes:
    margin = max(MIN_MARGIN, round(line.height * MARGIN_OF_HEIGHT))
    box = (
        max(line.left - margin, 0), max(line.top - margin, 0),
        min(line.left + line.width + margin, scan.width), min(line.top + line.height + margin, scan.height),
    )
    buffer = io.BytesIO()
    extra = {} if dpi is None else {"dpi": (dpi, dpi)}
    scan.crop(box).save(buffer, format="PNG", compress_level=_PNG_COMPRESS_LEVEL, **extra)
    return buffer.getvalue()
