"""The architecture picture in docs/ is drawn from the code's imports; it must not drift from them.

Rendering needs Graphviz; this test does not: it compares the DOT text only.
"""

from __future__ import annotations

from docs.architecture_picture import DOT_FILE, REGENERATE, dot_text, package_imports


def test_the_committed_picture_matches_the_imports() -> None:
    assert DOT_FILE.read_text(encoding="utf-8") == dot_text(package_imports()), (
        f"docs/{DOT_FILE.name} no longer matches the code's imports: run {REGENERATE}, "
        "and commit docs/architecture.dot and docs/architecture.svg"
    )
