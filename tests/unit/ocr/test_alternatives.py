"""Reading Tesseract's runner-up characters out of its hOCR."""

from __future__ import annotations

from workbench.ocr.alternatives import alternatives_by_box

WORD = """<span class='ocrx_word' id='word_1_1' title='bbox 10 20 110 60; x_wconf 55'>
 <span class='ocrx_cinfo' title='x_bboxes 10 20 30 60; x_conf 93.6'>n</span>
 <span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
  <span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 83.3'>n</span>
  <span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 59.9'>p</span>
  <span class='ocrx_cinfo' id='choice_1_1_3' title='x_confs 4.6'>y</span>
 </span>
 <span class='ocrx_cinfo' title='x_bboxes 30 20 50 60; x_conf 98.7'>a</span>
 <span class='ocrx_cinfo' id='lstm_choices_1_1_2'>
  <span class='ocrx_cinfo' id='choice_1_1_4' title='x_confs 92.7'>a</span>
  <span class='ocrx_cinfo' id='choice_1_1_5' title='x_confs 0'>e</span>
 </span>
 <span class='ocrx_cinfo' title='x_bboxes 50 20 80 60; x_conf 99.0'>s</span>
 <span class='ocrx_cinfo' title='x_bboxes 80 20 110 60; x_conf 99.0'>t</span>
</span>"""


def page(words: str) -> bytes:
    return f"<html xmlns='http://www.w3.org/1999/xhtml'><body><div class='ocr_page'>{words}</div></body></html>".encode()


def test_a_runner_up_of_some_weight_gives_another_reading_of_the_word() -> None:
    assert alternatives_by_box(page(WORD)) == {(10, 20, 100, 40): ("past",)}


def test_output_that_cannot_be_read_gives_no_readings() -> None:
    assert alternatives_by_box(b"<html><body><span class='ocrx_word'") == {}
