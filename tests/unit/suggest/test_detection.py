"""Each detection signal on words Tesseract really produced on the EHRI pages (see ../shared/eval)."""

from __future__ import annotations

from collections import Counter

import pytest

from workbench.records import SuggestionKind, WordEvidence
from workbench.suggest.context import LearnedFixes, SuggestContext
from workbench.suggest.engine import SuggestionEngine, neighbours
from workbench.suggest.error_model import ErrorModel
from workbench.suggest.general_lexicon import general_lexicon, general_prefixes
from workbench.suggest.habits import find_habits
from workbench.suggest.neighbours import english_pairs
from workbench.text.tokens import split_edges


def engine(**overrides: object) -> SuggestionEngine:
    return SuggestionEngine(SuggestContext(general_lexicon(), prefixes=general_prefixes(), **overrides))  # type: ignore[arg-type]


def read(confidences: list[float], *, looks: list[str] | None = None,
         readings: list[tuple[str, ...]] | None = None) -> list[WordEvidence | None]:
    """What Tesseract said of each token: its confidence, and where given its second look and
    other readings."""
    return [WordEvidence(confidence, readings[index] if readings else (), looks[index] if looks else "")
            for index, confidence in enumerate(confidences)]


def judged(text: str, confidences: list[float] | None = None, **overrides: object) -> dict[str, list[str]]:
    """Flagged token → its reasons."""
    return {s.text: list(s.reasons) for s in engine(**overrides).suggest(
        text, None if confidences is None else read(confidences))}


def test_a_word_in_no_lexicon_is_flagged() -> None:
    assert judged("the offioials met")["offioials"][0] == "not in any lexicon"


def test_common_words_and_numbers_are_not_flagged() -> None:
    assert judged("On 12 January 1939 the Legation in Bucharest reported 25,000 refugees.") == {}


def test_mixed_case_inside_a_word_is_flagged_though_it_is_a_word() -> None:
    assert "mixed case inside a word" in judged("such aS these")["aS"]
    assert judged("the anti-Semitic laws, well-known") == {}


def test_digits_among_letters_are_flagged() -> None:
    assert "digits among letters" in judged("in November 19h2 the")["19h2"]


def test_low_confidence_flags_a_rare_word_and_says_so() -> None:
    text = "the ard of it"
    assert judged(text, [96, 96, 96, 96]) == {}
    assert "OCR confidence 20%" in judged(text, [96, 20, 96, 96])["ard"]


def test_a_word_broken_at_a_line_end_is_judged_whole() -> None:
    assert judged("against discrimina-\ntion laws") == {}
    assert "discrimina-" in judged("against discrimina- tion laws")


def test_a_rare_form_of_a_word_common_in_the_document_is_flagged() -> None:
    counts = Counter({"Westerbork": 12, "Westerberk": 1})
    found = judged("sent to Westerberk", [96, 96, 92], project_counts=counts)
    assert "'Westerbork' is common in this project" in found["Westerberk"]


def test_names_the_general_list_knows_are_not_flagged() -> None:
    assert judged("Dr. Baeck went to Theresienstadt", [96, 96, 96, 96, 96]) == {}


def test_a_word_the_archivist_accepted_is_never_flagged() -> None:
    assert "HICEM" in judged("the HICEM office")
    assert judged("the HICEM office", accepted=frozenset({"HICEM"})) == {}


def test_a_misreading_the_archivist_corrected_is_flagged_with_that_fix() -> None:
    learned = LearnedFixes({"Matarescu": Counter({"Tatarescu": 2})})
    (suggestion,) = engine(learned=learned).suggest("Minister Matarescu said", read([96, 96, 96]))
    assert suggestion.kind == SuggestionKind.LEARNED
    assert suggestion.candidates[0].text == "Tatarescu"
    assert "corrected to 'Tatarescu' 2 times in this project" in suggestion.reasons


