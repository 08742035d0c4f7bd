"""Suggestions on real Tesseract output: doubtful words, candidates from the project, the archivist's say."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from workbench.errors import NotFoundError
from workbench.project import Page, Project, Suggestion
from workbench.suggest.vocabulary import count_words
from workbench.text.tokens import split_edges

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
EHRI = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "ehri"
needs_eval_data = pytest.mark.skipif(not EHRI.is_dir(), reason="evaluation data not present")
THRESHOLD = 75.0


def flagged_words(project: Project, page: Page) -> list[str]:
    return [split_edges(s.text)[1] or s.text for s in project.suggestions(page.id)]


def test_words_the_ocr_doubted_are_flagged_with_their_confidence(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        for page in project.pages():
            text, run = project.current_text(page.id), project.ocr_run(page.id)
            assert run is not None
            doubted = [
                (link.start, link.end, run.words[link.word_index])
                for link in project.word_links(page.id)
                if link.word_index is not None and run.words[link.word_index].confidence < THRESHOLD
            ]
            suggestions = project.suggestions(page.id)
            assert doubted, f"Tesseract doubted no word on {page.label}"
            assert [(s.start, s.end) for s in suggestions] == [(start, end) for start, end, _ in doubted]
            for suggestion, (_, _, word) in zip(suggestions, doubted):
                assert suggestion.text == text[suggestion.start : suggestion.end] == word.text
                assert suggestion.reasons[0] == f"OCR confidence {word.confidence:.0f}%"


def test_candidates_are_words_of_the_project_with_their_true_counts(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        offered_before = assert_candidates_match_the_project(project)
        # Correcting a page takes its misreadings out of the project: none may linger as a candidate.
        page = project.find_page("EHRI-DR-19390125-US_05")
        corrected = (SAMPLES / f"{page.label}.gt.txt").read_text()
        gone = set(count_words([project.current_text(page.id)])) - set(count_words(
            [corrected] + [project.current_text(other.id) for other in project.pages() if other != page]
        ))
        project.save(page.id, corrected, parent_id=page.current_revision_id, author="ana")
        offered_after = assert_candidates_match_the_project(project)
        assert gone & offered_before and not gone & offered_after


def assert_candidates_match_the_project(project: Project) -> set[str]:
    """Every candidate's word occurs in some current text, as often as the reason says; returns them."""
    counts: Counter[str] = Counter()
    for word, count in count_words(project.current_text(page.id) for page in project.pages()).items():
        counts[word.lower()] += count
    offered = set()
    for page in project.pages():
        for suggestion in project.suggestions(page.id):
            for candidate in suggestion.candidates:
                word = split_edges(candidate.text)[1]
                assert counts[word.lower()] > 0, (candidate, suggestion)
                offered.add(word)
            if suggestion.candidates:
                word = split_edges(suggestion.candidates[0].text)[1]
                times = "once" if counts[word.lower()] == 1 else f"{counts[word.lower()]} times"
                assert suggestion.reasons[1] == f"'{word}' occurs {times} in this project"
    return offered


@needs_eval_data
def test_a_word_saved_on_another_page_becomes_a_candidate(recognised_project_path: Path) -> None:
    """The archivist transcribes page 6 of the despatch in another window; page 3's misread
    "vrivileges" then gets the word "privileges" it contains."""
    with Project.open(recognised_project_path) as project:
        page = project.find_page("EHRI-DR-19390125-US_03")
        before = doubted(project, page, "vrivileges")
        assert "privileges" not in [candidate.text for candidate in before.candidates]
        project.add_scans([EHRI / "EHRI-DR-19390125-US_06.jpg"], document="Bucharest despatch, continued")
        with Project.open(recognised_project_path) as other_window:
            new_page = other_window.find_page("EHRI-DR-19390125-US_06")
            transcription = (EHRI / "EHRI-DR-19390125-US_06.gt.txt").read_text()
            other_window.save(new_page.id, transcription, parent_id=None, author="ben")
        after = doubted(project, page, "vrivileges")
        assert after.candidates[0].text == "privileges"
        assert after.reasons[1].startswith("'privileges' occurs")


def doubted(project: Project, page: Page, text: str) -> Suggestion:
    found = [s for s in project.suggestions(page.id) if s.text == text]
    assert found, f"Tesseract no longer misreads {text!r} on {page.label}; choose another word"
    return found[0]


def test_rejecting_a_word_stops_it_being_flagged_on_every_page(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        pages = project.pages()
        by_page = {page.id: flagged_words(project, page) for page in pages}
        on_pages = Counter(word for words in by_page.values() for word in set(words))
        word = on_pages.most_common(1)[0][0]
        assert on_pages[word] >= 2, "no doubted word occurs on two pages of the sample"
        page = next(page for page in pages if word in by_page[page.id])
        rejected = next(s for s in project.suggestions(page.id) if split_edges(s.text)[1] == word)
        project.reject_suggestion(page.id, rejected.text, author="ana")
        assert project.project_lexicon() == {word}
        for other in pages:
            assert flagged_words(project, other) == [w for w in by_page[other.id] if w != word]
    with Project.open(recognised_project_path) as reopened:
        assert all(word not in flagged_words(reopened, page) for page in reopened.pages())


def test_suggestions_for_an_edited_text_point_into_that_text(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.find_page("EHRI-DR-19390125-US_02")
        text = project.current_text(page.id)
        before = project.suggestions(page.id)
        fixed = next(s for s in before if s.candidates)
        greeting = "Sir:\n\n"
        edited = greeting + text[: fixed.start] + fixed.candidates[0].text + text[fixed.end :]
        after = project.suggestions(page.id, edited)
        assert len(after) == len(before) - 1
        for suggestion in after:
            assert edited[suggestion.start : suggestion.end] == suggestion.text
        growth = len(fixed.candidates[0].text) - len(fixed.text)
        assert [(s.start, s.text) for s in after] == [
            (s.start + len(greeting) + (growth if s.start > fixed.start else 0), s.text)
            for s in before
            if s != fixed
        ]
        assert project.current_text(page.id) == text  # nothing was saved


def test_the_words_of_an_edited_text_stay_linked_to_the_scan(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.find_page("EHRI-DR-19390125-US_02")
        run = project.ocr_run(page.id)
        assert run is not None
        edited = "Sir:\n" + project.current_text(page.id).replace("to..change", "to change")
        links = project.word_links(page.id, edited)
        tokens = [(edited[link.start : link.end], link.word_index) for link in links]
        assert tokens[0] == ("Sir:", None)
        changed = run.words.index(next(w for w in run.words if w.text == "to..change"))
        assert ("to", changed) in tokens and ("change", changed) in tokens
        assert [index for _, index in tokens[1:]] == sorted([*range(len(run.words)), changed])


def test_a_page_never_recognised_has_no_links_and_no_suggestions(tmp_path: Path) -> None:
    with Project.create(tmp_path / "fresh.wbproj") as project:
        project.add_scans([SAMPLES / "EHRI-DR-19390125-US_02.jpg"])
        page = project.pages()[0]
        assert project.word_links(page.id) == []
        assert project.suggestions(page.id, "typed by hand") == []
        with pytest.raises(NotFoundError):
            project.suggestions(page.id + 1)
