"""Find and replace across a project, and "apply to all occurrences", on a project OCR'd by Tesseract."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.errors import WorkbenchError
from workbench.project import Occurrence, PageStatus, Project, ReplaceQuery, RevisionKind
from tests.project_file import sql


def expected_spans(project: Project, regex: str, flags: int = 0) -> list[tuple[int, int, int, str]]:
    return [
        (page.id, match.start(), match.end(), match.group())
        for page in project.pages.all()
        for match in re.finditer(regex, project.revisions.current_text(page.id), flags)
    ]


def spans(occurrences: list[Occurrence]) -> list[tuple[int, int, int, str]]:
    return [(o.page_id, o.start, o.end, o.text) for o in occurrences]


def test_a_literal_whole_word_query_finds_each_occurrence_at_its_exact_place_with_its_line(
    recognised_project_path: Path,
) -> None:
    with Project.open(recognised_project_path) as project:
        found = project.replace.find(ReplaceQuery("Jews", "Jewry"))
        expected = expected_spans(project, r"(?<!\w)Jews(?!\w)")
        assert len({page for page, *_ in expected}) >= 3
        assert spans(found) == expected
        for occurrence in found:
            text = project.revisions.current_text(occurrence.page_id)
            assert occurrence.revision_id == project.pages.get(occurrence.page_id).current_revision_id
            assert occurrence.replacement == "Jewry"
            assert occurrence.line_text in text.splitlines()
            assert text[occurrence.line_start :].startswith(occurrence.line_text)
            offset = occurrence.start - occurrence.line_start
            assert occurrence.line_text[offset : offset + len("Jews")] == "Jews"


def test_whole_word_and_case_decide_what_matches(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        assert spans(project.replace.find(ReplaceQuery("Jew", "x"))) == []
        assert spans(project.replace.find(ReplaceQuery("Jew", "x", whole_word=False))) == expected_spans(
            project, "Jew"
        )
        assert spans(project.replace.find(ReplaceQuery("goga", "x"))) == []
        any_case = project.replace.find(ReplaceQuery("goga", "x", case_sensitive=False))
        assert spans(any_case) == expected_spans(project, r"\bgoga\b", re.IGNORECASE)
        assert {o.text for o in any_case} == {"Goga"}


def test_the_search_index_never_loses_an_occurrence_a_full_scan_finds(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        for word in ("the", "Iron Guard", "Jewish", "150,000", "Goga"):
            narrowed = project.replace.find(ReplaceQuery(word, "x"))
            scanned = project.replace.find(ReplaceQuery(re.escape(word), "x", regex=True))
            assert narrowed and spans(narrowed) == spans(scanned), word


def test_a_regular_expression_replacement_uses_its_groups(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        found = project.replace.find(ReplaceQuery(r"(\d+),(\d{3})", r"\1 \2", regex=True))
        assert spans(found) == expected_spans(project, r"(?<![^\W_])\d+,\d{3}(?![^\W_])")
        assert {(o.text, o.replacement) for o in found} >= {("800,000", "800 000"), ("150,000", "150 000")}


def test_the_statuses_and_the_document_choose_the_pages(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        first = project.pages.all()[0]
        project.pages.set_status([first.id], PageStatus.CORRECTED, author="ana")
        everywhere = {o.page_id for o in project.replace.find(ReplaceQuery("Jews", "x"))}
        waiting = project.replace.find(ReplaceQuery("Jews", "x"), statuses=[PageStatus.RECOGNISED])
        assert first.id in everywhere
        assert {o.page_id for o in waiting} == everywhere - {first.id}
        in_document = project.replace.find(ReplaceQuery("Jews", "x"), document="Bucharest despatch")
        assert {o.page_id for o in in_document} == everywhere


def test_an_occurrence_of_an_ocr_word_carries_that_words_box(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        found = project.replace.find(ReplaceQuery("Jews", "x"))
        for occurrence in found:
            run = project.recognition.ocr_run(occurrence.page_id)
            assert run is not None
            [link] = [
                link for link in project.suggestions.word_links(occurrence.page_id)
                if link.start <= occurrence.start and occurrence.end <= link.end
            ]
            assert link.word_index is not None
            word = run.words[link.word_index]
            assert occurrence.word_box == (word.left, word.top, word.width, word.height)


def test_a_word_the_archivist_typed_has_no_box(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.all()[0]
        current = project.revisions.current(page.id)
        assert current is not None
        project.revisions.save(page.id, current.text + "\nzyxwv", parent_id=current.id, author="ana")
        [occurrence] = project.replace.find(ReplaceQuery("zyxwv", "x"))
        assert occurrence.word_box is None


def test_applying_makes_one_batch_revision_per_page_on_the_revision_found_in(
    recognised_project_path: Path,
) -> None:
    with Project.open(recognised_project_path) as project:
        before = {page.id: project.revisions.current(page.id) for page in project.pages.all()}
        found = project.replace.find(ReplaceQuery("Jews", "Jewry"))
        result = project.replace.apply(found, author="ana", note='"Jews" → "Jewry"')
        assert result.conflicts == ()
        assert set(result.revisions) == {o.page_id for o in found}
        for page_id, (old_id, new_id) in result.revisions.items():
            old = before[page_id]
            assert old is not None and old_id == old.id
            new = project.revisions.get(new_id)
            assert (new.kind, new.parent_id, new.author, new.note) == (
                RevisionKind.BATCH, old.id, "ana", '"Jews" → "Jewry"',
            )
            assert project.pages.get(page_id).current_revision_id == new_id
            assert new.text == re.sub(r"(?<!\w)Jews(?!\w)", "Jewry", old.text)
            assert project.pages.get(page_id).status == PageStatus.IN_PROGRESS
            assert [r.id for r in project.revisions.all(page_id)] == [old.id, new_id]


def test_unticked_occurrences_are_left_as_they_were(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        found = project.replace.find(ReplaceQuery("4", "a"))
        assert len(found) >= 3
        dropped, chosen = found[0], found[1:]
        untouched = project.revisions.current_text(dropped.page_id)
        result = project.replace.apply(chosen, author="ana", note="4 → a")
        for occurrence in chosen:
            text = project.revisions.current_text(occurrence.page_id)
            assert text[occurrence.start : occurrence.end] == "a"
        text = project.revisions.current_text(dropped.page_id)
        assert text[dropped.start : dropped.end] == "4"
        if dropped.page_id not in result.revisions:
            assert text == untouched


def test_a_page_saved_elsewhere_meanwhile_is_a_conflict_and_keeps_its_text(
    recognised_project_path: Path,
) -> None:
    with Project.open(recognised_project_path) as project:
        found = project.replace.find(ReplaceQuery("Jews", "Jewry"))
        pages = sorted({o.page_id for o in found})
        busy = pages[1]
        with Project.open(recognised_project_path) as elsewhere:
            current = elsewhere.revisions.current(busy)
            assert current is not None
            saved = elsewhere.revisions.save(busy, current.text + "\nChecked.", parent_id=current.id, author="ben").revision
        result = project.replace.apply(found, author="ana", note="Jews → Jewry")
        assert result.conflicts == (busy,)
        assert set(result.revisions) == set(pages) - {busy}
        assert project.revisions.current(busy) == saved


def test_occurrences_move_onto_a_page_just_saved_where_their_lines_read_the_same(
    recognised_project_path: Path,
) -> None:
    """The archivist saved at the "unsaved edits" question before replacing: a line added at the
    end keeps the page's matches; an edit of a line with a match leaves the page alone."""
    query = ReplaceQuery("Jews", "Jewry")
    with Project.open(recognised_project_path) as project:
        found = project.replace.find(query)
        edited, other = sorted({o.page_id for o in found})[:2]
        current = project.revisions.current(edited)
        assert current is not None
        saved = project.revisions.save(edited, current.text + "\nChecked.", parent_id=current.id, author="ana").revision
        line = next(o for o in found if o.page_id == other).line_text
        before = project.revisions.current(other)
        assert before is not None
        project.revisions.save(other, before.text.replace(line, line + " (sic)", 1), parent_id=before.id, author="ana")

        moved = project.replace.rebase(query, found, edited)
        assert [o for o in moved if o.page_id not in (edited,)] == [o for o in found if o.page_id != edited]
        assert {o.revision_id for o in moved if o.page_id == edited} == {saved.id}
        stale = [o for o in project.replace.rebase(query, found, other) if o.revision_id == before.id]
        assert stale and {o.line_text for o in stale} == {line}  # only the edited line's match stays behind

        result = project.replace.apply(moved, author="ana", note="Jews → Jewry")
        assert edited in result.revisions and other in result.conflicts
        assert project.revisions.current_text(edited) == saved.text.replace("Jews", "Jewry")


