"""PAGE XML in, 2013 and 2019 schemas: regions in reading order, polygons as boxes, lines without Words."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import ForeignFileError
from workbench.formats.hocr_reader import read_hocr
from workbench.formats.imported_ocr import UNKNOWN_CONFIDENCE
from workbench.formats.page_reader import read_page_xml

_NAMESPACES = {
    2013: "http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15",
    2019: "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15",
}

_REGIONS = """
<ReadingOrder><OrderedGroup id="g"><RegionRefIndexed index="0" regionRef="r2"/>
  <RegionRefIndexed index="1" regionRef="r1"/></OrderedGroup></ReadingOrder>
<TextRegion id="r1"><Coords points="0,300 500,300 500,400 0,400"/>
  <TextLine id="l2"><Coords points="10,310 250,312 250,350 10,348"/>
    <TextEquiv><Unicode>last line</Unicode></TextEquiv></TextLine>
</TextRegion>
<TextRegion id="r2"><Coords points="0,0 500,0 500,100 0,100"/>
  <TextLine id="l1"><Coords points="10,10 400,10 400,50 10,50"/>
    <Word id="w1"><Coords points="10,12 100,10 98,50 12,48"/>
      <TextEquiv index="2" conf="0.2"><Unicode>Bucarest</Unicode></TextEquiv>
      <TextEquiv index="1" conf="0.8"><Unicode>Bucharest,</Unicode></TextEquiv></Word>
    <Word id="w2"><Coords points="120,10 200,10 200,50 120,50"/>
      <TextEquiv><Unicode>1939</Unicode></TextEquiv></Word>
    <TextEquiv><Unicode>Bucharest, 1939</Unicode></TextEquiv>
  </TextLine>
