"""Matching the second look's words to the first look's by their boxes, and the smaller page."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from workbench.ocr.second_look import SCALE, smaller_page, with_second_look
from workbench.records import OcrWord

SCAN = Path(__file__).resolve().parents[3] / "resources" / "samples" / "EHRI-DR-19390125-US_02.jpg"


def word(text: str, left: int, top: int, width: int, height: int) -> OcrWord:
    return OcrWord(text, left, top, width, height, 90.0, 1, 1, 1)


def smaller(text: str, left: int, top: int, width: int, height: int) -> OcrWord:
    """A word read on the smaller page, at what would be (left, top, width, height) full size."""
    return word(text, round(left * SCALE), round(top * SCALE), round(width * SCALE), round(height * SCALE))


def test_a_word_read_otherwise_at_the_same_place_gets_that_reading() -> None:
    first = [word("looked", 100, 200, 120, 30), word("the", 240, 200, 60, 30)]
    second = [smaller("locked", 100, 200, 120, 30), smaller("the", 240, 200, 60, 30)]
    marked = with_second_look(first, second)
    assert [w.second_look for w in marked] == ["locked", ""]
    assert [w.text for w in marked] == ["looked", "the"]


def test_a_word_the_second_look_split_evenly_or_missed_gets_nothing() -> None:
    first = [word("Government", 100, 200, 200, 30), word("seal", 100, 900, 80, 30)]
    second = [smaller("Gover", 100, 200, 90, 30), smaller("nment", 210, 200, 90, 30)]
    assert [w.second_look for w in with_second_look(first, second)] == ["", ""]


def test_the_reading_of_the_line_below_is_not_taken() -> None:
    first = [word("oven", 100, 200, 80, 30)]
    second = [smaller("open", 100, 245, 80, 30)]
    assert with_second_look(first, second)[0].second_look == ""


def test_the_smaller_page_is_three_quarters_the_size_as_png() -> None:
    with Image.open(SCAN) as scan:
        width, height = scan.size
    with Image.open(io.BytesIO(smaller_page(SCAN.read_bytes()))) as page:
        assert page.format == "PNG"
        assert page.size == (round(width * SCALE), round(height * SCALE))
