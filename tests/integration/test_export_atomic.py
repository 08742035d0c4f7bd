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
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from workbench.errors import WorkbenchError
from workbench.formats import export_target
from workbench.formats.export_target import FolderTarget, open_target
from workbench.project import Project

PAGES = 600  # x 2 formats: 1,203 files, as many as the export that was found mixed after a kill
FORMATS = ["txt", "json"]
KILLS = 12


def _project_with_many_pages(folder: Path) -> Path:
    """Blank scans in one multi-page TIFF, each page with a saved text and no OCR."""
    frames = [Image.new("L", (80, 100), 255) for _ in range(PAGES)]
    frames[0].save(folder / "scans.tif", save_all=True, append_images=frames[1:], dpi=(300, 300))
    path = folder / "many.wbproj"
    with Project.create(path) as project:
        project.pages.add_scans([folder / "scans.tif"])
    _save_version(path, 0)
    return path


def _save_version(project_path: Path, version: int) -> None:
    with Project.open(project_path) as project:
        for page in project.pages.all():
            project.revisions.save(page.id, f"page {page.position} version {version}",
                         parent_id=page.current_revision_id, author="test")


def _exported_version(target: Path) -> int:
    """The one version of the texts the export at ``target`` holds, after checking that it holds
    exactly the files both its manifests list, with the contents they prove (hidden leftovers of
    killed exports are looked for on their own)."""
    files = {name: path.read_bytes() for path in target.rglob("*")
             if path.is_file() and not (name := path.relative_to(target).as_posix()).startswith(".")}
    manifest = json.loads(files["manifest.json"])
    rows = list(csv.DictReader(io.StringIO(files["manifest.csv"].decode("utf-8"))))
    listed = [(entry["file"], entry["sha256"]) for entry in manifest["files"]]
    assert [(row["file"], row["sha256"]) for row in rows] == listed
    assert set(files) == {row["file"] for row in rows} | {"manifest.csv", "manifest.json"}
    mismatched = [name for name, sha256 in listed if hashlib.sha256(files[name]).hexdigest() != sha256]
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
        _wait_for(process, lambda: any(target.parent.glob(".*/manifest.json"))
                  or any(target.glob(".*/manifest.json")))
        time.sleep(randomness.uniform(0.0, 0.02))
    else:
        before = _first_page_text(target)
        _wait_for(process, lambda: _first_page_text(target) not in (before, b""))
    process.kill()
    process.wait()


@pytest.mark.slow
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
        project.exports.write(target, FORMATS)
    assert _exported_version(target) == KILLS
    assert not _leftovers(target)


def _export_by_hand(target: Path, text: bytes) -> None:
    """A one-file export of project 'p1' straight through the target, as the exporter makes it."""
    manifest = json.dumps({"project_id": "p1", "files": [{"file": "a.txt"}]}).encode()
    staged = open_target(target, "p1")
    staged.add("a.txt", text)
    staged.add("manifest.json", manifest)
    staged.commit()


def test_the_next_export_removes_leftovers_of_killed_exports_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "batch"
    _export_by_hand(target, b"old")
    killed = tmp_path / ".batch.0123456789ab.workbench-export"
    (killed / "box").mkdir(parents=True)
    (killed / "box" / "0001.txt").write_bytes(b"half")
    (tmp_path / ".batch.0123456789ac.workbench-export").write_bytes(b"half a zip")
    kept = [".other.0123456789ab.workbench-export", ".batch.notes", ".0123456789ab.workbench.tmp",
            "batch.0123456789ab.workbench-export", ".batch.0123456789ab.workbench-export.bak"]
    for name in kept:
        (tmp_path / name).write_bytes(b"not ours to remove")
    running = FolderTarget(tmp_path / "batch")  # another export of the same target, still at work
    _export_by_hand(target, b"new")
    running.commit()  # its staging folder was left alone
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([*kept, "batch"])


def test_an_earlier_export_moved_aside_comes_back_if_the_new_one_never_arrived(tmp_path: Path) -> None:
    target = tmp_path / "batch"
    _export_by_hand(target, b"old")
    target.rename(tmp_path / ".batch.0123456789ab.workbench-export-old")
    with pytest.raises(WorkbenchError, match="not an earlier export"):
        open_target(target, "p2")  # the earlier export is back, and it is not project p2's
    assert (target / "a.txt").read_bytes() == b"old"


def test_where_names_cannot_be_swapped_the_earlier_export_is_moved_aside_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_target, "_renameat2", lambda: None)
    target = tmp_path / "batch.zip"
    _export_by_hand(tmp_path / "batch", b"old")
    _export_by_hand(tmp_path / "batch", b"new")
    assert (tmp_path / "batch" / "a.txt").read_bytes() == b"new"
    _export_by_hand(target, b"old")
    _export_by_hand(target, b"new")
    with zipfile.ZipFile(target) as archive:
        assert archive.read("a.txt") == b"new"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["batch", "batch.zip"]
