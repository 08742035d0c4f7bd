"""The torture test's parent: build a project, run the roles, SIGKILL and restart them, then check
every write they logged as acknowledged against the project.

Used by tests/integration/test_multiprocess.py (short, fixed seed) and benchmarks/torture.py.
This process holds no connection to the project while the roles run: it reads the file's header
with plain file calls to see a checkpoint half-way, which would drop its own SQLite locks.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.integration.torture_roles import Record, digest, read_log
from workbench.errors import NotFoundError, ProjectFileError
from workbench.project import Project

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "resources" / "samples"


def build_project(folder: Path) -> Path:
    """A project of the sample scans (copied), each page with its true text as first revision."""
    scans = folder / "scans"
    scans.mkdir(parents=True)
    copies = [Path(shutil.copy(scan, scans / scan.name)) for scan in sorted(SAMPLES.glob("*.jpg"))]
    path = folder / "torture.wbproj"
    with Project.create(path) as project:
        project.pages.add_scans(copies)
        for page in project.pages.all():
            truth = SAMPLES / f"{project.pages.scan_file(page).stem}.gt.txt"
            project.revisions.save(page.id, truth.read_text(encoding="utf-8"), parent_id=None, author="builder")
    return path


class RoleProcess:
    """One run of a role, in a session of its own so that a kill takes its command-line children."""

    def __init__(self, role: str, project: Path, log: Path, seed: int) -> None:
        self.log = log
        self.lines: list[str] = []
        self._new_line = threading.Condition()
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
        with log.with_suffix(".stderr").open("w") as errors:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.integration.torture_roles", role, str(project), str(log),
                 str(seed)],
                stdout=subprocess.PIPE, stderr=errors, text=True, start_new_session=True, env=environment,
            )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._new_line:
                self.lines.append(line.strip())
                self._new_line.notify_all()
        with self._new_line:
            self.lines.append("")  # the end
            self._new_line.notify_all()

    def next_line(self, start: int, prefix: str, timeout: float) -> int | None:
        """Wait for a line from ``start`` on starting with ``prefix``; its index, or None."""
        deadline = time.monotonic() + timeout
        with self._new_line:
            while True:
                for index in range(start, len(self.lines)):
                    if self.lines[index].startswith(prefix) or not self.lines[index]:
                        return index if self.lines[index] else None
                start = len(self.lines)
                if not self._new_line.wait(max(0.0, deadline - time.monotonic())):
                    return None

    def ended(self) -> bool:
        return self.process.poll() is not None

    def kill(self) -> None:
        if not self.ended():
            with_children = os.getpgid(self.process.pid)
            os.killpg(with_children, signal.SIGKILL)
        self.process.wait()
        self._reader.join()


@dataclass
class CheckpointKill:
    landed: bool
    """The process died before it said the checkpoint was over."""
    half_copied: bool
    """The file was seen half-way through the checkpoint (its header promising more pages than it had)."""


def kill_in_checkpoint(role: RoleProcess, project: Path, timeout: float = 10) -> CheckpointKill:
    """Kill a checkpointer during its next checkpoint: the moment the file is seen half-copied, or,
    if this checkpoint ends before that is seen, as soon as the following one begins."""
    begun = role.next_line(len(role.lines), "checkpoint ", timeout)
    half_copied = begun is not None and _watch_until_half_copied(role, project, role.lines[begun])
    if begun is not None and not half_copied:
        begun = role.next_line(begun + 1, "checkpoint ", timeout)
    role.kill()
    if begun is None:
        return CheckpointKill(False, False)
    over = "checkpointed " + role.lines[begun].split()[1]
    return CheckpointKill(over not in role.lines[begun:], half_copied)


def _watch_until_half_copied(role: RoleProcess, project: Path, begun: str, limit: float = 2) -> bool:
    over = "checkpointed " + begun.split()[1]
    deadline = time.monotonic() + limit
    descriptor = os.open(project, os.O_RDONLY)
    try:
        while time.monotonic() < deadline:
            if _half_copied(descriptor):
                return True
            if over in role.lines[-3:] or role.ended():
                return False
        return False
    finally:
        os.close(descriptor)


def _half_copied(descriptor: int) -> bool:
    header = os.pread(descriptor, 100, 0)
    if len(header) < 100:
        return False
    page_size: int = struct.unpack(">H", header[16:18])[0]
    pages: int = struct.unpack(">I", header[28:32])[0]
    return (65536 if page_size == 1 else page_size) * pages > os.fstat(descriptor).st_size


@dataclass
class Figures:
    processes: int = 0
    kills: int = 0
    aimed: int = 0
    """Kills aimed at a checkpoint; ``landed`` of them before it ended, ``half_copied`` mid-copy."""
    landed: int = 0
    half_copied: int = 0
    crashes: list[str] = field(default_factory=list)
    """The end of the error output of roles that stopped without being killed."""


class Torture:
    """The window-like role, ``commands`` command-line roles and a checkpointer, killed at random."""

    def __init__(self, project: Path, logs: Path, *, commands: int, seed: int) -> None:
        self.project, self.logs = project, logs
        self.random = random.Random(seed)
        self.figures = Figures()
        self._roles = ["window", "checkpointer", *(f"command-{n}" for n in range(1, commands + 1))]
        self._running: dict[str, RoleProcess] = {}

    def run(self, seconds: float, aimed_share: float = 0.3) -> Figures:
        self.logs.mkdir(parents=True, exist_ok=True)
        for name in self._roles:
            self._start(name)
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                time.sleep(self.random.uniform(0.2, 1.2))
                self._restart_ended()
                if self.random.random() < aimed_share:
                    self._aimed_kill()
                else:
                    victim = self.random.choice(self._roles)
                    self._running[victim].kill()
                    self.figures.kills += 1
                    self._start(victim)
        finally:
            for role in self._running.values():
                role.kill()
        return self.figures

    def _aimed_kill(self) -> None:
        kill = kill_in_checkpoint(self._running["checkpointer"], self.project)
        self.figures.kills += 1
        self.figures.aimed += 1
        self.figures.landed += kill.landed
        self.figures.half_copied += kill.half_copied
        self._start("checkpointer")

    def _restart_ended(self) -> None:
        for name, role in list(self._running.items()):
            if role.ended():
                role.kill()
                self.figures.crashes.append(role.log.with_suffix(".stderr").read_text()[-500:])
                self._start(name)

    def _start(self, name: str) -> None:
        self.figures.processes += 1
        log = self.logs / f"{name}.{self.figures.processes}.jsonl"
        self._running[name] = RoleProcess(name.split("-")[0], self.project, log, self.random.randrange(2**32))


@dataclass
class Verdict:
    operations: Counter[str]
    acknowledged: int
    lost: list[Record]
    """Acknowledged writes the project does not have (or has with another text)."""
    duplicate_ids: list[int]
    """Revision ids acknowledged to more than one save."""
    refused: list[str]
    """Messages of every refusal to open the project, during the run and after it."""
    errors: list[str]
    integrity: str
    verified: int | None
    """The exit status of ``workbench verify PROJECT``; None where that command does not exist."""

    @property
    def sound(self) -> bool:
        return (not self.lost and not self.duplicate_ids and not self.refused and self.integrity == "ok"
                and self.verified in (None, 0))


def check(project: Path, logs: Path) -> Verdict:
    """Open the project (as a person would, after the crashes) and look for every acknowledged write."""
    records = [record for log in sorted(logs.glob("*.jsonl")) for record in read_log(log)]
    writes = [record for record in records if record.get("kind") in ("revision", "status")]
    refused = [record["message"] for record in records if record.get("kind") == "refused"]
    try:
        Project.open(project).close()
    except ProjectFileError as error:
        refused.append(f"after the run: {error}")
    connection = sqlite3.connect(project)  # also brings a refused file's log back in
    try:
        integrity = "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check(3)"))
    except sqlite3.DatabaseError as error:
        integrity = str(error)
    finally:
        connection.close()
    try:
        with Project.open(project) as opened:
            lost = [record for record in writes if not _present(opened, record)]
    except ProjectFileError:
        lost = writes
    ids = Counter(record["id"] for record in writes if record["kind"] == "revision")
    return Verdict(
        operations=Counter(record["op"] for record in records), acknowledged=len(writes), lost=lost,
        duplicate_ids=sorted(i for i, times in ids.items() if times > 1), refused=refused,
        errors=[record["message"] for record in records if record.get("kind") == "error"],
        integrity=integrity, verified=_verify(project),
    )


def _present(project: Project, record: Record) -> bool:
    try:
        if record["kind"] == "status":
            return any((str(change.status), change.author) == (record["status"], record["author"])
                       for change in project.pages.status_history(record["page"]))
        revision = project.revisions.get(record["id"])
    except (NotFoundError, sqlite3.DatabaseError):  # a damaged file loses what it cannot show
        return False
    return (revision.page_id, digest(revision.text)) == (record["page"], record["sha"])


def _verify(project: Path) -> int | None:
    cli = [sys.executable, "-m", "workbench.cli"]
    if " verify " not in subprocess.run([*cli, "--help"], capture_output=True, text=True).stdout:
        return None
    return subprocess.run([*cli, "verify", str(project)], capture_output=True).returncode


def report(figures: Figures, verdict: Verdict) -> str:
    """The figures of a run, one per line."""
    operations = ", ".join(f"{op} {n}" for op, n in sorted(verdict.operations.items()))
    return "\n".join([
        f"processes started: {figures.processes}",
        f"kills: {figures.kills} (aimed at checkpoints {figures.aimed}: {figures.landed} before the "
        f"checkpoint ended, {figures.half_copied} with the file half-copied)",
        f"roles that stopped by themselves: {len(figures.crashes)}",
        f"operations: {operations}",
        f"acknowledged writes: {verdict.acknowledged}",
        f"lost writes: {len(verdict.lost)}",
        f"refused opens: {len(verdict.refused)}",
        f"duplicate revision ids: {len(verdict.duplicate_ids)}",
        f"errors: {len(verdict.errors)}",
        f"integrity_check: {verdict.integrity}",
        "workbench verify: " + ("not available" if verdict.verified is None else f"exit {verdict.verified}"),
    ])
