"""Exports of a corrected page of the recognised sample: valid, and carrying the corrected words on their boxes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import REPO
from workbench.formats.alto_writer import write_alto
from workbench.formats.export_model import PageExport
from workbench.formats.hocr_writer import write_hocr
from workbench.formats.json_writer import write_json, write_json_pages
from workbench.formats.layout import LaidWord
from workbench.formats.page_writer import write_page_xml
from workbench.formats.tei_writer import write_tei, write_tei_pages
from workbench.project import Project
from workbench.records import OcrWord

SCHEMAS = REPO.parent / "shared" / "schemas"
ALTO = "{http://www.loc.gov/standards/alto/ns-v4#}"
PAGE = "{http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15}"
XHTML = "{http://www.w3.org/1999/xhtml}"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Corrected:
    """A page saved with one word replaced, one split, two merged and one appended, on separate lines."""

    export: PageExport
    ocr_export: PageExport
    replaced: OcrWord
    split: OcrWord
    merged: tuple[OcrWord, OcrWord]
    last_before_insert: OcrWord


@pytest.fixture
def corrected(recognised_project_path: Path) -> Iterator[Corrected]:
    with Project.open(recognised_project_path) as project:
        page = max(project.pages.all(), key=lambda page: project.revisions.current_text(page.id).count("\n"))
        ocr_text = project.revisions.current_text(page.id)
        run = project.recognition.ocr_run(page.id)
        assert run is not None
        words = run.words
        lines = _token_lines(ocr_text)
        assert [t for line in lines for t, _ in line] == [w.text for w in words], "OCR text is its words"
        usable = [line for line in lines if len(line) >= 4 and all(len(t) >= 3 for t, _ in line[1:3])]
        assert len(usable) >= 4, "the sample pages have many long typewritten lines"
        replace_line, split_line, merge_line, insert_line = usable[:4]
        edits = {
            replace_line[1][1]: "Xylophone",
            split_line[1][1]: split_line[1][0][:2] + " " + split_line[1][0][2:],
            merge_line[1][1]: merge_line[1][0] + merge_line[2][0],
            merge_line[2][1]: "",
            insert_line[-1][1]: insert_line[-1][0] + " appended",
        }
        tokens = [t for line in lines for t, _ in line]
        text = "\n".join(
            " ".join(part for token, index in line if (part := edits.get(index, token)))
            for line in lines
        )
        ocr_revision = project.revisions.current(page.id)
        assert ocr_revision is not None
        project.revisions.save(page.id, text, parent_id=ocr_revision.id, author="test archivist")
        assert len(tokens) == len(words)
        yield Corrected(
            export=project.exports.page(page.id),
            ocr_export=project.exports.page(page.id, ocr_revision.id),
            replaced=words[replace_line[1][1]],
            split=words[split_line[1][1]],
            merged=(words[merge_line[1][1]], words[merge_line[2][1]]),
            last_before_insert=words[insert_line[-1][1]],
        )


def _token_lines(text: str) -> list[list[tuple[str, int]]]:
    """The non-empty lines of ``text`` as (token, index of the token in the whole text)."""
    lines, index = [], 0
    for line in text.split("\n"):
        tokens = line.split()
        if tokens:
            lines.append([(token, index + k) for k, token in enumerate(tokens)])
            index += len(tokens)
    return lines


def schema(name: str) -> etree.XMLSchema:
    # Loaded from the file, so its import of xlink.xsd is read from the same folder, not the network.
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def laid_words(export: PageExport) -> list[LaidWord]:
    return [word for line in export.layout.lines for word in line.words]


def strings_of(document: etree._Element) -> list[etree._Element]:
    return list(document.iter(f"{ALTO}String"))


def box_of(item: OcrWord | LaidWord) -> Box:
    return item.left, item.top, item.width, item.height


def test_corrected_words_land_on_the_boxes_they_came_from(corrected: Corrected) -> None:
    words = {word.text: word for word in laid_words(corrected.export)}
    assert box_of(words["Xylophone"]) == box_of(corrected.replaced)
    first, second = corrected.merged
    merged = words[first.text + second.text]
    assert (merged.left, merged.top) == (min(first.left, second.left), min(first.top, second.top))
    assert merged.left + merged.width == max(first.left + first.width, second.left + second.width)
    head, tail = words[corrected.split.text[:2]], words[corrected.split.text[2:]]
    assert head.left == corrected.split.left and tail.left + tail.width == corrected.split.left + corrected.split.width
    anchor = corrected.last_before_insert
    assert words["appended"].left >= anchor.left + anchor.width
    assert all(word.confidence == 100.0 for word in words.values() if word.changed)
    # Words the archivist left keep the OCR's confidence (issue 16, defect 7): every untouched line
    # is as the OCR revision exports it.
    ocr = {tuple(w.text for w in line.words): [w.confidence for w in line.words]
           for line in corrected.ocr_export.layout.lines}
    untouched = [line for line in corrected.export.layout.lines if not any(w.changed for w in line.words)]
    assert len(untouched) == len(corrected.export.layout.lines) - 4
    assert all([w.confidence for w in line.words] == ocr[tuple(w.text for w in line.words)] for line in untouched)
    assert len({w.confidence for line in untouched for w in line.words}) > 10


def test_alto_of_a_corrected_page_is_valid_and_holds_the_corrected_words_in_order(corrected: Corrected) -> None:
    document = etree.fromstring(write_alto(corrected.export))
    schema("alto-4-4.xsd").assertValid(document)
    strings = document.iter(f"{ALTO}String")
    assert [s.get("CONTENT") for s in strings] == corrected.export.text.split()
    laid = laid_words(corrected.export)
    assert [s.get("WC") for s in strings_of(document)] == [f"{w.confidence / 100:.2f}" for w in laid]
    assert [s.get("CS") for s in strings_of(document)] == ["true" if w.changed else None for w in laid]
    revision_step = document.find(f".//{ALTO}Processing[@ID='revision']")
    assert revision_step.findtext(f".//{ALTO}softwareName") == "Workbench"
    assert document.findtext(f".//{ALTO}fileName") == corrected.export.scan_path.name


def test_alto_of_the_recognised_revision_keeps_every_ocr_word_and_box(
    corrected: Corrected, recognised_project_path: Path
) -> None:
    with Project.open(recognised_project_path) as project:
        run = project.recognition.ocr_run(corrected.ocr_export.page_id)
    assert run is not None
    words = run.words
    document = etree.fromstring(write_alto(corrected.ocr_export))
    schema("alto-4-4.xsd").assertValid(document)
    strings = [
        (s.get("CONTENT"), int(s.get("HPOS")), int(s.get("VPOS")), int(s.get("WIDTH")), int(s.get("HEIGHT")))
        for s in document.iter(f"{ALTO}String")
    ]
    assert strings == [(w.text, w.left, w.top, w.width, w.height) for w in words]


def test_page_xml_of_a_corrected_page_is_valid_with_words_and_line_text(corrected: Corrected) -> None:
    document = etree.fromstring(write_page_xml(corrected.export))
    schema("page-2019-07-15.xsd").assertValid(document)
    words = [word.findtext(f"{PAGE}TextEquiv/{PAGE}Unicode") for word in document.iter(f"{PAGE}Word")]
    assert words == corrected.export.text.split()
    line_texts = [line.findtext(f"{PAGE}TextEquiv/{PAGE}Unicode") for line in document.iter(f"{PAGE}TextLine")]
    assert line_texts == [" ".join(line.split()) for line in corrected.export.text.split("\n") if line.strip()]
    assert document.findtext(f"{PAGE}Metadata/{PAGE}Creator").startswith("Workbench 0.1.0")


def test_hocr_parses_back_to_the_same_words_and_boxes(corrected: Corrected) -> None:
    document = etree.fromstring(write_hocr(corrected.export))
    parsed = []
    for span in document.iter(f"{XHTML}span"):
        if span.get("class") == "ocrx_word":
            match = re.match(r"bbox (\d+) (\d+) (\d+) (\d+); x_wconf (\d+)(; x_corrected 1)?$", span.get("title"))
            assert match is not None
            x0, y0, x1, y1, confidence = map(int, match.groups()[:5])
            parsed.append((span.text, (x0, y0, x1 - x0, y1 - y0), confidence, match.group(6) is not None))
    expected = [(w.text, box_of(w), round(w.confidence), w.changed) for w in laid_words(corrected.export)]
    assert parsed == expected
    metas = {meta.get("name"): meta.get("content") for meta in document.iter(f"{XHTML}meta")}
    assert metas["ocr-system"].startswith("tesseract ") and metas["workbench-software"] == "Workbench 0.1.0"
    assert "ocrx_word" in metas["ocr-capabilities"]
    assert metas["workbench-revision"] == str(corrected.export.revision_id)


def test_tei_is_well_formed_with_a_zone_per_line_and_a_line_break_pointing_at_each(corrected: Corrected) -> None:
    document = etree.fromstring(write_tei(corrected.export))
    zones = [zone.get(XML_ID) for zone in document.iter(f"{TEI}zone")]
    breaks = [lb.get("facs") for lb in document.iter(f"{TEI}lb")]
    assert len(zones) == len(corrected.export.layout.lines) == len(set(zones))
    assert breaks == [f"#{zone}" for zone in zones]
    assert [lb.tail for lb in document.iter(f"{TEI}lb")][:1] == [
        " ".join(w.text for w in corrected.export.layout.lines[0].words) + "\n"
    ]
    assert [pb.get("facs") for pb in document.iter(f"{TEI}pb")] == ["#surface_1"]


def test_tei_of_several_pages_has_a_surface_and_a_page_break_for_each(corrected: Corrected) -> None:
    # Two revisions of the same page: ids must stay unique all the same.
    document = etree.fromstring(write_tei_pages([corrected.ocr_export, corrected.export]))
    assert len(list(document.iter(f"{TEI}surface"))) == 2 and len(list(document.iter(f"{TEI}pb"))) == 2
    assert len(list(document.iter(f"{TEI}change"))) == 2


def test_json_round_trips_with_the_words_their_boxes_and_the_revision(corrected: Corrected) -> None:
    loaded = json.loads(write_json(corrected.export))
    page = loaded["pages"][0]
    assert page["revision"]["id"] == corrected.export.revision_id
    assert page["revision"]["author"] == "test archivist"
    assert page["text"] == corrected.export.text
    assert [
        (w["text"], (w["box"]["left"], w["box"]["top"], w["box"]["width"], w["box"]["height"]))
        for line in page["lines"] for w in line["words"]
    ] == [(w.text, box_of(w)) for w in laid_words(corrected.export)]
    assert len(json.loads(write_json_pages([corrected.ocr_export, corrected.export]))["pages"]) == 2


def test_markup_and_control_characters_in_a_text_are_escaped_everywhere(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.all()[0]
        hostile = 'A <b>&amp; "quoted" \x01bell ]]> end'
        project.revisions.save(page.id, hostile, parent_id=page.current_revision_id, author="<script>")
        export = project.exports.page(page.id)
    for writer in (write_alto, write_page_xml, write_hocr, write_tei):
        document = etree.fromstring(writer(export))
        assert "<b>&amp;" in "".join(document.itertext()) + "".join(
            value for element in document.iter() for value in element.attrib.values()
        )
    schema("alto-4-4.xsd").assertValid(etree.fromstring(write_alto(export)))
    schema("page-2019-07-15.xsd").assertValid(etree.fromstring(write_page_xml(export)))
    assert json.loads(write_json(export))["pages"][0]["text"] == hostile


def test_every_xml_export_names_the_engine_that_read_the_page_and_the_workbench_that_corrected_it(
    corrected: Corrected, recognised_project_path: Path
) -> None:
    """Issue 16, defect 8: the engine, its version and settings were replaced by the workbench's name."""
    with Project.open(recognised_project_path) as project:
        run = project.recognition.ocr_run(corrected.export.page_id)
    assert run is not None and run.engine == "tesseract" and run.engine_version
    settings = f"languages {run.settings['languages']}, page segmentation mode {run.settings['psm']}"
    alto = etree.fromstring(write_alto(corrected.export))
    schema("alto-4-4.xsd").assertValid(alto)
    steps = alto.findall(f".//{ALTO}Processing")
    assert [step.findtext(f"{ALTO}processingCategory") for step in steps] == ["contentGeneration", "contentModification"]
    assert (steps[0].findtext(f".//{ALTO}softwareName"), steps[0].findtext(f".//{ALTO}softwareVersion"),
            steps[0].findtext(f"{ALTO}processingStepSettings")) == ("tesseract", run.engine_version, settings)
    assert steps[0].findtext(f"{ALTO}processingDateTime") == run.created
    page = etree.fromstring(write_page_xml(corrected.export))
    schema("page-2019-07-15.xsd").assertValid(page)
    items = {item.get("name"): item.get("value") for item in page.iter(f"{PAGE}MetadataItem")
             if item.get("type") == "processingStep"}
    assert items == {"recognition": f"tesseract {run.engine_version} ({settings})", "software": "Workbench 0.1.0"}
    hocr = etree.fromstring(write_hocr(corrected.export))
    metas = {meta.get("name"): meta.get("content") for meta in hocr.iter(f"{XHTML}meta")}
    assert (metas["ocr-system"], metas["workbench-ocr-settings"]) == (f"tesseract {run.engine_version}", settings)
    assert json.loads(write_json(corrected.export))["pages"][0]["ocr"] == {
        "engine": "tesseract", "version": run.engine_version, "settings": settings, "created": run.created}
    tei = etree.fromstring(write_tei(corrected.export))
    assert [(a.get("ident"), a.get("version")) for a in tei.iter(f"{TEI}application")] == [
        ("tesseract", run.engine_version), ("Workbench", "0.1.0")]