@pytest.mark.parametrize(("misread", "fix"), [("faot", "fact"), ("whioh", "which"), ("Sngland", "England"),
                                              ("Sulearia", "Bulgaria"), ("vrivileges", "privileges"),
                                              ("oosupied", "occupied"), ("19h2", "1942"), ("aS", "as")])
def test_known_ocr_confusions_give_the_printed_word_first(misread: str, fix: str) -> None:
    (suggestion,) = engine().suggest(f"the {misread} was")
    assert suggestion.candidates[0].text == fix


def test_edge_punctuation_stays_with_the_candidate() -> None:
    (suggestion,) = engine().suggest('he said "offioials,"')
    assert suggestion.text == '"offioials,"' and suggestion.candidates[0].text == '"officials,"'


def test_the_neighbours_rank_the_candidate_that_fits_them_first() -> None:
    """``tbe`` could be ``the`` or ``be``; after ``to`` and before ``sent`` only ``be`` fits."""
    with_pairs = engine(pairs=english_pairs())
    (alone,) = engine().suggest("tbe")
    (placed,) = with_pairs.suggest("to tbe sent")
    assert alone.candidates[0].text == "the"
    assert placed.candidates[0].text == "be"
    assert any("fits between 'to' and 'sent' better" in reason for reason in placed.reasons)


def test_a_short_common_word_that_fits_worse_than_its_misreading_is_flagged() -> None:
    """Lines and confidences as Tesseract read them on the EHRI pages: "ir" and "te" are words
    (wordfreq has them), but "in" and "to" are far commoner on the pages and fit their neighbours."""
    placed = engine(pairs=english_pairs(), project_counts=Counter({"in": 150, "to": 200, "ir": 1, "te": 1}))
    found = {s.text: s.candidates[0].text for s in placed.suggest(
        "This is true ir all branches", read([96.17, 95.61, 96.75, 95.88, 93.32, 95.48]))}
    assert found == {"ir": "in"}
    found = {s.text: [c.text for c in s.candidates[:1]] for s in placed.suggest(
        "marched back te Blechhammer on", read([96.28, 79.6, 93.3, 38.32, 95.35]))}
    assert found["te"] == ["to"]
    assert placed.suggest("This is true in all branches", read([96.17, 95.61, 96.75, 95.88, 93.32, 95.48])) == []


def test_a_sentence_break_cuts_the_neighbours_off() -> None:
    assert neighbours([split_edges(t) for t in ("go", "to.", "tbe", "sent")], 2) == (None, "sent")


def test_each_part_of_a_hyphenated_word_is_mended() -> None:
    (suggestion,) = engine().suggest("the Aid-Comnittee met")
    assert suggestion.candidates[0].text == "Aid-Committee"
    (joined,) = engine().suggest("the watch=makers of")
    assert joined.candidates[0].text == "watch-makers"


def test_a_long_word_is_mended_through_two_stray_marks() -> None:
    (suggestion,) = engine().suggest("they left twmediately for")
    assert suggestion.candidates[0].text == "immediately"


def test_a_word_the_project_writes_with_a_capital_is_offered_so() -> None:
    (suggestion,) = engine(project_counts=Counter({"Jewish": 40, "Jews": 30})).suggest("the dewish community")
    assert suggestion.candidates[0].text == "Jewish"


def test_a_word_broken_at_a_line_end_without_its_hyphen_is_judged_whole() -> None:
    assert judged("the inhabi\ntants of") == {}
    assert judged("the inhabi tants of") == {"inhabi tants": ["one word split in two"]}


def test_a_plural_of_a_word_common_in_the_project_is_not_its_misreading() -> None:
    counts = Counter({"ghetto": 40, "ghettos": 2})
    assert judged("the ghettos were", [96, 85, 96], project_counts=counts) == {}


def test_a_fix_learned_for_a_common_word_needs_its_neighbours_to_agree() -> None:
    learned = LearnedFixes({"end": Counter({"and": 5})})
    with_pairs = engine(pairs=english_pairs(), learned=learned)
    assert "end" not in {s.text for s in with_pairs.suggest("at the end of the war", read([96] * 6))}
    (suggestion,) = with_pairs.suggest("bread end butter", read([96] * 3))
    assert suggestion.kind == SuggestionKind.LEARNED and suggestion.candidates[0].text == "and"


