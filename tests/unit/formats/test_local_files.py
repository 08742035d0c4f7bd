"""A file is judged by stat alone before it is opened: regular files inside the folder pass."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from workbench.formats.local_files import refusal


def test_regular_files_and_links_within_the_folder_pass(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.txt").write_text("text")
    (tmp_path / "link.txt").symlink_to(Path("sub", "page.txt"))
    assert refusal(tmp_path / "sub" / "page.txt", tmp_path) is None
    assert refusal(tmp_path / "link.txt", tmp_path) is None


def test_links_out_of_the_folder_pass_only_without_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    (tmp_path / "passwd").write_text("root")
    (folder / "page.txt").symlink_to(tmp_path / "passwd")
    (folder / "up.txt").symlink_to(Path("..", "passwd"))
    for name in ("page.txt", "up.txt"):
        assert refusal(folder / name, folder) == f"a symbolic link to a file outside {folder}; refusing it"
    assert refusal(folder / "page.txt") is None  # a file the user named, wherever it is


def test_what_is_not_a_regular_file_is_refused_by_kind(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.jpg")
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(tmp_path / "s.jpg"))
        assert refusal(tmp_path / "s.jpg") == "not a regular file (a socket); refusing to open it"
    assert refusal(tmp_path / "fifo.jpg", tmp_path) == "not a regular file (a FIFO); refusing to open it"
    assert refusal(Path("/dev/zero")) == "not a regular file (a device); refusing to open it"
    assert refusal(tmp_path) == "this is a folder, not a file"
    (tmp_path / "dangling.jpg").symlink_to(tmp_path / "gone.jpg")
    assert refusal(tmp_path / "dangling.jpg") == "a symbolic link to nothing"
    assert refusal(tmp_path / "missing.jpg") == "no such file or folder"
