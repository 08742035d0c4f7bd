"""The scan of one page with its OCR word boxes: zoom, pan, the current word and suggestion marks.

Scene coordinates are the scan's stored pixels, the coordinates of OcrWord boxes, so nothing converts
between the two. All word boxes are painted by one item, and all marks by another: a page has hundreds
of words, and hundreds of graphics items would make every page change slow. Which word a click hits is
decided by ``word_at``, a plain function of the boxes, not by Qt's item hit-testing.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Literal, TypeVar

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from workbench.project import OcrWord

MIN_ZOOM = 0.05
MAX_ZOOM = 8.0
ZOOM_STEP = 1.25
DOUBTFUL_BELOW = 75.0
"""Word confidence under which a box is drawn as doubtful."""
BAD_BELOW = 50.0
"""Word confidence under which a box is drawn as bad."""

_WHEEL_NOTCH = 120  # angleDelta units of one mouse-wheel notch
_VISIBLE_MARGIN = 60  # view pixels kept around the current word when scrolling to it
_FitMode = Literal["width", "page"]
_Item = TypeVar("_Item", bound=QGraphicsItem)


class _Layer(enum.IntEnum):
    """Stacking order of the scene's items, bottom first."""

    SCAN = 0
    BOXES = 1
    MARKS = 2
    CURRENT_WORD = 3


class Confidence(enum.IntEnum):
    """How far a word's OCR confidence can be trusted; decides the colour of its box."""

    BAD = 0
    DOUBTFUL = 1
    CONFIDENT = 2


def confidence_of(word: OcrWord) -> Confidence:
    """The confidence class of ``word``, from Tesseract's 0..100 word confidence."""
    if word.confidence < BAD_BELOW:
        return Confidence.BAD
    if word.confidence < DOUBTFUL_BELOW:
        return Confidence.DOUBTFUL
    return Confidence.CONFIDENT


def word_at(words: Sequence[OcrWord], x: float, y: float) -> int | None:
    """The index of the word whose box contains image point (x, y), or None.

    Where boxes overlap, the smallest wins: it is the one the user can hardly hit otherwise.
    """
    hits = [
        (word.width * word.height, index)
        for index, word in enumerate(words)
        if word.left <= x < word.left + word.width and word.top <= y < word.top + word.height
    ]
    return min(hits)[1] if hits else None


def word_rect(word: OcrWord) -> QRectF:
    """The box of ``word`` in image (scene) coordinates."""
    return QRectF(word.left, word.top, word.width, word.height)


def _cosmetic_pen(colour: QColor, width: float) -> QPen:
    """A pen ``width`` screen pixels wide at every zoom."""
    pen = QPen(colour, width)
    pen.setCosmetic(True)
    return pen


# Faint enough to read the scan through; only doubtful and bad words draw the eye.
_BOX_PENS: dict[Confidence, QPen] = {
    Confidence.CONFIDENT: _cosmetic_pen(QColor(60, 140, 90, 70), 1),
    Confidence.DOUBTFUL: _cosmetic_pen(QColor(235, 150, 0, 170), 1),
    Confidence.BAD: _cosmetic_pen(QColor(220, 30, 30, 170), 1),
}
_CURRENT_WORD_PEN = _cosmetic_pen(QColor(20, 90, 255), 2.5)
MARK_COLOURS: Mapping[str, QColor] = {
    "low confidence": QColor(245, 170, 0),
    "unknown word": QColor(225, 40, 60),
    "ocr confusion": QColor(150, 60, 210),
    "learned": QColor(0, 140, 200),
    "asked": QColor(120, 120, 120),
}
"""The colour of each suggestion kind's marks; a kind missing here is drawn in UNKNOWN_MARK_COLOUR."""
UNKNOWN_MARK_COLOUR = QColor(110, 110, 110)
_MARK_FILL_ALPHA = 45
_MARK_UNDERLINE_WIDTH = 3.0


class _BoxLayer(QGraphicsItem):
    """An item that paints many boxes at once and ignores the mouse, leaving clicks to the view."""

    def __init__(self, bounds: QRectF) -> None:
        super().__init__()
        self._bounds = bounds
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return self._bounds


