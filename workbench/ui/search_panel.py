"""Searching the project: a query field and the hits, each a page label and its line with the hit.

The panel only asks for a search and shows what it is given; the window runs the search.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from workbench.project import SearchHit, find_phrase, phrase_words

HIT_STYLE = "font-weight: bold; background-color: #fff2a8; color: #000000;"
CONTEXT_SIDE = 40
"""Characters of context kept on either side of a hit, so that it stays in view in a narrow panel."""

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
"""The result line as rich text, which the list's delegate draws in place of the plain text."""


def hit_spans(hits: Sequence[SearchHit], query: str) -> list[tuple[int, int] | None]:
    """Where each hit lies in its own ``context``, found again as the search found it; None if not.

    A hit gives its offsets in the page text, not in its context line, so the k-th hit on a line
    is the k-th occurrence of the phrase in that line (cycling, for a line repeated on the page).
    """
    words = phrase_words(query)
    seen: Counter[tuple[int, str]] = Counter()
    spans: list[tuple[int, int] | None] = []
    for hit in hits:
        found = find_phrase(hit.context, words)
        key = (hit.page_id, hit.context)
        spans.append(found[seen[key] % len(found)] if found else None)
        seen[key] += 1
    return spans


def result_texts(label: str, context: str, span: tuple[int, int] | None) -> tuple[str, str]:
    """A result as plain text and as rich text with the hit emphasised, on one shortened line."""
    start, end = span or (0, 0)
    before, hit, after = context[:start], context[start:end], context[end:]
    if len(before) > CONTEXT_SIDE:
        before = "…" + before[-CONTEXT_SIDE:]
    if len(after) > CONTEXT_SIDE:
        after = after[:CONTEXT_SIDE] + "…"
    before, hit, after = (" ".join(part.splitlines()) for part in (before, hit, after))
    plain = f"{label}: {before}{hit}{after}"
    rich = (
        f"<b>{html.escape(label)}</b>: {html.escape(before)}"
        f'<span style="{HIT_STYLE}">{html.escape(hit)}</span>{html.escape(after)}'
    )
    return plain, rich


class _RichTextDelegate(QStyledItemDelegate):
    """Draws an item's HTML_ROLE text where the style would draw its plain text."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        document = self._document(options, index)
        options.text = ""
        style = options.widget.style() if options.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, options, painter, options.widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, options, options.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if options.state & QStyle.StateFlag.State_Selected \
            else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, options.palette.color(role))
        painter.save()
        painter.translate(text_rect.topLeft())
        painter.setClipRect(text_rect.translated(-text_rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        document = self._document(options, index)
        return QSize(int(document.idealWidth()), int(document.size().height()))

    @staticmethod
    def _document(options: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(options.font)
        document.setDocumentMargin(1)
        document.setHtml(str(index.data(HTML_ROLE) or ""))
        return document


class SearchPanel(QWidget):
    """A search field over a list of hits; the window runs searches and opens hits.

    Signals:
        search_requested(query): the user pressed Enter on a query.
        hit_activated(page_id, start, end): the user chose a hit, at ``start:end`` of the page's text.
    """

    search_requested = Signal(str)
    hit_activated = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._query = QLineEdit()
        self._query.setPlaceholderText("Search the project")
        self._query.setClearButtonEnabled(True)
        self._summary = QLabel()
        self._results = QListWidget()
        self._results.setItemDelegate(_RichTextDelegate(self._results))
        self._results.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._query)
        layout.addWidget(self._summary)
        layout.addWidget(self._results)
        self.setFocusProxy(self._query)
        self._query.returnPressed.connect(self._request_search)
        self._results.activated.connect(self._activate)

    @property
    def query_edit(self) -> QLineEdit:
        return self._query

    @property
    def results(self) -> QListWidget:
        return self._results

    @property
    def summary_label(self) -> QLabel:
        return self._summary

    def query(self) -> str:
        return self._query.text().strip()

    def show_results(self, hits: Sequence[SearchHit], labels: Mapping[int, str]) -> None:
        """Show the hits of the query in the field, labelling each by its page's label."""
        self._hits = list(hits)
        self._results.clear()
        for hit, span in zip(self._hits, hit_spans(self._hits, self.query())):
            plain, rich = result_texts(labels.get(hit.page_id, f"page {hit.page_id}"), hit.context, span)
            item = QListWidgetItem(plain)
            item.setData(HTML_ROLE, rich)
            self._results.addItem(item)
        pages = len({hit.page_id for hit in self._hits})
        self._summary.setText(
            f"{len(self._hits)} hit{'s' * (len(self._hits) != 1)} on {pages} page{'s' * (pages != 1)}"
            if self._hits else "No hits"
        )

    @Slot()
    def _request_search(self) -> None:
        if self.query():
            self.search_requested.emit(self.query())

    @Slot(QModelIndex)
    def _activate(self, index: QModelIndex) -> None:
        hit = self._hits[index.row()]
        self.hit_activated.emit(hit.page_id, hit.start, hit.end)
