"""The protocol every OCR engine follows; what engines give back is in ``workbench.records.ocr``."""

from __future__ import annotations

from typing import Protocol

from workbench.records import OcrResult, OcrSettings


class OcrEngine(Protocol):
    """Recognises page images; must be picklable, as batches send it to worker processes."""

    settings: OcrSettings

    def check(self) -> None:
        """Raise OcrEngineError, with a fix a person can apply, if the engine cannot run at all.

        Called before any page is sent, so a missing language fails once, not on every page.
        """

    def recognise(self, image: bytes) -> OcrResult:
        """Recognise one page given as an encoded PNG, JPEG or TIFF image."""
