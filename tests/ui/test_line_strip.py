"""The line strip: a real line of a real scan at the strip's height, scrolled to the current word."""

from __future__ import annotations


import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.ui.recognised_page import RecognisedPage
from workbench.ui.line_strip import LINE_MARGIN, LineStrip

pytestmark = pytest.mark.gui


@pytest.fixture
def strip(qtbot: QtBot, page_image: QImage) -> LineStrip:
    strip = LineStrip()
    qtbot.addWidget(strip)
    strip.resize(300, strip.sizeHint().height())
    strip.set_image(page_image)
    strip.show()
    qtbot.waitExposed(strip)
    return strip


@pytest.fixture
def long_line(page: RecognisedPage) -> list[int]:
    """The word indexes of the page's widest line."""
    return max(page.lines(), key=lambda line: page.line_box(line).width())


def test_a_line_fills_the_strips_height_with_a_small_margin_from_the_left_edge(
    strip: LineStrip, page: RecognisedPage, long_line: list[int]
) -> None:
    box = page.line_box(long_line)

    strip.show_region(box)

    margin = round(box.height() * LINE_MARGIN)
    assert strip.region == box.adjusted(-margin, -margin, margin, margin)
    shown = strip.map_from_image(strip.region)
    assert shown.top() == 0 and shown.left() == 0
    assert shown.height() == pytest.approx(strip.height(), abs=0.5)
    assert shown.width() > strip.width()  # a long line at reading size is wider than the strip


def test_the_strip_shows_the_lines_pixels_scaled_smoothly(
    strip: LineStrip, page_image: QImage, page: RecognisedPage, long_line: list[int]
) -> None:
    strip.show_region(page.line_box(long_line))
    assert strip.region is not None

    expected = page_image.copy(strip.region).scaledToHeight(
        strip.height(), Qt.TransformationMode.SmoothTransformation
    )
    shown = strip.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)

    assert shown == expected.copy(0, 0, strip.width(), strip.height())


def test_the_strip_scrolls_just_enough_to_show_the_current_word(
    strip: LineStrip, page: RecognisedPage, long_line: list[int]
) -> None:
    box = page.line_box(long_line)
    last = page.box(long_line[-1])
    assert strip.map_from_image(box).isEmpty()

    strip.show_region(box, focus=last)

    shown = strip.map_from_image(last)
    assert 0 <= shown.left() and shown.right() <= strip.width()
    assert strip.map_from_image(box).left() < 0

    strip.show_region(box, focus=page.box(long_line[0]))

    assert strip.region is not None
    assert strip.map_from_image(strip.region).left() == 0


def test_a_resized_strip_scales_the_line_to_its_new_height(
    qtbot: QtBot, strip: LineStrip, page: RecognisedPage, long_line: list[int]
) -> None:
    strip.show_region(page.line_box(long_line))
    assert strip.region is not None

    strip.resize(strip.width(), 100)

    qtbot.waitUntil(lambda: strip.height() == 100)
    assert strip.map_from_image(strip.region).height() == pytest.approx(100, abs=0.5)


def test_a_line_at_the_edge_of_the_page_keeps_its_margin_inside_the_image(
    strip: LineStrip, page_image: QImage
) -> None:
    strip.show_region(QRect(0, 0, 400, 40))

    assert strip.region == QRect(0, 0, 408, 48)
    assert page_image.rect().contains(strip.region)


def test_no_line_shows_nothing(strip: LineStrip, page: RecognisedPage, long_line: list[int]) -> None:
    strip.show_region(page.line_box(long_line))

    strip.show_region(None)

    assert strip.region is None
    shown = strip.grab().toImage()
    assert shown.pixel(0, 0) == shown.pixel(strip.width() // 2, strip.height() // 2)
