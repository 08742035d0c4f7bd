"""The Tesseract OCR engine, run as the tesseract command through pytesseract."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
import time
from dataclasses import KW_ONLY, dataclass
from pathlib import Path

import pytesseract
from PIL import Image

from workbench.errors import OcrEngineError
from workbench.ocr.alternatives import alternatives_by_box
from workbench.ocr.lifetime import ends_with_this_process
from workbench.ocr.second_look import smaller_page, with_second_look
from workbench.records import OcrResult, OcrSettings, OcrWord

ENGINE_NAME = "tesseract"
PSM_RANGE = range(0, 14)
_IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_TSV_COLUMNS = 12  # level page block par line word left top width height conf text
_LAYOUT_LEVELS = (2, 3, 4)  # block, paragraph, line: keyed by the first 1, 2, 3 of their numbers


@dataclass
class TesseractEngine:
    """Runs one tesseract process per page; plain fields only, so it pickles to worker processes.

    Attributes:
        settings: languages and page segmentation mode.
        limit_threads: run tesseract with ``OMP_THREAD_LIMIT=1``. Pages are already recognised in
            parallel, one per core, and tesseract's default OpenMP threads then fight over the
            cores: 3 to 4 times slower per batch here (DESIGN.md, OCR throughput). Turn it off only
            to measure that cost; off leaves the process environment as it is.
        timeout_seconds: the time limit of one page, both looks together. A page tesseract has
            not finished by then is stopped and reported as failed, so one pathological scan (or
            a hung tesseract) cannot stall its worker and the batch behind it. Flat, not scaled
            with the page: a 300-dpi A4 typescript takes 3 to 4 s here with both looks on one
            thread, and the largest page a scan may have (``formats.scans.MAX_PIXELS``, 25 times
            as many pixels) about 90 s; 120 s lets that page through and frees a stalled worker
            within two minutes.
    """

    settings: OcrSettings = OcrSettings()
    _: KW_ONLY
    limit_threads: bool = True
    timeout_seconds: float = 120.0

    def check(self) -> None:
        """Raise OcrEngineError if tesseract, a requested language or the psm is unusable."""
        if self.settings.psm not in PSM_RANGE:
            raise OcrEngineError(
                f"Page segmentation mode {self.settings.psm} does not exist; Tesseract accepts 0 to 13."
            )
        installed = installed_languages()
        missing = [code for code in self._language_codes() if code not in installed]
        if missing:
            raise OcrEngineError(
                f"Tesseract has no {', '.join(repr(code) for code in missing)} language data; "
                f"install it with: apt-get install {' '.join(map(_debian_package, missing))}"
            )

    def recognise(self, image: bytes) -> OcrResult:
        """Recognise one encoded PNG, JPEG or TIFF page.

        The bytes go to tesseract as a file exactly as given, so the image is never decoded and
        re-encoded in Python.
        """
        if not image.startswith(_IMAGE_SIGNATURES):
            # Tesseract reads a file it cannot decode as a list of image paths: refuse it first.
            raise OcrEngineError("The page is not a PNG, JPEG or TIFF image; it cannot be recognised.")
        if self.limit_threads:
            _limit_openmp_threads()
        started = time.monotonic()
        deadline = started + self.timeout_seconds
        tsv, hocr = self._run(image, ("hocr",), deadline)
        readings = alternatives_by_box(hocr)
        words = tuple(
            dataclasses.replace(word, alternatives=readings.get((word.left, word.top, word.width, word.height), ()))
            for word in _words_from_tsv(tsv)
        )
        if self.settings.second_look and words:
            words = with_second_look(words, self._look_again(image, deadline))
        seconds = time.monotonic() - started
        return OcrResult(
            words=words,
            engine=ENGINE_NAME,
            engine_version=str(pytesseract.get_tesseract_version(cached=True)),
            settings=self.settings,
            seconds=seconds,
        )

    def _look_again(self, image: bytes, deadline: float) -> list[OcrWord]:
        """The words of the page read at a smaller size (``second_look.py``), boxes in its pixels."""
        try:
            smaller = smaller_page(image)
        except (OSError, ValueError, Image.DecompressionBombError):
            return []  # Pillow cannot decode what tesseract could: the first look stands alone
        tsv, _ = self._run(smaller, (), deadline)
        return _words_from_tsv(tsv)

    def _run(self, image: bytes, outputs: tuple[str, ...], deadline: float) -> tuple[str, bytes]:
        """Run tesseract once on the image bytes for its TSV (the words) and, if ``outputs`` asks
        for "hocr", its hOCR (the other readings it weighed, ``alternatives.py``).

        Started here rather than by pytesseract, which takes no ``preexec_fn``: tesseract must end
        with its worker (``lifetime.py``), and a tesseract past the deadline is killed outright,
        which also ends one that was stopped (pytesseract only asks it to terminate).
        """
        with tempfile.TemporaryDirectory(prefix="workbench-ocr-") as folder:
            page, out = Path(folder) / "page", Path(folder) / "out"
            page.write_bytes(image)
            command = [
                pytesseract.pytesseract.tesseract_cmd, str(page), str(out), "-l", self.settings.languages,
                "--psm", str(self.settings.psm), "-c", "tessedit_create_tsv=1", "-c", "lstm_choice_mode=2",
                "-c", "hocr_char_boxes=1", *outputs,
            ]
            try:
                finished = subprocess.run(
                    command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                    timeout=max(deadline - time.monotonic(), 0.0), preexec_fn=ends_with_this_process(),
                    creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
                )
            except FileNotFoundError as error:
                raise _not_installed() from error
            except subprocess.TimeoutExpired as error:  # run() has killed it
                raise OcrEngineError(
                    f"Tesseract took longer than {self.timeout_seconds:g} s on this page and was stopped; "
                    "the scan may be damaged or far larger than a page."
                ) from error
            if finished.returncode != 0:
                message = " ".join(finished.stderr.decode("utf-8", "replace").split())
                raise OcrEngineError(f"Tesseract could not recognise the page: {message}")
            hocr = out.with_suffix(".hocr")
            return out.with_suffix(".tsv").read_text(encoding="utf-8"), hocr.read_bytes() if hocr.exists() else b""

    def _language_codes(self) -> list[str]:
        codes = self.settings.languages.split("+")
        if not all(codes):
            raise OcrEngineError(
                f"'{self.settings.languages}' is not a list of languages; write codes joined by '+', "
                "like 'eng+deu'."
            )
        return codes


def installed_languages() -> list[str]:
    """Language codes tesseract can load; asks the binary every time, so new installs count."""
    try:
        languages: list[str] = pytesseract.get_languages()
    except pytesseract.TesseractNotFoundError as error:
        raise _not_installed() from error
    return languages


def tesseract_version() -> str:
    """The version of the tesseract program, for the About box; asks the binary every time."""
    try:
        return str(pytesseract.get_tesseract_version())
    except (pytesseract.TesseractNotFoundError, OSError) as error:
        raise _not_installed() from error


def _limit_openmp_threads() -> None:
    """Make every tesseract this process starts use one OpenMP thread.

    pytesseract starts tesseract with this process's own environment and takes no other, so the
    limit has to live there. Only worker processes normally run pages; setting the same value from
    several threads is harmless.
    """
    if os.environ.get("OMP_THREAD_LIMIT") != "1":
        os.environ["OMP_THREAD_LIMIT"] = "1"


def _words_from_tsv(tsv: str) -> list[OcrWord]:
    """Word rows of tesseract's TSV, each with the boxes of its line, paragraph and block from the
    layout rows (levels 4, 3 and 2, which have conf -1); empty words are left out.

    Parsed here rather than with pytesseract's dict output, which truncates confidences to integers.
    """
    words = []
    layout: dict[tuple[int, ...], tuple[int, int, int, int]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < _TSV_COLUMNS:
            continue
        level, block, paragraph, line = (int(cell) for cell in (cells[0], *cells[2:5]))
        left, top, width, height = (int(cell) for cell in cells[6:10])
        if level in _LAYOUT_LEVELS:
            layout[(block, paragraph, line)[: level - 1]] = (left, top, width, height)
        if float(cells[10]) < 0 or not cells[11].strip():
            continue
        words.append(
            OcrWord(cells[11], left, top, width, height, float(cells[10]), block, paragraph, line,
                    line_box=layout.get((block, paragraph, line)), paragraph_box=layout.get((block, paragraph)),
                    block_box=layout.get((block,)))
        )
    return words


def _not_installed() -> OcrEngineError:
    return OcrEngineError(
        f"Tesseract is not installed (no '{pytesseract.pytesseract.tesseract_cmd}' program found); "
        "install it with: apt-get install tesseract-ocr"
    )


def _debian_package(code: str) -> str:
    """Debian's package for a Tesseract language: chi_sim -> tesseract-ocr-chi-sim."""
    return "tesseract-ocr-" + code.lower().replace("_", "-")
