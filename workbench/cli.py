"""The command line: ``workbench COMMAND PROJECT ...`` over the same facade the window uses.

Other tools script these commands, so their names and options are kept stable. Errors a user can
cause print one line to stderr and exit 1; Ctrl+C stops long work after the pages in flight.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import Never

from tqdm import tqdm

from workbench import __version__
from workbench.errors import ConflictError, WorkbenchError
from workbench.logfile import start_logging
from workbench.progress import Cancelled
from workbench.project import (
    EXPORT_FORMATS, Draft, DraftOrigin, OcrSettings, PageStatus, Project, ReplaceQuery, default_author,
    make_cluster_executor, render_inline, suggest_text,
)
from workbench.project import backups

EXIT_USER_ERROR = 1
EXIT_BUG = 2
EXIT_CANCELLED = 130
logger = logging.getLogger("workbench.cli")


class TerminalProgress:
    """A tqdm bar that turns the first Ctrl+C into a polite cancel of the running job."""

    def __init__(self, description: str) -> None:
        self._description = description
        self._bar: tqdm[Never] | None = None
        self._stop_requested = False
        self._previous_handler: Callable[[int, FrameType | None], object] | int | None = None

    def __enter__(self) -> TerminalProgress:
        self._previous_handler = signal.signal(signal.SIGINT, self._request_stop)
        return self

    def __exit__(self, *exc_info: object) -> None:
        signal.signal(signal.SIGINT, self._previous_handler)
        if self._bar is not None:
            self._bar.close()

    def advance(self, done: int, total: int, note: str = "") -> None:
        if self._stop_requested:
            raise Cancelled
        if self._bar is None:
            self._bar = tqdm(total=total, desc=self._description, unit="page", file=sys.stderr)
        bar = self._bar
        bar.total = total
        bar.update(done - bar.n)
        bar.set_postfix_str(note, refresh=False)

    def _request_stop(self, signum: int, frame: FrameType | None) -> None:
        self._stop_requested = True
        signal.signal(signal.SIGINT, signal.default_int_handler)  # a second Ctrl+C stops at once
        print("\nStopping after the pages in flight (Ctrl+C again to stop now)...", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    log_file = start_logging()
    try:
        return int(arguments.command(arguments))
    except ConflictError as error:
        return _fail(f"conflict: {error}", log_file)
    except WorkbenchError as error:
        return _fail(str(error), log_file)
    except OSError as error:  # the disk, not the project: a full disk, a folder that vanished
        return _fail(f"{error.filename or 'a file'}: {error.strerror or error}", log_file)
    except KeyboardInterrupt:
        print("workbench: stopped.", file=sys.stderr)
        return EXIT_CANCELLED
    except Exception as error:  # a bug: one line here, the whole traceback in the log
        return _fail(f"unexpected error ({type(error).__name__}: {error}); please report it", log_file,
                     code=EXIT_BUG)


def _fail(message: str, log_file: Path | None, *, code: int = EXIT_USER_ERROR) -> int:
    """One line on stderr, the details in the log file."""
    logger.error("%s", message, exc_info=True)
    where = "" if log_file is None or code == EXIT_USER_ERROR else f" (details in {log_file})"
    print(f"workbench: {message}{where}", file=sys.stderr)
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench", description="Correct OCR of archival scans.",
        epilog="'workbench open [PROJECT] [--sample]' opens the correction window.",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, handler: Callable[[argparse.Namespace], int], text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(command=handler)
        return sub

    new = command("new", cmd_new, "Create a project file (the convention is NAME.wbproj).")
    new.add_argument("project", type=Path)
    new.add_argument("--name", help="the collection's name (default: the file name)")

    add = command("add", cmd_add, "Add scans: image files, PDFs, or folders searched recursively.")
    _project_argument(add)
    add.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    add.add_argument("--document", help="add everything to this document (made if new)")
    add.add_argument("--reference", help="archival reference of a new document")
    add.add_argument("--title", help="title of a new document")
    add.add_argument("--ocr", type=Path, metavar="PATH",
                     help="hOCR, ALTO, PAGE or text file with the OCR of the one scan given (by default "
                     "x.hocr, x.xml or x.txt beside a scan x.jpg is imported)")

    ocr = command("ocr", cmd_ocr, "Recognise pages with Tesseract, several at once.")
    _project_argument(ocr)
    ocr.add_argument("--pages", nargs="+", metavar="PAGE", help="only these pages (default: all)")
    ocr.add_argument("--jobs", type=_positive, default=None, help="pages at once (default: one per core)")
    ocr.add_argument("--lang", help="Tesseract languages, e.g. eng or eng+deu (default: the project's "
                                    "recognition options, set in the window; eng until set)")
    ocr.add_argument("--psm", type=int, help="Tesseract page segmentation mode (default: the project's)")
    ocr.add_argument("--single-look", action="store_true",
                     help="read each page once, not again at a smaller size: faster, but the "
                          "suggestions find fewer misreadings (default: the project's)")
    ocr.add_argument("--force", action="store_true", help="recognise pages already recognised")
    ocr.add_argument("--scheduler", metavar="tcp://HOST:8786", help="run on a Dask cluster")

    status = command("status", cmd_status, "Show documents, pages, their status and problems.")
    _project_argument(status)

    history = command("history", cmd_history, "List a page's revisions.")
    _project_argument(history)
    history.add_argument("page", help="page number or label")

    diff = command("diff", cmd_diff, "Show what changed between two revisions of a page.")
    _project_argument(diff)
    diff.add_argument("page", help="page number or label")
    diff.add_argument("old", type=int, metavar="REV_A")
    diff.add_argument("new", type=int, metavar="REV_B")
    diff.add_argument("--chars", action="store_true", help="compare characters, not words")

    revert = command("revert", cmd_revert, "Make an earlier revision current again (as a new revision).")
    _project_argument(revert)
    revert.add_argument("page", help="page number or label")
    revert.add_argument("revision", type=int, metavar="REV")
    _author_arguments(revert)

    text = command("text", cmd_text, "Print a page's current text (or a revision's).")
    _project_argument(text)
    text.add_argument("page", help="page number or label")
    text.add_argument("--revision", type=int, help="this revision instead of the current one")

    save = command("save", cmd_save, "Save a corrected text for a page as a new revision.")
    _project_argument(save)
    save.add_argument("page", help="page number or label")
    save.add_argument("file", type=Path, help="UTF-8 text file, or - for standard input")
    save.add_argument("--parent", type=int, help="the revision the text was corrected from "
                      "(default: the current one); a stale parent is refused as a conflict")
    _author_arguments(save)

    mark = command("mark", cmd_mark, "Set the status of pages.")
    _project_argument(mark)
    mark.add_argument("status", choices=[str(status) for status in PageStatus])
    mark.add_argument("pages", nargs="+", metavar="PAGE")
    mark.add_argument("--author", default=None)

    relink = command("relink", cmd_relink, "Find moved scans in a folder by their contents.")
    _project_argument(relink)
    relink.add_argument("folder", type=Path)

    export = command("export", cmd_export, "Export the current text of pages, with their word boxes "
                     "where the format has a place for them.")
    _project_argument(export)
    export.add_argument("--format", default=["txt"], type=_export_formats, metavar="F[,F...]",
                        help=f"formats among {', '.join(EXPORT_FORMATS)} (default: txt); pdf is one PDF "
                        "per document, pdf-pages one per page, lines the tesstrain line pairs of "
                        "corrected and verified pages")
    export.add_argument("--out", type=Path, required=True, metavar="DIR|FILE.zip",
                        help="a folder, or a ZIP file to write everything into")
    export.add_argument("--overwrite", action="store_true",
                        help="replace what is at --out even if it is not an earlier export of this project")
    export.add_argument("--status", nargs="+", choices=[str(status) for status in PageStatus],
                        help="only pages with these statuses")
    export.add_argument("--document", metavar="NAME", help="only this document")
    export.add_argument("--pages", type=_page_range, metavar="FIRST-LAST",
                        help="only pages at these positions in their document (1 is the first)")

    suggest = command("suggest", cmd_suggest, "List doubtful words with ranked fixes, for a page or a text file.")
    suggest.add_argument("project", type=Path, nargs="?", help="the project file (with --page)")
    suggest.add_argument("--page", help="page number or label")
    suggest.add_argument("--text", type=Path, metavar="FILE",
                         help="OCR text with no scan or confidences (UTF-8, or - for standard input)")
    suggest.add_argument("--json", action="store_true", help="print the suggestions as a JSON list")

    replace = command("replace", cmd_replace, "Replace a word or pattern on every page: one batch "
                      "revision per page. Lists the occurrences first; --apply makes the change.")
    _project_argument(replace)
    replace.add_argument("pattern")
    replace.add_argument("replacement")
    replace.add_argument("--regex", action="store_true", help="PATTERN is a regular expression")
    replace.add_argument("--anywhere", action="store_true", help="also inside words (default: whole words)")
    replace.add_argument("--ignore-case", action="store_true")
    replace.add_argument("--status", nargs="+", choices=[str(status) for status in PageStatus],
                         help="only pages with these statuses")
    replace.add_argument("--apply", action="store_true", help="make the change (default: only list)")
    _author_arguments(replace)

    verify = command("verify", cmd_verify, "Check the project file, every revision's hash chain and every "
                     "scan's checksum: proof that nothing was altered since it was stored.")
    _project_argument(verify)

    drafts = command("drafts", cmd_drafts, "List the kept drafts (unsaved or refused texts), or print one.")
    _project_argument(drafts)
    drafts.add_argument("--show", type=int, metavar="DRAFT", help="print this draft's text (to save it: "
                        "workbench drafts P --show N | workbench save P PAGE -)")
    drafts.add_argument("--discard", type=int, metavar="DRAFT", help="forget this draft for good")

    backup = command("backup", cmd_backup, "Take a consistent backup of a project, even while it is open.")
    _project_argument(backup)
    backup.add_argument("dest", type=Path, nargs="?", metavar="DEST",
                        help="a new file, or a folder (default: PROJECT.backups beside the project)")

    restore = command("restore", cmd_restore, "Make a project what a backup holds; its state before is kept.")
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    _project_argument(restore)

    listing = command("backups", cmd_backups, "List a project's backups, newest first.")
    _project_argument(listing)

    sample = command("sample", cmd_sample, "Build the bundled sample project (if needed) and show it.")
    sample.add_argument("project", type=Path, nargs="?", default=Path("sample.wbproj"))
    return parser


def _project_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help="the project file")


def _author_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--author", default=None, help="recorded with the change (default: your login)")
    parser.add_argument("--note", default=None, help="a note kept with the revision")


def cmd_new(arguments: argparse.Namespace) -> int:
    with Project.create(arguments.project, name=arguments.name) as project:
        print(f"Created {project.path}")
    return 0


def cmd_add(arguments: argparse.Namespace) -> int:
    _print_file_names_as_they_are()
    with Project.open(arguments.project) as project, TerminalProgress("Adding") as progress:
        report = project.pages.add_scans(
            arguments.paths, document=arguments.document, reference=arguments.reference,
            title=arguments.title, progress=progress, ocr=arguments.ocr,
        )
    print(f"Added {len(report.page_ids)} pages.")
    for page_id, ocr_file in report.ocr_imported:
        print(f"Page {page_id} with OCR from {ocr_file.name}")
    if report.already_present:
        print(f"{len(report.already_present)} already in the project, skipped.")
    for path in report.changed:
        print(f"Added as new pages (a different file from the one added before at this path): {path}")
    for failure in report.failures:
        print(f"Not added: {failure.path}: {failure.reason}", file=sys.stderr)
    for failure in report.ocr_failures:
        print(f"OCR not imported: {failure.path}: {failure.reason}", file=sys.stderr)
    return EXIT_USER_ERROR if report.failures or report.ocr_failures else 0


def _print_file_names_as_they_are() -> None:
    """Print a file name that is not UTF-8 with its own bytes, as ``ls`` does, instead of failing on it
    (Python keeps such bytes as lone surrogates, which a strict UTF-8 stream refuses)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="surrogateescape")


