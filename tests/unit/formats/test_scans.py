"""Scans in: real files made from the bundled 300-dpi samples, and the damaged files archives really hold."""

from __future__ import annotations

import hashlib
import io
import shutil
import struct
import warnings
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from PIL import Image, TiffImagePlugin

from workbench.errors import UnreadableScanError
from tests.scan_files import save_images
from workbench.formats.scans import (
    PDF_RENDER_DPI,
    ScanPage,
    find_scan_files,
    load_page_image,
    page_image_bytes,
    read_scan_pages,
    sha256_of_file,
)


def _page_sizes(pages: list[ScanPage]) -> list[tuple[int, int]]:
    return [(page.width, page.height) for page in pages]


# Reading each format


@pytest.mark.parametrize(
    ("kind", "frames"), [("jpeg", 1), ("png", 1), ("single_tiff", 1), ("tiff", 3), ("pdf", 2)]
)
def test_each_format_has_one_page_per_frame_with_its_size_and_dpi(
    scans: dict[str, Path], samples: list[Image.Image], kind: str, frames: int
) -> None:
    pages = read_scan_pages(scans[kind])

    assert [(page.path, page.index, page.dpi) for page in pages] == [
        (scans[kind], index, 300) for index in range(frames)
    ]
    assert _page_sizes(pages) == [image.size for image in samples[:frames]]


def test_a_pdf_page_is_measured_as_rendered_at_the_pdf_dpi(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(612, 792))  # US Letter, 8.5 x 11 inches
        pdf.save(path)

    assert read_scan_pages(path) == [ScanPage(path, 0, 2550, 3300, PDF_RENDER_DPI)]


def test_dpi_is_none_when_the_file_declares_none(tmp_path: Path, samples: list[Image.Image]) -> None:
    path = tmp_path / "no-dpi.png"
    save_images(path, samples[:1])

    assert read_scan_pages(path)[0].dpi is None


def test_the_format_comes_from_the_content_not_the_suffix(
    tmp_path: Path, scans: dict[str, Path], samples: list[Image.Image]
) -> None:
    misnamed = tmp_path / "really-a-tiff.png"
    shutil.copy(scans["tiff"], misnamed)

    assert len(read_scan_pages(misnamed)) == 3
    assert load_page_image(misnamed, 2).size == samples[2].size


def test_an_encrypted_pdf_without_a_user_password_opens(tmp_path: Path, scans: dict[str, Path]) -> None:
    """Owner-only protection restricts editing, not reading: such a scan must import."""
    path = tmp_path / "restricted.pdf"
    with pikepdf.open(scans["pdf"]) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="archive", user=""))

    assert len(read_scan_pages(path)) == 2


# Page images


@pytest.mark.parametrize(
    ("kind", "index", "mode"),
    [
        ("jpeg", 0, "L"), ("png", 0, "L"), ("tiff", 1, "L"), ("tiff", 2, "L"),
        ("pdf", 0, "RGB"), ("pdf", 1, "RGB"),
    ],
)
def test_a_page_image_has_the_size_read_scan_pages_reported(
    scans: dict[str, Path], kind: str, index: int, mode: str
) -> None:
    page = read_scan_pages(scans[kind])[index]

    image = load_page_image(scans[kind], index)

    assert (image.mode, image.size) == (mode, (page.width, page.height))
    assert round(image.info["dpi"][0]) == 300


def test_a_tiff_frame_has_the_pixels_it_was_made_from(
    scans: dict[str, Path], samples: list[Image.Image]
) -> None:
    assert load_page_image(scans["tiff"], 1).tobytes() == samples[1].tobytes()


def test_a_bilevel_tiff_frame_becomes_grey(tmp_path: Path, samples: list[Image.Image]) -> None:
    """Group 4 fax compression is how many archives store black-and-white pages."""
    path = tmp_path / "bilevel.tif"
    save_images(path, [image.convert("1") for image in samples[:2]], compression="group4")

    image = load_page_image(path, 1)

    assert image.mode == "L"
    assert set(image.getextrema()) <= {0, 255}


