"""Suggestions on real Tesseract output: which words are flagged, their fixes, and learning from the archivist."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from workbench.errors import NotFoundError
from workbench.project import Page, PageStatus, Project, Suggestion, SuggestionKind
from workbench.suggest.learning import corrected_pairs
from workbench.text.tokens import split_edges

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def flagged_words(project: Project, page: Page) -> list[str]:
    return [split_edges(s.text)[1] or s.text for s in project.suggestions.for_page(page.id)]


def flagged(project: Project, page: Page, text: str) -> Suggestion:
    found = [s for s in project.suggestions.for_page(page.id) if s.text == text]
    assert found, f"Tesseract no longer misreads {text!r} on {page.label}; choose another word"
    return found[0]


def test_every_suggestion_is_a_token_of_the_text_with_reasons(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        for page in project.pages.all():
            text = project.revisions.current_text(page.id)
            suggestions = project.suggestions.for_page(page.id)
            assert suggestions, f"nothing flagged on {page.label}"
            starts = [s.start for s in suggestions]
            assert starts == sorted(starts)
            for suggestion in suggestions:
                assert text[suggestion.start : suggestion.end] == suggestion.text
                assert suggestion.reasons
                scores = [c.score for c in suggestion.candidates]
                assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
                assert all(c.text != suggestion.text for c in suggestion.candidates)


def test_a_doubted_misreading_gets_its_fix_first_and_the_confidence_as_a_reason(
    recognised_project_path: Path,
) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.find("EHRI-DR-19390125-US_03")
        run = project.recognition.ocr_run(page.id)
        assert run is not None
        suggestion = flagged(project, page, "vrivileges")
        confidence = next(w.confidence for w in run.words if w.text == "vrivileges")
        assert suggestion.candidates[0].text == "privileges"
        assert f"OCR confidence {confidence:.0f}%" in suggestion.reasons
        assert "not in any lexicon" in suggestion.reasons
        assert suggestion.kind == SuggestionKind.OCR_CONFUSION


def test_known_ocr_confusions_rank_the_printed_word_first(recognised_project_path: Path) -> None:
    """peragrarhs and subjeet are Tesseract's own misreadings on the sample pages."""
    with Project.open(recognised_project_path) as project:
        for label, misread, fix in [("EHRI-DR-19390125-US_02", "peragrarhs", "paragraphs"),
                                    ("EHRI-DR-19390125-US_04", "subjeet", "subject")]:
            suggestion = flagged(project, project.pages.find(label), misread)
            assert suggestion.candidates[0].text == fix
            assert any("misreading" in reason for reason in suggestion.reasons)


