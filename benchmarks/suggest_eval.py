"""How well suggestions find and fix OCR errors, against ground truth; and the symspellpy baseline.

    .venv/bin/python benchmarks/suggest_eval.py [--pages N] [--old-books N] [--no-half] [--no-held-out]
        [--no-ehri] [--no-old-books]

The EHRI pages are OCR'd with the project's own pipeline (cached under /tmp, see eval_projects.py).
Each ground-truth line is matched to the OCR line most like it, and inside matched lines the OCR
words are aligned to the ground-truth words (edge punctuation ignored): an OCR word is right if it
aligns to an equal word, a one-to-one error if it replaces exactly one word, otherwise a wider error.
A word the alignment pairs with one word beside an unmatched one is a wider error if it is liker
the two together: ``living.in`` for "living in", ``threa t`` for "threat".
Words outside transcribed lines (stamps, handwriting) are not scored. The old_books transcriptions
are de-hyphenated: there the two pieces of a word hyphenated at a line end are scored as one word.

Top-1 and top-5 are given over the flagged one-to-one errors (what F8 walks through), and over all
one-to-one errors as the archivist gets them by asking at the wrong word (Ctrl+.) where it is not
flagged: the accuracy of the candidates themselves, as in the ICDAR post-OCR correction task.

Keystrokes: retyping a wrong word costs its correct length; with suggestions a fix found at rank r
of the top 5 costs r keys, otherwise the word is retyped.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_projects import EVAL, document_of, ehri_project, old_books_project  # noqa: E402

from workbench.project import Page, PageStatus, Project, Suggestion, suggest_text, suggesting  # noqa: E402
from workbench.records import WordEvidence  # noqa: E402
from workbench.store.database import open_database  # noqa: E402
from workbench.suggest.detection import WEIGHTS  # noqa: E402
from workbench.suggest.engine import SuggestionEngine  # noqa: E402
from workbench.suggest.general_lexicon import general_lexicon, general_prefixes  # noqa: E402
from workbench.suggest.neighbours import english_pairs  # noqa: E402
from workbench.text.tokens import split_edges, token_spans  # noqa: E402

Flags = dict[tuple[int, int], list[str]]
"""Flagged token spans → candidate words (edge punctuation stripped), best first."""


@dataclass
class Token:
    start: int
    end: int
    word: str
    truth: str | None
    """The ground-truth word for a one-to-one error or a right word; None for a wider error."""
    right: bool


@dataclass
class Score:
    flagged_right: int = 0
    flagged_wrong: int = 0
    wrong: int = 0
    right: int = 0
    one_to_one: int = 0
    top1: int = 0
    top5: int = 0
    one_to_one_flagged: int = 0
    asked_top1: int = 0
    asked_top5: int = 0
    asking: bool = False
    """Whether unflagged errors were asked at (``asked_top1``); the baseline and plain text cannot be."""
    keys_retype: int = 0
    keys_suggest: int = 0
    times: list[float] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("flagged_right", "flagged_wrong", "wrong", "right", "one_to_one", "top1", "top5",
                     "one_to_one_flagged", "asked_top1", "asked_top5", "keys_retype", "keys_suggest"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.times.extend(other.times)
        self.asking = self.asking or other.asking

    def line(self) -> str:
        flagged = self.flagged_right + self.flagged_wrong
        precision = self.flagged_wrong / flagged if flagged else 0.0
        recall = self.flagged_wrong / self.wrong if self.wrong else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        top1 = self.top1 / self.one_to_one_flagged if self.one_to_one_flagged else 0.0
        top5 = self.top5 / self.one_to_one_flagged if self.one_to_one_flagged else 0.0
        saved = 1 - self.keys_suggest / self.keys_retype if self.keys_retype else 0.0
        asked = (f" | asked at every 1:1 error: top1 {self.asked_top1 / max(1, self.one_to_one):.3f}"
                 f" top5 {self.asked_top5 / max(1, self.one_to_one):.3f}") if self.asking else ""
        return (f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f} | top1 {top1:.3f} top5 {top5:.3f}"
                f" (of {self.one_to_one_flagged} flagged 1:1; top1 of all 1:1 "
                f"{self.top1 / max(1, self.one_to_one):.3f}){asked} | false alarms {self.flagged_right}"
                f" ({1000 * self.flagged_right / max(1, self.right):.1f}/1000 right) | keys {self.keys_suggest}"
                f" vs {self.keys_retype} retyped ({saved:.0%} saved)")


def words_of(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    found = []
    for start, end in token_spans(text):
        word = split_edges(text[start:end])[1]
        if word:
            found.append((offset + start, offset + end, word))
    return found


def joined_at_line_ends(words: list[tuple[int, int, str]], text: str, spelled: set[str]
                        ) -> list[tuple[int, int, str]]:
    """The words of ``text`` with each word hyphenated at a line end joined to its rest on the next
    line, as the de-hyphenated old_books transcriptions write it ("discrimina-" "tions" is one word,
    right if "discriminations" is): a good hyphenation is no error, and flagging either piece is a
    false alarm. A compound broken at its own hyphen keeps it where the transcription does."""
    joined: list[tuple[int, int, str]] = []
    at = 0
    while at < len(words):
        start, end, word = words[at]
        if at + 1 < len(words) and text[start:end].endswith("-") and "\n" in text[end : words[at + 1][0]]:
            rest = words[at + 1]
            whole = word + rest[2]
            joined.append((start, rest[1], f"{word}-{rest[2]}" if f"{word}-{rest[2]}" in spelled else whole))
            at += 2
            continue
        joined.append(words[at])
        at += 1
    return joined


def aligned_tokens(ocr_words: list[tuple[int, int, str]], truth: list[str]) -> list[Token]:
    tokens = []
    opcodes = Levenshtein.opcodes([w for _, _, w in ocr_words], truth)
    for at, op in enumerate(opcodes):
        ocr_part = ocr_words[op.src_start : op.src_end]
        truth_part = truth[op.dest_start : op.dest_end]
        if op.tag == "equal":
            tokens += [Token(s, e, w, w, True) for s, e, w in ocr_part]
        elif op.tag == "replace" and len(ocr_part) == len(truth_part):
            merged = _merged_with_neighbours(ocr_words, truth, op, opcodes[at - 1] if at else None,
                                             opcodes[at + 1] if at + 1 < len(opcodes) else None)
            tokens += [Token(s, e, w, None if (s, e) in merged else t, False)
                       for (s, e, w), t in zip(ocr_part, truth_part)]
        else:
            tokens += [Token(s, e, w, None, False) for s, e, w in ocr_part]
    return tokens


def _merged_with_neighbours(ocr_words: list[tuple[int, int, str]], truth: list[str], op, before, after
                            ) -> set[tuple[int, int]]:
    """The OCR words of a replacement that are really two words run together (``living.in`` for
    "living in") or half of one split (``Heads quarters``): the word alignment pairs them with one
    word beside an unmatched one, which is no one-to-one error."""
    wider = set()
    for neighbour, first in ((before, True), (after, False)):
        if neighbour is None or neighbour.tag not in ("insert", "delete"):
            continue
        start, end, word = ocr_words[op.src_start if first else op.src_end - 1]
        paired = truth[op.dest_start if first else op.dest_end - 1]
        if neighbour.tag == "insert":  # truth words with no OCR word: did this word take them in?
            spare = "".join(truth[neighbour.dest_start : neighbour.dest_end])
            ocr, whole = word, spare + paired if first else paired + spare
        else:  # OCR words with no truth word: are they pieces of the paired word?
            spare = "".join(w for _, _, w in ocr_words[neighbour.src_start : neighbour.src_end])
            ocr, whole = (spare + word if first else word + spare), paired
        if _likeness(ocr, whole) > _likeness(word, paired):
            wider.add((start, end))
    return wider


def _likeness(ocr: str, truth: str) -> float:
    return Levenshtein.normalized_similarity(_LETTERS.sub("", ocr.lower()), _LETTERS.sub("", truth.lower()))


_LETTERS = re.compile(r"[\W_]+")


def ehri_tokens(text: str, truth_lines: list[str]) -> list[Token]:
    """OCR tokens inside transcribed lines, each aligned to the ground truth."""
    lines, offsets, at = [], [], 0
    for line in text.split("\n"):
        lines.append(line)
        offsets.append(at)
        at += len(line) + 1
    tokens = []
    used: set[int] = set()
    for truth in truth_lines:
        if not truth.strip():
            continue
        match = process.extractOne(truth, lines, scorer=fuzz.ratio, score_cutoff=55)
        if match is None or match[2] in used:
            continue
        used.add(match[2])
        tokens += aligned_tokens(words_of(lines[match[2]], offsets[match[2]]), [w for _, _, w in words_of(truth)])
    return tokens


Ask = Callable[[Token], list[str]]
"""The candidates offered when the archivist asks at a token no suggestion covers."""


def score_page(tokens: list[Token], flags: Flags, ask: Ask | None = None) -> Score:
    score = Score(asking=ask is not None)
    spans = sorted(flags)
    for token in tokens:
        hit = [span for span in spans if span[0] < token.end and token.start < span[1]]
        candidates = flags[hit[0]] if hit else []
        if token.right:
            score.right += 1
            score.flagged_right += bool(hit)
            continue
        score.wrong += 1
        score.flagged_wrong += bool(hit)
        truth = token.truth or token.word
        score.keys_retype += len(truth)
        rank = candidates.index(truth) + 1 if token.truth and truth in candidates[:5] else None
        score.keys_suggest += rank if rank else len(truth)
        if token.truth is not None:
            score.one_to_one += 1
            if hit:
                score.one_to_one_flagged += 1
                score.top1 += rank == 1
                score.top5 += rank is not None
            asked = candidates if hit or ask is None else ask(token)
            score.asked_top1 += asked[:1] == [truth]
            score.asked_top5 += truth in asked[:5]
    return score


def our_flags(project: Project, page_id: int, score: Score, text: str | None = None) -> Flags:
    """The suggestions for the page's current text (or ``text``), timed into ``score``."""
    started = time.perf_counter()
    suggestions = project.suggestions.for_page(page_id, text)
    score.times.append(time.perf_counter() - started)
    return flags_of(suggestions)