def cmd_ocr(arguments: argparse.Namespace) -> int:
    with Project.open(arguments.project) as project:
        chosen = project.recognition.settings()
        settings = OcrSettings(languages=arguments.lang or chosen.languages,
                               psm=chosen.psm if arguments.psm is None else arguments.psm,
                               second_look=chosen.second_look and not arguments.single_look)
        page_ids = None if arguments.pages is None else [project.pages.find(p).id for p in arguments.pages]
        executor = None if arguments.scheduler is None else make_cluster_executor(arguments.scheduler)
        try:
            with TerminalProgress("Recognising") as progress:
                summary = project.recognition.recognise(
                    page_ids, settings=settings, jobs=arguments.jobs, executor=executor,
                    force=arguments.force, progress=progress,
                )
        finally:
            if executor is not None:
                executor.shutdown()
    print(f"Recognised {summary.recognised} pages; {summary.failed} failed.")
    for page_id, reason in summary.failures:
        print(f"Page {page_id} failed: {reason}", file=sys.stderr)
    if summary.cancelled:
        print("Stopped: the pages recognised so far are saved.", file=sys.stderr)
        return EXIT_CANCELLED
    return EXIT_USER_ERROR if summary.failed else 0


def cmd_status(arguments: argparse.Namespace) -> int:
    with Project.open(arguments.project) as project:
        print_status(project)
    return 0


