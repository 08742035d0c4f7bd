"""The revision list model, over a page with real saves."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from workbench.project import Project, RevisionKind
from workbench.ui.models.revision_list_model import MEASURING, RevisionListModel

pytestmark = pytest.mark.gui


def show(model: RevisionListModel, project: Project, page_id: int) -> None:
    """What the history panel does with what its link read."""
    model.show_page(page_id, project.revisions.all(page_id), project.pages.get(page_id).current_revision_id)


@pytest.fixture
def page_id(project: Project) -> int:
    """A page with its OCR revision and one correction on top."""
    page = project.pages.all()[0]
    text = project.revisions.current_text(page.id)
    project.revisions.save(page.id, text.replace("the", "THE", 3), parent_id=page.current_revision_id,
                 author="test archivist", note="capitals")
    return page.id


def test_revision_list_model_obeys_the_qt_contract(
    qtmodeltester: ModelTester, project: Project, page_id: int
) -> None:
    model = RevisionListModel()
    qtmodeltester.check(model)  # empty, before any page
    show(model, project, page_id)
    qtmodeltester.check(model)


def test_revisions_are_listed_newest_first_with_the_current_one_in_bold(
    project: Project, page_id: int
) -> None:
    model = RevisionListModel()
    show(model, project, page_id)

    assert model.rowCount() == 2
    newest, oldest = model.revision_at(0), model.revision_at(1)
    assert (newest.kind, oldest.kind) == (RevisionKind.EDIT, RevisionKind.OCR)
    assert model.index(0, RevisionListModel.AUTHOR).data() == "test archivist"
    assert model.index(0, RevisionListModel.KIND).data() == "edit"
    assert model.index(0, RevisionListModel.NOTE).data() == "capitals"
    assert model.index(1, RevisionListModel.KIND).data() == "ocr"
    assert model.index(0, 0).data(RevisionListModel.REVISION_ID_ROLE) == newest.id
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole) is None


def test_cer_column_measures_the_ocr_against_each_revision(project: Project, page_id: int) -> None:
    model = RevisionListModel()
    show(model, project, page_id)
    asked: list[int] = []
    model.rates_wanted.connect(asked.append)

    assert model.index(1, RevisionListModel.CER).data() == MEASURING
    assert model.index(1, RevisionListModel.CER).data() == MEASURING  # asked once only
    assert asked == [model.revision_at(1).id]
    for revision_id in (model.revision_at(0).id, model.revision_at(1).id):
        model.set_rates(revision_id, project.revisions.rates_against_ocr(revision_id))
    assert model.index(1, RevisionListModel.CER).data() == "0.00%"  # the OCR itself
    edited = project.revisions.rates_against_ocr(model.revision_at(0).id)
    assert edited is not None and edited.cer > 0
    assert model.index(0, RevisionListModel.CER).data() == f"{edited.cer:.2%}"


def test_clearing_leaves_no_rows(project: Project, page_id: int) -> None:
    model = RevisionListModel()
    show(model, project, page_id)
    model.clear()
    assert model.rowCount() == 0
