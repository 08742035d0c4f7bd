"""The page view: a real scan with real Tesseract boxes, driven in image coordinates mapped through
the view's transform, so the tests hold at any window size."""

from __future__ import annotations


import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsPixmapItem, QGraphicsRectItem
from pytestqt.qtbot import QtBot

from tests.ui.recognised_page import RecognisedPage
from workbench.records import OcrWord
from workbench.ui.page_view import (
    MAX_ZOOM,
    MIN_ZOOM,
    ZOOM_STEP,
    Confidence,
    PageView,
    WordMarksItem,
    confidence_of,
    word_at,
    word_rect,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def view(qtbot: QtBot, page: RecognisedPage, page_image: QImage) -> PageView:
    """The page shown fitted to the width of an 800 x 600 view, scrolled to the top."""
    view = PageView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.set_page(page_image, page.words)
    view.show()
    qtbot.waitExposed(view)
    return view


def centre(word: OcrWord) -> QPointF:
    return word_rect(word).center()


def visible_scene_rect(view: PageView) -> QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


def visible_words(view: PageView, words: tuple[OcrWord, ...]) -> list[int]:
    visible = visible_scene_rect(view)
    return [index for index, word in enumerate(words) if visible.contains(word_rect(word))]


def send_mouse(view: PageView, kind: QEvent.Type, at: QPoint, button: Qt.MouseButton) -> None:
    """Send a press, move or release with ``button`` held, as a real drag delivers them (QTest's
    mouseMove does not carry the held button)."""
    held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    event_button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else button
    global_at = view.viewport().mapToGlobal(QPointF(at))
    event = QMouseEvent(kind, QPointF(at), global_at, event_button, held, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


def drag(view: PageView, start: QPoint, end: QPoint, button: Qt.MouseButton) -> None:
    send_mouse(view, QEvent.Type.MouseButtonPress, start, button)
    send_mouse(view, QEvent.Type.MouseMove, (start + end) / 2, button)
    send_mouse(view, QEvent.Type.MouseMove, end, button)
    send_mouse(view, QEvent.Type.MouseButtonRelease, end, button)


def wheel(view: PageView, at: QPoint, notches: int, modifiers: Qt.KeyboardModifier) -> None:
    event = QWheelEvent(
        QPointF(at),
        view.viewport().mapToGlobal(QPointF(at)),
        QPoint(),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


# Hit-testing and confidence, without events


def test_word_at_finds_the_box_under_a_point_and_prefers_the_smaller_of_overlapping_boxes() -> None:
    words = [
        OcrWord("large", 0, 0, 100, 40, 90.0, 1, 1, 1),
        OcrWord("small", 50, 10, 20, 20, 90.0, 1, 1, 1),
    ]

    assert word_at(words, 10, 10) == 0
    assert word_at(words, 60, 20) == 1
    assert word_at(words, 100, 20) is None  # right and bottom edges belong to the next pixel
    assert word_at(words, 10, 40) is None
    assert word_at([], 10, 10) is None


@pytest.mark.parametrize(
    ("confidence", "expected"),
    [(0.0, Confidence.BAD), (49.9, Confidence.BAD), (50.0, Confidence.DOUBTFUL),
     (74.9, Confidence.DOUBTFUL), (75.0, Confidence.CONFIDENT), (100.0, Confidence.CONFIDENT)],
)
def test_confidence_classes_follow_tesseracts_word_confidence(
    confidence: float, expected: Confidence
) -> None:
    assert confidence_of(OcrWord("word", 0, 0, 1, 1, confidence, 1, 1, 1)) == expected


# Clicking words


def test_clicking_a_word_box_reports_the_words_index(
    qtbot: QtBot, view: PageView, page: RecognisedPage
) -> None:
    shown = visible_words(view, page.words)
    assert len(shown) > 20

    for index in (shown[0], shown[len(shown) // 2], shown[-1]):
        at = view.map_image_point_to_view(centre(page.words[index]))
        with qtbot.waitSignal(view.word_clicked) as clicked:
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)

        assert clicked.args == [index]


def test_clicking_the_page_between_words_reports_nothing(
    qtbot: QtBot, view: PageView, page: RecognisedPage
) -> None:
    first = page.words[0]
    margin = QPointF(first.left / 2, first.top + first.height / 2)  # left of the first line
    assert word_at(page.words, margin.x(), margin.y()) is None

    with qtbot.assertNotEmitted(view.word_clicked):
        at = view.map_image_point_to_view(margin)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)


@pytest.mark.parametrize("button", [Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton])
def test_dragging_pans_the_page_without_choosing_a_word(
    qtbot: QtBot, view: PageView, page: RecognisedPage, button: Qt.MouseButton
) -> None:
    view.verticalScrollBar().setValue(200)
    start = view.map_image_point_to_view(centre(page.words[visible_words(view, page.words)[0]]))

    with qtbot.assertNotEmitted(view.word_clicked):
        drag(view, start, start + QPoint(0, 120), button)

    assert view.verticalScrollBar().value() == 80


# The current word


def test_the_current_word_is_outlined_and_scrolled_into_view_at_the_same_zoom(
    view: PageView, page: RecognisedPage
) -> None:
    words = page.words
    bottom = max(range(len(words)), key=lambda index: words[index].top + words[index].height)
    assert not visible_scene_rect(view).intersects(word_rect(words[bottom]))
    zoom = view.zoom_factor

    view.show_current_word(bottom)

    outlines = [item for item in view.scene().items() if isinstance(item, QGraphicsRectItem)]
    assert len(outlines) == 1
    assert outlines[0].isVisible()
    assert outlines[0].rect() == word_rect(words[bottom])
    assert visible_scene_rect(view).contains(word_rect(words[bottom]))
    assert view.zoom_factor == zoom

    view.show_current_word(None)

    assert not outlines[0].isVisible()


def test_a_word_the_page_does_not_have_cannot_be_made_current(
    view: PageView, page: RecognisedPage
) -> None:
    with pytest.raises(IndexError):
        view.show_current_word(len(page.words))


# Marks


def marks_item(view: PageView) -> WordMarksItem:
    items = [item for item in view.scene().items() if isinstance(item, WordMarksItem)]
    assert len(items) == 1
    return items[0]


def test_marks_are_drawn_in_the_colour_of_their_kind_and_replace_earlier_marks(
    view: PageView, page: RecognisedPage
) -> None:
    words = page.words
    first, second, third = visible_words(view, words)[:3]
    unmarked = view.viewport().grab().toImage()

    view.set_marked_words({first: "unknown word", second: "low confidence", third: "unknown word"})

    assert marks_item(view).regions == {
        "unknown word": (word_rect(words[first]), word_rect(words[third])),
        "low confidence": (word_rect(words[second]),),
    }
    marked = view.viewport().grab().toImage()
    box = words[first]
    underline = view.map_image_point_to_view(QPointF(box.left + box.width / 2, box.top + box.height))
    before, after = QColor(unmarked.pixel(underline)), QColor(marked.pixel(underline))
    assert after != before
    assert after.red() > 150 and after.green() < 120  # "unknown word" is red

    view.set_marked_words({second: "learned"})

    assert marks_item(view).regions == {"learned": (word_rect(words[second]),)}


def test_a_new_page_starts_without_marks_or_current_word(
    view: PageView, page: RecognisedPage, page_image: QImage
) -> None:
    view.set_marked_words({0: "ocr confusion"})
    view.show_current_word(0)

    view.set_page(page_image, page.words[:10])

    assert marks_item(view).regions == {}
    outlines = [item for item in view.scene().items() if isinstance(item, QGraphicsRectItem)]
    assert not any(outline.isVisible() for outline in outlines)
    with pytest.raises(IndexError):
        view.set_marked_words({10: "learned"})


def test_a_new_page_keeps_a_chosen_zoom_and_shows_its_top(
    view: PageView, page: RecognisedPage, page_image: QImage
) -> None:
    view.zoom_in()
    view.verticalScrollBar().setValue(500)
    chosen = view.zoom_factor

    view.set_page(page_image, page.words)

    assert view.zoom_factor == chosen
    assert view.verticalScrollBar().value() == 0


def test_a_cleared_view_shows_nothing_and_reports_no_clicks(
    qtbot: QtBot, view: PageView, page: RecognisedPage
) -> None:
    at = view.map_image_point_to_view(centre(page.words[0]))

    view.clear()

    assert not any(isinstance(item, QGraphicsPixmapItem) for item in view.scene().items())
    with qtbot.assertNotEmitted(view.word_clicked):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)


# Zoom


def scene_centre(view: PageView) -> QPointF:
    return view.mapToScene(view.viewport().rect().center())


def test_zooming_in_and_out_steps_about_the_centre_and_stops_at_the_limits(
    qtbot: QtBot, view: PageView
) -> None:
    view.verticalScrollBar().setValue(300)
    start, centre_before = view.zoom_factor, scene_centre(view)

    with qtbot.waitSignal(view.zoom_changed) as changed:
        view.zoom_in()

    assert changed.args == [pytest.approx(start * ZOOM_STEP)]
    assert view.zoom_factor == pytest.approx(start * ZOOM_STEP)
    assert (scene_centre(view) - centre_before).manhattanLength() < 4 / view.zoom_factor
    view.zoom_out()
    assert view.zoom_factor == pytest.approx(start)

    for _ in range(30):
        view.zoom_in()
    assert view.zoom_factor == MAX_ZOOM
    for _ in range(60):
        view.zoom_out()
    assert view.zoom_factor == MIN_ZOOM


def test_fit_page_shows_the_whole_page_and_fit_width_fills_the_width(
    view: PageView, page_image: QImage
) -> None:
    page = QRectF(page_image.rect())
    viewport = view.viewport().size()

    view.fit_page()

    top_left = view.map_image_point_to_view(page.topLeft())
    bottom_right = view.map_image_point_to_view(page.bottomRight())
    assert top_left.x() >= 0 and top_left.y() == 0
    assert bottom_right.x() <= viewport.width() and bottom_right.y() == viewport.height()  # it is tall
    assert view.verticalScrollBar().maximum() == view.horizontalScrollBar().maximum() == 0

    view.fit_width()

    assert view.map_image_point_to_view(page.topLeft()).x() == 0
    assert view.map_image_point_to_view(page.topRight()).x() == viewport.width()
    assert view.horizontalScrollBar().maximum() == 0
    assert view.verticalScrollBar().maximum() > 0


def test_a_fit_mode_is_kept_on_resize_but_a_chosen_zoom_is_not_changed(
    qtbot: QtBot, view: PageView, page_image: QImage
) -> None:
    view.fit_width()

    view.resize(1000, 600)

    qtbot.waitUntil(lambda: view.viewport().width() > 900)
    assert view.zoom_factor == pytest.approx(view.viewport().width() / page_image.width())

    view.zoom_in()
    chosen = view.zoom_factor
    view.resize(700, 600)

    qtbot.waitUntil(lambda: view.viewport().width() < 700)
    assert view.zoom_factor == chosen


def test_control_wheel_zooms_about_the_cursor_and_the_plain_wheel_scrolls(
    view: PageView, page: RecognisedPage
) -> None:
    view.verticalScrollBar().setValue(300)
    start = view.zoom_factor
    word = page.words[visible_words(view, page.words)[-1]]
    cursor = view.map_image_point_to_view(centre(word))

    wheel(view, cursor, 1, Qt.KeyboardModifier.ControlModifier)

    assert view.zoom_factor == pytest.approx(start * ZOOM_STEP)
    assert (view.mapToScene(cursor) - centre(word)).manhattanLength() < 4 / view.zoom_factor

    scrolled = view.verticalScrollBar().value()
    wheel(view, cursor, -1, Qt.KeyboardModifier.NoModifier)

    assert view.zoom_factor == pytest.approx(start * ZOOM_STEP)
    assert view.verticalScrollBar().value() > scrolled