def test_a_mark_read_for_the_space_between_two_words_is_offered_as_the_space() -> None:
    (suggestion,) = engine().suggest("they were living.in the camp")
    assert suggestion.candidates[0].text == "living in"
    assert judged("the world's end, e.g. here", [96] * 5) == {}


def test_a_lower_case_letter_standing_alone_is_flagged_but_not_a_or_an_initial() -> None:
    counts = Counter({"I": 30, "i": 1})
    found = engine(project_counts=counts).suggest("then i said e to J. Smith and a friend", read([96] * 10))
    assert [s.text for s in found] == ["i", "e"]
    assert all("a letter standing alone" in s.reasons for s in found)
    assert found[0].candidates[0].text == "I"


def test_a_word_made_with_an_ending_that_is_a_word_is_not_split_there() -> None:
    """From the old_books pages: "brotherless" and "ragefully" are words, not "brother less"."""
    found = {s.text: [c.text for c in s.candidates] for s in engine().suggest("a brotherless man spoke ragefully")}
    assert not any(" " in candidate for candidates in found.values() for candidate in candidates)
    assert [c.text for c in engine().suggest("he came assoon as")[0].candidates][0] == "as soon"


def test_a_hyphen_read_as_a_letter_is_offered_back() -> None:
    (suggestion,) = engine().suggest("prisoners were illetreated there")
    assert suggestion.candidates[0].text == "ill-treated"
    assert judged("they understand whichever", [96] * 3) == {}


def test_tesseracts_other_reading_of_a_word_is_offered_first() -> None:
    text = "in the nast few months"
    readings: list[tuple[str, ...]] = [(), (), ("past", "yast"), (), ()]
    (suggestion,) = engine(pairs=english_pairs()).suggest(text, read([96, 96, 55, 96, 96], readings=readings))
    assert suggestion.text == "nast" and suggestion.candidates[0].text == "past"
    assert "Tesseract also read it as 'past'" in suggestion.reasons
    without = engine().suggest(text, read([96, 96, 55, 96, 96]))
    assert not without or without[0].candidates[0].text != "past"


def test_a_possessive_with_a_curly_apostrophe_is_as_common_as_with_a_straight_one() -> None:
    """Tesseract weighed "winter's" for "winter’s" on the old_books pages: the same word, though
    the general word list writes only the straight apostrophe."""
    placed = engine(pairs=english_pairs())
    assert placed.suggest("the winter’s cold", read([93, 90, 94], readings=[(), ("winter's",), ()])) == []


def looked(text: str, looks: list[str], confidence: float = 96.0, **overrides: object) -> dict[str, list[str]]:
    """Flagged token → its candidates, for ``text`` whose second look read the words as ``looks``
    ("" where it read the same), every word read with ``confidence``."""
    return {s.text: [c.text for c in s.candidates]
            for s in engine(pairs=english_pairs(), **overrides).suggest(
                text, read([confidence] * len(looks), looks=looks))}


def test_a_real_word_the_second_look_read_as_a_commoner_one_is_flagged_with_that_reading() -> None:
    """Lines and confidences as Tesseract read them on the EHRI pages."""
    text = "Jews are not allowed to oven any"
    assert looked(text, [""] * 7, 83) == {}
    assert looked(text, ["", "", "", "", "", "open", ""], 83)["oven"][0] == "open"
    text = "apartments of the vetter grade."
    assert looked(text, [""] * 5, 72) == {}
    assert looked(text, ["", "", "", "better", ""], 72)["vetter"][0] == "better"


def test_a_second_look_at_a_rarer_word_or_at_no_word_says_nothing() -> None:
    assert looked("the people of the town", ["", "seople", "", "", "toma"]) == {}
    assert looked("they will not go", ["", "wil", "", ""]) == {}


