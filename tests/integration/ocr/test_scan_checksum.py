"""A scan whose contents changed since it was added is refused at recognition, even at the same size."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.records import OcrSettings
from workbench.project import Project

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]

CHANGED = "the scan has changed since it was added (checksum differs); relink or re-add it"
ONE_LOOK = OcrSettings(second_look=False)  # what is read does not matter here, only which pages are


def flip_bytes_in_the_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 16] = bytes(byte ^ 0xFF for byte in data[middle:middle + 16])
    path.write_bytes(bytes(data))


@pytest.mark.live_ocr
def test_a_scan_swapped_for_another_page_of_the_same_size_is_refused(
    tmp_path: Path, sample_scans: list[Path]
) -> None:
    swapped, kept, other = tmp_path / "swapped.jpg", tmp_path / "kept.jpg", sample_scans[1]
    shutil.copy(sample_scans[0], swapped)
    shutil.copy(sample_scans[2], kept)
    with Project.create(tmp_path / "p.wbproj") as project:
        project.pages.add_scans([swapped, kept])
        size = swapped.stat().st_size
        assert other.stat().st_size < size
        swapped.write_bytes(other.read_bytes().ljust(size, b"\0"))  # another page, the same size

        summary = project.recognition.recognise(jobs=2, settings=ONE_LOOK)

        first, second = project.pages.all()
        assert summary.recognised == 1
        assert summary.failures == ((first.id, f"{swapped}: {CHANGED}"),)
        assert project.recognition.ocr_run(first.id) is None and project.revisions.current(first.id) is None
        assert project.recognition.ocr_run(second.id) is not None


def test_a_changed_multi_page_scan_is_refused_for_every_page(
    tmp_path: Path, scans: dict[str, Path]
) -> None:
    tiff = tmp_path / "three.tif"
    shutil.copy(scans["tiff"], tiff)
    with Project.create(tmp_path / "p.wbproj") as project:
        project.pages.add_scans([tiff])
        flip_bytes_in_the_middle(tiff)

        summary = project.recognition.recognise(jobs=1)

        assert summary.recognised == 0
        assert summary.failures == tuple((page.id, f"{tiff}: {CHANGED}") for page in project.pages.all())


@pytest.mark.live_ocr
def test_an_unchanged_page_of_a_multi_page_scan_is_read(tmp_path: Path, scans: dict[str, Path]) -> None:
    # The page is sent rendered, not as the file's bytes: the file itself is what is checked.
    tiff = tmp_path / "three.tif"
    shutil.copy(scans["tiff"], tiff)
    with Project.create(tmp_path / "p.wbproj") as project:
        project.pages.add_scans([tiff])
        last = project.pages.all()[-1]

        summary = project.recognition.recognise([last.id], jobs=1, settings=ONE_LOOK)

        assert (summary.recognised, summary.failed) == (1, 0)
        assert project.recognition.ocr_run(last.id) is not None
