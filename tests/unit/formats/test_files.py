from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench.errors import WorkbenchError
from workbench.formats.files import path_inside, safe_file_name, write_atomically


def test_writing_replaces_the_content_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "page.txt"
    target.write_text("old text")

    write_atomically(target, "new text")

    assert target.read_text() == "new text"
    assert os.listdir(tmp_path) == ["page.txt"]


def test_text_is_written_as_utf8_with_newlines_untranslated(tmp_path: Path) -> None:
    target = tmp_path / "page.txt"
    write_atomically(target, "Bucure\u0219ti \u2013 1939\nsecond line\n")
    assert target.read_bytes() == "Bucure\u0219ti \u2013 1939\nsecond line\n".encode()


def test_bytes_are_written_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "scan.bin"
    write_atomically(target, b"\x00\xff\r\n")
    assert target.read_bytes() == b"\x00\xff\r\n"


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_new_file_gets_the_usual_permissions_not_private_ones(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomically(tmp_path / "page.txt", "text")
    finally:
        os.umask(umask)
    assert (tmp_path / "page.txt").stat().st_mode & 0o777 == 0o644


def test_text_that_cannot_be_encoded_leaves_the_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "page.txt"
    target.write_text("old text")

    with pytest.raises(UnicodeEncodeError):
        write_atomically(target, "lone surrogate \udc80")

    assert target.read_text() == "old text"
    assert os.listdir(tmp_path) == ["page.txt"]


def test_a_failed_rename_removes_the_temporary_file(tmp_path: Path) -> None:
    # A folder in the way makes the final rename fail after the data was written, even as root.
    target = tmp_path / "page.txt"
    target.mkdir()
    (target / "kept").write_text("kept")

    with pytest.raises(WorkbenchError, match="page.txt"):
        write_atomically(target, "new text")

    assert os.listdir(tmp_path) == ["page.txt"]
    assert (target / "kept").read_text() == "kept"


def test_writing_into_a_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(WorkbenchError, match="Cannot write"):
        write_atomically(tmp_path / "missing" / "page.txt", "text")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../etc/passwd", "_etc_passwd"),
        ("a/b", "a_b"),
        ("a\\b:c*?", "a_b_c_"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT1", "_LPT1"),
        ("CONFERENCE", None),
        ("", "untitled"),
        ("..", "untitled"),
        ("  .hidden", "hidden"),
        ("trailing dots. . ", "trailing dots"),
        ("line\nbreak\tand\x00nul", "line break andnul"),
        ("evil\u202etxt.exe", "eviltxt.exe"),
        ("Bucharest despatch \u2013 1939", None),
        ("\u05de\u05db\u05ea\u05d1 \u0411\u0443\u0445\u0430\u0440\u0435\u0441\u0442", None),
    ],
)
def test_safe_file_name(name: str, expected: str | None) -> None:
    """``None`` stands for a name that is already safe and comes back unchanged."""
    assert safe_file_name(name) == (name if expected is None else expected)


def test_safe_file_name_uses_the_fallback_when_nothing_is_left() -> None:
    assert safe_file_name("...", fallback="page-7") == "page-7"


def test_long_names_are_cut_to_fit_any_file_system() -> None:
    assert safe_file_name("x" * 300) == "x" * 120
    cut = safe_file_name("\u540d" * 300)  # three bytes each in UTF-8
    assert len(cut.encode("utf-8")) <= 200
    assert set(cut) == {"\u540d"}


def test_a_name_inside_the_folder_is_resolved(tmp_path: Path) -> None:
    assert path_inside(tmp_path, "pages/p1.png") == tmp_path.resolve() / "pages" / "p1.png"
    assert path_inside(tmp_path, Path("a/../b.txt")) == tmp_path.resolve() / "b.txt"


@pytest.mark.parametrize("relative", ["../outside.txt", "a/../../outside.txt", "/etc/passwd", "", "."])
def test_paths_that_leave_the_folder_are_refused(tmp_path: Path, relative: str) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    with pytest.raises(WorkbenchError, match="outside"):
        path_inside(folder, relative)


def test_a_symbolic_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    (tmp_path / "elsewhere").mkdir()
    folder.mkdir()
    (folder / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)

    with pytest.raises(WorkbenchError, match="outside"):
        path_inside(folder, "link/file.txt")


def test_a_symbolic_link_within_the_folder_is_allowed(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    assert path_inside(tmp_path, "link/file.txt") == tmp_path.resolve() / "real" / "file.txt"


@pytest.mark.parametrize("relative", ["nul\x00byte", "loop/file.txt"])
def test_paths_that_cannot_be_resolved_are_refused(tmp_path: Path, relative: str) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    with pytest.raises(WorkbenchError, match="Cannot use the path"):
        path_inside(tmp_path, relative)
