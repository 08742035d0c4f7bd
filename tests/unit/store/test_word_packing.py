"""OCR words as the project file stores them: every field of every word comes back as it went in."""

from __future__ import annotations

import dataclasses
import random
import zlib

import pytest

from workbench.records import BoxTuple, OcrWord
from workbench.store.word_packing import LAYOUT, pack_words, unpack_words


def _box(randomness: random.Random) -> BoxTuple | None:
    """A box the engine drew, or (now and then) none, as a file may give a line or block without one."""
    return None if randomness.random() < 0.2 else (randomness.randint(0, 5000), randomness.randint(0, 7000),
                                                   randomness.randint(1, 5000), randomness.randint(1, 7000))


def _page(randomness: random.Random, count: int) -> tuple[OcrWord, ...]:
    letters = "abcdefghijklmnopqrstuvwxyzäöüßçéñøł"
    words = []
    boxes: dict[tuple[int, ...], BoxTuple | None] = {}
    for index in range(count):
        text = "".join(randomness.choice(letters) for _ in range(randomness.randint(1, 12)))
        alternatives = tuple(text[::-1] + str(n) for n in range(randomness.choice((0, 0, 1, 3))))
        block, paragraph, line = 1 + index // 60, 1 + index // 20, 1 + index // 10
        line_box, paragraph_box, block_box = (boxes.setdefault(key, _box(randomness))
                                              for key in ((block, paragraph, line), (block, paragraph), (block,)))
        words.append(OcrWord(text, randomness.randint(0, 5000), randomness.randint(0, 7000),
                             randomness.randint(1, 400), randomness.randint(1, 120),
                             round(randomness.uniform(0, 100), 2), block, paragraph, line, alternatives,
                             randomness.choice(("", "", text.upper())), line_box, paragraph_box, block_box))
    return tuple(words)


def test_a_page_of_words_comes_back_field_for_field() -> None:
    page = _page(random.Random(1939), 600)
    assert {word.line_box for word in page} > {None} and {word.block_box for word in page} > {None}
    assert unpack_words(pack_words(page)) == page


def test_the_engines_boxes_are_stored_once_for_the_words_that_share_them() -> None:
    page = _page(random.Random(1945), 600)
    bare = tuple(dataclasses.replace(word, line_box=None, paragraph_box=None, block_box=None) for word in page)
    boxes_given = len({(word.block, word.paragraph, word.line, word.line_box) for word in page if word.line_box}
                      | {(word.block, word.paragraph, word.paragraph_box) for word in page if word.paragraph_box}
                      | {(word.block, word.block_box) for word in page if word.block_box})
    raw = len(zlib.decompress(pack_words(page)[1:])) - len(zlib.decompress(pack_words(bare)[1:]))
    assert raw == 4 * 4 * boxes_given  # four 32-bit integers a box


