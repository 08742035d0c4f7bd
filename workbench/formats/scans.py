"""Scanned pages in: find scan files, prove they decode, and hand out one page at a time.

Every file is treated as hostile. Its format is read from its content, never its name, and only the
four formats below are decoded, each by the one decoder its content names. A page's pixel count is
checked before anything is decoded, and every Pillow or pdfium failure, exception or warning, becomes
an UnreadableScanError whose reason a person understands.

Two locks make this safe on worker threads. pdfium must never run on two threads at once, not even for
different documents. Pillow's warnings are caught with ``warnings.catch_warnings``, which swaps
process-wide state and is not thread-safe before Python 3.14, so two threads must not interleave it.

The four formats share one module because every caller wants one answer to "what pages does this
file have?"; past 400 lines, the pdfium half is where it would split.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import math
import os
import threading
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from natsort import natsorted, ns
from PIL import Image, ImageFile, JpegImagePlugin, PngImagePlugin, TiffImagePlugin

from workbench.errors import UnreadableScanError

SCAN_SUFFIXES: frozenset[str] = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf"})
PDF_RENDER_DPI = 300
MAX_PIXELS: int = 150_000_000
"""Pixels per page; a 600-dpi A2 scan (140 megapixels) fits, a page that claims more is refused as a
possible decompression bomb. This is checked before Pillow's own, lower limit (about 89 megapixels
by default), whose warning is therefore ignored: this module never changes Image.MAX_IMAGE_PIXELS."""

_Format = Literal["PNG", "JPEG", "TIFF", "PDF"]

# Acrobat accepts a PDF header anywhere in the first 1024 bytes, and so does pdfium.
_HEAD_BYTES = 1024
_SIGNATURES: tuple[tuple[bytes, _Format], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"II+\x00", "TIFF"),  # BigTIFF, for scans over 4 GB
    (b"MM\x00+", "TIFF"),
)
_IMAGE_FILES: dict[_Format, type[ImageFile.ImageFile]] = {
    "PNG": PngImagePlugin.PngImageFile,
    "JPEG": JpegImagePlugin.JpegImageFile,
    "TIFF": TiffImagePlugin.TiffImageFile,
}
_DAMAGED_IMAGE = "the image data is truncated or damaged"
_DAMAGED_PDF = "the PDF is damaged"
_PDF_LOAD_REASONS: dict[int, str] = {
    pdfium_raw.FPDF_ERR_PASSWORD: "the PDF is protected by a password",
    pdfium_raw.FPDF_ERR_SECURITY: "the PDF is protected in a way that cannot be opened",
}
# PDF lengths are in points of 1/72 inch. 300/72 is stored a hair too large, which would make
# pypdfium2's rounding up add a white row to a page that is a whole number of pixels (Letter: 3301).
_PDF_SCALE = math.nextafter(PDF_RENDER_DPI / 72, 0)
# About twice as fast as Pillow's default (6) on a 300-dpi page, and about as small.
_PNG_COMPRESS_LEVEL = 3

_PDFIUM_LOCK = threading.Lock()
_PILLOW_WARNINGS_LOCK = threading.Lock()
_PILLOW_FOLDER = Path(Image.__file__).parent


@dataclass(frozen=True)
class ScanPage:
    """One page of a scan file, as proven readable."""

    path: Path
    index: int
    """TIFF frame or PDF page number, 0-based; 0 for single images."""
    width: int
    """Pixels; for a PDF, of the page rendered at PDF_RENDER_DPI."""
    height: int
    dpi: int | None
    """From the file's metadata when present; PDF_RENDER_DPI for PDFs."""


