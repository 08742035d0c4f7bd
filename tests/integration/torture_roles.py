"""The processes of the torture test: each works on one shared project until it is killed.

Every role appends what the project acknowledged (a save returned, a status was set) to its own
log, flushed and fsynced only after the facade call returned, so that the log never claims more
than the project promised. The run (torture_run.py) kills and restarts the roles, then checks the
project against the logs. Run as ``python -m tests.integration.torture_roles ROLE PROJECT LOG SEED``:

- ``window``: three Projects open at once, as the window holds them (editor, suggestion worker,
  job), saving and reading in a loop and opening a fresh job Project now and then;
- ``command``: what people do from the command line, in random order, each in its own Project or
  through ``python -m workbench.cli``: save, mark, replace, export, status, several Projects at once;
- ``checkpointer``: bursts of large saves, then ``PRAGMA wal_checkpoint(TRUNCATE)`` between the
  lines ``checkpoint N`` and ``checkpointed N`` on standard output, so kills can be aimed inside.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import Any

from workbench.errors import ConflictError, ProjectFileError, WorkbenchError
from workbench.project import PageStatus, Project, ReplaceQuery

TAG = "#torture "
"""Each save ends its text with one line starting so, naming who saved it; the rest is the page."""
TOGGLED_WORDS = ("Rumania", "Roumania")
"""Replacing across the project turns the one into the other (every sample page has the word)."""
Record = dict[str, Any]


class AckLog:
    """An append-only log of what the project acknowledged, one JSON object a line."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("a", encoding="utf-8")

    def write(self, record: Record) -> None:
        self._file.write(json.dumps(record) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    def revision(self, op: str, revision_id: int, page_id: int, text: str) -> None:
        self.write({"op": op, "kind": "revision", "id": revision_id, "page": page_id, "sha": digest(text)})

    def status(self, op: str, page_id: int, status: PageStatus, author: str) -> None:
        self.write({"op": op, "kind": "status", "page": page_id, "status": str(status), "author": author})

    def done(self, op: str, **details: Any) -> None:
        self.write({"op": op, **details})


def read_log(path: Path) -> list[Record]:
    """The complete lines of a log: a line cut off by a kill was never acknowledged."""
    text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines(keepends=True) if line.endswith("\n")]


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def retagged(text: str, tag: str) -> str:
    """The page's text with its tag line (if any) replaced by ``tag``."""
    body = [line for line in text.splitlines() if not line.startswith(TAG)]
    return "\n".join([*body, TAG + tag])


class Role:
    """What every role shares: its project, its log, its randomness and a name for each change."""

    def __init__(self, name: str, project: Path, log: Path, seed: int) -> None:
        self.name = f"{name}-{os.getpid()}"
        self.project = project
        self.log = AckLog(log)
        self.random = random.Random(seed)
        self._serial = count()
        self.folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=log.parent))

    def author(self) -> str:
        """Unique per change, so that a status change can be found in the page's history."""
        return f"{self.name}-{next(self._serial)}"

    def open(self) -> Project:
        """A Project; a refusal to open is logged (it must never happen to a sound file) and raised."""
        try:
            return Project.open(self.project)
        except ProjectFileError as error:
            self.log.done("refused open", kind="refused", message=str(error))
            raise

    def save(self, project: Project, page_id: int, op: str, extra: str = "") -> None:
        """Save a new text on top of the revision just read; a conflict is a fine outcome."""
        parent = project.revisions.current(page_id)
        author = self.author()
        text = retagged("" if parent is None else parent.text, f"{author} {extra}".rstrip())
        try:
            revision = project.revisions.save(page_id, text, parent_id=None if parent is None else parent.id,
                                    author=author).revision
        except ConflictError:
            self.log.done(op, kind="conflict")
            return
        self.log.revision(op, revision.id, page_id, text)

    def run(self, step: Callable[[], None]) -> None:
        """Repeat ``step`` until killed; an error a user could see is logged, and the loop goes on."""
        while True:
            try:
                step()
            except (WorkbenchError, sqlite3.Error) as error:
                if not isinstance(error, ProjectFileError):  # logged where the open was refused
                    self.log.done("error", kind="error", message=f"{type(error).__name__}: {error}")


def window(role: Role) -> None:
    """Three Projects at once, like the window: the editor saves, the others read."""
    with role.open() as editor, role.open() as suggester:
        job = role.open()
        page_ids = [page.id for page in editor.pages.all()]

        def step() -> None:
            nonlocal job
            page_id = role.random.choice(page_ids)
            suggester.revisions.current_text(page_id)
            role.save(editor, page_id, "window save")
            job.revisions.all(page_id)
            job.pages.status_counts()
            if role.random.random() < 0.1:  # a new background job opens its own Project
                fresh = role.open()
                job.close()
                job = fresh
                role.log.done("window job reopened")

        role.run(step)


def command(role: Role) -> None:
    """Command-line work in random order, each piece in Projects of its own."""
    operations: list[Callable[[Role], None]] = [
        _save, _save_cli, _mark, _mark_cli, _replace, _replace_cli, _export, _status, _status_cli,
        _several_open,
    ]
    role.run(lambda: role.random.choice(operations)(role))


