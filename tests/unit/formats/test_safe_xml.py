"""Foreign XML is hostile: entities, oversized files and malformed files are refused with a clear message."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from workbench.errors import ForeignFileError, HostileFileError
from workbench.formats.safe_xml import local_name, parse_xml, read_bounded

EVAL = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "ehri"


def _billion_laughs() -> bytes:
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    return f'<?xml version="1.0"?><!DOCTYPE lolz [{"".join(levels)}]><lolz>&lol9;</lolz>'.encode()


def test_an_external_entity_is_refused_and_the_file_it_names_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the archive's password")
    hostile = tmp_path / "page.xml"
    hostile.write_text(
        f'<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY x SYSTEM "file://{secret}">]><alto>&x;</alto>'
    )
    with pytest.raises(HostileFileError) as refused:
        parse_xml(hostile)
    message = str(refused.value)
    assert "page.xml" in message and "declares XML entities" in message
    assert "password" not in message


def test_an_external_entity_in_utf16_is_refused_too(tmp_path: Path) -> None:
    hostile = tmp_path / "page.xml"
    text = ('<?xml version="1.0" encoding="UTF-16"?>'
            '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')
    hostile.write_bytes(text.encode("utf-16"))
    with pytest.raises(HostileFileError, match="declares XML entities"):
        parse_xml(hostile)


def test_billion_laughs_is_refused_fast(tmp_path: Path) -> None:
    hostile = tmp_path / "laughs.hocr"
    hostile.write_bytes(_billion_laughs())
    started = time.perf_counter()
    with pytest.raises(HostileFileError, match="billion-laughs"):
        parse_xml(hostile, html_fallback=True)
    assert time.perf_counter() - started < 1.0


def test_an_oversized_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    big.write_bytes(b"<alto>" + b" " * 2048 + b"</alto>")
    with pytest.raises(HostileFileError, match="larger than the limit"):
        parse_xml(big, max_bytes=1024)
    assert read_bounded(big, max_bytes=4096).startswith(b"<alto>")


def test_malformed_xml_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<alto><Layout></alto>")
    with pytest.raises(ForeignFileError, match="broken.xml: the file is not well-formed XML"):
        parse_xml(broken)


def test_html_is_read_where_allowed(tmp_path: Path) -> None:
    page = tmp_path / "page.hocr"
    page.write_text("<!DOCTYPE html><html><head><meta charset=utf-8></head><body><p>caf&eacute;<br></body>")
    root = parse_xml(page, html_fallback=True)
    assert local_name(root) == "html"
    assert "café" in "".join(root.itertext())


def test_tesseract_hocr_with_its_external_doctype_is_fine() -> None:
    root = parse_xml(EVAL / "EHRI-DR-19390125-US_02.tess.hocr")
    assert local_name(root) == "html"


def test_namespaced_alto_is_matched_by_local_name() -> None:
    root = parse_xml(EVAL / "EHRI-DR-19390125-US_02.alto.xml")
    assert local_name(root) == "alto"
    assert sum(local_name(element) == "TextLine" for element in root.iter()) == 32