def find_scan_files(paths: Iterable[Path]) -> list[Path]:
    """The scan files named by ``paths``, in the order an archivist expects.

    Folders are searched recursively for SCAN_SUFFIXES (any case), skipping hidden files and folders,
    in natural order (page2 before page10). Files named explicitly are returned as given whatever their
    suffix, so that the importer reports the ones it cannot read instead of silently dropping them.

    Raises:
        UnreadableScanError: A path does not exist, or a folder cannot be listed.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_scans_in_folder(path))
        elif path.exists():
            found.append(path)
        else:
            raise UnreadableScanError(path, "no such file or folder")
    return found


def read_scan_pages(path: Path) -> list[ScanPage]:
    """One ScanPage per page, after proving that every page decodes.

    Images are decoded fully, frame by frame, so that a truncated file fails here, at import, rather
    than later in front of the archivist. PDF pages are loaded but not rendered: pdfium reports damage
    when it loads a document or a page, while rendering never reports anything.

    Raises:
        UnreadableScanError: With a reason a person understands.
    """
    found = _detect_format(path)
    if found == "PDF":
        return _pdf_pages(path)
    return _image_pages(path, found)


def load_page_image(path: Path, index: int) -> Image.Image:
    """The page as an image in mode L or RGB, for OCR and display.

    PDF pages are rendered at PDF_RENDER_DPI. ``info["dpi"]`` carries the resolution when it is known.

    Raises:
        UnreadableScanError: As read_scan_pages, or the file has no such page (it changed since import).
    """
    return _page_image(path, _detect_format(path), index)


def page_image_bytes(path: Path, index: int) -> bytes:
    """An encoded image of one page that an OCR worker on another machine can read.

    A single-page PNG, JPEG or TIFF is sent as its own bytes: fastest, and the pixels stay identical.
    A TIFF frame or a PDF page becomes a PNG that records the resolution, so OCR need not guess it.

    Raises:
        UnreadableScanError: As load_page_image.
    """
    found = _detect_format(path)
    if found == "PDF" or index != 0 or not _is_single_frame(path, found):
        return _png_bytes(_page_image(path, found, index))
    try:
        return path.read_bytes()
    except OSError as error:
        raise _unreadable_file(path, error) from error


def sha256_of_file(path: Path) -> str:
    """Hex SHA-256 of the file, read in chunks because scans can be large.

    Raises:
        UnreadableScanError: The file cannot be read.
    """
    try:
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError as error:
        raise _unreadable_file(path, error) from error


# Files and folders


def _scans_in_folder(folder: Path) -> list[Path]:
    """Scan files below ``folder`` in natural path order, leaving out hidden files and folders."""

    def refuse(error: OSError) -> None:
        # os.walk would otherwise skip an unreadable subfolder, and its pages, without a word.
        raise UnreadableScanError(Path(error.filename), f"the folder cannot be read ({error.strerror})")

    found: list[Path] = []
    for root, folders, files in os.walk(folder, onerror=refuse):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found.extend(
            Path(root, name)
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() in SCAN_SUFFIXES
        )
    return natsorted(found, alg=ns.PATH | ns.IGNORECASE)


def _detect_format(path: Path) -> _Format:
    """The format the file's first bytes announce, whatever its name says."""
    try:
        with path.open("rb") as file:
            head = file.read(_HEAD_BYTES)
    except OSError as error:
        raise _unreadable_file(path, error) from error
    if not head:
        raise UnreadableScanError(path, "the file is empty")
    for signature, found in _SIGNATURES:
        if head.startswith(signature):
            return found
    if b"%PDF-" in head:
        return "PDF"
    raise UnreadableScanError(path, "not a PNG, JPEG, TIFF or PDF file")


def _unreadable_file(path: Path, error: OSError) -> UnreadableScanError:
    if isinstance(error, FileNotFoundError):
        return UnreadableScanError(path, "no such file or folder")
    if isinstance(error, IsADirectoryError):
        return UnreadableScanError(path, "this is a folder, not a scan file")
    return UnreadableScanError(path, f"the file cannot be read ({error.strerror or error})")


def _no_such_page(path: Path, index: int) -> UnreadableScanError:
    return UnreadableScanError(path, f"the file has no page {index + 1}")


def _refuse_bomb(path: Path, width: int, height: int) -> None:
    """Refuse a page whose pixels could exhaust memory, before any of them is decoded."""
    pixels = width * height
    if pixels > MAX_PIXELS:
        raise UnreadableScanError(
            path,
            f"the image is too large ({pixels / 1e6:,.0f} megapixels, the limit is "
            f"{MAX_PIXELS / 1e6:,.0f}): refusing a possible decompression bomb",
        )


def _page_image(path: Path, found: _Format, index: int) -> Image.Image:
    if found == "PDF":
        return _render_pdf_page(path, index)
    return _load_image_page(path, found, index)


def _png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=_PNG_COMPRESS_LEVEL, dpi=image.info.get("dpi"))
    return buffer.getvalue()


# PNG, JPEG and TIFF through Pillow


@contextlib.contextmanager
def _decoding(path: Path) -> Iterator[None]:
    """Run Pillow code so that anything it raises or warns about becomes an UnreadableScanError.

    Pillow reports damage through many exception types, and some damage only through a warning: a
    TIFF that lacks its last bytes decodes with nothing but "Truncated File Read".
    """
    with _PILLOW_WARNINGS_LOCK, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # _refuse_bomb has already accepted the size (see MAX_PIXELS).
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            yield
        except (UnreadableScanError, MemoryError):
            raise
        except Exception as error:  # OSError, SyntaxError, ValueError, TypeError, struct.error, ...
            raise UnreadableScanError(path, _DAMAGED_IMAGE) from error
    pillows = [warning for warning in caught if _PILLOW_FOLDER in Path(warning.filename).parents]
    for warning in caught:
        if warning not in pillows:  # another thread's, caught while the lock was held: pass it on
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    if pillows:
        raise UnreadableScanError(path, f"{_DAMAGED_IMAGE} ({pillows[0].message})")


@contextlib.contextmanager
def _opened_image(path: Path, found: _Format) -> Iterator[ImageFile.ImageFile]:
    """The image file opened by the Pillow plugin its content names.

    The plugin is called directly rather than through Image.open, so that Pillow never tries its other
    plugins on hostile input, and never applies its own pixel limit before _refuse_bomb can.
    """
    with _decoding(path):
        image = _IMAGE_FILES[found](path)
    with image:
        yield image


def _has_frame(path: Path, image: Image.Image, index: int) -> bool:
    """Move to frame ``index``; False when the file has no such frame."""
    with _decoding(path):
        try:
            image.seek(index)
        except EOFError:
            return False
    return True


