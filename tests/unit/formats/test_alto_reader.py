"""ALTO in, versions 2 to 4: words, boxes in any measurement unit, confidences and line-only ground truth."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import ForeignFileError
from workbench.formats.alto_reader import read_alto
from workbench.formats.imported_ocr import UNKNOWN_CONFIDENCE

EVAL = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "ehri"

_NAMESPACES = {
    2: "http://www.loc.gov/standards/alto/ns-v2#",
    3: "http://www.loc.gov/standards/alto/ns-v3#",
    4: "http://www.loc.gov/standards/alto/ns-v4#",
}

_BLOCKS = """
<TextBlock ID="b1"><TextLine HPOS="100" VPOS="100" WIDTH="400" HEIGHT="40">
  <String CONTENT="Confidential" HPOS="100" VPOS="100" WIDTH="200" HEIGHT="40" WC="0.91"/>
  <SP HPOS="300" VPOS="100" WIDTH="20"/>
  <String CONTENT="re" HPOS="320" VPOS="100" WIDTH="60" HEIGHT="40" WC="0.4"/><HYP CONTENT="-"/>
</TextLine></TextBlock>
<TextBlock ID="b2"><TextLine HPOS="100" VPOS="200" WIDTH="400" HEIGHT="40">
  <String CONTENT="port" HPOS="100" VPOS="200" WIDTH="100" HEIGHT="40"/>
</TextLine></TextBlock>"""


def _alto(tmp_path: Path, version: int, *, unit: str | None, blocks: str = _BLOCKS) -> Path:
    description = "" if unit is None else f"<MeasurementUnit>{unit}</MeasurementUnit>"
    path = tmp_path / f"alto-v{version}.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><alto xmlns="{_NAMESPACES[version]}">'
        f"<Description>{description}<OCRProcessing ID='p'><ocrProcessingStep><processingSoftware>"
        "<softwareCreator>ABBYY</softwareCreator><softwareName>ABBYY FineReader</softwareName>"
        "<softwareVersion>11.0</softwareVersion></processingSoftware></ocrProcessingStep></OCRProcessing>"
        f'</Description><Layout><Page ID="p1" WIDTH="1000" HEIGHT="1000" PHYSICAL_IMG_NR="1">'
        f"<PrintSpace>{blocks}</PrintSpace></Page></Layout></alto>"
    )
    return path


@pytest.mark.parametrize("version", [3, 4])
def test_pixel_alto_gives_words_boxes_confidences_and_blocks(tmp_path: Path, version: int) -> None:
    imported = read_alto(_alto(tmp_path, version, unit=None), image_width=1000, image_height=1000)
    assert imported.engine == "ABBYY FineReader 11.0" and imported.format == "alto"
    assert [(w.text, w.left, w.top, w.width, w.height) for w in imported.words] == [
        ("Confidential", 100, 100, 200, 40), ("re-", 320, 100, 60, 40), ("port", 100, 200, 100, 40)
    ]
    assert [w.confidence for w in imported.words] == [91.0, 40.0, UNKNOWN_CONFIDENCE]
    assert [(w.block, w.line) for w in imported.words] == [(1, 1), (1, 1), (2, 2)]
    assert imported.text == "Confidential re-\n\nport"


def test_alto_2_measures_in_tenths_of_a_millimetre_by_default(tmp_path: Path) -> None:
    imported = read_alto(_alto(tmp_path, 2, unit=None), image_width=2000, image_height=2000, dpi=300)
    # 100 mm10 is a centimetre: 118.1 pixels at 300 dpi.
    assert (imported.words[0].left, imported.words[0].width) == (118, 236)


def test_inch1200_without_a_dpi_takes_the_scale_from_the_page_width(tmp_path: Path) -> None:
    imported = read_alto(_alto(tmp_path, 4, unit="inch1200"), image_width=500, image_height=500)
    assert (imported.words[0].left, imported.words[0].top, imported.words[0].width) == (50, 50, 100)


def test_a_line_given_as_one_string_is_split_into_words(tmp_path: Path) -> None:
    blocks = ('<TextBlock><TextLine HPOS="0" VPOS="0" WIDTH="90" HEIGHT="30">'
              '<String CONTENT="ab cd" HPOS="0" VPOS="0" WIDTH="50" HEIGHT="30"/></TextLine>'
              '<TextLine HPOS="0" VPOS="40" WIDTH="90" HEIGHT="30"><String CONTENT="no box"/></TextLine>'
              "</TextBlock>")
    imported = read_alto(_alto(tmp_path, 4, unit="pixel", blocks=blocks), image_width=100, image_height=100)
    assert [(w.text, w.left, w.width, w.line) for w in imported.words] == [
        ("ab", 0, 20, 1), ("cd", 30, 20, 1), ("no", 0, 30, 2), ("box", 45, 45, 2)
    ]


def test_the_eval_ground_truth_becomes_words_on_its_lines() -> None:
    """The EHRI ground truth has one String per TextLine, holding the whole line."""
    imported = read_alto(EVAL / "EHRI-DR-19390125-US_02.alto.xml", image_width=1926, image_height=3219)
    assert imported.text == (EVAL / "EHRI-DR-19390125-US_02.gt.txt").read_text().strip()
    assert len({word.line for word in imported.words}) == 32
    first_line = [word for word in imported.words if word.line == 2]
    assert first_line[0].left == 314 and first_line[-1].left + first_line[-1].width == 314 + 1246
    assert all(word.confidence == UNKNOWN_CONFIDENCE for word in imported.words)


def test_an_unknown_unit_and_words_off_the_scan_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ForeignFileError, match="unknown MeasurementUnit 'furlong'"):
        read_alto(_alto(tmp_path, 4, unit="furlong"), image_width=1000, image_height=1000)
    with pytest.raises(ForeignFileError, match="word 'Confidential' lies outside the 250×250 scan"):
        read_alto(_alto(tmp_path, 4, unit="pixel"), image_width=250, image_height=250)


def test_a_file_that_is_not_alto_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<PcGts/>")
    with pytest.raises(ForeignFileError, match="not an ALTO file"):
        read_alto(path, image_width=10, image_height=10)


_ESCRIPTORIUM_BLOCKS = """
<TextBlock ID="eSc_textblock_margin" TAGREFS="BT3"><TextLine ID="eSc_line_m1" HPOS="20" VPOS="100" WIDTH="60"
  HEIGHT="40"><String CONTENT="noted" HPOS="20" VPOS="100" WIDTH="60" HEIGHT="40"/></TextLine></TextBlock>