def print_status(project: Project, extra_columns: Callable[[int], str] | None = None) -> None:
    """The project at a glance: status counts, then one line per page."""
    counts = project.pages.status_counts()
    print(f"Project {project.name!r} ({project.path})")
    print(f"{sum(counts.values())} pages: " + ", ".join(f"{count} {status}" for status, count in counts.items()))
    documents = {document.id: document for document in project.pages.documents()}
    print(f"{'page':>5}  {'label':<34} {'status':<12} {'revision':<14} {'CER of OCR':>10}")
    for page in project.pages.all():
        revision = project.revisions.current(page.id)
        rates = None if revision is None else project.revisions.rates_against_ocr(revision.id)
        described = "-" if revision is None else f"{revision.id} ({revision.kind})"
        cer = "" if rates is None else f"{rates.cer:.2%}"
        extra = "" if extra_columns is None else extra_columns(page.id)
        document = documents[page.document_id].name
        print(f"{page.id:>5}  {page.label[:34]:<34} {page.status:<12} {described:<14} {cer:>10}{extra}"
              + ("" if len(documents) == 1 else f"  [{document}]"))
    for problem in project.pages.scan_problems():
        print(f"Scan problem, page {problem.page.id}: {problem.detail}")
    for draft in project.revisions.drafts():
        print(f"Draft {draft.id}: {_draft_origin(draft)} for page {draft.page_id} by {draft.author} "
              f"({draft.updated}); 'workbench drafts {project.path} --show {draft.id}' prints it")