def test_a_piece_of_a_word_the_second_look_split_is_no_reading_of_it() -> None:
    """Where the second look split a word, the bigger half stands as its reading; as read on the
    EHRI pages ("three persons" looked at as "sons»")."""
    assert looked("three persons were", ["", "sons»", ""], 58.4) == {}
    found = looked("forms of persecution are becaning more", ["", "", "", "", "aning", ""], 80)
    assert found["becaning"][0] == "becoming" and "aning" not in found["becaning"]


def test_a_capital_the_second_look_read_in_lower_case_is_doubted_only_in_mid_sentence() -> None:
    assert looked("a small Lot of goods", ["", "", "lot", "", ""], 73)["Lot"][0] == "lot"
    # even where Tesseract was sure of the capital (EHRI-ET-YV3549264_05)
    assert looked("had been even Worse before", ["", "", "", "worse", ""], 91.34)["Worse"][0] == "worse"
    assert looked("hungry. Lot of them", ["", "lot", "", ""], 73) == {}
    counts = Counter({"Bulgarian": 20})
    assert looked("the other Bulgarian ships", ["", "", "bulgarian", ""], 73, project_counts=counts) == {}


def test_a_fix_made_less_often_than_the_word_was_left_alone_is_not_offered() -> None:
    learned = LearnedFixes({"is": Counter({"in": 1}), "faot": Counter({"fact": 2})}, kept={"is": 40})
    found = {s.text: [c.text for c in s.candidates] for s in engine(learned=learned).suggest(
        "this is the faot", read([96, 30, 96, 96]))}
    assert "in" not in found.get("is", [])
    assert found["faot"][0] == "fact"


def test_one_word_split_in_two_on_a_line_is_offered_whole() -> None:
    found = engine().suggest("The informa tion reached Bucha rest, then went in to the city some times.")
    assert [(s.text, s.candidates[0].text) for s in found] == [
        ("informa tion", "information"), ("Bucha rest,", "Bucharest,")]
    assert all(s.reasons == ("one word split in two",) for s in found)


def test_a_or_i_beside_a_misread_word_joins_it_only_into_a_common_word() -> None:
    """"thet a" is "that a" misread, not "theta" (EHRI-DR-19421116-US_05); "a mong" is "among"."""
    found = {s.text: s.candidates[0].text for s in engine(pairs=english_pairs()).suggest(
        "it is apparent thet a number of", read([88.56, 93.85, 95.88, 92.05, 96.36, 96.39, 96.0]))}
    assert found == {"thet": "that"}
    assert [(s.text, s.candidates[0].text) for s in engine().suggest("a mong them")] == [("a mong", "among")]


# What Tesseract made of full stops and commas on one EHRI typescript: an "e" after the word.
STRAY_E = Counter({"persone": 2, "prisone": 3, "transporte": 2, "Commissione": 1, "healthe": 2, "tierse": 1,
                   "the": 900, "of": 500, "neutral": 1, "person": 3, "persons": 10})


def with_habits(counts: Counter[str]) -> SuggestContext:
    context = SuggestContext(general_lexicon(), project_counts=counts, prefixes=general_prefixes(), pairs=english_pairs())
    return context.with_habits(find_habits(counts, general_lexicon()))


def test_a_letter_the_project_often_reads_for_a_full_stop_is_taken_off_the_word() -> None:
    context = with_habits(STRAY_E)
    assert context.habits.stray_ends == {"e"}
    found = {s.text: s for s in SuggestionEngine(context).suggest("the neutral persone I")}
    assert found["persone"].candidates[0].text == "person."  # the full stop goes back
    assert "'e' at the end of a word is often a misread full stop in this project" in found["persone"].reasons


