"""Words as formats 1–5 stored them in JSON are read field for field, so migration 6 repacks them
without losing any: the engine's boxes, given on the first word of a line, hold for the words after it."""

from __future__ import annotations

from workbench.records import OcrWord
from workbench.store.former_words import words_from_json

# Written by format 5's own code (store/ocr_runs.py as of commit 61f43e7) for the words below.
_WITH_BOXES = (
    '[["Dear",10,20,50,30,91.5,1,1,1,[],"",[[10,20,300,30],[10,20,300,71],[10,20,490,71]]],'
    '["Sir,",70,20,40,30,88.25,1,1,1,["Sir."]],'
    '["the",10,60,40,31,90.0,1,1,2,[],"tho",[[10,60,280,31],[10,20,300,71],[10,20,490,71]]],'
    '["5th",60,60,40,31,72.0,1,1,2],'
    '["inst.",400,20,100,30,60.0,1,2,1,[],"",[[400,20,100,30],[400,20,100,30],[10,20,490,71]]],'
    '["Yours",10,200,90,30,80.0,2,1,1],["truly",110,200,90,30,81.0,2,1,1],'
    '["X",10,300,20,30,50.0,3,1,1,[],"",[[10,300,20,30],null,null]],'
    '["Y",40,300,20,30,50.0,3,1,1,[],"",[[40,300,20,30],null,null]]]'
)
_L1, _L2, _P1, _B1 = (10, 20, 300, 30), (10, 60, 280, 31), (10, 20, 300, 71), (10, 20, 490, 71)
_WORDS = (
    OcrWord("Dear", 10, 20, 50, 30, 91.5, 1, 1, 1, (), "", _L1, _P1, _B1),
    OcrWord("Sir,", 70, 20, 40, 30, 88.25, 1, 1, 1, ("Sir.",), "", _L1, _P1, _B1),
    OcrWord("the", 10, 60, 40, 31, 90.0, 1, 1, 2, (), "tho", _L2, _P1, _B1),
    OcrWord("5th", 60, 60, 40, 31, 72.0, 1, 1, 2, (), "", _L2, _P1, _B1),
    OcrWord("inst.", 400, 20, 100, 30, 60.0, 1, 2, 1, (), "", (400, 20, 100, 30), (400, 20, 100, 30), _B1),
    OcrWord("Yours", 10, 200, 90, 30, 80.0, 2, 1, 1),  # a block the engine drew no boxes for
    OcrWord("truly", 110, 200, 90, 30, 81.0, 2, 1, 1),
    OcrWord("X", 10, 300, 20, 30, 50.0, 3, 1, 1, line_box=(10, 300, 20, 30)),  # a line split in two
    OcrWord("Y", 40, 300, 20, 30, 50.0, 3, 1, 1, line_box=(40, 300, 20, 30)),
)


def test_the_engines_boxes_given_once_a_line_hold_for_its_words_and_only_its_words() -> None:
    assert words_from_json(_WITH_BOXES) == _WORDS


def test_words_stored_before_the_engines_boxes_were_kept_read_without_them() -> None:
    stored = '[["a",1,2,3,4,5.5,1,1,1],["b",1,2,3,4,6.0,1,1,1,["c"]],["d",1,2,3,4,7.0,1,2,1,[],"e"]]'
    assert words_from_json(stored) == (OcrWord("a", 1, 2, 3, 4, 5.5, 1, 1, 1),
                                       OcrWord("b", 1, 2, 3, 4, 6.0, 1, 1, 1, ("c",)),
                                       OcrWord("d", 1, 2, 3, 4, 7.0, 1, 2, 1, (), "e"))
