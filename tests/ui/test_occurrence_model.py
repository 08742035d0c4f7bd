"""The concordance model over real occurrences found in the recognised sample project."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from workbench.project import Occurrence, Project, ReplaceQuery
from workbench.ui.models.occurrence_model import OccurrenceModel

pytestmark = pytest.mark.gui

CHECK = Qt.ItemDataRole.CheckStateRole
DECORATION = Qt.ItemDataRole.DecorationRole


def common_word_occurrences(project: Project) -> list[Occurrence]:
    """Every occurrence of the sample's most frequent long word (at least three)."""
    words = [w for page in project.pages.all() for w in project.revisions.current_text(page.id).split()
             if w.isalpha() and len(w) >= 3]
    word = max(set(words), key=words.count)
    found = project.replace.find(ReplaceQuery(word, word.upper()))
    assert len(found) >= 3
    return found


@pytest.fixture
def occurrences(project: Project) -> list[Occurrence]:
    return common_word_occurrences(project)


@pytest.fixture
def model(qapp: QApplication, occurrences: list[Occurrence], project: Project) -> OccurrenceModel:
    model = OccurrenceModel()
    model.set_occurrences(occurrences, {page.id: page.label for page in project.pages.all()})
    return model


def test_the_model_obeys_the_qt_contract_with_and_without_crops(
    qtmodeltester: ModelTester, model: OccurrenceModel, occurrences: list[Occurrence]
) -> None:
    qtmodeltester.check(model)
    boxed = next(o for o in occurrences if o.word_box is not None)
    assert boxed.word_box is not None
    model.add_crop(boxed.page_id, boxed.word_box, QImage(20, 10, QImage.Format.Format_Grayscale8))
    qtmodeltester.check(model)
    model.set_occurrences([], {})
    qtmodeltester.check(model)


def test_a_row_shows_its_page_the_line_around_the_match_and_the_change(
    model: OccurrenceModel, occurrences: list[Occurrence], project: Project
) -> None:
    first = occurrences[0]
    line = first.line_text
    offset = first.start - first.line_start
    assert model.index(0, OccurrenceModel.PAGE).data() == project.pages.get(first.page_id).label
    assert line[:offset].endswith(str(model.index(0, OccurrenceModel.BEFORE).data()).lstrip("…"))
    assert model.index(0, OccurrenceModel.CHANGE).data() == f"{first.text} → {first.replacement}"
    assert line[offset + len(first.text):].startswith(str(model.index(0, OccurrenceModel.AFTER).data()).rstrip("…"))


def test_every_row_starts_ticked_and_unticking_leaves_it_out(
    model: OccurrenceModel, occurrences: list[Occurrence]
) -> None:
    assert model.ticked() == occurrences and model.ticked_count() == len(occurrences)
    assert model.setData(model.index(1, OccurrenceModel.PAGE), Qt.CheckState.Unchecked.value, CHECK)
    assert model.index(1, OccurrenceModel.PAGE).data(CHECK) == Qt.CheckState.Unchecked
    assert model.ticked() == occurrences[:1] + occurrences[2:]
    assert model.ticked_count() == len(occurrences) - 1
    model.set_all_ticked(False)
    assert model.ticked() == [] and model.ticked_count() == 0
    model.set_all_ticked(True)
    assert model.ticked() == occurrences
    assert model.page_count() == len({o.page_id for o in occurrences})


def test_a_crop_shows_on_every_row_of_its_box_and_nowhere_else(
    model: OccurrenceModel, occurrences: list[Occurrence]
) -> None:
    wanted = model.wanted_crops()
    boxes = {(o.page_id, o.word_box) for o in occurrences if o.word_box is not None}
    assert {(page_id, box) for page_id, page_boxes in wanted.items() for box in page_boxes} == boxes
    page_id, box = next(iter(boxes))
    assert box is not None
    model.add_crop(page_id, box, QImage(20, 10, QImage.Format.Format_Grayscale8))
    for row, occurrence in enumerate(occurrences):
        decoration = model.index(row, OccurrenceModel.IMAGE).data(DECORATION)
        if (occurrence.page_id, occurrence.word_box) == (page_id, box):
            assert isinstance(decoration, QPixmap) and decoration.width() == 20
        else:
            assert decoration is None
