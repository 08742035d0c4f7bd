"""Shared fixtures: real scans, real project files on disk, real Tesseract."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.live_ocr import mark_tests_using_tesseract_fixtures, stand_in
from tests.once_per_run import built_once
from tests.scan_files import decoded_samples, scan_files

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "resources" / "samples"
EVAL = REPO.parent / "shared" / "eval"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--headed", action="store_true", help="show GUI tests on the real screen")


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("--headed"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("WORKBENCH_AUTHOR", "test archivist")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    mark_tests_using_tesseract_fixtures(items)
    slow_modules_first(items)


def slow_modules_first(items: list[pytest.Item]) -> None:
    """Modules with slow tests run first, each kept whole and in its order: xdist hands out modules in
    this order, and a kill loop or a batch of pages started last would finish long after the rest."""
    slow = {item.parent for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.parent not in slow)


@pytest.fixture(scope="session")
def tesseract_stand_in(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return stand_in(tmp_path_factory.getbasetemp() / "tesseract-stand-in")


@pytest.fixture(autouse=True)
def only_live_ocr_tests_read_pages(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch,
                                   tesseract_stand_in: Path) -> None:
    """A test without the live_ocr mark that reads a page with Tesseract fails and says so."""
    if request.node.get_closest_marker("live_ocr") is None:
        monkeypatch.setenv("PATH", f"{tesseract_stand_in}{os.pathsep}{os.environ.get('PATH', '')}")


@pytest.fixture(scope="session")
def sample_scans() -> list[Path]:
    """The four bundled 300-dpi typewritten pages."""
    scans = sorted(SAMPLES.glob("*.jpg"))
    assert len(scans) == 4
    return scans


@pytest.fixture(scope="session")
def samples(sample_scans: list[Path]) -> list[Image.Image]:
    """The first three sample pages, decoded once."""
    return decoded_samples(sample_scans)


@pytest.fixture(scope="session")
def scans(tmp_path_factory: pytest.TempPathFactory, sample_scans: list[Path],
          samples: list[Image.Image]) -> dict[str, Path]:
    """One valid scan file of each kind, built once from the samples (read only: copy to change)."""
    return scan_files(tmp_path_factory.mktemp("scans"), sample_scans[0], samples)


@pytest.fixture(scope="session")
def recognised_sample_folder(tmp_path_factory: pytest.TempPathFactory, sample_scans: list[Path]) -> Path:
    """A folder holding copies of the sample scans and a project that has recognised them (built once
    per run; read only: copy it to change anything)."""
    from workbench.project import Project

    def build(folder: Path) -> None:
        scans = folder / "scans"
        scans.mkdir()
        for scan in sample_scans:
            shutil.copy(scan, scans / scan.name)
        with Project.create(folder / "sample.wbproj") as project:
            project.pages.add_scans([scans], document="Bucharest despatch")
            summary = project.recognition.recognise(jobs=2)
            assert summary.recognised == 4, summary

    return built_once(tmp_path_factory, "recognised-sample", build)


@pytest.fixture
def recognised_project_path(recognised_sample_folder: Path, tmp_path: Path) -> Iterator[Path]:
    """A private copy of the recognised sample project (with its scans), free to change."""
    copy = tmp_path / "work"
    shutil.copytree(recognised_sample_folder, copy)
    yield copy / "sample.wbproj"
