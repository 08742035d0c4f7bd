"""Searchable PDF: each scan as the page, with the corrected words as invisible text on their boxes.

A reader sees the scan exactly as it was filmed; search, copy and screen readers get the corrected
text. Each word is drawn in text render mode 3 (neither filled nor stroked) at its box, its font size
taken from its line's height and stretched horizontally to its box's width, so a viewer's selection
covers the word on the scan; a space after each word makes text extraction (``pdftotext``) split the
words as the text does. Lines go in the text's order, which is the reading order.

The page is the scan at its physical size: pixels at the scan's dpi (300 when it has none). A JPEG
scan in grey or RGB goes in as it is (no second lossy compression, no time spent); any other scan is
encoded as JPEG at JPEG_QUALITY, small enough for typewritten and photographed pages alike.

reportlab builds the whole file in memory, so a document's PDF needs about the size of its scans.
"""

from __future__ import annotations

import io
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from PIL import Image
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from workbench.formats.export_model import PageExport
from workbench.formats.layout import LaidLine
from workbench.formats.scans import load_page_image, page_image_bytes

DEFAULT_DPI = 300
JPEG_QUALITY = 75
WORD_GAP = 0.25
"""Least gap between words, in font sizes. Text extraction finds words by the gaps between glyphs
(poppler ignores the space characters) and joins words closer than about a tenth of the font size,
as OCR boxes of typewritten words often are: such a word is drawn a little narrower than its box."""
FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_FONT_NAME = "WorkbenchDejaVuSans"
_FALLBACK_FONT = "Helvetica"
_JPEG_SIGNATURE = b"\xff\xd8\xff"

# reportlab wraps every stream in ASCII85 by default, a quarter more bytes for a 7-bit safety no PDF
# reader has needed for decades; images are most of the file.
rl_config.useA85 = 0


def searchable_pdf(pages: Sequence[PageExport]) -> bytes:
    """One PDF page per PageExport, in the order given."""
    writer = SearchablePdf()
    for page in pages:
        writer.add(page)
    return writer.finish()


class SearchablePdf:
    """A PDF built page by page, so a batch can report progress (and stop) between pages."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._canvas = Canvas(self._buffer, pageCompression=1)
        self._font = _font()
        self._pages: list[PageExport] = []
        self._scratch = tempfile.TemporaryDirectory(prefix="workbench-pdf-")

    def add(self, page: PageExport) -> None:
        scale = 72 / (page.dpi or DEFAULT_DPI)
        canvas = self._canvas
        canvas.setPageSize((page.width * scale, page.height * scale))
        canvas.drawImage(self._image_file(page), 0, 0, page.width * scale, page.height * scale)
        text = canvas.beginText()
        text.setTextRenderMode(3)
        for line in page.layout.lines:
            self._draw_line(text, line, page.height, scale)
        canvas.drawText(text)
        canvas.showPage()
        self._pages.append(page)

    def finish(self) -> bytes:
        """The PDF, with the metadata of every page added: title, authors, revisions, software."""
        try:
            self._describe()
            self._canvas.save()
            return self._buffer.getvalue()
        finally:
            self._scratch.cleanup()

    def _draw_line(self, text: PDFTextObject, line: LaidLine, page_height: int, scale: float) -> None:
        ascent, descent = _metrics(self._font)
        size = max(line.height * scale / (ascent - descent), 1.0)
        # PDF's origin is the bottom left; the line's bottom edge sits on the font's descent.
        baseline = (page_height - line.top - line.height) * scale - descent * size
        text.setFont(self._font, size)
        gap = WORD_GAP * size / scale  # in pixels
        for word, following in zip(line.words, [*line.words[1:], None]):
            shown = self._shown(word.text)
            natural = pdfmetrics.stringWidth(shown, self._font, size)
            width = word.width if following is None else min(word.width, following.left - gap - word.left)
            text.setTextOrigin(word.left * scale, baseline)
            text.setHorizScale(100 * max(width, word.width / 2) * scale / natural if natural else 100)
            text.textOut(shown)
            text.setHorizScale(100)
            text.textOut(" ")

    def _shown(self, word: str) -> str:
        if self._font != _FALLBACK_FONT:
            return word
        ascii_only = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii")
        return ascii_only or "?"

    def _image_file(self, page: PageExport) -> str:
        """A ``.jpg`` file of the scan for reportlab, which embeds JPEG files without decoding them.

        reportlab reuses an image it has seen under the same file name, so each page gets a new name.
        """
        data = page_image_bytes(page.scan_path, page.scan_index)
        if not (data.startswith(_JPEG_SIGNATURE) and _jpeg_mode(data) in ("L", "RGB")):
            image = load_page_image(page.scan_path, page.scan_index)
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=JPEG_QUALITY)
            data = buffer.getvalue()
        path = Path(self._scratch.name) / f"{len(self._pages):06d}.jpg"
        path.write_bytes(data)
        return str(path)

    def _describe(self) -> None:
        canvas, pages = self._canvas, self._pages
        if not pages:
            return
        first = pages[0]
        documents = sorted({page.document_name for page in pages})
        labels = "" if len(pages) > 1 else f", {first.page_label}"
        reference = f" ({first.document_reference})" if first.document_reference and len(documents) == 1 else ""
        canvas.setTitle("; ".join(documents) + reference + labels)
        canvas.setAuthor("; ".join(sorted({page.author for page in pages})))
        canvas.setSubject(f"{first.project_name}: revisions " + ", ".join(str(p.revision_id) for p in pages))
        canvas.setKeywords(", ".join(sorted({str(page.status) for page in pages})))
        canvas.setCreator(first.software)
        canvas.setProducer(first.software)


def _jpeg_mode(data: bytes) -> str | None:
    """The JPEG's colour mode, read from its header only (a CMYK JPEG must be converted first)."""
    try:
        with Image.open(io.BytesIO(data), formats=["JPEG"]) as image:
            return image.mode
    except (OSError, ValueError):
        return None


def _font() -> str:
    """DejaVu Sans, which covers Latin, Greek and Cyrillic; Helvetica (ASCII only) when it is missing."""
    if _FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return _FONT_NAME
    try:
        pdfmetrics.registerFont(TTFont(_FONT_NAME, str(FONT_FILE)))
    except (TTFError, OSError):
        return _FALLBACK_FONT
    return _FONT_NAME


def _metrics(font: str) -> tuple[float, float]:
    """Ascent and descent (negative) of ``font`` per point of font size."""
    face = pdfmetrics.getFont(font).face
    return face.ascent / 1000, face.descent / 1000