def flags_of(suggestions: list[Suggestion]) -> Flags:
    return {(s.start, s.end): [split_edges(c.text)[1] for c in s.candidates] for s in suggestions}


class Baseline:
    """symspellpy with its shipped English dictionary: flag every word whose top lookup differs."""

    def __init__(self) -> None:
        from importlib.resources import files

        from symspellpy import SymSpell

        self.sym = SymSpell(max_dictionary_edit_distance=2)
        self.sym.load_dictionary(str(files("symspellpy") / "frequency_dictionary_en_82_765.txt"), 0, 1)

    def flags(self, text: str) -> Flags:
        from symspellpy import Verbosity

        found: Flags = {}
        for start, end, word in words_of(text):
            lookup = self.sym.lookup(word.lower(), Verbosity.CLOSEST, max_edit_distance=2)
            if lookup and lookup[0].term == word.lower():
                continue
            found[(start, end)] = [_styled(s.term, word) for s in lookup[:5]]
        return found


def _styled(term: str, word: str) -> str:
    if word.isupper() and len(word) > 1:
        return term.upper()
    if word[:1].isupper():
        return term[:1].upper() + term[1:]
    return term


def truth_lines(label: str) -> list[str]:
    return (EVAL / "ehri" / f"{label}.gt.txt").read_text().splitlines()