def _decode_frame(path: Path, image: Image.Image, index: int) -> bool:
    """Move to frame ``index`` and decode all of it; False when the file has no such frame."""
    if not _has_frame(path, image, index):
        return False
    _refuse_bomb(path, image.width, image.height)
    with _decoding(path):
        image.load()
    return True


def _image_pages(path: Path, found: _Format) -> list[ScanPage]:
    pages: list[ScanPage] = []
    with _opened_image(path, found) as image:
        while _decode_frame(path, image, len(pages)):
            pages.append(ScanPage(path, len(pages), image.width, image.height, _dpi(image.info)))
    return pages


def _load_image_page(path: Path, found: _Format, index: int) -> Image.Image:
    with _opened_image(path, found) as image:
        if not _decode_frame(path, image, index):
            raise _no_such_page(path, index)
        with _decoding(path):
            return _as_l_or_rgb(image)


def _is_single_frame(path: Path, found: _Format) -> bool:
    with _opened_image(path, found) as image:
        return not _has_frame(path, image, 1)


def _dpi(info: dict[Any, Any]) -> int | None:
    """The horizontal resolution the file declares, or None when it declares none or nonsense."""
    try:
        dpi = round(float(info["dpi"][0]))
    except (KeyError, TypeError, ValueError, IndexError, OverflowError):
        return None
    return dpi if dpi > 0 else None


def _as_l_or_rgb(image: Image.Image) -> Image.Image:
    """A new image in mode L or RGB, the modes OCR engines and Qt take without surprises."""
    if image.mode.startswith("I"):
        # Deeper than 8 bits means 16-bit grey in scans; convert("L") would clip it, not scale it.
        return image.convert("I").point(lambda value: value / 256).convert("L")
    if image.has_transparency_data:
        return _flattened_on_white(image)
    return image.convert("L" if image.mode in ("1", "L", "F") else "RGB")


def _flattened_on_white(image: Image.Image) -> Image.Image:
    """The image over white paper: dropping the alpha channel would show transparent areas black."""
    # Pillow converts premultiplied grey ("La", which TIFF can hold) only to "LA".
    rgba = (image.convert("LA") if image.mode == "La" else image).convert("RGBA")
    flattened = Image.alpha_composite(Image.new("RGBA", image.size, "white"), rgba).convert("RGB")
    flattened.info = image.info.copy()
    return flattened


# PDF through pdfium


@contextlib.contextmanager
def _pdf_document(path: Path) -> Iterator[Any]:
    """The open PDF, with the pdfium lock held until it is closed again."""
    with _PDFIUM_LOCK:
        # pdfium sets its last error only when a load fails, yet pypdfium2 also refuses a PDF with no
        # pages and then reports whatever failed before (a password, say). A load sure to fail first
        # turns that stale error into "format", which reads as damaged.
        pdfium_raw.FPDF_LoadMemDocument64(b"", 0, None)
        try:
            document = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as error:
            raise UnreadableScanError(path, _PDF_LOAD_REASONS.get(error.err_code, _DAMAGED_PDF)) from error
        except OSError as error:
            raise _unreadable_file(path, error) from error
        with document:
            yield document


@contextlib.contextmanager
def _pdf_page(path: Path, document: Any, index: int) -> Iterator[Any]:
    if not 0 <= index < len(document):
        raise _no_such_page(path, index)
    try:
        page = document[index]
    except pdfium.PdfiumError as error:
        raise UnreadableScanError(path, f"{_DAMAGED_PDF} (page {index + 1} cannot be read)") from error
    with contextlib.closing(page):
        yield page


def _rendered_size(path: Path, page: Any, index: int) -> tuple[int, int]:
    """The pixel size of the page rendered at PDF_RENDER_DPI, refused if empty or too large.

    Rounded up as pypdfium2's render() does, so that it matches the rendered image exactly.
    """
    width, height = (math.ceil(length * _PDF_SCALE) for length in page.get_size())
    if width < 1 or height < 1:
        raise UnreadableScanError(path, f"{_DAMAGED_PDF} (page {index + 1} has no area)")
    _refuse_bomb(path, width, height)
    return width, height


def _pdf_pages(path: Path) -> list[ScanPage]:
    pages: list[ScanPage] = []
    with _pdf_document(path) as document:
        for index in range(len(document)):
            with _pdf_page(path, document, index) as page:
                width, height = _rendered_size(path, page, index)
            pages.append(ScanPage(path, index, width, height, PDF_RENDER_DPI))
    return pages


def _render_pdf_page(path: Path, index: int) -> Image.Image:
    with _pdf_document(path) as document, _pdf_page(path, document, index) as page:
        _rendered_size(path, page, index)
        bitmap = page.render(scale=_PDF_SCALE)
        try:
            # A 3-byte BGR bitmap is copied into the new RGB image, which so outlives the bitmap.
            image: Image.Image = bitmap.to_pil()
        finally:
            bitmap.close()
    image.info["dpi"] = (PDF_RENDER_DPI, PDF_RENDER_DPI)
    return image
