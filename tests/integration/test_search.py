"""Search across a project: exact places in the current texts, kept current, safe for any query."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.project_file import copy_rows_with_plain_texts, sql
from workbench.project import Project, SearchHit
from workbench.store.database import APPLICATION_ID
from workbench.store.migrations import LATEST_VERSION, MIGRATIONS
from workbench.store.text_packing import add_sql_functions


def hits_in_text(project: Project, hits: list[SearchHit]) -> list[str]:
    return [project.revisions.current_text(hit.page_id)[hit.start : hit.end] for hit in hits]


def assert_index_matches_current_texts(project: Project) -> None:
    """FTS5 compares its index with the current texts and raises if they differ. It reads them
    through the project's SQL function for stored texts, so the check runs on a connection that
    has it, as every connection of the workbench has."""
    with closing(sqlite3.connect(project.path, isolation_level=None)) as connection:
        add_sql_functions(connection)
        connection.execute("INSERT INTO page_search (page_search, rank) VALUES ('integrity-check', 1)")


def test_each_occurrence_is_a_hit_at_its_exact_place_in_the_current_text(
    recognised_project_path: Path,
) -> None:
    with Project.open(recognised_project_path) as project:
        expected = [
            (page.id, match.start(), match.end())
            for page in project.pages.all()
            for match in re.finditer(r"\bIron\s+Guard\b", project.revisions.current_text(page.id), re.IGNORECASE)
        ]
        hits = project.search("Iron Guard")
        assert len(expected) >= 2
        assert [(hit.page_id, hit.start, hit.end) for hit in hits] == expected
        for hit in hits:
            text = project.revisions.current_text(hit.page_id)
            assert hit.context in text.splitlines()
            assert text[hit.start : hit.end] in hit.context


def test_case_quotes_and_punctuation_in_the_query_do_not_matter(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        plain = project.search("Iron Guard")
        assert project.search("iron GUARD") == plain
        assert project.search('"Iron Guard"') == plain
        assert project.search("Iron, Guard!") == plain


@pytest.mark.parametrize(
    "query",
    ['"', '"Iron', "Iron\" OR \"Guard", "NEAR(Iron Guard)", "text: Iron", "Iron*", "-Guard", "(",
     "AND", "^Iron", "don't", "'", "", "   ", "Guard'); DROP TABLE pages; --", "\x00", "ĳ", "💥"],
)
def test_odd_and_hostile_queries_never_fail(recognised_project_path: Path, query: str) -> None:
    with Project.open(recognised_project_path) as project:
        hits = project.search(query)
        for hit, found in zip(hits, hits_in_text(project, hits)):
            assert found and found in hit.context
        assert len(project.pages.all()) == 4


def test_after_a_save_the_old_text_no_longer_matches_and_the_new_one_does(
    recognised_project_path: Path,
) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.find("EHRI-DR-19390125-US_02")
        ocr = project.revisions.current(page.id)
        assert ocr is not None and "peragrarhs" in ocr.text
        assert [hit.page_id for hit in project.search("peragrarhs")] == [page.id]
        corrected = ocr.text.replace("peragrarhs", "paragraphs")
        project.revisions.save(page.id, corrected, parent_id=ocr.id, author="ana")
        assert project.search("peragrarhs") == []
        [hit] = project.search("paragraphs")
        assert (hit.page_id, hit.start) == (page.id, corrected.index("paragraphs"))
        project.revisions.revert(page.id, ocr.id, author="ana")
        assert project.search("paragraphs") == []
        assert [hit.page_id for hit in project.search("peragrarhs")] == [page.id]
        assert_index_matches_current_texts(project)


def test_a_phrase_is_found_across_line_breaks_accents_and_apostrophes(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        page = project.pages.all()[-1]
        text = "Report from Iaşi.\nThe Iron\nGuard don’t meet.\n\nA new paragraph."
        project.revisions.save(page.id, text, parent_id=page.current_revision_id, author="ana")
        assert hits_in_text(project, project.search("Iasi")) == ["Iaşi"]
        assert hits_in_text(project, project.search("don't")) == ["don’t"]
        [hit] = [hit for hit in project.search("Iron Guard") if hit.page_id == page.id]
        assert text[hit.start : hit.end] == "Iron\nGuard"
        assert hit.context == "The Iron\nGuard don’t meet."


def test_hits_come_in_reading_order_up_to_the_limit(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        every = project.search("the", limit=10_000)
        assert {hit.page_id for hit in every} == {page.id for page in project.pages.all()}
        order = {page.id: n for n, page in enumerate(project.pages.all())}
        assert every == sorted(every, key=lambda hit: (order[hit.page_id], hit.start))
        assert project.search("the", limit=7) == every[:7]
        assert project.search("the", limit=0) == []


def test_a_version_1_project_is_backed_up_then_gets_a_full_search_index(
    recognised_project_path: Path, tmp_path: Path
) -> None:
    old = tmp_path / "version1.wbproj"
    with closing(sqlite3.connect(old, isolation_level=None)) as connection:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for statement in MIGRATIONS[0]:
            connection.execute(statement)
        connection.execute("PRAGMA user_version = 1")
        connection.execute("ATTACH DATABASE ? AS recognised", [str(recognised_project_path)])
        add_sql_functions(connection)  # version 1 stored texts as they are: unpack today's
        copy_rows_with_plain_texts(connection, "recognised")
        connection.execute("DETACH DATABASE recognised")
    with Project.open(recognised_project_path) as current:
        expected = current.search("the", limit=10_000)
    with Project.open(old) as migrated:
        assert migrated.search("the", limit=10_000) == expected
        assert migrated.suggestions.lexicon() == set()
        assert sql(migrated.path, "PRAGMA user_version") == [(LATEST_VERSION,)]
        assert_index_matches_current_texts(migrated)
    with closing(sqlite3.connect(tmp_path / "version1.wbproj.v1.bak")) as backup:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
        tables = {row[0] for row in backup.execute("SELECT name FROM sqlite_master")}
        assert "page_search" not in tables and "revisions" in tables
