"""Fit the detection weights (workbench/suggest/detection.py) on the EHRI pages, maximising F1.

    .venv/bin/python benchmarks/fit_detection.py

Collects every scored OCR word's signals (as suggest_eval.py scores them), then improves one weight
at a time while F1 rises (false alarms over 5 per 1,000 right words count against it). Prints the
weights fitted on all pages and, for honesty, the F1 of weights fitted on three documents and
scored on the fourth (leave one document out).
"""

from __future__ import annotations

import sys
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval_projects import document_of, ehri_project  # noqa: E402
from suggest_eval import ehri_tokens, truth_lines  # noqa: E402

from workbench.project import Project, suggesting  # noqa: E402
from workbench.records import NO_EVIDENCE  # noqa: E402
from workbench.store.database import open_database  # noqa: E402
from workbench.suggest.detection import WEIGHTS  # noqa: E402
from workbench.suggest.engine import neighbours  # noqa: E402
from workbench.text.tokens import split_edges, token_spans  # noqa: E402

FIXED = {"repeated", "learned", "unknown", "name_like", "confidence", "stray_end", "second_look",
         "second_look_case"}
"""Set by hand (see detection.py): the development pages say little about them."""

MAX_FALSE_ALARMS = 5.0
"""Per 1,000 right words; the issue asks for fewer than 5 on the control set."""

Sample = tuple[str, dict[str, float], bool]
"""(document, signals, wrong)."""


def collect(path: Path | None = None) -> list[Sample]:
    """Every scored word's signals on the EHRI pages (of the project at ``path``, or all of them)."""
    samples: list[Sample] = []
    with Project.open(path or ehri_project()) as project, closing(open_database(project.path)) as db:
        engine = suggesting.ProjectEngine().current(db, project.suggestions.warm_up())
        for page in project.pages.all():
            text = project.revisions.current_text(page.id)
            run = project.recognition.ocr_run(page.id)
            assert run is not None
            linked = {(link.start, link.end): run.words[link.word_index]
                      for link in project.suggestions.word_links(page.id) if link.word_index is not None}
            spans = token_spans(text)
            parts = [split_edges(text[start:end]) for start, end in spans]
            index_of = {span: index for index, span in enumerate(spans)}
            for token in ehri_tokens(text, truth_lines(page.label)):
                left, right = neighbours(parts, index_of[token.start, token.end])
                word = linked.get((token.start, token.end))
                found, _ = engine.signals(token.word, NO_EVIDENCE if word is None else suggesting.evidence_of(word),
                                          left=left, right=right, always_rank=True)
                samples.append((document_of(page.label), found.values, not token.right))
    return samples


def f1(samples: list[Sample], weights: dict[str, float]) -> float:
    tp, fp, fn, right = _counts(samples, weights)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def objective(samples: list[Sample], weights: dict[str, float]) -> float:
    """F1, less a penalty for each false alarm per 1,000 right words over ``MAX_FALSE_ALARMS``:
    the archivist stops trusting underlines that are often wrong, so recall is not bought with them."""
    tp, fp, fn, right = _counts(samples, weights)
    excess = max(0.0, 1000 * fp / max(1, right) - MAX_FALSE_ALARMS)
    return (2 * tp / (2 * tp + fp + fn) if tp else 0.0) - 0.05 * excess


def _counts(samples: list[Sample], weights: dict[str, float]) -> tuple[int, int, int, int]:
    tp = fp = fn = right = 0
    for _, values, wrong in samples:
        flagged = weights["bias"] + sum(weights[name] * value for name, value in values.items()) > 0
        tp += flagged and wrong
        fp += flagged and not wrong
        fn += wrong and not flagged
        right += not wrong
    return tp, fp, fn, right


def fit(samples: list[Sample], start: dict[str, float]) -> dict[str, float]:
    weights = dict(start)
    best = objective(samples, weights)
    for step in (1.0, 0.5, 0.25, 0.1):
        improved = True
        while improved:
            improved = False
            for name in weights:
                if name in FIXED:
                    continue
                for delta in (step, -step):
                    trial = dict(weights, **{name: round(weights[name] + delta, 2)})
                    score = objective(samples, trial)
                    if score > best + 1e-6:
                        weights, best, improved = trial, score, True
    return weights


def main() -> None:
    samples = collect()
    print(f"{len(samples)} words; F1 with the current weights {f1(samples, WEIGHTS):.3f}")
    fitted = fit(samples, WEIGHTS)
    print(f"fitted on all: F1 {f1(samples, fitted):.3f}\n{fitted}")
    for held_out in sorted({doc for doc, _, _ in samples}):
        train = [s for s in samples if s[0] != held_out]
        test = [s for s in samples if s[0] == held_out]
        weights = fit(train, WEIGHTS)
        print(f"held out {held_out}: F1 {f1(test, weights):.3f} (current weights {f1(test, WEIGHTS):.3f})")


if __name__ == "__main__":
    main()
