"""The other readings Tesseract weighed for each word, from its hOCR with ``lstm_choice_mode=2``.

Tesseract's recogniser scores several characters at every position and keeps the likeliest. Where a
runner-up had some weight (``nast``: ``n`` 84, ``p`` 60), the printed word is often that other
reading (``past``); where Tesseract saw no rival, a word it read wrong is usually beyond it anyway.
So each word keeps the spellings one runner-up character away, likeliest first: the suggestions use
them as candidates straight from the image, and as a sign that a real word may be a misreading.
"""

from __future__ import annotations

import re

from lxml import etree

MAX_ALTERNATIVES = 3
MIN_RIVAL_CONFIDENCE = 10.0
"""A runner-up character with less than this (of 100) is noise: on the EHRI pages such readings
were a word four times in five for words read right."""
_BBOX = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
_CONF = re.compile(r"x_confs? ([\d.]+)")

Box = tuple[int, int, int, int]
"""``(left, top, width, height)``, as OcrWord has them."""


def alternatives_by_box(hocr: bytes) -> dict[Box, tuple[str, ...]]:
    """Each word's box → its other readings, for words that have any. Output that cannot be read
    gives none: the words themselves come from the TSV and are what matters."""
    try:
        root = etree.fromstring(hocr, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return {}
    found: dict[Box, tuple[str, ...]] = {}
    for word in root.iter("{*}span"):
        if word.get("class") != "ocrx_word":
            continue
        box = _BBOX.search(word.get("title", ""))
        if box is None:
            continue
        left, top, right, bottom = (int(value) for value in box.groups())
        readings = _readings(word)
        if readings:
            found[(left, top, right - left, bottom - top)] = readings
    return found


def _readings(word: etree._Element) -> tuple[str, ...]:
    """The word with one character swapped for a runner-up of some weight, likeliest first."""
    characters: list[str] = []
    rivals: list[list[tuple[float, str]]] = []
    for span in word:
        title, ident = span.get("title", ""), span.get("id", "")
        if ident.startswith("lstm_choices"):
            if rivals:
                rivals[-1] = [(_confidence(choice), choice.text or "") for choice in span]
        elif "x_conf " in title:
            characters.append(span.text or "")
            rivals.append([])
    scored: dict[str, float] = {}
    for position, (printed, choices) in enumerate(zip(characters, rivals)):
        for confidence, choice in choices:
            if confidence >= MIN_RIVAL_CONFIDENCE and choice and choice != printed:
                reading = "".join(characters[:position]) + choice + "".join(characters[position + 1 :])
                scored[reading] = max(confidence, scored.get(reading, 0.0))
    ranked = sorted(scored, key=lambda reading: -scored[reading])
    return tuple(ranked[:MAX_ALTERNATIVES])


def _confidence(span: etree._Element) -> float:
    match = _CONF.search(span.get("title", ""))
    return float(match.group(1)) if match else 0.0
