"""Building scan files of every kind from the sample pages, for the tests that read them."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

from PIL import Image


def save_images(target: Path | io.BytesIO, images: list[Image.Image], **options: Any) -> None:
    """Save ``images`` as one file, from copies: Pillow keeps encoder state on the images it saves,
    which breaks a later save of the same images with other options."""
    first, *rest = [image.copy() for image in images]
    first.save(target, save_all=True, append_images=rest, **options)


def decoded_samples(sample_scans: list[Path]) -> list[Image.Image]:
    """The first three sample pages, decoded (mode L, 300 dpi, each a different size)."""
    images = []
    for path in sample_scans[:3]:
        with Image.open(path) as image:
            images.append(image.copy())
    return images


def scan_files(folder: Path, sample_scan: Path, samples: list[Image.Image]) -> dict[str, Path]:
    """One valid file of each kind: a JPEG, a PNG, a one-frame TIFF, a three-frame TIFF, a two-page PDF."""
    files = {
        "jpeg": folder / "page.jpg",
        "png": folder / "page.png",
        "single_tiff": folder / "one.tif",
        "tiff": folder / "three.tif",
        "pdf": folder / "two.pdf",
    }
    shutil.copy(sample_scan, files["jpeg"])
    save_images(files["png"], samples[:1], dpi=(300, 300))
    save_images(files["single_tiff"], samples[:1], dpi=(300, 300))
    save_images(files["tiff"], samples, dpi=(300, 300))
    save_images(files["pdf"], samples[:2], resolution=300)
    return files