def test_common_words_read_with_confidence_are_not_flagged(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        for page in project.pages.all():
            words = set(flagged_words(project, page))
            assert not words & {"the", "of", "and", "Legation", "Bucharest", "Government"}


def test_rejecting_a_word_stops_it_being_flagged_on_every_page(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        pages = project.pages.all()
        page = project.pages.find("EHRI-DR-19390125-US_03")
        rejected = flagged(project, page, "lesally")
        project.suggestions.reject(page.id, rejected.text, author="ana")
        assert project.suggestions.lexicon() == {"lesally"}
        for other in pages:
            assert "lesally" not in flagged_words(project, other)
    with Project.open(recognised_project_path) as reopened:
        assert all("lesally" not in flagged_words(reopened, page) for page in reopened.pages.all())


def test_an_accepted_fix_is_offered_first_wherever_the_misreading_occurs(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.find("EHRI-DR-19390125-US_03")
        # An unknown capitalised word is taken for a name until the archivist says otherwise.
        before = [s for s in project.suggestions.for_page(page.id) if s.text == "Matarescu"]
        assert all("Tatarescu" not in [c.text for c in s.candidates] for s in before)
        project.suggestions.accepted(page.id, "Matarescu", "Tatarescu", author="ana")
        after = flagged(project, page, "Matarescu")
        assert after.candidates[0].text == "Tatarescu"
        assert after.kind == SuggestionKind.LEARNED
        assert "corrected to 'Tatarescu' once in this project" in after.reasons
    with Project.open(recognised_project_path) as reopened:
        # A page typed by hand, never recognised, learns from the same record.
        typed = unrecognised_page(reopened, recognised_project_path.parent)
        text = "Prime Minister Matarescu spoke."
        suggestion = next(s for s in reopened.suggestions.for_page(typed.id, text) if s.text == "Matarescu")
        assert suggestion.candidates[0].text == "Tatarescu"


def unrecognised_page(project: Project, folder: Path) -> Page:
    """A new page with a blank scan that was never recognised: its text is judged as plain text."""
    scan = folder / "blank.png"
    Image.new("L", (600, 800), 255).save(scan)
    project.pages.add_scans([scan], document="typed")
    return project.pages.all()[-1]


def test_a_corrected_page_teaches_its_fixes_and_its_words(recognised_project_path: Path) -> None:
    """Correcting page 5 and marking it corrected: its misreadings are flagged with their fix on
    other texts, and its words count as known."""
    with Project.open(recognised_project_path) as project:
        page = project.pages.find("EHRI-DR-19390125-US_05")
        ocr_text = project.revisions.current_text(page.id)
        corrected = (SAMPLES / f"{page.label}.gt.txt").read_text()
        project.revisions.save(page.id, corrected, parent_id=page.current_revision_id, author="ana")
        pairs = [(wrong, right) for wrong, right in corrected_pairs(ocr_text, corrected)
                 if wrong.isalpha() and right.isalpha() and wrong.lower() != right.lower()]
        assert pairs, "page 5's OCR has no one-word misreading left to learn from"
        wrong, right = pairs[0]
        typed = unrecognised_page(project, recognised_project_path.parent)
        text = f"He said {wrong} today."
        before = [s for s in project.suggestions.for_page(typed.id, text) if s.text == wrong]
        project.pages.set_status([page.id], PageStatus.CORRECTED, author="ana")
        after = next(s for s in project.suggestions.for_page(typed.id, text) if s.text == wrong)
        assert after.candidates[0].text == right
        assert after.kind == SuggestionKind.LEARNED
        assert not before or before[0].candidates[:1] != after.candidates[:1] or before[0].kind != after.kind


def test_suggestions_for_an_edited_text_point_into_that_text(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.find("EHRI-DR-19390125-US_02")
        text = project.revisions.current_text(page.id)
        before = project.suggestions.for_page(page.id)
        fixed = next(s for s in before if s.candidates)
        greeting = "Sir:\n\n"
        edited = greeting + text[: fixed.start] + fixed.candidates[0].text + text[fixed.end :]
        after = project.suggestions.for_page(page.id, edited)
        for suggestion in after:
            assert edited[suggestion.start : suggestion.end] == suggestion.text
        growth = len(fixed.candidates[0].text) - len(fixed.text)
        assert [(s.start, s.text) for s in after] == [
            (s.start + len(greeting) + (growth if s.start > fixed.start else 0), s.text)
            for s in before
            if s != fixed
        ]
        assert project.revisions.current_text(page.id) == text  # nothing was saved


def test_the_words_of_an_edited_text_stay_linked_to_the_scan(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.find("EHRI-DR-19390125-US_02")
        run = project.recognition.ocr_run(page.id)
        assert run is not None
        edited = "Sir:\n" + project.revisions.current_text(page.id).replace("to..change", "to change")
        links = project.suggestions.word_links(page.id, edited)
        tokens = [(edited[link.start : link.end], link.word_index) for link in links]
        assert tokens[0] == ("Sir:", None)
        changed = run.words.index(next(w for w in run.words if w.text == "to..change"))
        assert ("to", changed) in tokens and ("change", changed) in tokens
        assert [index for _, index in tokens[1:]] == sorted([*range(len(run.words)), changed])


def test_a_page_never_recognised_is_judged_as_plain_text(tmp_path: Path) -> None:
    with Project.create(tmp_path / "fresh.wbproj") as project:
        project.pages.add_scans([SAMPLES / "EHRI-DR-19390125-US_02.jpg"])
        page = project.pages.all()[0]
        assert project.suggestions.word_links(page.id) == []
        assert project.suggestions.for_page(page.id, "typed by hand") == []
        (suggestion,) = project.suggestions.for_page(page.id, "the offioials said")
        assert suggestion.text == "offioials" and suggestion.candidates[0].text == "officials"
        with pytest.raises(NotFoundError):
            project.suggestions.for_page(page.id + 1)


def test_no_word_is_flagged_twice(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        for page in project.pages.all():
            spans = Counter((s.start, s.end) for s in project.suggestions.for_page(page.id))
            assert all(count == 1 for count in spans.values())


def test_tesseracts_other_readings_are_offered_where_they_are_words(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        offered = [s for page in project.pages.all() for s in project.suggestions.for_page(page.id)
                   if any(reason.startswith("Tesseract also read it as") for reason in s.reasons)]
    assert offered, "no suggestion on the sample pages comes from Tesseract's other readings"
    for suggestion in offered:
        reading = next(r for r in suggestion.reasons if r.startswith("Tesseract also read it as"))
        assert reading.split("'")[1] in [split_edges(c.text)[1] for c in suggestion.candidates]


def test_asking_at_a_real_word_read_wrong_offers_its_fix(recognised_project_path: Path) -> None:
    """Tesseract read "regime" as "regine", a real word, with confidence, the same both times it
    looked: too often right to flag, but asked at the word (Ctrl+.) the fix comes first."""
    with Project.open(recognised_project_path) as project:
        page = project.pages.find("EHRI-DR-19390125-US_03")
        text = project.revisions.current_text(page.id)
        at = text.index(" regine,") + 1
        assert not [s for s in project.suggestions.for_page(page.id) if s.start <= at < s.end]
        asked = project.suggestions.at(page.id, at + 2)
        assert asked is not None
        assert (asked.start, asked.end, asked.text, asked.kind) == (at, at + 7, "regine,", SuggestionKind.ASKED)
        assert asked.candidates[0].text == "regime,"


def test_a_word_the_second_look_reads_otherwise_is_flagged_with_that_reading(
        recognised_project_path: Path) -> None:
    """Tesseract read "are" as "ere", a real word, with confidence; on the smaller page it read
    "are", a commoner word: so it is flagged, with that reading first and the second look as a reason."""
    with Project.open(recognised_project_path) as project:
        page = project.pages.find("EHRI-DR-19390125-US_02")
        text = project.revisions.current_text(page.id)
        at = text.index(" ere ") + 1
        flagged = [s for s in project.suggestions.for_page(page.id) if s.start <= at < s.end]
    assert [(s.start, s.end, s.text) for s in flagged] == [(at, at + 3, "ere")]
    assert flagged[0].candidates[0].text == "are"
    assert "read as 'are' on a second look at the page" in flagged[0].reasons


def test_asking_at_a_flagged_word_gives_its_suggestion(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.find("EHRI-DR-19390125-US_03")
        suggestion = flagged(project, page, "vrivileges")
        assert project.suggestions.at(page.id, suggestion.end) == suggestion


def test_asking_between_words_gives_nothing(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.all()[0]
        text = project.revisions.current_text(page.id) + "\n\n\n"
        assert project.suggestions.at(page.id, len(text) - 2, text) is None


@pytest.mark.slow  # every word of four pages
def test_asked_anywhere_no_candidate_is_the_word_itself(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        for page in project.pages.all():
            text = project.revisions.current_text(page.id)
            for match in re.finditer(r"\S+", text):
                asked = project.suggestions.at(page.id, match.start(), text)
                if asked is None:  # a mark alone ("=", "—") is no word
                    assert not any(character.isalnum() for character in match.group())
                    continue
                assert asked.start == match.start()
                assert all(c.text != asked.text for c in asked.candidates), asked