@pytest.mark.parametrize("name", ["deep.png", "deep-big-endian.tif"])
def test_sixteen_bit_grey_is_scaled_not_clipped(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    deep = Image.new("I;16B" if name.endswith(".tif") else "I;16", (2, 1))
    deep.putpixel((0, 0), 0x8000)
    deep.putpixel((1, 0), 0xFFFF)
    deep.save(path)

    image = load_page_image(path, 0)

    assert image.mode == "L"
    assert [image.getpixel((0, 0)), image.getpixel((1, 0))] == [128, 255]


def test_transparent_areas_come_out_white(tmp_path: Path) -> None:
    path = tmp_path / "cut-out.png"
    Image.new("RGBA", (4, 4), (0, 0, 0, 0)).save(path)

    image = load_page_image(path, 0)

    assert (image.mode, image.getpixel((0, 0))) == ("RGB", (255, 255, 255))


@pytest.mark.parametrize(("kind", "index"), [("jpeg", 1), ("tiff", 3), ("pdf", 2), ("pdf", -1)])
def test_a_page_the_file_does_not_have_is_refused(scans: dict[str, Path], kind: str, index: int) -> None:
    with pytest.raises(UnreadableScanError, match="has no page") as raised:
        load_page_image(scans[kind], index)

    assert raised.value.path == scans[kind]


@pytest.mark.parametrize("kind", ["jpeg", "png", "single_tiff"])
def test_a_single_image_is_sent_to_ocr_as_its_own_bytes(scans: dict[str, Path], kind: str) -> None:
    assert page_image_bytes(scans[kind], 0) == scans[kind].read_bytes()


@pytest.mark.parametrize(("kind", "index"), [("tiff", 0), ("tiff", 2), ("pdf", 1)])
def test_a_tiff_frame_or_pdf_page_is_sent_to_ocr_as_a_png_with_its_dpi(
    scans: dict[str, Path], kind: str, index: int
) -> None:
    page = read_scan_pages(scans[kind])[index]

    with Image.open(io.BytesIO(page_image_bytes(scans[kind], index))) as image:
        assert (image.format, image.size) == ("PNG", (page.width, page.height))
        assert round(image.info["dpi"][0]) == 300


def test_pages_load_side_by_side_on_worker_threads(scans: dict[str, Path]) -> None:
    """Import and OCR decode on worker threads: pdfium must never run twice at once, nor filters leak."""
    filters_before = list(warnings.filters)
    jobs = [(scans[kind], index) for kind, index in [("pdf", 0), ("tiff", 1), ("pdf", 1), ("png", 0)] * 3]

    with ThreadPoolExecutor(max_workers=4) as pool:
        sizes = list(pool.map(lambda job: load_page_image(*job).size, jobs))

    assert sizes == [load_page_image(*job).size for job in jobs]
    assert warnings.filters == filters_before


def test_sha256_of_file_is_the_hex_digest_of_its_bytes(scans: dict[str, Path]) -> None:
    expected = hashlib.sha256(scans["tiff"].read_bytes()).hexdigest()

    assert sha256_of_file(scans["tiff"]) == expected


# Finding scan files


def _touch(folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"")


def test_folders_are_searched_recursively_in_natural_order(tmp_path: Path) -> None:
    _touch(tmp_path, "page10.png", "page2.PNG", "page1.jpeg", "box2/a.tiff", "box10/b.TIF", "box2/c.pdf")

    found = find_scan_files([tmp_path])

    assert [path.relative_to(tmp_path).as_posix() for path in found] == [
        "box2/a.tiff", "box2/c.pdf", "box10/b.TIF", "page1.jpeg", "page2.PNG", "page10.png"
    ]


def test_hidden_files_and_folders_and_other_suffixes_are_skipped(tmp_path: Path) -> None:
    _touch(tmp_path, "page.jpg", ".page.jpg", ".thumbs/page.jpg", "notes.txt", "page.jpg.bak")

    assert find_scan_files([tmp_path]) == [tmp_path / "page.jpg"]


def test_files_named_explicitly_are_kept_as_given_whatever_their_suffix(tmp_path: Path) -> None:
    _touch(tmp_path, "notes.txt", ".hidden.png", "folder/page.png")
    named = [tmp_path / "notes.txt", tmp_path / "folder", tmp_path / ".hidden.png"]

    assert find_scan_files(named) == [
        tmp_path / "notes.txt", tmp_path / "folder" / "page.png", tmp_path / ".hidden.png"
    ]


def test_a_path_that_does_not_exist_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "gone"

    with pytest.raises(UnreadableScanError, match="no such file or folder") as raised:
        find_scan_files([tmp_path, missing])

    assert raised.value.path == missing


# Files that cannot be used


def _cut_in_half(source: Path, target: Path) -> None:
    data = source.read_bytes()
    target.write_bytes(data[: len(data) // 2])


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _write_png_bomb(path: Path, side: int = 20_000) -> None:
    """A 1-bit PNG of side x side zero pixels: about 50 KB on disk, 400 megapixels decoded.

    Written by hand, a row at a time, because Pillow would hold the whole image in memory.
    """
    compressor = zlib.compressobj(9)
    row = bytes(1 + side // 8)  # filter byte, then 8 pixels a byte
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    chunks = _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b"")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunks)


def _write_pdf(path: Path, page_size: tuple[int, int], encryption: pikepdf.Encryption | None = None) -> None:
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=page_size)
        pdf.save(path, encryption=encryption)


def _make_bad_file(kind: str, path: Path, scans: dict[str, Path]) -> None:
    makers: dict[str, Callable[[], object]] = {
        "empty": lambda: path.write_bytes(b""),
        "truncated jpeg": lambda: _cut_in_half(scans["jpeg"], path),
        "truncated png": lambda: _cut_in_half(scans["png"], path),
        "truncated tiff": lambda: _cut_in_half(scans["tiff"], path),
        "text named png": lambda: path.write_text("Minutes of the meeting of 25 January 1939\n"),
        "password pdf": lambda: _write_pdf(
            path, (595, 842), encryption=pikepdf.Encryption(owner="archive", user="secret")
        ),
        "damaged pdf": lambda: path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40),
        "pdf without pages": lambda: pikepdf.new().save(path),
        "png bomb": lambda: _write_png_bomb(path),
        "pdf bomb": lambda: _write_pdf(path, (14_400, 14_400)),  # 200 inches square, PDF's largest
        "missing": lambda: None,
    }
    makers[kind]()