class WordBoxesItem(_BoxLayer):
    """Every word box of a page, outlined thinly in the colour of its Confidence."""

    def __init__(self, words: Sequence[OcrWord], bounds: QRectF) -> None:
        super().__init__(bounds)
        self._boxes: dict[Confidence, list[QRectF]] = {confidence: [] for confidence in Confidence}
        for word in words:
            self._boxes[confidence_of(word)].append(word_rect(word))

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for confidence, boxes in self._boxes.items():
            painter.setPen(_BOX_PENS[confidence])
            painter.drawRects(boxes)


class WordMarksItem(_BoxLayer):
    """Words with a suggestion, filled faintly and underlined in the colour of the suggestion's kind."""

    def __init__(self, regions: Mapping[str, Sequence[QRectF]], bounds: QRectF) -> None:
        super().__init__(bounds)
        self._regions = {kind: tuple(boxes) for kind, boxes in regions.items()}

    @property
    def regions(self) -> Mapping[str, tuple[QRectF, ...]]:
        """The marked boxes of each suggestion kind, in image coordinates."""
        return self._regions

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        for kind, boxes in self._regions.items():
            colour = QColor(MARK_COLOURS.get(kind, UNKNOWN_MARK_COLOUR))
            painter.setPen(_cosmetic_pen(colour, _MARK_UNDERLINE_WIDTH))
            painter.drawLines([QLineF(box.bottomLeft(), box.bottomRight()) for box in boxes])
            colour.setAlpha(_MARK_FILL_ALPHA)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(colour))
            painter.drawRects(boxes)


