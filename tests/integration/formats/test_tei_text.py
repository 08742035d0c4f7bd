"""TEI's string value reads as the page does (issue 16, defect 5): full-text indexes take the text of
``<body>`` and saw "existenceof" where a line ended, and hyphenated line ends were not marked."""

from __future__ import annotations

import re
import shutil

import pytest
from lxml import etree

from tests.conftest import EVAL
from workbench.formats.tei_writer import write_tei
from workbench.project import Project

STEM = "EHRI-BF-19380509b_EN_04"
TEI = "{http://www.tei-c.org/ns/1.0}"

pytestmark = pytest.mark.skipif(not (EVAL / "ehri" / f"{STEM}.tess.hocr").is_file(),
                                reason="evaluation data not present")


@pytest.fixture(scope="module")
def page_and_tei(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, etree._Element]:
    """The page's text as Tesseract read it, and its TEI."""
    folder = tmp_path_factory.mktemp("tei")
    scan = folder / f"{STEM}.jpg"
    shutil.copy(EVAL / "ehri" / f"{STEM}.jpg", scan)
    with Project.create(folder / "p.wbproj") as project:
        (page_id,) = project.pages.add_scans([scan], ocr=EVAL / "ehri" / f"{STEM}.tess.hocr").page_ids
        return project.revisions.current_text(page_id), etree.fromstring(write_tei(project.exports.page(page_id)))


def test_the_string_value_keeps_words_apart_across_lines(page_and_tei: tuple[str, etree._Element]) -> None:
    text, tei = page_and_tei
    body = "".join(tei.find(f"{TEI}text/{TEI}body").itertext())
    assert "immediate existence\nof their life" in body
    assert "existenceof" not in body
    # Word for word the page, with each hyphenated line end joined to the line after it.
    assert body.split() == re.sub(r"(\w-)\n(?=\w)", r"\1", text).split()


def test_a_hyphenated_line_end_is_followed_by_a_break_that_is_not_a_word_break(
    page_and_tei: tuple[str, etree._Element],
) -> None:
    text, tei = page_and_tei
    unbroken = [lb for lb in tei.iter(f"{TEI}lb") if lb.get("break") == "no"]
    assert len(unbroken) == len(re.findall(r"\w-\n\w", text)) >= 1
    creat = next(lb for lb in tei.iter(f"{TEI}lb") if (lb.tail or "").endswith("the creat demo-"))
    assert creat.getnext().get("break") == "no" and creat.getnext().tail.startswith("eracies for the sake")