def evaluate_ehri(path: Path, baseline: Baseline, only: set[int] | None = None, *, quiet: bool = False,
                  title: str = "EHRI") -> tuple[Score, Score]:
    ours_total, base_total = Score(), Score()
    with Project.open(path) as project:
        project.suggestions.warm_up()
        if not quiet:
            print(f"\n{title}: per page (ours | baseline F1)")
        for page in project.pages.all():
            if only is not None and page.id not in only:
                continue
            text = project.revisions.current_text(page.id) if only is None else _ocr_text(project, page.id)
            tokens = ehri_tokens(text, truth_lines(page.label))
            ours = Score()
            flags = our_flags(project, page.id, ours, text)
            ours = _merge_times(score_page(tokens, flags, _asker(project, page.id, text)), ours)
            base = score_page(tokens, baseline.flags(text))
            if not quiet:
                print(f"  {page.label:28} {ours.line()}\n  {'':28} baseline F1 {_f1(base):.2f}")
            ours_total.add(ours)
            base_total.add(base)
    return ours_total, base_total


def _asker(project: Project, page_id: int, text: str) -> Ask:
    def ask(token: Token) -> list[str]:
        asked = project.suggestions.at(page_id, token.start, text)
        return [] if asked is None else [split_edges(c.text)[1] for c in asked.candidates]
    return ask


def _ocr_text(project: Project, page_id: int) -> str:
    return next(r.text for r in project.revisions.all(page_id) if r.kind == "ocr")


def _merge_times(score: Score, timed: Score) -> Score:
    score.times = timed.times
    return score


