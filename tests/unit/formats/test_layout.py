from __future__ import annotations

import dataclasses

import pytest

from workbench.formats.layout import LaidWord, PageLayout, lay_out
from workbench.records import OcrWord
from workbench.text.alignment import link_words


def line_of(*texts: str, top: int = 100, line: int = 1, confidence: float = 80.0) -> list[OcrWord]:
    """OCR words on one line: 90 px wide boxes, 10 px apart, starting at x=100."""
    return [OcrWord(text, 100 + 100 * n, top, 90, 40, confidence, 1, 1, line) for n, text in enumerate(texts)]


WORDS = line_of("the", "quick", "brovvn", "fox")


def layout(text: str, words: list[OcrWord] = WORDS) -> PageLayout:
    return lay_out(text, words, link_words(text, words), width=1000, height=800)


def laid(text: str, words: list[OcrWord] = WORDS) -> list[LaidWord]:
    return [word for line in layout(text, words).lines for word in line.words]


def box(word: LaidWord) -> tuple[int, int, int, int]:
    return word.left, word.top, word.width, word.height


def test_the_text_as_recognised_keeps_every_box_and_confidence() -> None:
    words = laid("the quick brovvn fox")
    assert [(w.text, box(w), w.confidence, w.changed) for w in words] == [
        (o.text, (o.left, o.top, o.width, o.height), 80.0, False) for o in WORDS
    ]


def test_a_replaced_word_keeps_its_box_and_becomes_certain() -> None:
    brown = laid("the quick brown fox")[2]
    assert (brown.text, box(brown), brown.confidence, brown.changed) == ("brown", (300, 100, 90, 40), 100.0, True)


def test_a_split_word_divides_its_box_by_characters() -> None:
    words = laid("the qu ick brovvn fox")
    assert [(w.text, box(w)) for w in words[1:3]] == [("qu", (200, 100, 36, 40)), ("ick", (236, 100, 54, 40))]
    assert all(w.changed and w.confidence == 100.0 for w in words[1:3])


def test_merged_words_join_their_boxes() -> None:
    words = laid("thequick brovvn fox")
    assert (words[0].text, box(words[0]), words[0].changed) == ("thequick", (100, 100, 190, 40), True)
    assert [w.text for w in words] == ["thequick", "brovvn", "fox"]


def test_a_deleted_word_disappears_and_the_others_keep_their_boxes() -> None:
    words = laid("the brovvn fox")
    assert [(w.text, w.left) for w in words] == [("the", 100), ("brovvn", 300), ("fox", 400)]


def test_an_inserted_word_takes_a_box_between_its_neighbours() -> None:
    words = line_of("the", "fox")[:1] + [OcrWord("fox", 400, 100, 90, 40, 80.0, 1, 1, 1)]
    the, quick, fox = laid("the quick fox", words)
    assert (quick.text, quick.changed, quick.confidence) == ("quick", True, 100.0)
    assert the.left + the.width <= quick.left and quick.left + quick.width <= fox.left
    assert (quick.top, quick.height) == (100, 40)


def test_a_word_added_at_the_end_of_a_line_goes_after_its_last_word() -> None:
    jumps = laid("the quick brovvn fox jumps")[-1]
    assert jumps.left >= 490 and jumps.top == 100 and jumps.width > 0


def test_words_the_archivist_left_keep_the_ocr_confidence_beside_a_corrected_one() -> None:
    words = line_of("the", "quick", confidence=62.0) + [OcrWord("brovvn", 300, 100, 90, 40, 41.0, 1, 1, 1)]
    assert [(w.text, w.confidence, w.changed) for w in laid("the quick brown", words)] == [
        ("the", 62.0, False), ("quick", 62.0, False), ("brown", 100.0, True)]


def test_lines_follow_the_line_breaks_of_the_corrected_text() -> None:
    lines = layout("the quick\nbrovvn fox").lines
    assert [[w.text for w in line.words] for line in lines] == [["the", "quick"], ["brovvn", "fox"]]
    assert [(line.left, line.width) for line in lines] == [(100, 190), (300, 190)]


def test_a_line_box_is_the_union_of_its_words() -> None:
    words = line_of("one", "two") + line_of("three", top=160, line=2)
    first, second = layout("one two\nthree", words).lines
    assert (first.left, first.top, first.width, first.height) == (100, 100, 190, 40)
    assert (second.left, second.top, second.width, second.height) == (100, 160, 90, 40)


