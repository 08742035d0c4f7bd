"""Whether a file found on disk may be opened at all, asked before anything opens it.

Folders of scans come from anywhere (a USB stick, an unpacked archive) and the files in them are picked
up by name. So a symbolic link that leads out of the folder the user chose is refused: ``x.txt`` linked
to /etc/passwd would otherwise become a page's text. Anything but a regular file is refused too:
opening a FIFO blocks until something writes to it, and a device can be endless.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"))


def refusal(path: Path, folder: Path | None = None) -> str | None:
    """Why ``path`` must not be opened, or None when it is a regular file that, when ``folder`` is
    given, lies inside ``folder`` once links are followed (a link from one file of the folder to
    another is fine). Only stat calls are made: nothing is opened.
    """
    try:
        status = path.stat()
    except FileNotFoundError:
        return "a symbolic link to nothing" if path.is_symlink() else "no such file or folder"
    except OSError as error:
        return f"the file cannot be read ({error.strerror or error})"
    if folder is not None and not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder)):
        return f"a symbolic link to a file outside {folder}; refusing it"
    if stat.S_ISDIR(status.st_mode):
        return "this is a folder, not a file"
    if not stat.S_ISREG(status.st_mode):
        kind = next((name for test, name in _KINDS if test(status.st_mode)), "a special file")
        return f"not a regular file ({kind}); refusing to open it"
    return None
