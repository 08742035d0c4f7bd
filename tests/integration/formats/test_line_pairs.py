"""Training line pairs: only finished pages, and each crop shows the line its .gt.txt transcribes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from workbench.ocr.tesseract import TesseractEngine
from workbench.project import Project
from workbench.records import OcrSettings
from workbench.text.rates import error_rates

pytestmark = [pytest.mark.slow, pytest.mark.live_ocr]


def test_line_pairs_of_finished_pages_crop_the_lines_they_transcribe(corrected_project_path: Path,
                                                                    tmp_path: Path) -> None:
    out = tmp_path / "lines"
    with Project.open(corrected_project_path) as project:
        report = project.exports.write(out, ["lines"])
        finished = [page for page in project.pages.all() if str(page.status) in ("corrected", "verified")]
    assert len(finished) == 2 and report.skipped_by_status == 2
    transcripts = sorted(out.glob("*/*.gt.txt"))
    stems = {path.name.split("_l")[0] for path in transcripts}
    assert stems == {f"{page.position:04d}_{page.label}" for page in finished}
    assert len(transcripts) > 40

    engine = TesseractEngine(OcrSettings(psm=7, second_look=False))  # a second look leaves the text as it is
    rates = []
    for transcript in transcripts:
        truth = transcript.read_text(encoding="utf-8")
        assert truth.strip() and truth.endswith("\n") and truth.count("\n") == 1
        image = transcript.with_name(transcript.name.removesuffix(".gt.txt") + ".png")
        assert image.read_bytes().startswith(b"\x89PNG")
        recognised = engine.recognise(image.read_bytes()).text()
        rates.append(error_rates(truth.strip(), recognised).cer)
    assert sum(rates) / len(rates) < 0.15, rates

    with (out / "manifest.csv").open(encoding="utf-8") as manifest:
        listed = {row["file"] for row in csv.DictReader(manifest)}
    assert {str(path.relative_to(out)) for path in out.glob("*/*_l*")} == listed