def test_a_typed_line_goes_between_the_lines_around_it() -> None:
    words = line_of("one") + line_of("three", top=300, line=2)
    one, two, three = layout("one\ntwo\nthree", words).lines
    assert one.top + one.height <= two.top and two.top + two.height <= three.top
    assert (two.block, two.paragraph) == (one.block, one.paragraph)


def test_a_page_without_ocr_stacks_its_lines_evenly_down_the_page() -> None:
    lines = layout("first line\nsecond line\n\nthird line", []).lines
    tops = [line.top for line in lines]
    assert tops == sorted(tops) and tops[1] - tops[0] == tops[2] - tops[1]
    assert all(0 <= line.left and line.left + line.width <= 1000 for line in lines)
    assert [line.paragraph for line in lines] == [0, 0, 1]


def test_boxes_never_leave_the_page() -> None:
    words = [OcrWord("edge", 950, 780, 50, 20, 90.0, 1, 1, 1)]
    for word in laid("edge of the world", words):
        assert 0 <= word.left and word.left + word.width <= 1000
        assert 0 <= word.top and word.top + word.height <= 800


def test_an_empty_text_has_no_lines() -> None:
    assert layout(" \n\n ").lines == ()


def test_typed_lines_are_as_wide_as_their_own_words() -> None:
    short, long = layout("a\nmuch longer typed line here", []).lines
    assert short.width < long.width


MERGES = [("ex amination", "examination"), ("Bur genland", "Burgenland"), ("re ceived", "received"),
          ("Gov ernment", "Government"), ("informa tion", "information"), ("a ll", "all"),
          ("iis cussion", "discussion"), ("Rou mania n", "Roumanian")]


@pytest.mark.parametrize(("ocr", "merged"), MERGES)
def test_a_merged_word_covers_the_union_of_the_boxes_it_replaces(ocr: str, merged: str) -> None:
    words = line_of("free", *ocr.split(), "of")
    free, word, of = laid(f"free {merged} of", words)
    parts = words[1:-1]
    assert (word.text, word.changed) == (merged, True)
    assert box(word) == (parts[0].left, 100, parts[-1].left + parts[-1].width - parts[0].left, 40)
    assert (box(free), box(of)) == ((100, 100, 90, 40), (words[-1].left, 100, 90, 40))


def test_a_merged_word_at_the_start_of_a_line_widens_the_line_box_tei_zones_take() -> None:
    (line,) = layout("examination of", line_of("ex", "amination", "of")).lines
    assert (line.left, line.width) == (100, 290)


def test_a_deleted_word_beside_a_kept_one_is_not_merged_into_it() -> None:
    assert [(w.text, box(w)) for w in laid("the cat", line_of("the", "the", "cat"))] == [
        ("the", (100, 100, 90, 40)), ("cat", (300, 100, 90, 40))]


def drawn_line(*texts: str) -> list[OcrWord]:
    """One OCR line whose engine box (Tesseract's) is lower than the words reach, as it often is."""
    return [dataclasses.replace(word, line_box=(95, 104, 300, 30), paragraph_box=(90, 100, 320, 40),
                                block_box=(80, 90, 400, 60)) for word in line_of(*texts)]


def test_a_line_read_as_the_engine_drew_it_keeps_the_engines_box_and_its_block_and_paragraph() -> None:
    page = layout("the quick fox", drawn_line("the", "quick", "fox"))
    (line,) = page.lines
    assert (line.left, line.top, line.width, line.height, line.as_drawn) == (95, 104, 300, 30, True)
    assert (page.block_boxes, page.paragraph_boxes) == ({1: (80, 90, 480, 150)}, {(1, 1): (90, 100, 410, 140)})


def test_a_corrected_word_keeps_the_drawn_line_box_but_a_typed_word_or_a_broken_line_does_not() -> None:
    words = drawn_line("the", "qick", "fox")
    assert layout("the quick fox", words).lines[0].as_drawn
    typed = layout("the quick brown fox", words).lines[0]
    assert (typed.as_drawn, typed.top, typed.height) == (False, 100, 40)
    assert not any(line.as_drawn for line in layout("the qick\nfox", words).lines)
