"""OCR results as plain data: the text layout the project stores as a page's first revision."""

from __future__ import annotations

import pickle

from workbench.records import OcrResult, OcrSettings, OcrWord


def word(text: str, block: int = 1, paragraph: int = 1, line: int = 1) -> OcrWord:
    return OcrWord(
        text, left=0, top=0, width=10, height=10, confidence=90.0,
        block=block, paragraph=paragraph, line=line,
    )


def result(*words: OcrWord) -> OcrResult:
    return OcrResult(
        words=words, engine="tesseract", engine_version="5.3.0", settings=OcrSettings(), seconds=1.0
    )


def test_words_of_a_line_are_joined_by_single_spaces() -> None:
    assert result(word("Dear"), word("Sir,")).text() == "Dear Sir,"


def test_lines_of_a_paragraph_are_joined_by_newlines() -> None:
    page = result(word("I"), word("have"), word("the", line=2), word("honor", line=2))
    assert page.text() == "I have\nthe honor"


def test_paragraphs_are_separated_by_a_blank_line() -> None:
    page = result(word("First"), word("Second", paragraph=2), word("line", paragraph=2, line=2))
    assert page.text() == "First\n\nSecond\nline"


def test_blocks_are_separated_by_a_blank_line_even_with_equal_paragraph_numbers() -> None:
    assert result(word("Letterhead", block=1), word("Body", block=2)).text() == "Letterhead\n\nBody"


def test_words_keep_the_engines_reading_order() -> None:
    page = result(word("right", block=2), word("left", block=1))
    assert page.text() == "right\n\nleft"


def test_a_page_without_words_has_empty_text() -> None:
    assert result().text() == ""


def test_settings_as_dict_hold_every_option() -> None:
    assert OcrSettings("eng+deu", psm=6, second_look=False).as_dict() == {
        "languages": "eng+deu", "psm": 6, "second_look": False}


def test_a_result_survives_pickling_to_and_from_workers() -> None:
    page = result(word("Bucharest"), word("1939", line=2))
    assert pickle.loads(pickle.dumps(page)) == page