def _draft_origin(draft: Draft) -> str:
    return "a save refused as a conflict" if draft.origin is DraftOrigin.REFUSED else "unsaved typing"


def cmd_drafts(arguments: argparse.Namespace) -> int:
    with Project.open(arguments.project) as project:
        if arguments.show is not None:
            sys.stdout.write(project.revisions.kept_draft(arguments.show).text)
            return 0
        if arguments.discard is not None:
            draft = project.revisions.kept_draft(arguments.discard)
            project.revisions.discard_draft(draft.id)
            print(f"Discarded draft {draft.id} of page {draft.page_id}.")
            return 0
        kept = project.revisions.drafts()
        for draft in kept:
            print(f"{draft.id:>6}  page {draft.page_id:<6} {draft.updated}  {draft.author:<16} "
                  f"{_draft_origin(draft)}, on revision {draft.base_revision_id or '-'}, {len(draft.text)} characters")
        if not kept:
            print("No drafts: every text is saved.")
    return 0


def cmd_verify(arguments: argparse.Namespace) -> int:
    with Project.open(arguments.project) as project, TerminalProgress("Verifying") as progress:
        report = project.verify(progress=progress)
    for problem in report.integrity:
        print(f"File: {problem}")
    for link in report.broken:
        print(f"Revision {link.revision_id} of page {link.page_id}: {link.reason}")
    for scan in report.scans:
        print(f"Scan of page {scan.page.id}: {scan.detail}")
    verdict = "verified" if report.ok else "NOT verified"
    print(f"{verdict}: {report.revisions} revisions on {report.pages} pages; file "
          f"{'sound' if not report.integrity else 'damaged'}, {len(report.broken)} broken hash links, "
          f"{len(report.scans)} scan problems.")
    return 0 if report.ok else EXIT_USER_ERROR


def cmd_history(arguments: argparse.Namespace) -> int:
    with Project.open(arguments.project) as project:
        page = project.pages.find(arguments.page)
        for revision in project.revisions.all(page.id):
            current = "*" if revision.id == page.current_revision_id else " "
            rates = project.revisions.rates_against_ocr(revision.id)
            cer = "" if rates is None else f"CER of OCR {rates.cer:.2%}"
            note = f"  {revision.note}" if revision.note else ""
            print(f"{current}{revision.id:>6}  {revision.created}  {revision.kind:<6}  "
                  f"{revision.author:<16} parent {revision.parent_id or '-':<6} {cer}{note}")
    return 0


