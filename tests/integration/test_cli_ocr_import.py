"""``workbench add`` with OCR made elsewhere: sidecars picked up, ``--ocr`` for one scan, bad files named."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.command_line import workbench
from tests.conftest import EVAL

STEM = "EHRI-DR-19390125-US_02"
EHRI = EVAL / "ehri"


def _project_and_scan(tmp_path: Path) -> tuple[Path, Path]:
    project = tmp_path / "p.wbproj"
    assert workbench("new", project).returncode == 0
    scan = tmp_path / "scans" / f"{STEM}.jpg"
    scan.parent.mkdir()
    shutil.copy(EHRI / f"{STEM}.jpg", scan)
    return project, scan


def test_add_picks_up_an_hocr_sidecar_in_a_folder(tmp_path: Path) -> None:
    project, scan = _project_and_scan(tmp_path)
    shutil.copy(EHRI / f"{STEM}.tess.hocr", scan.with_suffix(".hocr"))
    result = workbench("add", project, scan.parent)
    assert result.returncode == 0, result.stderr
    assert f"Page 1 with OCR from {STEM}.hocr" in result.stdout
    text = workbench("text", project, "1").stdout
    assert text == (EHRI / f"{STEM}.tess.txt").read_text()
    assert " import " in workbench("history", project, "1").stdout


def test_add_with_ocr_imports_the_alto_ground_truth(tmp_path: Path) -> None:
    project, scan = _project_and_scan(tmp_path)
    result = workbench("add", project, scan, "--ocr", EHRI / f"{STEM}.alto.xml")
    assert result.returncode == 0, result.stderr
    assert f"with OCR from {STEM}.alto.xml" in result.stdout
    assert workbench("text", project, "1").stdout == (EHRI / f"{STEM}.gt.txt").read_text()


def test_a_hostile_sidecar_is_named_and_the_page_added_without_it(tmp_path: Path) -> None:
    project, scan = _project_and_scan(tmp_path)
    scan.with_suffix(".xml").write_text(
        '<!DOCTYPE alto [<!ENTITY x SYSTEM "file:///etc/passwd">]><alto>&x;</alto>'
    )
    result = workbench("add", project, scan)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Added 1 pages." in result.stdout
    assert f"OCR not imported: {scan.with_suffix('.xml')}: the file declares XML entities" in result.stderr
    assert workbench("history", project, "1").stdout == ""


def test_ocr_for_a_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    project, scan = _project_and_scan(tmp_path)
    result = workbench("add", project, scan.parent, "--ocr", EHRI / f"{STEM}.alto.xml")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "one scan file only" in result.stderr
