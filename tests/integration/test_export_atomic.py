"""A folder export killed at any moment leaves the whole earlier export or the whole new one, never a
mix, and the next export removes what the killed one left behind."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from workbench.project import Project

pytestmark = pytest.mark.slow
PAGES = 600  # x 2 formats: 1,203 files, as many as the export that was found mixed after a kill
FORMATS = ["txt", "json"]
KILLS = 12


def _project_with_many_pages(folder: Path) -> Path:
    """Blank scans in one multi-page TIFF, each page with a saved text and no OCR."""
    frames = [Image.new("L", (80, 100), 255) for _ in range(PAGES)]
    frames[0].save(folder / "scans.tif", save_all=True, append_images=frames[1:], dpi=(300, 300))
    path = folder / "many.wbproj"
    with Project.create(path) as project:
        project.add_scans([folder / "scans.tif"])
    _save_version(path, 0)
    return path


def _save_version(project_path: Path, version: int) -> None:
    with Project.open(project_path) as project:
        for page in project.pages():
            project.save(page.id, f"page {page.position} version {version}",
                         parent_id=page.current_revision_id, author="test")


def _exported_version(target: Path) -> int:
    """The one version of the texts the export at ``target`` holds, after checking that it holds
    exactly the files both its manifests list, with the contents they prove (hidden leftovers of
    killed exports are looked for on their own)."""
    files = {name: path.read_bytes() for path in target.rglob("*")
             if path.is_file() and not (name := path.relative_to(target).as_posix()).startswith(".")}
    manifest = json.loads(files["manifest.json"])
    rows = list(csv.DictReader(io.StringIO(files["manifest.csv"].decode("utf-8"))))
    assert [(row["file"], row["sha256"]) for row in rows] == [(e["file"], e["sha256"]) for e in manifest["files"]]
    assert set(files) == {row["file"] for row in rows} | {"manifest.csv", "manifest.json"}
    mismatched = [row["file"] for row in rows if hashlib.sha256(files[row["file"]]).hexdigest() != row["sha256"]]
    versions = {int(found) for name, data in files.items() if name.endswith(".txt")
                for found in re.findall(rb"version (\d+)", data)}
    assert not mismatched and len(versions) == 1, (
        f"a mixed export: {len(mismatched)} files differ from the manifest, versions {sorted(versions)}")
    return versions.pop()


def _leftovers(target: Path) -> list[str]:
    beside = [path.name for path in target.parent.iterdir() if path.name.startswith(".")]
    inside = [path.name for path in target.rglob(".*")] if target.is_dir() else []
    return beside + inside


def _start_export(project_path: Path, target: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "workbench.cli", "export", str(project_path),
                             "--format", ",".join(FORMATS), "--out", str(target)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for(process: subprocess.Popen[bytes], condition: Callable[[], bool]) -> None:
    while process.poll() is None and not condition():
        time.sleep(0.0005)


def _first_page_text(target: Path) -> bytes:
    try:
        return next(target.glob("*/0001_*.txt")).read_bytes()
    except (OSError, StopIteration):
        return b""


def _kill_somewhere(process: subprocess.Popen[bytes], target: Path, how: int, randomness: random.Random,
                    duration: float) -> None:
    """Kill the export: at a random moment, once its staged files are complete (its final step has
    begun), or as soon as the target shows new text."""
    if how == 0:
        time.sleep(randomness.uniform(0.0, duration))
    elif how == 1:
        _wait_for(process, lambda: any(target.parent.glob(".*/manifest.json")) or any(target.glob(".*/manifest.json")))
        time.sleep(randomness.uniform(0.0, 0.02))
    else:
        before = _first_page_text(target)
        _wait_for(process, lambda: _first_page_text(target) not in (before, b""))
    process.kill()
    process.wait()


def test_a_killed_folder_export_leaves_the_old_export_or_the_new_one_whole(tmp_path: Path) -> None:
    project_path = _project_with_many_pages(tmp_path)
    exports = tmp_path / "exports"
    exports.mkdir()
    target = exports / "batch"
    started = time.perf_counter()
    complete = _start_export(project_path, target)
    assert complete.wait() == 0, complete.stderr.read() if complete.stderr else ""
    duration = time.perf_counter() - started  # only to spread the kills over an export's life
    assert _exported_version(target) == 0
    randomness = random.Random(20261204)
    current, outcomes = 0, []
    for version in range(1, KILLS + 1):
        _save_version(project_path, version)
        _kill_somewhere(_start_export(project_path, target), target, version % 3, randomness, duration)
        found = _exported_version(target)
        assert found in (current, version)
        outcomes.append(found == version)
        current = found
    assert any(outcomes) and not all(outcomes), "the kills all fell on one side of the swap"
    with Project.open(project_path) as project:
        project.export(target, FORMATS)
    assert _exported_version(target) == KILLS
    assert not _leftovers(target)
