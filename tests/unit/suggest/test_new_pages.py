"""The kinds of misses and false alarms seen on pages the engine was never tuned on (issue 18),
each on a line as Tesseract read it on the evaluation pages (../shared/eval), with its confidences
and other readings where they matter."""

from __future__ import annotations

from collections import Counter

from workbench.records import Suggestion
from workbench.suggest.context import SuggestContext
from workbench.suggest.engine import SuggestionEngine
from workbench.suggest.general_lexicon import general_lexicon, general_prefixes
from workbench.suggest.neighbours import english_pairs

from tests.unit.suggest.test_detection import read


def suggest(text: str, confidences: list[float] | None = None, *, looks: list[str] | None = None,
            readings: list[tuple[str, ...]] | None = None, **context: object) -> dict[str, Suggestion]:
    engine = SuggestionEngine(SuggestContext(general_lexicon(), prefixes=general_prefixes(),  # type: ignore[arg-type]
                                             pairs=english_pairs(), **context))
    evidence = None if confidences is None else read(confidences, looks=looks, readings=readings)
    return {s.text: s for s in engine.suggest(text, evidence)}


def first(suggestion: Suggestion) -> str:
    return suggestion.candidates[0].text


def test_two_words_read_as_one_keep_every_letter_the_scan_shows() -> None:
    """old_books a013: "Ihave" is "I have"; "have" (ranked first before) drops the "I"."""
    found = suggest("In making a study of my race, Ihave found three marked characteristics")
    assert first(found["Ihave"]) == "I have"


def test_a_word_split_in_two_and_misread_is_offered_whole() -> None:
    """EHRI-BF-19380509b_EN_04: "iis cussion" is "discussion"."""
    found = suggest("this Aid-Committee, as only then a full and free iis cussion of")
    assert [(s.text, first(s)) for s in found.values()] == [("iis cussion", "discussion")]
    assert found["iis cussion"].reasons == ("one word split in two, and misread",)


def test_two_words_that_make_a_misread_word_stay_apart_when_both_are_common() -> None:
    assert suggest("the Council will approach the Governments of the") == {}


def test_a_number_is_not_doubted_for_a_reading_that_lost_a_digit() -> None:
    """EHRI-ET-YV3549264_06 and EHRI-DR-19421116-US_08: Tesseract's other reading and the second
    look dropped a digit ("16" → "1"), and "1" is common in the project."""
    counts = Counter({"1": 15, "16": 1, "13": 1})
    line = "2 Chiddran between 4 end 16 roceived a better"
    found = suggest(line, [23, 9, 88, 92, 83, 93, 46, 97, 95], looks=["", "", "", "Ch", "", "1", "received", "", ""],
                    readings=[(), (), (), (), (), ("1¢", "1é", "l6"), (), (), ()], project_counts=counts)
    assert "16" not in found and "Chiddran" in found
    found = suggest("Reports received from Sofia on November 13, 19h2,", [95, 95, 95, 95, 95, 95, 90, 60],
                    readings=[(), (), (), (), (), (), ("1,",), ()], project_counts=counts)
    assert "13," not in found and "19h2," in found


def test_enumerators_and_office_symbols_are_structure() -> None:
    """EHRI-DR-19421116-US_01 "b)", EHRI-DR-19390125-US_03 "(a)", EHRI-BF-19380509b_EN_01 "c/o",
    EHRI-DR-19390125-US_10 "FPH/CKH:EMS" (a typist's initials), all read right."""
    assert suggest("b) The Law of August 29, 1942, having as its") == {}
    assert suggest("in this country into two categories, namely, (a)") == {}
    assert suggest("c/o 35, Lordship Park,", [60, 91, 95, 93]) == {}
    assert suggest("FPH/CKH:EMS") == {}
    assert "e" in suggest("the e of it")  # a letter alone without its bracket is still doubted


def test_signature_marks_are_structure() -> None:
    """"/s/" for a signature on a carbon copy, before the name as EHRI-DR-19390125-US_10 has it."""
    assert suggest("/s/ Franklin Mott Gunther") == {}


def test_inline_markup_is_the_words_edge() -> None:
    """No page of the evaluation set has markup: a line of EHRI-DR-19390125-US_01 with its
    emphasis marked as transcriptions mark it; the word inside is judged, the tags are kept."""
    assert suggest("<u>STRICTLY CONFIDENTIAL</u>") == {}
    found = suggest("the <u>Legatlon</u> in Bucharest")
    assert first(found["<u>Legatlon</u>"]) == "<u>Legation</u>"


def test_words_a_printers_dash_joins_are_judged_as_words() -> None:
    """old_books: a dash with punctuation before it, or a number after it, is no symbol inside a word."""
    assert suggest("Thousands have been murdered—25,000") == {}
    assert suggest("beyond a few detached prints:—nothing like a collection of") == {}
    assert suggest("the nature of this animal’s sense of vision,—are as well thought of") == {}
    assert "wh^ch" in suggest("the one wh^ch is")
    assert "apple,—‘‘there" in suggest("a bit of apple,—‘‘there is")  # old_books d011: ‘‘ for “


def test_a_numeral_in_capitals_is_structure() -> None:
    """old_books: "II" after a ruler's name, read as "IT" on a second look, in a book where "it"
    is common."""
    found = suggest("of Russia by Alexander II. The liberal policy which", [95, 95, 95, 95, 90, 95, 95, 95, 95],
                    looks=["", "", "", "", "IT", "", "", "", ""], project_counts=Counter({"it": 400, "II": 3}))
    assert found == {}


def test_short_pieces_are_not_mended_into_a_word_by_chance() -> None:
    """EHRI-ET-YV3549264_03 "ond to" is "and to", _07 "15 Marke or" is "15 Marks or"."""
    found = suggest("and sleep, ond to lives Bedsteads, or rather wooden punke,")
    assert "ond to" not in found
    assert "Marke or" not in suggest("one could buy a loaf for 15 Marke or a cigarette")


def test_a_number_the_second_look_read_as_a_word_is_still_doubted() -> None:
    """EHRI-ET-YV3549264_06: "4" for "a", read as "a" on the second look and weighed as "a", in a
    document where "a" is common."""
    found = suggest("For the children 4\nkindergarten was", [80, 96, 95, 84, 96, 96], looks=["", "", "", "a", "", ""],
                    readings=[(), (), (), ("@", "a", "«"), (), ()], project_counts=Counter({"a": 215, "4": 3}))
    assert first(found["4"]) == "a"


def asked(text: str, word: str) -> list[str]:
    engine = SuggestionEngine(SuggestContext(general_lexicon(), prefixes=general_prefixes(), pairs=english_pairs()))
    found = engine.asked(text, text.index(word))
    assert found is not None
    return [c.text for c in found.candidates]


def test_a_letter_lost_at_the_edge_of_a_word_is_offered_back() -> None:
    """EHRI-ET-YV3549264_11 "nam" for "name" (cut short); old_books d015 "HE" for "THE" (a drop
    capital the OCR lost at the start of a chapter)."""
    assert asked("In exchange for their nam they got a number which was tattooed on", "nam")[0] == "name"
    assert asked("HE great ship Lusitania was nearing Queens-", "HE")[0] == "THE"
