"""Projects of the evaluation pages, OCR'd once with the project's own pipeline and cached under /tmp.

The cache key is a hash of the scans (names and sizes), the Tesseract version, the project format
and the OCR code, so a rerun reuses the recognised project and a changed engine, format, OCR code
or page set builds a new one.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.project import PROJECT_FORMAT_VERSION, Project  # noqa: E402

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
CACHE = Path("/tmp/workbench-suggest-eval")
OCR_SOURCES = Path(__file__).resolve().parents[1] / "workbench" / "ocr"


def document_of(page_label: str) -> str:
    """EHRI-DR-19390125-US_03 belongs to EHRI-DR-19390125-US; a001 (old_books) to book a."""
    match = re.match(r"(.+)_\d+$", page_label)
    return match.group(1) if match else page_label[0]


def recognised_project(scans: list[Path], name: str) -> Path:
    """A recognised project of ``scans`` (one document per source document), built once per key."""
    version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    pipeline = "".join(source.read_text() for source in sorted(OCR_SOURCES.glob("*.py")))
    key = hashlib.sha256(
        "\n".join([version, f"format {PROJECT_FORMAT_VERSION}", pipeline]
                  + [f"{scan.name} {scan.stat().st_size}" for scan in scans]).encode()
    ).hexdigest()[:16]
    folder = CACHE / f"{name}-{key}"
    path = folder / f"{name}.wbproj"
    if path.exists():
        return path
    building = CACHE / f"{name}-{key}.building"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    with Project.create(building / path.name) as project:
        by_document: dict[str, list[Path]] = {}
        for scan in scans:
            by_document.setdefault(document_of(scan.stem), []).append(scan)
        for document, paths in by_document.items():
            project.pages.add_scans(paths, document=document)
        summary = project.recognition.recognise(jobs=2)
        print(f"recognised {summary.recognised} pages of {name}", file=sys.stderr)
    shutil.rmtree(folder, ignore_errors=True)
    building.rename(folder)
    return path


def ehri_project(limit: int | None = None) -> Path:
    scans = sorted((EVAL / "ehri").glob("*.jpg"))
    return recognised_project(scans[:limit] if limit else scans, "ehri" if not limit else f"ehri{limit}")


def old_books_project(limit: int | None = None) -> Path:
    scans = sorted((EVAL / "old_books").glob("*.png"))
    return recognised_project(scans[:limit] if limit else scans, "old_books" if not limit else f"old{limit}")


if __name__ == "__main__":
    print(ehri_project())
    print(old_books_project())
