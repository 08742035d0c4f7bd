"""How fast a batch export runs: a 1,000-page project exported to each format, pages per second.

The project comes from ``project_scale.generate`` (450 OCR words and five revisions per page), then
every page is pointed at one of the four real sample scans in turn (with its true size and dpi), so
that the image formats (pdf, pdf-pages, lines) read, encode and crop real 300-dpi scans; the word
boxes stay the generated ones, which is all the writers' speed depends on. The pages are split
into documents of 50 (a PDF and a DOCX per document) and marked verified, so training lines take
every page. Each format is exported alone into a fresh folder; the time includes gathering each
page (text, OCR words, layout), which ``page_export`` alone measures first.

    .venv/bin/python benchmarks/export_speed.py [--pages 1000] [--formats txt,alto,...] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.project_scale import generate  # noqa: E402
from workbench.formats.scans import read_scan_pages  # noqa: E402
from workbench.project import PageStatus, Project  # noqa: E402
from workbench.project.exporting import EXPORT_FORMATS  # noqa: E402
from workbench.store.database import open_database  # noqa: E402
from workbench.store.transactions import write_transaction  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
PAGES_PER_DOCUMENT = 50


def prepare(path: Path, page_count: int) -> None:
    """Generate the project, then give its pages real scans, documents of 50 and the verified status."""
    generate(path, page_count)
    scans = [read_scan_pages(scan)[0] for scan in sorted(SAMPLES.glob("*.jpg"))]
    with Project.open(path) as project, closing(open_database(path)) as db:
        with write_transaction(db) as connection:
            documents = [1] + [
                connection.execute(
                    "INSERT INTO documents (name, source, position, created) VALUES (?, ?, ?, ?)",
                    [f"Box {n}", f"/scans/box{n}", n, "2026-01-01T00:00:00+00:00"],
                ).lastrowid
                for n in range(2, (page_count - 1) // PAGES_PER_DOCUMENT + 2)
            ]
            for page in project.pages.all():
                scan = scans[(page.id - 1) % len(scans)]
                document, position = divmod(page.id - 1, PAGES_PER_DOCUMENT)
                connection.execute(
                    "UPDATE pages SET scan_path = ?, width = ?, height = ?, dpi = ?, document_id = ?, "
                    "position = ? WHERE id = ?",
                    [str(scan.path), scan.width, scan.height, scan.dpi, documents[document], position + 1, page.id],
                )
        project.pages.set_status([page.id for page in project.pages.all()], PageStatus.VERIFIED, author="bench")


def measure(path: Path, formats: list[str], folder: Path) -> None:
    with Project.open(path) as project:
        page_ids = [page.id for page in project.pages.all()]
        started = time.perf_counter()
        for page_id in page_ids:
            project.exports.page(page_id)
        gathering = time.perf_counter() - started
        print(f"pages: {len(page_ids)} in documents of {PAGES_PER_DOCUMENT}; each page one of the 4 "
              f"sample scans (1926x3219 or so, 300 dpi JPEG) with 450 generated word boxes")
        print(f"{'page_export only':<18} {len(page_ids) / gathering:8.1f} pages/s")
        for name in formats:
            out = folder / name
            started = time.perf_counter()
            report = project.exports.write(out, [name])
            seconds = time.perf_counter() - started
            size = sum(file.stat().st_size for file in out.rglob("*") if file.is_file())
            print(f"{name:<18} {report.pages / seconds:8.1f} pages/s  {seconds:7.1f} s  "
                  f"{report.files:6d} files  {size / 1e6:8.1f} MB")
            shutil.rmtree(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--formats", default=",".join(EXPORT_FORMATS))
    parser.add_argument("--keep", type=Path, help="build (or reuse) the project in this folder")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = arguments.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "export-speed.wbproj"
        if not path.exists():
            started = time.perf_counter()
            prepare(path, arguments.pages)
            print(f"generated in {time.perf_counter() - started:.1f} s")
        measure(path, arguments.formats.split(","), folder)


if __name__ == "__main__":
    main()
