"""Page images for display: each format at the size the importer measured, as stored, or refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from workbench.errors import UnreadableScanError
from workbench.formats.scans import load_page_image, read_scan_pages
from workbench.ui.page_images import load_page_qimage, thumbnail_qimage

EXIF_ORIENTATION = 0x0112
ROTATED_90 = 6


def as_pil(image: QImage) -> Image.Image:
    """A Grayscale8 QImage as a Pillow image, without the padding Qt adds to its rows."""
    assert image.format() == QImage.Format.Format_Grayscale8
    data = bytes(image.constBits())
    size = (image.width(), image.height())
    return Image.frombuffer("L", size, data, "raw", "L", image.bytesPerLine(), 1)


@pytest.mark.parametrize(("kind", "index"), [("jpeg", 0), ("png", 0), ("tiff", 2), ("pdf", 1)])
def test_a_page_has_the_size_the_importer_measured(
    scans: dict[str, Path], kind: str, index: int
) -> None:
    page = read_scan_pages(scans[kind])[index]

    image = load_page_qimage(scans[kind], index)

    assert image.size() == QSize(page.width, page.height)


@pytest.mark.parametrize(("kind", "index"), [("png", 0), ("tiff", 1), ("tiff", 2)])
def test_a_lossless_page_has_the_pixels_ocr_reads(scans: dict[str, Path], kind: str, index: int) -> None:
    image = load_page_qimage(scans[kind], index)

    assert as_pil(image).tobytes() == load_page_image(scans[kind], index).tobytes()


def test_a_jpeg_page_differs_from_pillows_decoding_by_rounding_at_most(scans: dict[str, Path]) -> None:
    shown = as_pil(load_page_qimage(scans["jpeg"], 0))

    difference = ImageChops.difference(shown, load_page_image(scans["jpeg"], 0))


    assert ImageStat.Stat(difference).mean[0] < 1


def test_exif_orientation_is_not_applied_because_word_boxes_are_in_stored_pixels(
    tmp_path: Path, samples: list[Image.Image]
) -> None:
    path = tmp_path / "rotated.jpg"
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = ROTATED_90
    samples[0].save(path, exif=exif)

    assert load_page_qimage(path, 0).size() == QSize(*samples[0].size)
    assert thumbnail_qimage(path, 0).width() < thumbnail_qimage(path, 0).height()


def test_a_pdf_page_comes_from_the_core_renderer(scans: dict[str, Path]) -> None:
    image = load_page_qimage(scans["pdf"], 0)

    assert image.format() == QImage.Format.Format_RGB888
    assert QColor(image.pixel(0, 0)).lightness() > 200  # paper, not an uninitialised buffer


# Qt's TIFF plugin logs libtiff's complaints before it gives the page up to the core.
LIBTIFF_COMPLAINTS = pytest.mark.qt_log_ignore("StripByteCounts", "Read error on strip")


@pytest.mark.parametrize("kind", ["jpeg", "png", pytest.param("single_tiff", marks=LIBTIFF_COMPLAINTS)])
def test_a_truncated_file_is_unreadable(tmp_path: Path, scans: dict[str, Path], kind: str) -> None:
    data = scans[kind].read_bytes()
    path = tmp_path / scans[kind].name
    path.write_bytes(data[: len(data) * 2 // 3])

    with pytest.raises(UnreadableScanError, match="truncated or damaged"):
        load_page_qimage(path, 0)


def test_a_page_the_file_lacks_is_unreadable(scans: dict[str, Path]) -> None:
    with pytest.raises(UnreadableScanError, match="no page 4"):
        load_page_qimage(scans["tiff"], 3)
    with pytest.raises(UnreadableScanError, match="no page 2"):
        load_page_qimage(scans["jpeg"], 1)


def test_a_file_that_is_no_scan_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("not an image")

    with pytest.raises(UnreadableScanError, match="not a PNG, JPEG, TIFF or PDF"):
        load_page_qimage(path, 0)


def test_transparency_is_flattened_onto_white_paper(tmp_path: Path) -> None:
    path = tmp_path / "transparent.png"
    Image.new("RGBA", (30, 20), (0, 0, 0, 0)).save(path)

    image = load_page_qimage(path, 0)

    assert not image.hasAlphaChannel()
    assert QColor(image.pixel(5, 5)) == QColor("white")


@pytest.mark.parametrize(("mode", "options"), [("1", {"compression": "group4"}), ("I;16", {})])
def test_bilevel_and_16_bit_pages_become_8_bit_grey(
    tmp_path: Path, mode: str, options: dict[str, str]
) -> None:
    path = tmp_path / "page.tif"
    Image.new(mode, (30, 20), 0).save(path, **options)

    assert load_page_qimage(path, 0).format() == QImage.Format.Format_Grayscale8


@pytest.mark.parametrize(("kind", "index"), [("jpeg", 0), ("tiff", 2), ("pdf", 1)])
def test_a_thumbnail_keeps_the_pages_proportions_within_the_longer_side(
    scans: dict[str, Path], kind: str, index: int
) -> None:
    page = read_scan_pages(scans[kind])[index]

    thumbnail = thumbnail_qimage(scans[kind], index, max_side=160)

    assert thumbnail.height() == 160  # the samples are portrait pages
    assert thumbnail.width() == pytest.approx(160 * page.width / page.height, abs=1)


def test_a_small_page_is_not_enlarged_into_a_thumbnail(tmp_path: Path) -> None:
    path = tmp_path / "small.png"
    Image.new("L", (50, 40), 255).save(path)

    assert thumbnail_qimage(path, 0, max_side=160).size() == QSize(50, 40)