def checkpointer(role: Role) -> None:
    """Bursts of large saves (the file grows), each followed by a forced checkpoint."""
    with role.open() as project:
        raw = sqlite3.connect(role.project, isolation_level=None, timeout=2)  # after the Project opened
        page_ids = [page.id for page in project.pages.all()]
        for burst in count():
            for _ in range(role.random.randint(10, 60)):
                role.save(project, role.random.choice(page_ids), "checkpointer save",
                          extra=os.urandom(1500).hex())
            print(f"checkpoint {burst}", flush=True)
            try:
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            except sqlite3.OperationalError:  # busy: the others kept the log in use
                pass
            print(f"checkpointed {burst}", flush=True)
            role.log.done("checkpoint")


def _page_id(role: Role, project: Project) -> int:
    return role.random.choice(project.pages.all()).id


def _save(role: Role) -> None:
    with role.open() as project:
        role.save(project, _page_id(role, project), "save")


def _save_cli(role: Role) -> None:
    with role.open() as project:
        page_id = _page_id(role, project)
        parent = project.revisions.current(page_id)
    assert parent is not None  # every page got a first text when the project was built
    author = role.author()
    text = retagged(parent.text, author)
    finished = _cli(role, "save", str(role.project), str(page_id), "-", "--parent", str(parent.id),
                    "--author", author, input=text, log_success=False)
    saved = re.search(r"as revision (\d+)\.", finished.stdout)
    if saved:
        role.log.revision("save (cli)", int(saved.group(1)), page_id, text)


def _mark(role: Role) -> None:
    with role.open() as project:
        page_id, status, author = _page_id(role, project), role.random.choice(list(PageStatus)), role.author()
        project.pages.set_status([page_id], status, author=author)
    role.log.status("mark", page_id, status, author)


def _mark_cli(role: Role) -> None:
    with role.open() as project:
        page_id = _page_id(role, project)
    status, author = role.random.choice(list(PageStatus)), role.author()
    marking = _cli(role, "mark", str(role.project), str(status), str(page_id), "--author", author,
                   log_success=False)
    if marking.returncode == 0:
        role.log.status("mark (cli)", page_id, status, author)


def _replace(role: Role) -> None:
    """Replace a word across the project; each page's batch revision is acknowledged with the text
    the replacement must have made of the text it was found in."""
    old, new = role.random.sample(TOGGLED_WORDS, 2)
    query = ReplaceQuery(old, new)
    with role.open() as project:
        found = project.replace.find(query)
        found_in = {o.revision_id: project.revisions.get(o.revision_id).text for o in found}
        result = project.replace.apply(found, author=role.author(), note="torture")
    for page_id, (parent_id, revision_id) in result.revisions.items():
        role.log.revision("replace", revision_id, page_id, query.compiled().sub(new, found_in[parent_id]))
    role.log.done("replace", kind="conflicts", pages=len(result.conflicts))


def _replace_cli(role: Role) -> None:
    old, new = role.random.sample(TOGGLED_WORDS, 2)
    _cli(role, "replace", str(role.project), old, new, "--apply", "--author", role.author())


def _export(role: Role) -> None:
    target = role.folder / "export"
    with role.open() as project:
        project.exports.write(target, ["txt", "alto"])
        project.exports.write(target.with_suffix(".zip"), ["txt"])
    shutil.rmtree(target)
    target.with_suffix(".zip").unlink()
    role.log.done("export")


def _status(role: Role) -> None:
    with role.open() as project:
        project.pages.status_counts()
        for page in project.pages.all():
            project.revisions.current_text(page.id)
    role.log.done("status")


def _status_cli(role: Role) -> None:
    _cli(role, "status", str(role.project))


def _several_open(role: Role) -> None:
    """Open a Project, then another beside it, and save through the first."""
    with role.open() as first, role.open() as second:
        page_id = _page_id(role, second)
        role.save(first, page_id, "save (two open)")
        second.revisions.all(page_id)


def _cli(role: Role, name: str, *arguments: str, input: str | None = None, log_success: bool = True
         ) -> subprocess.CompletedProcess[str]:
    """Run ``workbench NAME ARGUMENTS`` and log how it ended (a success only with ``log_success``:
    a caller that logs what was written says False)."""
    finished = subprocess.run([sys.executable, "-m", "workbench.cli", name, *arguments], input=input,
                              capture_output=True, text=True)
    if finished.returncode == 0:
        if log_success:
            role.log.done(f"{name} (cli)")
    elif any(word in finished.stderr for word in ("conflict", "changed meanwhile")):
        role.log.done(f"{name} (cli)", kind="conflict")
    else:
        refused = any(word in finished.stderr for word in ("truncated", "damaged", "is not a"))
        role.log.done(f"{name} (cli)", kind="refused" if refused else "error",
                      message=finished.stderr.strip()[-300:])
    return finished


ROLES: dict[str, Callable[[Role], None]] = {"window": window, "command": command, "checkpointer": checkpointer}


def main(arguments: list[str]) -> None:
    name, project, log, seed = arguments
    role = Role(name, Path(project), Path(log), int(seed))
    while True:
        try:
            ROLES[name](role)
        except ProjectFileError:  # logged where the open was refused; try again, as a person would
            time.sleep(0.2)


if __name__ == "__main__":
    main(sys.argv[1:])
