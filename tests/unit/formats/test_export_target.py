"""Names inside an export: nothing may land outside the folder or the ZIP's unpacking folder."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from workbench.errors import WorkbenchError
from workbench.formats.export_target import FolderTarget, ZipTarget, checked_name


@pytest.mark.parametrize("name", ["../x.txt", "/etc/x", "a/../../x", "a\\..\\x", "C:x", "a//b", "./a", "", "a/\x00"])
def test_unsafe_names_are_refused(name: str) -> None:
    with pytest.raises(WorkbenchError, match="not a safe relative name"):
        checked_name(name)


def test_safe_names_pass() -> None:
    assert checked_name("Box 1/0001_page.alto.xml") == "Box 1/0001_page.alto.xml"


def test_a_folder_target_shows_nothing_until_commit(tmp_path: Path) -> None:
    target = FolderTarget(tmp_path / "out")
    target.add("a/b.txt", b"b")
    assert not (tmp_path / "out" / "a").exists()
    target.commit()
    assert (tmp_path / "out" / "a" / "b.txt").read_bytes() == b"b"
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["a"]


def test_an_aborted_zip_leaves_no_file(tmp_path: Path) -> None:
    target = ZipTarget(tmp_path / "x.zip")
    target.add("a.txt", b"a")
    target.abort()
    assert list(tmp_path.iterdir()) == []
    target = ZipTarget(tmp_path / "x.zip")
    target.add("a.txt", b"a")
    with pytest.raises(WorkbenchError, match="twice"):
        target.add("a.txt", b"a")
    target.commit()
    with zipfile.ZipFile(tmp_path / "x.zip") as archive:
        assert archive.read("a.txt") == b"a"