class PageView(QGraphicsView):
    """Shows one scan with its word boxes; the user zooms, pans and clicks words.

    Zoom follows the user's last choice: a fit mode (width, the default, or page) is kept when the
    view is resized or shows another page; after zooming in or out the factor is kept instead.
    Ctrl+wheel zooms about the cursor and the plain wheel scrolls; dragging with the left button
    or with the middle button pans.

    Signals:
        word_clicked(int): the user clicked the box of the word with this index, without dragging.
        zoom_changed(float): the zoom factor (view pixels per scan pixel) changed.
    """

    word_clicked = Signal(int)
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self._words: tuple[OcrWord, ...] = ()
        self._page = QRectF()
        self._marks: WordMarksItem  # both made by clear(), again whenever the scene is cleared
        self._current_word: QGraphicsRectItem
        self._fit: _FitMode | None = "width"
        self._press_position: QPoint | None = None
        self._pan_start: tuple[QPoint, int, int] | None = None  # cursor, scroll bar values
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        # Zooming anchors itself (see _zoom_to); Qt's anchors would move the page a second time.
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        # A vertical scroll bar that came and went with the zoom would change the viewport's width
        # under fit-width, and Qt would then centre the page on the width it had before.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setBackgroundBrush(self.palette().mid())
        self.clear()

    # Content

    def set_page(self, image: QImage, words: Sequence[OcrWord]) -> None:
        """Show ``image`` from its top with the boxes of ``words``, clearing marks and the current word.

        The zoom stays as the user chose it: fitted anew in a fit mode, else the same factor.
        """
        self.clear()
        self._words = tuple(words)
        self._page = QRectF(image.rect())
        pixmap = QGraphicsPixmapItem(QPixmap.fromImage(image))
        # Without it, a downscaled page loses the thin strokes of its typewriter letters.
        pixmap.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        pixmap.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._add(pixmap, _Layer.SCAN)
        self._add(WordBoxesItem(self._words, self._page), _Layer.BOXES)
        self._scene.setSceneRect(self._page)
        if self._fit is not None:
            self._apply_fit(self._fit)
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())

    def clear(self) -> None:
        """Show nothing."""
        self._scene.clear()
        self._words = ()
        self._page = QRectF()
        self._scene.setSceneRect(self._page)
        self._marks = self._add(WordMarksItem({}, QRectF()), _Layer.MARKS)
        self._current_word = self._add(QGraphicsRectItem(), _Layer.CURRENT_WORD)
        self._current_word.setPen(_CURRENT_WORD_PEN)
        self._current_word.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._current_word.hide()

    def show_current_word(self, index: int | None) -> None:
        """Outline the word at ``index`` and scroll it into view at the present zoom; None hides it.

        Raises:
            IndexError: The page has no word ``index``.
        """
        if index is None:
            self._current_word.hide()
            return
        rect = word_rect(self._words[index])
        self._current_word.setRect(rect)
        self._current_word.show()
        self.ensureVisible(rect, _VISIBLE_MARGIN, _VISIBLE_MARGIN)

    def set_marked_words(self, marks: Mapping[int, str]) -> None:
        """Mark words with a suggestion, replacing earlier marks.

        Args:
            marks: word index to suggestion kind, such as "unknown word" (see MARK_COLOURS).

        Raises:
            IndexError: The page has no word with one of the indexes.
        """
        regions: dict[str, list[QRectF]] = {}
        for index, kind in marks.items():
            regions.setdefault(kind, []).append(word_rect(self._words[index]))
        self._scene.removeItem(self._marks)
        self._marks = self._add(WordMarksItem(regions, self._page), _Layer.MARKS)

    def map_image_point_to_view(self, point: QPointF) -> QPoint:
        """Where a point of the scan is in viewport coordinates, as mouse events report them."""
        return self.mapFromScene(point)

    def _add(self, item: _Item, layer: _Layer) -> _Item:
        item.setZValue(layer)
        self._scene.addItem(item)
        return item

    # Zoom

    @property
    def zoom_factor(self) -> float:
        """View pixels per scan pixel."""
        return self.transform().m11()

    def zoom_in(self) -> None:
        """Enlarge by ZOOM_STEP about the centre of the view, up to MAX_ZOOM."""
        self._zoom_to(self.zoom_factor * ZOOM_STEP)

    def zoom_out(self) -> None:
        """Shrink by ZOOM_STEP about the centre of the view, down to MIN_ZOOM."""
        self._zoom_to(self.zoom_factor / ZOOM_STEP)

    def fit_width(self) -> None:
        """Zoom so the page's width fills the view, and keep it so when the view is resized."""
        self._apply_fit("width")

    def fit_page(self) -> None:
        """Zoom so the whole page fits in the view, and keep it so when the view is resized."""
        self._apply_fit("page")

    def _apply_fit(self, mode: _FitMode) -> None:
        self._fit = mode
        if self._page.isEmpty():
            return
        area = self.maximumViewportSize()  # less the horizontal scroll bar, which a fitted page never needs
        factor = area.width() / self._page.width()
        if mode == "page":
            factor = min(factor, area.height() / self._page.height())
        self._zoom_to(factor, keep_fit=True)

    def _zoom_to(self, factor: float, anchor: QPoint | None = None, *, keep_fit: bool = False) -> None:
        """Set the zoom factor, keeping the scan point under ``anchor`` (default: the centre) still."""
        if not keep_fit:
            self._fit = None
        factor = min(max(factor, MIN_ZOOM), MAX_ZOOM)
        if factor == self.zoom_factor:
            return
        anchor = self.viewport().rect().center() if anchor is None else anchor
        scene_point = self.mapToScene(anchor)
        self.setTransform(QTransform.fromScale(factor, factor))
        moved = self.mapFromScene(scene_point) - anchor
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())
        self.zoom_changed.emit(factor)

    # Qt events

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit is not None:
            self._apply_fit(self._fit)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(event)
            return
        notches = event.angleDelta().y() / _WHEEL_NOTCH
        if notches:
            self._zoom_to(self.zoom_factor * ZOOM_STEP**notches, event.position().toPoint())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            # ScrollHandDrag pans with the left button only.
            self._pan_start = (
                event.position().toPoint(),
                self.horizontalScrollBar().value(),
                self.verticalScrollBar().value(),
            )
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_position = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_start is None:
            super().mouseMoveEvent(event)
            return
        start, horizontal, vertical = self._pan_start
        moved = event.position().toPoint() - start
        self.horizontalScrollBar().setValue(horizontal - moved.x())
        self.verticalScrollBar().setValue(vertical - moved.y())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and self._pan_start is not None:
            self._pan_start = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self._press_position is None:
            return
        event.accept()  # the press was a click or ended a pan: either way this view used it
        position = event.position().toPoint()
        dragged = (position - self._press_position).manhattanLength() >= QApplication.startDragDistance()
        self._press_position = None
        if not dragged:
            point = self.mapToScene(position)
            index = word_at(self._words, point.x(), point.y())
            if index is not None:
                self.word_clicked.emit(index)
