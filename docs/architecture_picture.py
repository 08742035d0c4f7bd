"""The picture in docs/architecture.md, drawn from the code's imports so it cannot drift from it.

grimp (import-linter's graph) finds every import between the workbench's modules; each module is
collapsed to its package (the small top-level modules to "support"), and what is left is written
as Graphviz DOT to docs/architecture.dot, one rank per layer. When Graphviz's ``dot`` is on the
PATH (Debian: ``apt-get install graphviz``), docs/architecture.svg is rendered from it. The output
is sorted, so running it again on unchanged imports changes nothing; tests/unit/
test_architecture_picture.py fails when the committed DOT is stale.

    make docs        (or: python docs/architecture_picture.py)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import grimp

DOCS = Path(__file__).resolve().parent
DOT_FILE = DOCS / "architecture.dot"
SVG_FILE = DOCS / "architecture.svg"
REGENERATE = "make docs (or: python docs/architecture_picture.py)"

SUPPORT = "workbench.support"
LAYERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("the command", "#f4f4f4", ("workbench.launcher",)),
    ("front ends", "#dbe8f6", ("workbench.cli", "workbench.ui")),
    ("sample project", "#f4f4f4", ("workbench.sample",)),
    ("the facade", "#fbe7b5", ("workbench.project",)),
    ("domain", "#dcefd8", ("workbench.ocr", "workbench.store", "workbench.suggest")),
    ("domain, used by the rest of it", "#dcefd8", ("workbench.formats", "workbench.text")),
    ("records", "#f6d8cc", ("workbench.records",)),
    ("support", "#f4f4f4", (SUPPORT,)),
)
"""Each node of the picture by layer, top to bottom, with the layer's colour; a node's name is its
package."""

SUPPORT_MODULES = (
    "workbench", "workbench.errors", "workbench.limits", "workbench.logfile", "workbench.progress",
)
"""Small top-level modules any layer may use: errors, progress, size limits, the log file, and the
package itself (its version and name)."""

CONFINED = {"PySide6": "workbench.ui", "pytesseract": "workbench.ocr", "sqlite3": "workbench.store"}
"""Libraries the import contracts confine to one package: drawn beside it."""


def node_of(module: str) -> str:
    """The picture's node for a module of the workbench: its top-level package or module."""
    if module in SUPPORT_MODULES:
        return SUPPORT
    node = ".".join(module.split(".")[:2])
    if not any(node in nodes for _, _, nodes in LAYERS):
        raise SystemExit(f"{node} is in no layer of the picture: add it to LAYERS (or SUPPORT_MODULES) "
                         f"in {Path(__file__).name}")
    return node


def package_imports() -> set[tuple[str, str]]:
    """(importer, imported) node pairs, from every import between the workbench's modules and
    from the workbench to the confined libraries."""
    graph = grimp.build_graph("workbench", include_external_packages=True, cache_dir=None)
    edges: set[tuple[str, str]] = set()
    for module in graph.modules:
        if not _ours(module):
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            if imported in CONFINED:
                edges.add((node_of(module), imported))
            elif _ours(imported) and node_of(imported) != node_of(module):
                edges.add((node_of(module), node_of(imported)))
    return edges


def dot_text(edges: Iterable[tuple[str, str]]) -> str:
    """The DOT source: one rank per layer, confined libraries on their package's rank."""
    edges = sorted(edges)
    lines = [
        f"// Drawn by docs/architecture_picture.py from the code's imports; do not edit. Run: {REGENERATE}",
        "digraph workbench {",
        '  graph [rankdir=TB, ranksep=0.55, nodesep=0.35, fontname="DejaVu Sans", fontsize=11, labelloc=b,',
        '         label="An arrow A \u2192 B: some module of A imports some module of B.\\n'
        'Grey: into the support modules, which every layer may use. '
        'Dashed: the libraries the import contracts confine to one package."];',
        '  node [shape=box, style="rounded,filled", color="#555555", '
        'fontname="DejaVu Sans", fontsize=12];',
        '  edge [color="#555555", arrowsize=0.7];',
    ]
    for layer, _, nodes in LAYERS:
        confined = sorted(library for library, owner in CONFINED.items() if owner in nodes)
        lines.append(f"  // {layer}")
        lines.append("  { rank=same; " + " ".join(f'"{name}";' for name in (*nodes, *confined)) + " }")
    for _, colour, nodes in LAYERS:
        for node in nodes:
            lines.append(f'  "{node}" [label="{_label(node)}", fillcolor="{colour}"];')
    for library in sorted(CONFINED):
        lines.append(f'  "{library}" [shape=box, style=dashed, fontcolor="#555555"];')
    for importer, imported in edges:
        lines.append(f'  "{importer}" -> "{imported}"{_edge_style(imported)};')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _edge_style(imported: str) -> str:
    if imported in CONFINED:
        return " [style=dashed]"
    return ' [color="#aaaaaa"]' if imported == SUPPORT else ""


def _ours(module: str) -> bool:
    return module.split(".")[0] == "workbench"


def _label(node: str) -> str:
    if node == SUPPORT:
        modules = [module.split(".")[-1] for module in SUPPORT_MODULES if module != "workbench"]
        return "support\\n" + ", ".join(modules) + ", __init__"
    return node.removeprefix("workbench.")


def main() -> int:
    DOT_FILE.write_text(dot_text(package_imports()), encoding="utf-8")
    print(f"wrote {DOT_FILE}")
    dot = shutil.which("dot")
    if dot is None:
        print("Graphviz's dot is not installed (apt-get install graphviz): the SVG was not rendered.",
              file=sys.stderr)
        return 1
    subprocess.run([dot, "-Tsvg", str(DOT_FILE), "-o", str(SVG_FILE)], check=True)
    print(f"wrote {SVG_FILE}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(DOCS.parent))  # draw this checkout's code, whichever environment runs it
    sys.exit(main())