def test_undo_gives_every_page_its_old_text_back_as_revert_revisions(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        before = {page.id: project.revisions.current_text(page.id) for page in project.pages.all()}
        batch = project.replace.apply(
            project.replace.find(ReplaceQuery("Jews", "Jewry")), author="ana", note="Jews → Jewry"
        )
        undone = project.replace.undo(batch, author="ana")
        assert undone.conflicts == ()
        assert {page: project.revisions.current_text(page) for page in before} == before
        for page_id, (batch_id, revert_id) in undone.revisions.items():
            assert batch.revisions[page_id][1] == batch_id
            revert = project.revisions.get(revert_id)
            assert (revert.kind, revert.parent_id) == (RevisionKind.REVERT, batch_id)
            assert [r.kind for r in project.revisions.all(page_id)] == [
                RevisionKind.OCR, RevisionKind.BATCH, RevisionKind.REVERT,
            ]
        redone = project.replace.undo(undone, author="ana")
        for page_id, (_, new_id) in batch.revisions.items():
            assert project.revisions.current_text(page_id) == project.revisions.get(new_id).text
            assert redone.revisions[page_id][0] == undone.revisions[page_id][1]


def test_undo_leaves_a_page_edited_since_the_batch_alone(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        before = {page.id: project.revisions.current_text(page.id) for page in project.pages.all()}
        batch = project.replace.apply(
            project.replace.find(ReplaceQuery("Jews", "Jewry")), author="ana", note="Jews → Jewry"
        )
        edited = sorted(batch.revisions)[0]
        _, batch_id = batch.revisions[edited]
        later = project.revisions.save(edited, project.revisions.current_text(edited) + "\nSeen.", parent_id=batch_id, author="ana").revision
        undone = project.replace.undo(batch, author="ana")
        assert undone.conflicts == (edited,)
        assert project.revisions.current(edited) == later
        for page_id in set(batch.revisions) - {edited}:
            assert project.revisions.current_text(page_id) == before[page_id]


def test_an_applied_word_fix_is_learned_as_an_accepted_suggestion(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        found = project.replace.find(ReplaceQuery("peragrarhs", "paragraphs"))
        project.replace.apply(found, author="ana", note="fix")
        accepted = sql(project.path, "SELECT wrong, fixed FROM suggestion_feedback WHERE action = 'accepted'")
        assert accepted.count(("peragrarhs", "paragraphs")) == 1


@pytest.mark.parametrize(
    ("pattern", "replacement"), [("(", "x"), ("[a-", "x"), ("a(?<", "x"), ("(a)", r"\2"), ("a", r"\g<name>")]
)
def test_a_bad_regular_expression_is_refused_with_a_message(pattern: str, replacement: str) -> None:
    with pytest.raises(WorkbenchError, match=re.escape(repr(pattern if replacement == "x" else replacement))):
        ReplaceQuery(pattern, replacement, regex=True)


def test_the_same_text_as_a_literal_is_no_regular_expression() -> None:
    query = ReplaceQuery("(", r"\2")
    assert query.compiled().pattern.endswith(r"(?:\()(?![^\W_])")


def test_an_empty_search_is_refused() -> None:
    with pytest.raises(WorkbenchError, match="empty"):
        ReplaceQuery("", "x")


def test_overlapping_replacements_are_refused_and_nothing_is_applied(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        before = {page.id: project.revisions.current(page.id) for page in project.pages.all()}
        phrase = project.replace.find(ReplaceQuery("Iron Guard", "Iron Guards"))
        word = project.replace.find(ReplaceQuery("Guard", "Guardia"))
        with pytest.raises(WorkbenchError, match="overlap"):
            project.replace.apply(word + phrase, author="ana", note="both")
        assert {page.id: project.revisions.current(page.id) for page in project.pages.all()} == before


def test_undoing_a_batch_with_conflicts_reports_only_its_own(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        found = project.replace.find(ReplaceQuery("Jews", "Jewry"))
        busy = found[0].page_id
        current = project.revisions.current(busy)
        assert current is not None
        project.revisions.save(busy, current.text + "\nChecked.", parent_id=current.id, author="ben")
        batch = project.replace.apply(found, author="ana", note="Jews → Jewry")
        assert batch.conflicts == (busy,)
        undone = project.replace.undo(batch, author="ana")
        assert undone.conflicts == ()
        assert set(undone.revisions) == set(batch.revisions)


def test_a_regular_expression_error_is_placed_in_the_pattern_as_typed() -> None:
    with pytest.raises(WorkbenchError, match="at position 0"):
        ReplaceQuery("([a-z]", "x", regex=True)