def _f1(score: Score) -> float:
    flagged = score.flagged_right + score.flagged_wrong
    p = score.flagged_wrong / flagged if flagged else 0.0
    r = score.flagged_wrong / score.wrong if score.wrong else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def held_out(path: Path) -> None:
    """Tune on some documents, report on the others: for each EHRI document, the detection weights
    are fitted (``fit_detection.fit``) on the words of the other documents, and that document's pages
    are suggested with them. The sum over the rotations is the figure for documents the fit never
    saw; beside each, the shipped weights (fitted on all four documents) on the same pages."""
    from fit_detection import collect, fit  # here, not above: fit_detection imports this module

    samples = collect(path)
    unseen, shipped = Score(), Score()
    print("\nEHRI by document, weights fitted on the other documents (held out) | shipped weights:")
    with Project.open(path) as project, closing(open_database(project.path)) as db:
        vocabulary = project.suggestions.warm_up()
        engines = suggesting.ProjectEngine()
        by_document: dict[str, list[Page]] = {}
        for page in project.pages.all():
            by_document.setdefault(document_of(page.label), []).append(page)
        for document, pages in sorted(by_document.items()):
            weights = fit([sample for sample in samples if sample[0] != document], WEIGHTS)
            held, fitted_on_all = Score(), Score()
            for page in pages:
                project_engine = engines.current(db, vocabulary, page.document_id)
                text = project.revisions.current_text(page.id)
                tokens = ehri_tokens(text, truth_lines(page.label))
                evidence = _evidence(project, page.id, text)
                for engine, score in ((SuggestionEngine(project_engine.context, weights, previous=project_engine),
                                       held), (project_engine, fitted_on_all)):
                    score.add(score_page(tokens, flags_of(engine.suggest(text, evidence)),
                                         _engine_asker(engine, text, evidence)))
            moved = ", ".join(f"{name} {WEIGHTS[name]:g}->{weight:g}" for name, weight in weights.items()
                              if weight != WEIGHTS[name])
            print(f"  {document:24} held out {held.line()}\n  {'':24} shipped  {fitted_on_all.line()}"
                  f"\n  {'':24} fitted without it: {moved or 'the shipped weights'}")
            unseen.add(held)
            shipped.add(fitted_on_all)
    print(f"  {'all, held out':24} {unseen.line()}\n  {'all, shipped weights':24} {shipped.line()}")


def _evidence(project: Project, page_id: int, text: str) -> list[WordEvidence | None]:
    """What the page's OCR said of each token of ``text``, as the project's suggestions weigh it."""
    run = project.recognition.ocr_run(page_id)
    assert run is not None
    said: list[WordEvidence | None] = []
    for link in project.suggestions.word_links(page_id, text):
        word = None if link.word_index is None else run.words[link.word_index]
        said.append(None if word is None or text[link.start : link.end] != word.text else suggesting.evidence_of(word))
    return said


def _engine_asker(engine: SuggestionEngine, text: str, evidence: Sequence[WordEvidence | None]) -> Ask:
    def ask(token: Token) -> list[str]:
        asked = engine.asked(text, token.start, evidence)
        return [] if asked is None else [split_edges(c.text)[1] for c in asked.candidates]
    return ask


