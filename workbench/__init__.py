"""Workbench: correct OCR of archival scans, page by page, without losing a keystroke."""

__version__ = "0.1.0"
APP_NAME = "Workbench"