<TextBlock ID="eSc_textblock_main" TAGREFS="BT2">
  <TextLine ID="eSc_line_a" HPOS="100" VPOS="200" WIDTH="300" HEIGHT="40"><String CONTENT="second" HPOS="100"
    VPOS="200" WIDTH="300" HEIGHT="40"/></TextLine>
  <TextLine ID="eSc_line_b" HPOS="100" VPOS="100" WIDTH="300" HEIGHT="40"><String CONTENT="first" HPOS="100"
    VPOS="100" WIDTH="300" HEIGHT="40"/></TextLine></TextBlock>"""


def _with_reading_order(path: Path, order: str) -> Path:
    """The file with an ALTO 4.2 ReadingOrder (after Tags, before Layout, as the schema has it)."""
    path.write_text(path.read_text().replace("<Layout>", f"<ReadingOrder>{order}</ReadingOrder><Layout>"))
    return path


def test_alto_reading_order_of_lines_is_followed_not_the_document_order(tmp_path: Path) -> None:
    order = ('<OrderedGroup ID="ro_1"><ElementRef ID="o1" REF="eSc_line_b"/><ElementRef ID="o2" REF="eSc_line_a"/>'
             '<ElementRef ID="o3" REF="eSc_line_m1"/></OrderedGroup>')
    path = _with_reading_order(_alto(tmp_path, 4, unit="pixel", blocks=_ESCRIPTORIUM_BLOCKS), order)
    imported = read_alto(path, image_width=1000, image_height=1000)
    assert imported.text == "first\nsecond\n\nnoted"


def test_alto_reading_order_of_blocks_in_nested_groups(tmp_path: Path) -> None:
    order = ('<UnorderedGroup ID="ro_0"><OrderedGroup ID="ro_1"><ElementRef ID="o1" REF="eSc_textblock_main"/>'
             '</OrderedGroup><OrderedGroup ID="ro_2"><ElementRef ID="o2" REF="eSc_textblock_margin"/>'
             "</OrderedGroup></UnorderedGroup>")
    path = _with_reading_order(_alto(tmp_path, 4, unit="pixel", blocks=_ESCRIPTORIUM_BLOCKS), order)
    imported = read_alto(path, image_width=1000, image_height=1000)
    assert imported.text == "second\nfirst\n\nnoted"
    assert [(w.text, w.block) for w in imported.words] == [("second", 1), ("first", 1), ("noted", 2)]