def second_half(path: Path, baseline: Baseline) -> None:
    """Save the ground truth of each document's first half as corrected, then score the second half."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copy(path, copy)
        halves: dict[str, list[int]] = {}
        with Project.open(copy) as project:
            for page in project.pages.all():
                halves.setdefault(document_of(page.label), []).append(page.id)
            second = {pid for ids in halves.values() for pid in ids[len(ids) // 2 :]}
        before, _ = evaluate_ehri(copy, baseline, second, quiet=True)
        with Project.open(copy) as project:
            for ids in halves.values():
                for page_id in ids[: len(ids) // 2]:
                    page = project.pages.get(page_id)
                    truth = "\n".join(truth_lines(page.label))
                    project.revisions.save(page_id, truth, parent_id=page.current_revision_id, author="eval")
                    project.pages.set_status([page_id], PageStatus.CORRECTED, author="eval")
        after, _ = evaluate_ehri(copy, baseline, second, quiet=True)
    print("\nSecond half of each document (OCR text):")
    print(f"  before correcting the first half: {before.line()}")
    print(f"  after  correcting the first half: {after.line()}")


def plain_text(path: Path) -> None:
    """The same pages as OCR text alone, as archives often receive it: no scan, no confidences, no
    project (what ``workbench suggest --text`` sees)."""
    total = Score()
    with Project.open(path) as project:
        for page in project.pages.all():
            text = project.revisions.current_text(page.id)
            tokens = ehri_tokens(text, truth_lines(page.label))
            flags = flags_of(suggest_text(text))
            total.add(score_page(tokens, flags))
    print("\nEHRI as plain text (no scan, no confidences, no project):")
    print(f"  ours     {total.line()}")


def old_books(limit: int | None, baseline: Baseline) -> None:
    """The control set, never fitted on: by book, and all books."""
    ours_total, base_total = Score(), Score()
    by_book: dict[str, Score] = {}
    with Project.open(old_books_project(limit)) as project:
        project.suggestions.warm_up()
        for page in project.pages.all():
            text = project.revisions.current_text(page.id)
            truth = (EVAL / "old_books" / f"{page.label}.gt.txt").read_text()
            truth_words = [w for _, _, w in words_of(truth)]
            tokens = aligned_tokens(joined_at_line_ends(words_of(text), text, set(truth_words)), truth_words)
            timed = Score()
            flags = our_flags(project, page.id, timed)
            ours = _merge_times(score_page(tokens, flags, _asker(project, page.id, text)), timed)
            ours_total.add(ours)
            by_book.setdefault(document_of(page.label), Score()).add(ours)
            base_total.add(score_page(tokens, baseline.flags(text)))
    print("\nold_books (control set), by book:")
    for book, score in sorted(by_book.items()):
        print(f"  {book}        {score.line()}")
    print(f"  ours     {ours_total.line()}")
    print(f"  baseline {base_total.line()}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, help="only the first N EHRI pages")
    parser.add_argument("--old-books", type=int, default=None, help="only the first N old_books pages")
    parser.add_argument("--no-old-books", action="store_true")
    parser.add_argument("--no-ehri", action="store_true", help="old_books only")
    parser.add_argument("--no-half", action="store_true", help="skip the first-half/second-half run")
    parser.add_argument("--no-held-out", action="store_true", help="skip fitting on documents and scoring the others")
    arguments = parser.parse_args(argv)
    baseline = Baseline()
    if not arguments.no_ehri:
        ehri(arguments, baseline)
    if not arguments.no_old_books:
        old_books(arguments.old_books, baseline)


def ehri(arguments: argparse.Namespace, baseline: Baseline) -> None:
    path = ehri_project(arguments.pages)
    ours, base = evaluate_ehri(path, baseline)
    print(f"\nEHRI overall ({ours.wrong + ours.right} scored words, {ours.wrong} wrong):")
    print(f"  ours     {ours.line()}")
    print(f"  baseline {base.line()}")
    if not arguments.no_held_out:
        held_out(path)
    timing(path)
    plain_text(path)
    if not arguments.no_half:
        second_half(path, baseline)


def timing(path: Path, repeats: int = 5) -> None:
    """Median time for all suggestions of a page, after warm-up, on the largest pages."""
    with Project.open(path) as project:
        project.suggestions.warm_up()
        pages = sorted(project.pages.all(), key=lambda p: -len(project.revisions.current_text(p.id).split()))[:5]
        cold, warm, line = [], [], []
        for page in pages:
            text = project.revisions.current_text(page.id)
            started = time.perf_counter()
            project.suggestions.for_page(page.id, text)
            cold.append(time.perf_counter() - started)
            middle = text.find("\n", len(text) // 2) + 1  # the line the window asks for after typing
            end = text.find("\n", middle)
            edited = (middle, len(text) if end < 0 else end)
            for _ in range(repeats):
                started = time.perf_counter()
                project.suggestions.for_page(page.id, text)
                warm.append(time.perf_counter() - started)
                started = time.perf_counter()
                project.suggestions.for_page(page.id, text, within=edited)
                line.append(time.perf_counter() - started)
        words = statistics.median(len(project.revisions.current_text(p.id).split()) for p in pages)
    general_lexicon.cache_clear()
    general_prefixes.cache_clear()
    english_pairs.cache_clear()
    started = time.perf_counter()
    general_lexicon()
    general_prefixes()
    english_pairs()
    loading = time.perf_counter() - started
    print(f"\nGeneral word list, its prefixes and the word pairs loaded from the disk cache in {1000 * loading:.0f} ms")
    print(f"Speed on the 5 longest pages (median {words:.0f} words): first ask median "
          f"{1000 * statistics.median(cold):.1f} ms, warm median {1000 * statistics.median(warm):.1f} ms; "
          f"one edited line {1000 * statistics.median(line):.1f} ms")


if __name__ == "__main__":
    main()
