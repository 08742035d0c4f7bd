"""The whole path an archivist takes, from a folder of scans to exported text, through the CLI."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from PIL import Image

from workbench.cli import main
from workbench.errors import WorkbenchError
from workbench.project import PageStatus, Project
from workbench.text.rates import error_rates

pytestmark = pytest.mark.slow


def _mixed_folder(folder: Path, sample_scans: list[Path]) -> None:
    """A PNG, a two-page TIFF and a PDF, as archives receive them."""
    nested = folder / "box 1"
    nested.mkdir(parents=True)
    with Image.open(sample_scans[0]) as image:
        image.save(folder / "page 1.png")
    frames = [Image.open(scan) for scan in sample_scans[1:3]]
    frames[0].save(nested / "page 2-3.tif", save_all=True, append_images=frames[1:], dpi=(300, 300))
    for frame in frames:
        frame.close()
    with Image.open(sample_scans[3]) as image:
        image.convert("RGB").save(folder / "page 10.pdf", resolution=300)


@pytest.mark.live_ocr
def test_new_add_ocr_edit_revert_export_round_trip(tmp_path: Path, sample_scans: list[Path],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    scans = tmp_path / "scans"
    _mixed_folder(scans, sample_scans)
    project_path = tmp_path / "collection.wbproj"

    assert main(["new", str(project_path)]) == 0
    assert main(["add", str(project_path), str(scans)]) == 0
    assert main(["ocr", str(project_path), "--jobs", "2"]) == 0

    with Project.open(project_path) as project:
        labels = [page.label for page in project.pages.all()]
        # natural order of the paths below the folder: "box 1/..." before "page 1", "page 1" before "page 10"
        assert labels == ["page 2-3-p1", "page 2-3-p2", "page 1", "page 10"]
        assert all(page.status is PageStatus.RECOGNISED for page in project.pages.all())
        page = project.pages.all()[2]
        ocr_revision = project.revisions.current(page.id)
        assert ocr_revision is not None and "Rumania" in ocr_revision.text

    corrected = tmp_path / "corrected.txt"
    corrected_text = ocr_revision.text.replace("Rumania", "RUMANIA", 1) + "\n[stamp: RECEIVED]"
    corrected.write_text(corrected_text, encoding="utf-8")
    assert main(["save", str(project_path), str(page.id), str(corrected), "--note", "first pass"]) == 0
    capsys.readouterr()

    assert main(["history", str(project_path), str(page.id)]) == 0
    history = capsys.readouterr().out.splitlines()
    assert len(history) == 2 and "first pass" in history[1] and history[1].startswith("*")

    with Project.open(project_path) as project:
        edit = project.revisions.current(page.id)
        assert edit is not None and edit.parent_id == ocr_revision.id and edit.text == corrected_text

    assert main(["diff", str(project_path), str(page.id), str(ocr_revision.id), str(edit.id)]) == 0
    shown = capsys.readouterr().out
    assert "[-Rumania-]{+RUMANIA+}" in shown and "[stamp: RECEIVED]+}" in shown

    assert main(["revert", str(project_path), page.label, str(ocr_revision.id)]) == 0
    assert main(["revert", str(project_path), page.label, str(edit.id)]) == 0
    with Project.open(project_path) as project:
        kinds = [revision.kind for revision in project.revisions.all(page.id)]
        assert kinds == ["ocr", "edit", "revert", "revert"]
        assert project.revisions.current_text(page.id) == corrected_text

    out = tmp_path / "export"
    assert main(["export", str(project_path), "--format", "txt", "--out", str(out)]) == 0
    with (out / "manifest.csv").open(encoding="utf-8") as manifest_file:
        manifest = list(csv.DictReader(manifest_file))
    first = next(row for row in manifest if row["page_id"] == str(page.id))
    exported = (out / first["file"]).read_text(encoding="utf-8")
    assert exported == corrected_text
    assert first["sha256"] == hashlib.sha256(exported.encode("utf-8")).hexdigest()
    assert len([row for row in manifest if row["page_id"]]) == 4


def test_sample_ocr_is_within_five_percent_cer_of_ground_truth(recognised_project_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        for page in project.pages.all():
            truth = (Path(__file__).parents[2] / "resources" / "samples" / f"{page.label}.gt.txt")
            rates = error_rates(truth.read_text(encoding="utf-8"), project.revisions.current_text(page.id))
            assert rates.cer < 0.05, (page.label, rates)


def test_export_selects_by_status_and_document(recognised_project_path: Path, tmp_path: Path) -> None:
    with Project.open(recognised_project_path) as project:
        first, second, *_ = project.pages.all()
        project.pages.set_status([first.id, second.id], PageStatus.CORRECTED, author="a")
        report = project.exports.text(tmp_path / "out", statuses=[PageStatus.CORRECTED])
        assert report.pages == 2
        assert report.files == 3  # two pages and their document
        with pytest.raises(WorkbenchError, match="Nothing to export"):
            project.exports.text(tmp_path / "none", document="Bucharest despatch",
                                statuses=[PageStatus.VERIFIED])
    assert not (tmp_path / "none").exists()
