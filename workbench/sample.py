"""The bundled sample project: four pages of a 1939 Bucharest despatch, with ground truth.

It lets a new user (and ``make run``) see real OCR errors and real CER at once. The scans are
from the EHRI dataset (CC-BY 4.0); resources/samples/README.md carries the attribution.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.progress import NoProgress, Progress
from workbench.project import Project
from workbench.text.rates import error_rates

SAMPLE_DOCUMENT = "Bucharest despatch, 25 January 1939"
SAMPLE_REFERENCE = "EHRI-DR-19390125-US"
ATTRIBUTION = (
    "Sample scans: EHRI – European Holocaust Research Infrastructure, EHRI Multilingual "
    "(typewritten) Dataset, CC-BY 4.0; transcribed by F. Chiffoleau, S. Beniere, M. Frankl, "
    "W. Schellenbacher and others; originals held by NARA II (USA)."
)


def samples_folder() -> Path:
    """``resources/samples`` beside the package (a source checkout or an editable install)."""
    return Path(__file__).resolve().parent.parent / "resources" / "samples"


def sample_scans() -> list[Path]:
    return sorted(samples_folder().glob("*.jpg"))


def ground_truth(label: str) -> str | None:
    path = samples_folder() / f"{label}.gt.txt"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def ensure_sample_project(path: Path, *, progress: Progress = NoProgress()) -> Path:
    """Create and recognise the sample project at ``path`` unless it is already there."""
    create_sample_project(path)
    with Project.open(path) as project:
        project.recognition.recognise(progress=progress)  # finishes a sample whose OCR was interrupted
    return path


def create_sample_project(path: Path) -> Path:
    """Create the sample project with its scans (not yet recognised) unless it exists."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with Project.create(path, name="Sample: Bucharest despatch 1939") as project:
            report = project.pages.add_scans(
                sample_scans(), document=SAMPLE_DOCUMENT, reference=SAMPLE_REFERENCE,
                title="U.S. Legation, Bucharest: despatch of 25 January 1939",
            )
            if report.failures:
                reasons = "; ".join(f"{f.path.name}: {f.reason}" for f in report.failures)
                raise WorkbenchError(f"The bundled sample scans are damaged ({reasons}); reinstall.")
    return path


def ground_truth_column(project: Project) -> Callable[[int], str]:
    """A status column with the CER of each page's current text against its ground truth."""

    def column(page_id: int) -> str:
        truth = ground_truth(project.pages.get(page_id).label)
        if truth is None:
            return ""
        rates = error_rates(truth, project.revisions.current_text(page_id))
        return f"  CER vs ground truth {rates.cer:.2%}"

    return column
