"""The Tesseract engine on a real typewritten scan, with the real tesseract binary."""

from __future__ import annotations

import os
import pickle
import re
from collections.abc import Iterator
from pathlib import Path

import pytesseract
import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein

from tests.live_ocr import runs_tesseract
from workbench.errors import OcrEngineError
from workbench.ocr.tesseract import TesseractEngine, tesseract_version
from workbench.records import OcrResult, OcrSettings

pytestmark = pytest.mark.timeout(120)

SCAN = Path(__file__).resolve().parents[3] / "resources" / "samples" / "EHRI-DR-19390125-US_02.jpg"
TRANSCRIPTION = SCAN.with_suffix(".gt.txt")


@pytest.fixture(scope="module")
def environment() -> Iterator[None]:
    """Starts without OMP_THREAD_LIMIT and restores it: recognise() sets it in this process."""
    before = os.environ.pop("OMP_THREAD_LIMIT", None)
    yield
    os.environ.pop("OMP_THREAD_LIMIT", None)
    if before is not None:
        os.environ["OMP_THREAD_LIMIT"] = before


@pytest.fixture(scope="module")
@runs_tesseract
def page(environment: None) -> OcrResult:
    """The sample page recognised once for the whole module (about a second)."""
    return TesseractEngine().recognise(SCAN.read_bytes())


def collapsed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_word_box_lies_inside_the_page(page: OcrResult) -> None:
    width, height = Image.open(SCAN).size
    assert len(page.words) > 200
    for word in page.words:
        assert 0 <= word.left and word.left + word.width <= width, word
        assert 0 <= word.top and word.top + word.height <= height, word
        assert word.width > 0 and word.height > 0, word


def test_every_word_has_text_and_a_confidence_between_0_and_100(page: OcrResult) -> None:
    assert all(word.text.strip() for word in page.words)
    assert all(0 <= word.confidence <= 100 for word in page.words)
    assert any(word.confidence != int(word.confidence) for word in page.words), "kept as float"


def test_text_is_within_5_percent_cer_of_the_transcription(page: OcrResult) -> None:
    truth = collapsed(TRANSCRIPTION.read_text(encoding="utf-8"))
    ocr = collapsed(page.text())
    assert "Iron Guard" in ocr and "Rumania" in ocr
    assert Levenshtein.distance(truth, ocr) / len(truth) < 0.05


@pytest.mark.live_ocr
def test_text_matches_tesseracts_own_txt_output(page: OcrResult) -> None:
    own_text: str = pytesseract.image_to_string(str(SCAN), lang="eng", config="--psm 3")
    assert page.text() == own_text.rstrip()


def test_result_records_the_engine_and_how_it_was_run(page: OcrResult) -> None:
    assert page.engine == "tesseract"
    assert page.engine_version.startswith("5.")
    assert page.settings == OcrSettings()
    assert page.seconds > 0


def test_tesseract_runs_with_one_openmp_thread(page: OcrResult) -> None:
    assert os.environ["OMP_THREAD_LIMIT"] == "1"


def test_engine_survives_pickling_to_workers() -> None:
    engine = TesseractEngine(OcrSettings("eng", psm=6), limit_threads=False)
    assert pickle.loads(pickle.dumps(engine)) == engine


def test_installed_language_passes_the_check() -> None:
    TesseractEngine(OcrSettings("eng")).check()


def test_missing_language_is_named_with_its_package() -> None:
    with pytest.raises(OcrEngineError, match=r"'xyz'.*apt-get install tesseract-ocr-xyz"):
        TesseractEngine(OcrSettings("eng+xyz")).check()


@pytest.mark.parametrize("languages", ["", "eng+", "+eng"])
def test_malformed_language_list_is_refused(languages: str) -> None:
    with pytest.raises(OcrEngineError, match="joined by '\\+'"):
        TesseractEngine(OcrSettings(languages)).check()


@pytest.mark.parametrize("psm", [-1, 14])
def test_page_segmentation_mode_outside_0_to_13_is_refused(psm: int) -> None:
    with pytest.raises(OcrEngineError, match="0 to 13"):
        TesseractEngine(OcrSettings(psm=psm)).check()


def test_missing_tesseract_program_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    with pytest.raises(OcrEngineError, match="apt-get install tesseract-ocr$"):
        TesseractEngine().check()


@pytest.mark.live_ocr
def test_the_version_is_the_installed_programs_or_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert re.fullmatch(r"5(\.\d+)+", tesseract_version())
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    with pytest.raises(OcrEngineError, match="apt-get install tesseract-ocr$"):
        tesseract_version()


@pytest.mark.live_ocr
def test_damaged_scan_fails_with_tesseracts_message(environment: None) -> None:
    truncated = SCAN.read_bytes()[:200_000]
    with pytest.raises(OcrEngineError, match="Premature end of JPEG file"):
        TesseractEngine().recognise(truncated)


def test_bytes_that_are_no_image_are_refused_before_tesseract_runs() -> None:
    # Tesseract would read such a file as a list of image paths to open.
    with pytest.raises(OcrEngineError, match="not a PNG, JPEG or TIFF"):
        TesseractEngine().recognise(b"/etc/passwd\n")


@pytest.mark.live_ocr
def test_a_page_tesseract_does_not_finish_in_time_is_stopped_and_named(environment: None) -> None:
    with pytest.raises(OcrEngineError, match=r"Tesseract took longer than 0\.05 s on this page"):
        TesseractEngine(timeout_seconds=0.05).recognise(SCAN.read_bytes())


def test_some_words_keep_the_other_readings_tesseract_weighed(page: OcrResult) -> None:
    with_readings = [word for word in page.words if word.alternatives]
    assert with_readings, "Tesseract weighed no other reading for any word of the sample page"
    assert len(with_readings) < len(page.words) / 2  # most words it reads without a rival
    for word in with_readings:
        for reading in word.alternatives:
            assert len(reading) == len(word.text)
            assert sum(a != b for a, b in zip(reading, word.text)) == 1


def test_the_second_look_reads_a_few_words_otherwise_and_no_word_as_it_was(page: OcrResult) -> None:
    looked = [word for word in page.words if word.second_look]
    assert looked, "the smaller page read every word of the sample page the same"
    assert len(looked) < len(page.words) / 5  # it mostly agrees with the first look
    assert all(word.second_look != word.text for word in looked)


@pytest.mark.live_ocr
def test_a_single_look_leaves_the_second_look_empty(environment: None) -> None:
    single = TesseractEngine(OcrSettings(second_look=False)).recognise(SCAN.read_bytes())
    assert single.words and not any(word.second_look for word in single.words)