</TextRegion>"""


def _page(tmp_path: Path, year: int, regions: str = _REGIONS) -> Path:
    path = tmp_path / f"page-{year}.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><PcGts xmlns="{_NAMESPACES[year]}">'
        "<Metadata><Creator>Transkribus</Creator><Created>2020-01-01T00:00:00</Created></Metadata>"
        f'<Page imageFilename="scan.jpg" imageWidth="500" imageHeight="400">{regions}</Page></PcGts>'
    )
    return path


@pytest.mark.parametrize("year", [2013, 2019])
def test_words_lines_and_regions_in_reading_order(tmp_path: Path, year: int) -> None:
    imported = read_page_xml(_page(tmp_path, year), image_width=500, image_height=400)
    assert imported.engine == "Transkribus" and imported.format == "page"
    assert imported.text == "Bucharest, 1939\n\nlast line"
    first, second = imported.words[:2]
    assert (first.left, first.top, first.width, first.height, first.confidence) == (10, 10, 90, 40, 80.0)
    assert (second.text, second.confidence, second.block) == ("1939", UNKNOWN_CONFIDENCE, 1)


def test_a_line_without_words_is_split_over_its_polygon_box(tmp_path: Path) -> None:
    imported = read_page_xml(_page(tmp_path, 2019), image_width=500, image_height=400)
    last, line = imported.words[2:]
    assert (last.text, last.left, last.top, last.height, last.block) == ("last", 10, 310, 40, 2)
    assert line.left + line.width == 250


def test_a_polygon_off_the_scan_is_refused(tmp_path: Path) -> None:
    regions = ('<TextRegion id="r"><TextLine id="l"><Coords points="-5,10 100,10 100,40 -5,40"/>'
               "<TextEquiv><Unicode>edge</Unicode></TextEquiv></TextLine></TextRegion>")
    with pytest.raises(ForeignFileError, match="word 'edge' lies outside the 500×400 scan"):
        read_page_xml(_page(tmp_path, 2019, regions), image_width=500, image_height=400)


def test_a_file_for_an_image_of_another_size_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ForeignFileError, match="describes a 500×400 image, but the scan is 1000×800"):
        read_page_xml(_page(tmp_path, 2013), image_width=1000, image_height=800)


def test_a_word_without_coords_is_refused(tmp_path: Path) -> None:
    regions = ('<TextRegion id="r"><TextLine id="l"><Word id="w"><TextEquiv><Unicode>adrift</Unicode>'
               "</TextEquiv></Word></TextLine></TextRegion>")
    with pytest.raises(ForeignFileError, match="word 'adrift' has no Coords"):
        read_page_xml(_page(tmp_path, 2019, regions), image_width=500, image_height=400)


FILES = Path(__file__).resolve().parents[2] / "files"
EHRI = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "ehri"


def test_abbyy_page_with_text_only_in_regions_gives_every_word_inside_its_region() -> None:
    imported = read_page_xml(FILES / "abbyy_fre9_page2010_regions.xml", image_width=940, image_height=1180)
    tesseract = read_hocr(EHRI / "EHRI-BF-19380509b_EN_04.tess.hocr", image_width=940, image_height=1180)
    assert (imported.level, imported.engine) == ("region", "ABBYY FineReader Engine 9")
    assert imported.text == tesseract.text  # the regions' text, line for line, as the file has it
    first_region = [word for word in imported.words if word.block == 1]
    assert {word.line for word in first_region} == {1, 2}  # two lines stacked in the region's box
    assert all(127 <= w.left and w.left + w.width <= 875 and 132 <= w.top and w.top + w.height <= 169
               for w in first_region)
    assert max(w.top + w.height for w in first_region if w.line == 1) <= min(w.top for w in first_region
                                                                              if w.line == 2)


def test_the_level_the_text_came_from_is_said(tmp_path: Path) -> None:
    assert read_page_xml(_page(tmp_path, 2019), image_width=500, image_height=400).level == "line"
    words_only = _REGIONS.replace(
        "<TextEquiv><Unicode>last line</Unicode></TextEquiv>",
        '<Word id="w3"><Coords points="10,310 250,312 250,350 10,348"/><TextEquiv><Unicode>last</Unicode>'
        "</TextEquiv></Word>")
    assert read_page_xml(_page(tmp_path, 2019, words_only), image_width=500, image_height=400).level == "word"


def test_text_only_where_no_words_are_read_from_is_an_error_not_an_empty_page(tmp_path: Path) -> None:
    regions = ('<TextRegion id="r"><Coords points="0,0 500,0 500,100 0,100"/><TextLine id="l">'
               '<Coords points="10,10 400,10 400,50 10,50"/><Word id="w"><Coords points="10,10 60,10 60,50 10,50"/>'
               '<Glyph id="g1"><Coords points="10,10 30,10 30,50 10,50"/><TextEquiv><Unicode>o</Unicode></TextEquiv>'
               '</Glyph><Glyph id="g2"><Coords points="30,10 60,10 60,50 30,50"/><TextEquiv><Unicode>k</Unicode>'
               "</TextEquiv></Glyph></Word></TextLine></TextRegion>")
    with pytest.raises(ForeignFileError, match="holds text, but none in the PAGE elements"):
        read_page_xml(_page(tmp_path, 2019, regions), image_width=500, image_height=400)


def test_page_reading_order_follows_the_index_not_the_listing(tmp_path: Path) -> None:
    """Transkribus and OCR-D processors write RegionRefIndexed in any order; @index is the order."""
    regions = _REGIONS.replace(
        '<RegionRefIndexed index="0" regionRef="r2"/>\n  <RegionRefIndexed index="1" regionRef="r1"/>',
        '<RegionRefIndexed index="1" regionRef="r1"/>\n  <RegionRefIndexed index="0" regionRef="r2"/>')
    assert regions != _REGIONS
    imported = read_page_xml(_page(tmp_path, 2019, regions), image_width=500, image_height=400)
    assert imported.text == "Bucharest, 1939\n\nlast line"


def test_page_reading_order_of_nested_indexed_groups(tmp_path: Path) -> None:
    regions = _REGIONS.replace(
        '<OrderedGroup id="g"><RegionRefIndexed index="0" regionRef="r2"/>\n  <RegionRefIndexed index="1" regionRef="r1"/>',
        '<OrderedGroup id="g"><OrderedGroupIndexed id="g2" index="5"><RegionRefIndexed index="0" regionRef="r2"/>'
        '</OrderedGroupIndexed>\n  <RegionRefIndexed index="2" regionRef="r1"/>')
    assert regions != _REGIONS
    imported = read_page_xml(_page(tmp_path, 2019, regions), image_width=500, image_height=400)
    assert imported.text == "last line\n\nBucharest, 1939"
