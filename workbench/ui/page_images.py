"""Scan pages as QImages for display: Qt's fast decoder for intact images, the core's careful one else.

``QImageReader`` decodes PNG, JPEG and TIFF pages and, for thumbnails, JPEG pages at a reduced size
without decoding every pixel. It is only trusted with files it cannot misread silently: Qt shows a
truncated JPEG with a grey bottom and no error, so a JPEG or PNG must end with its end marker to take
the fast path. Everything else (PDF pages, BigTIFF, damaged or unusual files, pages too large for Qt's
allocation limit) goes through ``workbench.formats.scans.load_page_image``, which owns the rules for
hostile files and words the errors. A damaged TIFF reaches it too, after Qt's TIFF plugin has logged
libtiff's complaint and given up.

Pixels stay as stored: EXIF orientation is not applied, because OCR word boxes are in stored-pixel
coordinates. The functions run in background jobs, so they make QImages only, never QPixmaps.
"""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter

from workbench.project import MAX_PIXELS, load_page_image

_JPEG_START = b"\xff\xd8\xff"
_JPEG_END = b"\xff\xd9"
_PNG_START = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the IEND chunk: empty, with its fixed CRC
_TIFF_STARTS = (b"II*\x00", b"MM\x00*")
_TAIL_BYTES = len(_PNG_END)
_WIDEST_PIXEL_BYTES = 4  # Qt decodes colour pages to 32-bit pixels
_BILEVEL_FORMATS = (QImage.Format.Format_Mono, QImage.Format.Format_MonoLSB)
_PIL_FORMATS = {"L": QImage.Format.Format_Grayscale8, "RGB": QImage.Format.Format_RGB888}


def load_page_qimage(path: Path, index: int) -> QImage:
    """Page ``index`` of the scan at ``path`` (TIFF frame or PDF page, 0-based) at its full size.

    The image is Grayscale8 for grey and bilevel scans, RGB otherwise, with any transparency
    flattened onto white as OCR saw it.

    Raises:
        UnreadableScanError: The file cannot be read, is damaged, or has no such page.
    """
    image = _read_with_qt(path, index, max_side=None)
    if image is None:
        image = _from_pil(load_page_image(path, index))
    return _displayable(image)


def thumbnail_qimage(path: Path, index: int, max_side: int = 160) -> QImage:
    """Page ``index`` of the scan at ``path`` scaled so that its longer side is at most ``max_side``.

    Raises:
        UnreadableScanError: As load_page_qimage.
    """
    image = _read_with_qt(path, index, max_side=max_side)
    if image is None:
        full = _from_pil(load_page_image(path, index))
        image = full.scaled(
            _fitted(full.size(), max_side),
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return _displayable(image)


def _read_with_qt(path: Path, index: int, *, max_side: int | None) -> QImage | None:
    """The page decoded by QImageReader, or None when the careful path must decide.

    Returns None rather than raising for every failure, so that the core's load_page_image finds
    the same failure and reports it in its own words.
    """
    image_format = _intact_format(path)
    if image_format is None:
        return None
    reader = QImageReader(str(path), image_format)
    reader.setAutoTransform(False)
    if index and not reader.jumpToImage(index):
        return None
    size = reader.size()
    if not _within_limits(size):
        return None
    if max_side is not None:
        reader.setScaledSize(_fitted(size, max_side))
    image = reader.read()
    return None if image.isNull() else image


def _intact_format(path: Path) -> bytes | None:
    """The Qt format name for a PNG, JPEG or TIFF file that is not visibly truncated, else None.

    The format comes from the content, never the name, as in workbench.formats.scans.
    """
    try:
        with path.open("rb") as file:
            head = file.read(len(_PNG_START))
            file.seek(-_TAIL_BYTES, os.SEEK_END)
            tail = file.read(_TAIL_BYTES)
    except OSError:  # also a file shorter than the tail
        return None
    if head.startswith(_JPEG_START) and tail.endswith(_JPEG_END):
        return b"jpeg"
    if head == _PNG_START and tail == _PNG_END:
        return b"png"
    if head.startswith(_TIFF_STARTS):
        return b"tiff"
    return None


def _within_limits(size: QSize) -> bool:
    """Whether Qt may decode a page of ``size``.

    A page over MAX_PIXELS is left to the core, which refuses it by name; one over Qt's allocation
    limit would be refused by Qt with a logged warning, and Pillow's smaller pixels fit instead.
    """
    if not size.isValid():
        return False
    pixels = size.width() * size.height()
    limit_megabytes = QImageReader.allocationLimit()
    within_qt = limit_megabytes == 0 or pixels * _WIDEST_PIXEL_BYTES <= limit_megabytes * 1024 * 1024
    return pixels <= MAX_PIXELS and within_qt


def _fitted(size: QSize, max_side: int) -> QSize:
    """``size`` shrunk, never enlarged, so that its longer side is at most ``max_side``."""
    if max(size.width(), size.height()) <= max_side:
        return size
    return size.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio).expandedTo(QSize(1, 1))


def _from_pil(image: Image.Image) -> QImage:
    """A QImage owning a copy of the pixels of an L or RGB image (what load_page_image returns)."""
    data = image.tobytes()  # rows packed without padding, so a row is width * bands bytes
    row_bytes = image.width * len(image.getbands())
    # The QImage only borrows ``data``; copy() gives it pixels of its own before ``data`` goes.
    return QImage(data, image.width, image.height, row_bytes, _PIL_FORMATS[image.mode]).copy()


def _displayable(image: QImage) -> QImage:
    """The image in a format that scales smoothly and shows what OCR saw.

    Bilevel and palette pages become grey or RGB, because a smoothly downscaled 1-bit page loses
    its thin strokes; 16-bit grey becomes 8-bit; transparency is flattened onto white paper.
    """
    if image.hasAlphaChannel():
        return _flattened_on_white(image)
    if image.format() in _BILEVEL_FORMATS or image.format() == QImage.Format.Format_Grayscale16:
        return image.convertToFormat(QImage.Format.Format_Grayscale8)
    if image.format() == QImage.Format.Format_Indexed8:
        grey = image.isGrayscale()  # Qt's answer for 8-bit palettes only; bilevel ones are grey anyway
        return image.convertToFormat(
            QImage.Format.Format_Grayscale8 if grey else QImage.Format.Format_RGB32
        )
    return image


def _flattened_on_white(image: QImage) -> QImage:
    flattened = QImage(image.size(), QImage.Format.Format_RGB32)
    flattened.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(flattened)
    painter.drawImage(0, 0, image)
    painter.end()
    return flattened
