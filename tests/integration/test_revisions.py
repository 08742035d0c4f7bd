"""Saves, conflicts, reverts, drafts and status: history only grows and nothing typed is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.project_file import sql, stored_box_changes
from workbench.errors import ConflictError, NotFoundError
from workbench.records import OcrSettings
from workbench.project import DraftOrigin, PageStatus, Project, RevisionKind


def test_two_windows_saving_the_same_page_conflict_and_both_texts_survive(
    recognised_project_path: Path,
) -> None:
    with Project.open(recognised_project_path) as first, Project.open(recognised_project_path) as second:
        page = first.pages.all()[0]
        base = page.current_revision_id
        saved = first.revisions.save(page.id, "text from the first window", parent_id=base, author="ana").revision
        with pytest.raises(ConflictError) as refused:
            second.revisions.save(page.id, "text from the second window", parent_id=base, author="ben")
        assert refused.value.current_text == "text from the first window"
        assert refused.value.refused_text == "text from the second window"
        assert second.revisions.current_text(page.id) == "text from the first window"
        [draft] = second.revisions.drafts(page.id)
        assert draft.text == "text from the second window"
        assert draft.base_revision_id == base
        assert [r.id for r in first.revisions.all(page.id)][-1] == saved.id


def test_a_revert_adds_a_revision_with_the_old_text(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.all()[1]
        ocr = project.revisions.current(page.id)
        assert ocr is not None and ocr.kind is RevisionKind.OCR
        edit = project.revisions.save(page.id, "corrected", parent_id=ocr.id, author="ana").revision
        revert = project.revisions.revert(page.id, ocr.id, author="ana").revision
        assert revert.kind is RevisionKind.REVERT and revert.parent_id == edit.id
        assert revert.text == ocr.text
        assert [r.id for r in project.revisions.all(page.id)] == [ocr.id, edit.id, revert.id]


def test_reverting_to_another_pages_revision_is_refused(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        first, second, *_ = project.pages.all()
        assert second.current_revision_id is not None
        with pytest.raises(NotFoundError, match="belongs to page"):
            project.revisions.revert(first.id, second.current_revision_id, author="ana")


def test_diff_and_error_rates_between_revisions(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.all()[0]
        ocr = project.revisions.current(page.id)
        assert ocr is not None
        words = ocr.text.split()
        fixed = ocr.text.replace(words[5], words[5] + "X", 1)
        edit = project.revisions.save(page.id, fixed, parent_id=ocr.id, author="ana").revision
        changes = [op for op in project.revisions.diff(ocr.id, edit.id) if op.tag != "equal"]
        assert [(op.old, op.new) for op in changes] == [(words[5], words[5] + "X")]
        rates = project.revisions.rates_against_ocr(edit.id)
        assert rates is not None and rates.char_errors == 1 and rates.word_errors == 1
        ocr_rates = project.revisions.rates_against_ocr(ocr.id)
        assert ocr_rates is not None and ocr_rates.cer == 0


def test_status_moves_and_is_logged(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.all()[0]
        assert page.status is PageStatus.RECOGNISED
        project.revisions.save(page.id, "x", parent_id=page.current_revision_id, author="ana")
        assert project.pages.get(page.id).status is PageStatus.IN_PROGRESS
        ids = [p.id for p in project.pages.all()]
        project.pages.set_status(ids, PageStatus.VERIFIED, author="ben")
        assert {p.status for p in project.pages.all()} == {PageStatus.VERIFIED}
        log = project.pages.status_history(page.id)
        assert [(c.status, c.author) for c in log][-2:] == [
            (PageStatus.IN_PROGRESS, "ana"), (PageStatus.VERIFIED, "ben")]


def test_a_draft_survives_reopening_and_a_save_of_its_session_clears_it(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.all()[2]
        project.revisions.save_draft(page.id, "half-typed corr", base_revision_id=page.current_revision_id,
                           author="ana", session="crashed window")
    with Project.open(recognised_project_path) as reopened:
        [draft] = reopened.revisions.drafts(page.id)
        assert draft.text == "half-typed corr"
        reopened.revisions.adopt_draft(draft.id, session="new window")
        reopened.revisions.save(page.id, draft.text + "ection", parent_id=draft.base_revision_id, author="ana",
                      session="new window")
        assert reopened.revisions.drafts() == []


def test_an_autosave_replaces_only_its_own_sessions_typing(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.all()[0]
        base = page.current_revision_id
        for text in ("a", "ab", "abc"):
            project.revisions.save_draft(page.id, text, base_revision_id=base, author="ana", session="ana's window")
        project.revisions.save_draft(page.id, "ben types", base_revision_id=base, author="ben", session="ben's window")
        assert [(d.author, d.text) for d in project.revisions.drafts(page.id)] == [("ana", "abc"), ("ben", "ben types")]
        project.revisions.save(page.id, "ana's save", parent_id=base, author="ana", session="ana's window")
        assert [d.text for d in project.revisions.drafts(page.id)] == ["ben types"]


def test_every_refused_save_is_kept_as_its_own_draft_beside_the_autosave(recognised_project_path: Path) -> None:
    """Finding 5 of issue 13: one draft per page, replaced by each conflict, lost refused texts."""
    with Project.open(recognised_project_path) as project:
        page = project.pages.all()[0]
        stale = page.current_revision_id
        project.revisions.save_draft(page.id, "ana's typing", base_revision_id=stale, author="ana", session="ana")
        project.revisions.save(page.id, "ben's save", parent_id=stale, author="ben")
        refused = []
        for number in range(3):
            with pytest.raises(ConflictError):
                project.revisions.save(page.id, f"refused {number}", parent_id=stale, author="cy", session="cy")
            refused.append(f"refused {number}")
        kept = project.revisions.drafts(page.id)
        assert [d.text for d in kept] == ["ana's typing", *refused]
        assert [d.origin for d in kept] == [DraftOrigin.AUTOSAVE] + [DraftOrigin.REFUSED] * 3
        project.revisions.discard_draft(kept[1].id)
        assert [d.text for d in project.revisions.drafts(page.id)] == ["ana's typing", "refused 1", "refused 2"]


@pytest.mark.live_ocr
def test_recognising_again_keeps_every_revision_and_the_archivists_text(
    recognised_project_path: Path,
) -> None:
    with Project.open(recognised_project_path) as project:
        edited, untouched = project.pages.all()[:2]
        project.revisions.save(edited.id, "my correction", parent_id=edited.current_revision_id, author="ana")
        before = {p.id: len(project.revisions.all(p.id)) for p in (edited, untouched)}
        summary = project.recognition.recognise([edited.id, untouched.id], force=True, jobs=2,
                                    settings=OcrSettings(second_look=False))  # one look: the revisions are the point
        assert summary.recognised == 2
        assert project.revisions.current_text(edited.id) == "my correction"
        assert len(project.revisions.all(edited.id)) == before[edited.id]
        assert len(project.revisions.all(untouched.id)) == before[untouched.id] + 1
        run = project.recognition.ocr_run(edited.id)
        assert run is not None and len(run.words) > 100


def test_recognising_skips_recognised_pages_unless_forced(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        assert project.recognition.recognise(jobs=2).recognised == 0


def test_ocr_words_keep_boxes_confidence_layout_and_engine(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.all()[0]
        run = project.recognition.ocr_run(page.id)
        assert run is not None
        assert run.engine == "tesseract" and run.engine_version.startswith(("4", "5"))
        assert run.settings["languages"] == "eng" and run.settings["psm"] == 3
        for word in run.words:
            assert 0 <= word.left and word.left + word.width <= page.width
            assert 0 <= word.top and word.top + word.height <= page.height
            assert 0 <= word.confidence <= 100
        assert len({(w.block, w.paragraph, w.line) for w in run.words}) > 20


def test_tesseracts_own_line_paragraph_and_block_boxes_are_kept_once_per_line(recognised_project_path: Path) -> None:
    """Issue 16, defect 6: exports rebuilt them from the words, as nothing kept them."""
    with Project.open(recognised_project_path) as project:
        page = project.pages.all()[0]
        run = project.recognition.ocr_run(page.id)
    assert run is not None
    lines: dict[tuple[int, int, int], set[object]] = {}
    for word in run.words:
        assert word.line_box and word.paragraph_box and word.block_box
        lines.setdefault((word.block, word.paragraph, word.line), set()).add(word.line_box)
    assert all(len(boxes) == 1 for boxes in lines.values())
    (packed,) = sql(recognised_project_path, "SELECT words FROM ocr_runs WHERE id = ?", [run.id])[0]
    assert isinstance(packed, bytes)
    assert sum(change != 0 for change in stored_box_changes(packed)) == len(lines)  # the boxes once per line
