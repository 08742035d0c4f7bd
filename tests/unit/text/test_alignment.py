from __future__ import annotations

from workbench.records import OcrWord, WordLink
from workbench.text.alignment import link_words


def ocr(*texts: str) -> list[OcrWord]:
    """OCR words on one line, boxes side by side; only the texts matter to alignment."""
    return [OcrWord(text, 100 * n, 0, 90, 40, 90.0, 1, 1, 1) for n, text in enumerate(texts)]


def pairs(text: str, words: list[OcrWord]) -> list[tuple[str, str | None]]:
    """Each token of ``text`` with the text of the OCR word it is linked to."""
    return [
        (text[link.start : link.end], None if link.word_index is None else words[link.word_index].text)
        for link in link_words(text, words)
    ]


def test_the_text_as_recognised_links_each_token_to_its_word_with_offsets() -> None:
    words = ocr("Bucharest,", "January", "25,", "1939.")
    text = "Bucharest, January\n25,  1939."
    assert link_words(text, words) == [
        WordLink(0, 10, 0), WordLink(11, 18, 1), WordLink(19, 22, 2), WordLink(24, 29, 3)
    ]


def test_a_replaced_word_stays_linked_to_the_word_it_replaced() -> None:
    words = ocr("their", "fears", "ere", "greatly", "increased,")
    assert pairs("their fears are greatly increased.", words) == [
        ("their", "their"), ("fears", "fears"), ("are", "ere"), ("greatly", "greatly"),
        ("increased.", "increased,"),
    ]


def test_the_parts_of_a_split_word_all_link_to_that_word() -> None:
    words = ocr("brought", "to..change", "this")
    assert pairs("brought to change this", words) == [
        ("brought", "brought"), ("to", "to..change"), ("change", "to..change"), ("this", "this"),
    ]


def test_a_split_is_recognised_whatever_the_case() -> None:
    words = ocr("WASHINGTONDC", "received")
    assert pairs("Washington D.C. received", words) == [
        ("Washington", "WASHINGTONDC"), ("D.C.", "WASHINGTONDC"), ("received", "received"),
    ]


def test_merged_words_link_to_the_first_of_them() -> None:
    words = ocr("the", "move", "ment's", "strength")
    assert pairs("the movement's strength", words) == [
        ("the", "the"), ("movement's", "move"), ("strength", "strength"),
    ]


def test_an_inserted_token_links_to_no_word() -> None:
    words = ocr("influence,", "or,", "a", "revivification")
    assert pairs("influence, or, conceivably, a revivification", words) == [
        ("influence,", "influence,"), ("or,", "or,"), ("conceivably,", None), ("a", "a"),
        ("revivification", "revivification"),
    ]


def test_a_token_typed_beside_a_corrected_word_links_to_no_word() -> None:
    words = ocr("tbe", "movement")
    assert pairs("the Iron movement", words) == [("the", "tbe"), ("Iron", None), ("movement", "movement")]


def test_a_deleted_word_is_left_out_and_its_neighbours_keep_their_links() -> None:
    words = ocr("-", "2", "-", "influences", "may")
    links = link_words("influences may", words)
    assert [link.word_index for link in links] == [3, 4]


def test_a_retyped_misreading_that_shares_no_letter_links_to_the_word_left_over() -> None:
    words = ocr("the", "rn", "ll", "end")
    assert pairs("the m end", words) == [("the", "the"), ("m", "rn"), ("end", "end")]


def test_a_page_never_recognised_has_only_unlinked_tokens() -> None:
    assert link_words("typed by hand", []) == [
        WordLink(0, 5, None), WordLink(6, 8, None), WordLink(9, 13, None)
    ]


def test_an_empty_or_blank_text_has_no_tokens() -> None:
    assert link_words("", ocr("word")) == []
    assert link_words(" \n\n ", ocr("word")) == []
