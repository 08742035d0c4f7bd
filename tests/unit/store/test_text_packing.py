"""Revision texts as the project file stores them: any text comes back as it went in."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from workbench.store.text_packing import LAYOUT, SQL_FUNCTION, add_sql_functions, pack_text, unpack_text

PAGE = "The Legation at Bucharest reports on the situation of Jewish refugees.\n" * 40


@pytest.mark.parametrize("text", [
    "", "x", PAGE, "Zürich Ελληνικά 日本語 עברית 👩‍👩‍👧 e\u0301\n" * 50, "\ud800 lone", "a\x00b" * 100,
])
def test_any_text_comes_back_as_it_went_in(text: str) -> None:
    assert unpack_text(pack_text(text)) == text


def test_a_page_is_stored_compressed_and_a_short_text_as_it_is() -> None:
    assert isinstance(pack_text(PAGE), bytes) and len(pack_text(PAGE)) < len(PAGE) / 4
    assert pack_text("short") == "short"


def test_texts_stored_before_compression_are_read_as_they_are() -> None:
    assert unpack_text("stored by format 5") == "stored by format 5"


@pytest.mark.parametrize("stored", [b"", bytes([LAYOUT + 1]) + b"x", bytes([LAYOUT]) + b"not zlib"])
def test_a_damaged_or_unknown_stored_text_is_an_error(stored: bytes) -> None:
    with pytest.raises(ValueError, match="damaged|unknown layout"):
        unpack_text(stored)


def test_sql_reads_stored_texts_through_the_registered_function() -> None:
    with closing(sqlite3.connect(":memory:")) as connection:
        add_sql_functions(connection)
        row = connection.execute(f"SELECT {SQL_FUNCTION}(?), {SQL_FUNCTION}(?), {SQL_FUNCTION}(NULL)",
                                 [pack_text(PAGE), "plain"]).fetchone()
    assert row == (PAGE, "plain", None)
