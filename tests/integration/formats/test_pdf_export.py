"""The searchable PDF as readers and tools see it: poppler's pdftotext and pdfinfo, no mocks."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.integration.formats.conftest import REPLACEMENT, normalised
from workbench.formats.export_model import PageExport
from workbench.formats.layout import lay_out
from workbench.formats.pdf_writer import searchable_pdf
from workbench.project import Project
from workbench.text.alignment import link_words

pytestmark = pytest.mark.slow

_PAGE_SIZE = re.compile(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _pdftotext(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _exported_pdf(project_path: Path, out: Path) -> Path:
    with Project.open(project_path) as project:
        report = project.exports.write(out, ["pdf"])
    assert report.pages == 4 and report.files == 1
    return out / "Bucharest despatch.pdf"


def test_pdftotext_returns_the_corrected_text_in_reading_order(corrected_project_path: Path,
                                                                tmp_path: Path) -> None:
    pdf = _exported_pdf(corrected_project_path, tmp_path / "out")
    with Project.open(corrected_project_path) as project:
        texts = [project.revisions.current_text(page.id) for page in project.pages.all()]
    # -raw keeps the content stream's order, which is the text's; the default mode runs poppler's own
    # layout analysis (and joins words hyphenated across lines), so it is only checked for the edit.
    assert normalised(_pdftotext(pdf, "-raw")) == normalised(" ".join(texts))
    assert REPLACEMENT in _pdftotext(pdf)


def test_pages_have_the_scans_physical_size_and_metadata(corrected_project_path: Path,
                                                         tmp_path: Path) -> None:
    pdf = _exported_pdf(corrected_project_path, tmp_path / "out")
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    sizes = [(float(width), float(height)) for _, width, height in _PAGE_SIZE.findall(info)]
    with Project.open(corrected_project_path) as project:
        pages = project.pages.all()
        revisions = [str(page.current_revision_id) for page in pages]
    assert len(sizes) == len(pages) == 4
    for (width, height), page in zip(sizes, pages):
        assert page.dpi == 300
        assert width == pytest.approx(page.width * 72 / 300, abs=0.01)
        assert height == pytest.approx(page.height * 72 / 300, abs=0.01)
    assert "Title:           Bucharest despatch" in info
    assert re.search(r"Producer:\s+Workbench \d", info)
    assert re.search(r"Author:\s+.*ana", info)
    subject = next(line for line in info.splitlines() if line.startswith("Subject:"))
    assert all(revision in subject for revision in revisions)


def test_a_corrected_word_is_selectable_where_it_stands_on_the_scan(corrected_project_path: Path,
                                                                   tmp_path: Path) -> None:
    pdf = _exported_pdf(corrected_project_path, tmp_path / "out")
    with Project.open(corrected_project_path) as project:
        laid = project.exports.page(project.pages.all()[0].id).layout
    word = next(w for line in laid.lines for w in line.words if REPLACEMENT in w.text)
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    found = [tuple(map(float, match[:4])) for match in _WORD.findall(boxes) if REPLACEMENT in match[4]]
    assert len(found) == 1
    x0, y0, x1, y1 = found[0]
    scale = 72 / 300
    assert x0 == pytest.approx(word.left * scale, abs=1.0)
    assert x1 <= (word.left + word.width) * scale + 1.0 and x1 - x0 > word.width * scale / 2
    assert y0 < (word.top + word.height) * scale and y1 > word.top * scale  # on the word's line
    assert abs((y0 + y1) / 2 - (word.top + word.height / 2) * scale) < word.height * scale


def test_a_png_scan_and_letters_beyond_latin_1(tmp_path: Path, sample_scans: list[Path]) -> None:
    """A scan that is not a JPEG is encoded as one; DejaVu Sans carries Central European letters."""
    scan = tmp_path / "page.png"
    with Image.open(sample_scans[0]) as image:
        image.save(scan, dpi=(150, 150))
        width, height = image.size
    text = "Łódź, Ştefan și Ärger\n\nnaïve façade Œuvre"
    page = PageExport(
        project_name="p", document_name="d", document_reference=None, page_id=1, page_label="1",
        position=1, scan_path=scan, scan_index=0, width=width, height=height, dpi=150, revision_id=1,
        author="ana", created="2026-01-01T00:00:00+00:00", chain_hash="", status="corrected", revision_kind="edit",
        text=text, layout=lay_out(text, [], link_words(text, []), width=width, height=height),
        software="Workbench 0.1.0",
    )
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(searchable_pdf([page]))
    assert normalised(_pdftotext(pdf, "-raw")) == normalised(text)
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout
    assert " jpeg " in images and f" {width} " in images