@pytest.mark.parametrize("boxes", [
    [(1, 2, 3, 4), None, (1, 2, 3, 4), (1, 2, 3, 4), None, None, (5, 6, 7, 8), (1, 2, 3, 4)],
    [None, (0, 0, 0, 0), (0, 0, 0, 0), (-5, -6, 2**31, 2**40), None],
])
def test_a_box_that_changes_between_any_two_words_or_is_missing_comes_back(boxes: list[BoxTuple | None]) -> None:
    """Words need not share their line's box with the word before them: an imported file may draw
    none for one line and one for the next, or split a line the engine drew."""
    words = tuple(OcrWord("w", 0, 0, 1, 1, 1.0, 1, 1, 1, line_box=box, paragraph_box=boxes[-1 - index],
                          block_box=boxes[index // 2]) for index, box in enumerate(boxes))
    assert unpack_words(pack_words(words)) == words


def test_an_empty_page_comes_back_empty() -> None:
    assert unpack_words(pack_words(())) == ()


@pytest.mark.parametrize("text", [
    "Zürich", "Ελληνικά", "日本語の文字", "עברית", "ﺍﻟﻌﺮﺑﻴﺔ", "e\u0301", "👩‍👩‍👧", "", " ", "a\x00b", "\ud800",
    "x" * 70_000,
])
def test_any_string_is_kept_in_every_string_field(text: str) -> None:
    word = OcrWord(text, 1, 2, 3, 4, 50.0, 1, 1, 1, (text, "other", text), text)
    assert unpack_words(pack_words([word, word])) == (word, word)


def test_a_second_look_without_alternatives_and_alternatives_without_one_stay_apart() -> None:
    words = (OcrWord("a", 0, 0, 1, 1, 1.0, 1, 1, 1, (), "b"), OcrWord("c", 0, 0, 1, 1, 1.0, 1, 1, 1, ("d",), ""),
             OcrWord("e", 0, 0, 1, 1, 1.0, 1, 1, 1, ("f", "g"), "h"), OcrWord("i", 0, 0, 1, 1, 1.0, 1, 1, 1))
    assert unpack_words(pack_words(words)) == words


@pytest.mark.parametrize("number", [0, -1, 2**31 - 1, -(2**31), 2**31, -(2**40), 2**62])
def test_numbers_beyond_32_bits_and_below_zero_are_kept(number: int) -> None:
    word = OcrWord("w", number, -number, number, number, -1.0, number, number, number)
    assert unpack_words(pack_words([OcrWord("v", 7, 7, 7, 7, 7.0, 7, 7, 7), word])) == (
        OcrWord("v", 7, 7, 7, 7, 7.0, 7, 7, 7), word)


def test_a_confidence_comes_back_rounded_to_hundredths_as_it_was_always_stored() -> None:
    randomness = random.Random(5)
    confidences = [randomness.uniform(-1, 100) for _ in range(5000)] + [0.005, 0.015, 99.995, 100.0, -1.0, 87.23]
    words = [OcrWord("w", 0, 0, 1, 1, confidence, 1, 1, 1) for confidence in confidences]
    assert [word.confidence for word in unpack_words(pack_words(words))] == [round(c, 2) for c in confidences]


def test_a_confidence_that_is_no_number_is_refused_when_packing() -> None:
    with pytest.raises(ValueError, match="confidence"):
        pack_words([OcrWord("w", 0, 0, 1, 1, float("nan"), 1, 1, 1)])


@pytest.mark.parametrize("damage", [
    lambda packed: b"",
    lambda packed: bytes([LAYOUT + 1]) + packed[1:],
    lambda packed: packed[:-3],
    lambda packed: packed[:1] + zlib.compress(zlib.decompress(packed[1:])[:-5]),
    lambda packed: packed[:1] + zlib.compress(b"d" + zlib.decompress(packed[1:])[1:]),
    lambda packed: packed[:1] + zlib.compress(zlib.decompress(packed[1:]) + b"x"),
    lambda packed: bytes([1]) + packed[1:],  # layout 1, never released, had no boxes
    lambda packed: packed[:1] + zlib.compress(_box_changes_replaced(zlib.decompress(packed[1:]), 3)),
    lambda packed: packed[:1] + zlib.compress(_box_changes_replaced(zlib.decompress(packed[1:]), 64)),
    lambda packed: packed[:1] + zlib.compress(_box_changes_replaced(zlib.decompress(packed[1:]), -1)),
    lambda packed: packed[:1] + zlib.compress(_box_changes_replaced(zlib.decompress(packed[1:]), 0b101010)),
])
def test_damaged_or_unknown_words_are_an_error_not_wrong_words(damage: object) -> None:
    packed = pack_words(_page(random.Random(3), 20))
    with pytest.raises(ValueError, match="damaged|unknown layout"):
        unpack_words(damage(packed))  # type: ignore[operator]


def _box_changes_replaced(payload: bytes, change: int) -> bytes:
    """``payload`` with its first word's box changes (layout 2's eleventh column) set to ``change``."""
    count = int.from_bytes(payload[1:5], "little")
    at = 5 + 10 * count * 4  # 32-bit integers: the pages packed here need no more
    return payload[:at] + change.to_bytes(4, "little", signed=True) + payload[at + 4:]