def test_where_the_habit_is_a_real_but_rare_word_with_that_letter_is_doubted() -> None:
    """"Dre" is a word (a rapper's name), but on that typescript it was always "Dr." read so."""
    found = {s.text: s for s in SuggestionEngine(with_habits(STRAY_E)).suggest("was Dre Paul Epstein", read([96, 95, 96, 96]))}
    assert found["Dre"].candidates[0].text == "Dr."
    assert found["Dre"].reasons[0] == "'e' at the end of a word is often a misread full stop in this project"
    assert "Dre" not in {s.text for s in SuggestionEngine(SuggestContext(
        general_lexicon(), prefixes=general_prefixes())).suggest("was Dre Paul Epstein", read([96, 95, 96, 96]))}


def test_a_letter_after_a_few_words_is_no_habit() -> None:
    context = with_habits(STRAY_E + Counter({"and": 20_000}))  # the same words in a project twenty times the size
    assert context.habits.stray_ends == frozenset()
    suggestions = SuggestionEngine(context).suggest("the neutral persone I")
    assert not any("full stop" in reason for suggestion in suggestions for reason in suggestion.reasons)


def test_a_repeated_form_one_misreading_from_a_word_the_project_uses_more_is_no_name() -> None:
    found = judged("sent to Ausohwitz", [96, 96, 92], project_counts=Counter({"Auschwitz": 14, "Ausohwitz": 7}))
    assert "Ausohwitz" in found
    suggestion = engine(project_counts=Counter({"Auschwitz": 14, "Ausohwitz": 7})).suggest("sent to Ausohwitz")[0]
    assert suggestion.candidates[0].text == "Auschwitz"
    assert judged("sent to Ausohwitz", [96, 96, 92], project_counts=Counter({"Auschwitz": 3, "Ausohwitz": 7})) == {}


# Words Tesseract read with an "o" for a "c" on one EHRI typescript, 15 in every 1,000.
O_FOR_C = Counter({"oamp": 6, "ohance": 2, "oream": 2, "seleoted": 2, "ohildren": 3, "whioh": 4, "faot": 2,
                   "speoial": 1, "oertain": 2, "the": 1200, "of": 600})


def test_a_confusion_the_pages_keep_making_is_learned_before_any_correction() -> None:
    context = with_habits(O_FOR_C)
    assert context.habits.confusions == {("o", "c")}
    assert context.model.costs[("o", "c")] < ErrorModel().costs[("o", "c")]
    assert SuggestionEngine(context).suggest("the ooal was")[0].candidates[0].text == "coal"
    without = SuggestContext(general_lexicon(), project_counts=O_FOR_C, prefixes=general_prefixes(), pairs=english_pairs())
    assert SuggestionEngine(without).suggest("the ooal was")[0].candidates[0].text == "goal"
    assert with_habits(O_FOR_C + Counter({"and": 50_000})).habits.confusions == frozenset()
    assert with_habits(Counter({"whioh": 30, "the": 1200})).habits.confusions == frozenset()  # one word is no habit


def test_asked_at_a_capitalised_word_its_lower_case_is_offered_but_not_flagged() -> None:
    """"Shot" for "shot" in mid-sentence, as Tesseract read it on the sample despatch."""
    text = "the legionary leaders have been Shot and the movement"
    assert engine().suggest(text) == []
    asked = engine().asked(text, text.index("Shot"))
    assert asked is not None and "shot" in [c.text for c in asked.candidates]


def test_after_a_full_stop_a_candidate_that_changes_the_first_letter_takes_a_capital() -> None:
    """"his" for "This" after a full stop, as Tesseract read it on an EHRI typescript: the
    lower-case letter it saw was misread, and its case with it. A candidate that keeps the first
    letter keeps its case."""
    placed = engine(pairs=english_pairs())

    def asked(text: str, word: str) -> list[str]:
        suggestion = placed.asked(text, text.index(f" {word} ") + 1)
        assert suggestion is not None
        return [c.text for c in suggestion.candidates]

    assert asked("considered as rooms. his is not", "his")[0] == "This"
    assert asked("considered as rooms and his is not", "his")[0] == "this"
    found = asked("the orchestra and choir. lost of the musicians", "lost")
    assert "Most" in found and "lot" in found