UNUSABLE_FILES = [
    ("empty", "the file is empty"),
    ("truncated jpeg", "truncated or damaged"),
    ("truncated png", "truncated or damaged"),
    ("truncated tiff", "truncated or damaged"),
    ("text named png", "not a PNG, JPEG, TIFF or PDF file"),
    ("password pdf", "protected by a password"),
    ("damaged pdf", "the PDF is damaged"),
    ("pdf without pages", "the PDF is damaged"),
    ("png bomb", "(400 megapixels, the limit is 150): refusing a possible decompression bomb"),
    ("pdf bomb", "decompression bomb"),
    ("missing", "no such file or folder"),
]


def _refusal(
    tmp_path: Path, scans: dict[str, Path], kind: str, read: Callable[[Path], object]
) -> UnreadableScanError:
    """Make the unusable file ``kind``, and check that ``read`` refuses it by name."""
    path = tmp_path / f"{kind.replace(' ', '-')}.png"
    _make_bad_file(kind, path, scans)
    with pytest.raises(UnreadableScanError) as raised:
        read(path)
    assert raised.value.path == path
    assert str(path) in str(raised.value)
    return raised.value


@pytest.mark.parametrize(("kind", "reason"), UNUSABLE_FILES)
def test_read_scan_pages_refuses_an_unusable_file_with_a_reason_naming_it(
    tmp_path: Path, scans: dict[str, Path], kind: str, reason: str
) -> None:
    assert reason in _refusal(tmp_path, scans, kind, read_scan_pages).reason


# The first frame of the halved TIFF is intact; its damaged frame is covered by the next test.
@pytest.mark.parametrize(("kind", "reason"), [bad for bad in UNUSABLE_FILES if bad[0] != "truncated tiff"])
def test_load_page_image_refuses_an_unusable_file_with_a_reason_naming_it(
    tmp_path: Path, scans: dict[str, Path], kind: str, reason: str
) -> None:
    assert reason in _refusal(tmp_path, scans, kind, lambda path: load_page_image(path, 0)).reason


def test_a_multi_frame_tiff_with_a_damaged_frame_is_refused_when_its_page_is_sent(
    tmp_path: Path, scans: dict[str, Path]
) -> None:
    path = tmp_path / "half.tif"
    _cut_in_half(scans["tiff"], path)

    with pytest.raises(UnreadableScanError, match="truncated or damaged"):
        page_image_bytes(path, 1)


def test_a_warning_from_pillow_is_an_error_not_a_warning(tmp_path: Path, samples: list[Image.Image]) -> None:
    """A compressed TIFF missing its last bytes decodes with only Pillow's "Truncated File Read" warning."""
    whole = io.BytesIO()
    save_images(whole, samples, format="TIFF", compression="tiff_lzw")
    path = tmp_path / "short.tif"
    path.write_bytes(whole.getvalue()[:-100])

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UnreadableScanError, match="Truncated File Read"):
            read_scan_pages(path)


def test_a_warning_from_elsewhere_while_decoding_is_passed_on_not_blamed_on_the_scan(
    monkeypatch: pytest.MonkeyPatch, scans: dict[str, Path]
) -> None:
    """While a page decodes, every thread's warnings are caught; only Pillow's mean a damaged file."""
    load = TiffImagePlugin.TiffImageFile.load

    def load_while_another_thread_warns(image: TiffImagePlugin.TiffImageFile) -> Any:
        warnings.warn("a warning from another worker", UserWarning)
        return load(image)

    monkeypatch.setattr(TiffImagePlugin.TiffImageFile, "load", load_while_another_thread_warns)

    with pytest.warns(UserWarning, match="a warning from another worker"):
        assert len(read_scan_pages(scans["tiff"])) == 3


def test_pillows_own_lower_pixel_limit_neither_warns_nor_refuses(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, samples: list[Image.Image]
) -> None:
    """MAX_PIXELS decides; Pillow's limit (lowered here so that a sample page exceeds it) stays silent.

    Compressed, because Pillow maps an uncompressed TIFF into memory without checking its size.
    """
    path = tmp_path / "lzw.tif"
    save_images(path, samples, compression="tiff_lzw")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 4_000_000)

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(read_scan_pages(path)) == 3


def test_an_empty_pdf_read_after_a_password_protected_one_is_not_called_protected(
    tmp_path: Path, scans: dict[str, Path]
) -> None:
    """pdfium's error code is left over from the last failure when a PDF loads with no pages."""
    _refusal(tmp_path, scans, "password pdf", read_scan_pages)

    assert _refusal(tmp_path, scans, "pdf without pages", read_scan_pages).reason == "the PDF is damaged"


def test_sha256_of_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableScanError, match="no such file or folder"):
        sha256_of_file(tmp_path / "gone.tif")
