"""PAGE as OCR-D's workspace layout takes it (issue 16, defect 9): a pcGtsId for the METS to refer to,
and an imageFilename relative to the workspace, where the image sits in its file group's folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import EVAL, REPO
from workbench.project import Project

STEM = "EHRI-BF-19380509b_EN_04"
PAGE = "{http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15}"

pytestmark = pytest.mark.skipif(not (EVAL / "ehri" / f"{STEM}.tess.hocr").is_file(),
                                reason="evaluation data not present")


def test_page_export_finds_its_image_in_an_ocrd_workspace(tmp_path: Path) -> None:
    scan = tmp_path / f"{STEM}.jpg"
    shutil.copy(EVAL / "ehri" / f"{STEM}.jpg", scan)
    with Project.create(tmp_path / "p.wbproj") as project:
        project.pages.add_scans([scan], ocr=EVAL / "ehri" / f"{STEM}.tess.hocr")
        project.exports.write(tmp_path / "out", ["page"])
    (exported,) = (tmp_path / "out").rglob("*.page.xml")
    # The workspace as `ocrd workspace add` lays it out: each file group a folder under the METS.
    workspace = tmp_path / "workspace"
    (workspace / "OCR-D-IMG").mkdir(parents=True)
    (workspace / "OCR-D-GT-PAGE").mkdir()
    shutil.copy(scan, workspace / "OCR-D-IMG" / scan.name)
    shutil.copy(exported, workspace / "OCR-D-GT-PAGE" / exported.name)
    root = etree.parse(workspace / "OCR-D-GT-PAGE" / exported.name).getroot()
    etree.XMLSchema(etree.parse(str(REPO.parent / "shared" / "schemas" / "page-2019-07-15.xsd"))).assertValid(root)
    assert root.get("pcGtsId") == f"PAGE_0001_{STEM}"
    image = root.find(f"{PAGE}Page").get("imageFilename")
    assert image == f"OCR-D-IMG/{STEM}.jpg" and (workspace / image).is_file()