def cmd_diff(arguments: argparse.Namespace) -> int:
    with Project.open(arguments.project) as project:
        page = project.pages.find(arguments.page)
        for revision_id in (arguments.old, arguments.new):
            if project.revisions.get(revision_id).page_id != page.id:
                raise WorkbenchError(f"Revision {revision_id} is not a revision of page {page.id}.")
        ops = project.revisions.diff(arguments.old, arguments.new, by="chars" if arguments.chars else "words")
    print(render_inline(ops))
    return 0


def cmd_revert(arguments: argparse.Namespace) -> int:
    with Project.open(arguments.project) as project:
        page = project.pages.find(arguments.page)
        revision = project.revisions.revert(page.id, arguments.revision, author=arguments.author or default_author(),
                                  note=arguments.note).revision
    print(f"Page {page.id} is now at revision {revision.id} (the text of revision {arguments.revision}).")
    return 0


def cmd_text(arguments: argparse.Namespace) -> int:
    with Project.open(arguments.project) as project:
        page = project.pages.find(arguments.page)
        if arguments.revision is not None:
            revision = project.revisions.get(arguments.revision)
            if revision.page_id != page.id:
                raise WorkbenchError(f"Revision {revision.id} is not a revision of page {page.id}.")
            text = revision.text
        else:
            text = project.revisions.current_text(page.id)
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    return 0


def cmd_save(arguments: argparse.Namespace) -> int:
    text = _read_text(arguments.file)
    with Project.open(arguments.project) as project:
        page = project.pages.find(arguments.page)
        parent = page.current_revision_id if arguments.parent is None else arguments.parent
        revision = project.revisions.save(page.id, text, parent_id=parent,
                                author=arguments.author or default_author(), note=arguments.note).revision
    print(f"Saved page {page.id} as revision {revision.id}.")
    return 0


def _read_text(path: Path) -> str:
    """A UTF-8 text file, or standard input for ``-``; bytes that are no UTF-8 are refused, never guessed."""
    name = "standard input" if str(path) == "-" else str(path)
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise WorkbenchError(
            f"{name} is not UTF-8 text (byte {error.start} cannot be read); nothing was saved. "
            "Convert it to UTF-8 first."
        ) from error
    except OSError as error:
        raise WorkbenchError(f"Cannot read {name}: {error.strerror}") from error


def cmd_mark(arguments: argparse.Namespace) -> int:
    with Project.open(arguments.project) as project:
        page_ids = [project.pages.find(reference).id for reference in arguments.pages]
        project.pages.set_status(page_ids, PageStatus(arguments.status), author=arguments.author or default_author())
    print(f"Marked {len(page_ids)} pages {arguments.status}.")
    return 0


def cmd_relink(arguments: argparse.Namespace) -> int:
    with Project.open(arguments.project) as project:
        relinked = project.pages.relink_scans(arguments.folder)
        still_missing = [p for p in project.pages.scan_problems() if p.kind == "missing"]
    print(f"Relinked {relinked} pages; {len(still_missing)} scans still missing.")
    return EXIT_USER_ERROR if still_missing else 0


def cmd_export(arguments: argparse.Namespace) -> int:
    statuses = None if arguments.status is None else [PageStatus(s) for s in arguments.status]
    try:
        with Project.open(arguments.project) as project, TerminalProgress("Exporting") as progress:
            report = project.exports.write(arguments.out, arguments.format, statuses=statuses,
                                    document=arguments.document, pages=arguments.pages, progress=progress,
                                    overwrite=arguments.overwrite)
    except Cancelled:
        print("Stopped: nothing was exported.", file=sys.stderr)
        return EXIT_CANCELLED
    print(f"Exported {report.pages} pages ({report.files} files) to {report.target}; "
          f"manifest: {report.manifest}")
    if report.skipped_without_text:
        print(f"Skipped {report.skipped_without_text} pages that have no text yet.")
    if report.skipped_by_status:
        print(f"Left {report.skipped_by_status} pages out of the training lines: only corrected and "
              "verified pages make ground truth.")
    return 0


def _export_formats(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in EXPORT_FORMATS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or value!r}; choose among {', '.join(EXPORT_FORMATS)}")
    return list(dict.fromkeys(names))


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= 1024:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of pages at once (1 or more)")
    return number


def _page_range(value: str) -> tuple[int, int]:
    first, _, last = value.partition("-")
    try:
        bounds = int(first), int(last or first)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a page range such as 3-10") from None
    if not 1 <= bounds[0] <= bounds[1]:
        raise argparse.ArgumentTypeError(f"{value!r} is not a page range such as 3-10")
    return bounds


def cmd_suggest(arguments: argparse.Namespace) -> int:
    if (arguments.text is None) == (arguments.page is None):
        raise WorkbenchError("Give either PROJECT --page ID, or --text FILE.")
    if arguments.text is not None:
        text = _read_text(arguments.text)
        found = suggest_text(text)
    else:
        if arguments.project is None:
            raise WorkbenchError("--page needs the project file: workbench suggest PROJECT --page ID.")
        with Project.open(arguments.project) as project:
            found = project.suggestions.for_page(project.pages.find(arguments.page).id)
    if arguments.json:
        json.dump([suggestion.as_json() for suggestion in found], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for suggestion in found:
        fixes = ", ".join(candidate.text for candidate in suggestion.candidates) or "(no candidates)"
        print(f"{suggestion.start}-{suggestion.end} {suggestion.text!r}: {fixes}  [{'; '.join(suggestion.reasons)}]")
    return 0


def cmd_replace(arguments: argparse.Namespace) -> int:
    query = ReplaceQuery(arguments.pattern, arguments.replacement, regex=arguments.regex,
                         whole_word=not arguments.anywhere, case_sensitive=not arguments.ignore_case)
    statuses = None if arguments.status is None else [PageStatus(s) for s in arguments.status]
    with Project.open(arguments.project) as project:
        found = project.replace.find(query, statuses=statuses)
        labels = {page.id: page.label for page in project.pages.all()}
        for occurrence in found:
            at = occurrence.start - occurrence.line_start
            line = occurrence.line_text
            print(f"{labels[occurrence.page_id]}: {line[:at]}[-{occurrence.text}-]{{+{occurrence.replacement}+}}"
                  f"{line[at + len(occurrence.text):]}")
        pages = len({occurrence.page_id for occurrence in found})
        if not arguments.apply:
            print(f"{len(found)} occurrences on {pages} pages; add --apply to replace them.")
            return 0
        result = project.replace.apply(
            found, author=arguments.author or default_author(),
            note=arguments.note or f"replaced {arguments.pattern!r} with {arguments.replacement!r}")
    print(f"Replaced {len(found)} occurrences: {len(result.revisions)} pages got a batch revision.")
    for page_id in result.conflicts:
        print(f"Page {page_id} changed meanwhile and was left alone.", file=sys.stderr)
    return EXIT_USER_ERROR if result.conflicts else 0


def cmd_backup(arguments: argparse.Namespace) -> int:
    print(f"Backed up to {backups.backup(arguments.project, arguments.dest)}")
    return 0


def cmd_restore(arguments: argparse.Namespace) -> int:
    report = backups.restore(arguments.backup, arguments.project)
    print(f"Restored {report.project} from {report.restored_from}.")
    if report.before_restore is not None:
        print(f"Its state before the restore is kept as {report.before_restore}")
    for path in report.kept_aside:
        print(f"Kept aside (the damaged project, not deleted): {path}")
    return 0


def cmd_backups(arguments: argparse.Namespace) -> int:
    found = backups.list_backups(arguments.project)
    if not found:
        print(f"No backups of {arguments.project} yet in {backups.backups_folder(arguments.project)}.")
    for backup in found:
        print(f"{backup.taken:%Y-%m-%d %H:%M:%S} UTC  {backup.reason:<14} {_size(backup.size):>9}  {backup.path}")
    return 0


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"


def cmd_sample(arguments: argparse.Namespace) -> int:
    from workbench import sample

    with TerminalProgress("Building the sample") as progress:
        path = sample.ensure_sample_project(arguments.project, progress=progress)
    with Project.open(path) as project:
        print_status(project, extra_columns=sample.ground_truth_column(project))
    return 0


if __name__ == "__main__":
    sys.exit(main())
