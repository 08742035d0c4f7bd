"""The scan of the current text line, shown above the editor at reading size.

Reading the line's image right above its text lets the eye move a few centimetres instead of across
the window. The strip is painted from a scaled crop that is made once per line and kept while the
user types in it, so a keystroke costs a repaint, not a new pixmap.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPalette, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

LINE_MARGIN = 0.2
"""Scan kept around a line's box, as a fraction of the line's height: descenders and accents
often stick out of the box Tesseract reports."""
_PREFERRED_HEIGHT = 70
_MINIMUM_HEIGHT = 30
_CACHED_CROPS = 16  # enough for moving up and down a screenful of lines without rescaling
_FOCUS_PEN_WIDTH = 2


class LineStrip(QWidget):
    """Shows one region of a page image, a text line, scaled to the strip's height.

    The crop fills the strip's height and starts at its left edge; a line wider than the strip
    scrolls sideways just enough to show the focus (the current word), which is underlined.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self._region: QRect | None = None
        self._focus: QRect | None = None
        self._crop: QPixmap | None = None
        self._crops: dict[tuple[int, int, int, int, int], QPixmap] = {}
        self._offset = 0  # strip pixels scrolled off to the left
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)

    @property
    def region(self) -> QRect | None:
        """The part of the image shown, in image pixels: the line's box with its margin."""
        return self._region

    def set_image(self, image: QImage) -> None:
        """Show regions of ``image``, the page's scan, from now on; nothing until the next region."""
        self._image = image
        self._crops.clear()
        self.show_region(None)

    def show_region(self, rect: QRect | None, focus: QRect | None = None) -> None:
        """Show the line whose box in the image is ``rect``, scrolled so that ``focus`` is visible.

        Args:
            rect: the line's box in image pixels; None shows nothing.
            focus: the current word's box in image pixels, or None.
        """
        region = None if rect is None else self._with_margin(rect)
        if region != self._region:
            self._region = region
            self._offset = 0
        self._focus = focus
        self._refresh()

    def map_from_image(self, rect: QRect) -> QRectF:
        """Where ``rect`` of the image is drawn in the strip's coordinates; empty if nothing is shown."""
        if self._region is None or self._crop is None:
            return QRectF()
        scale = self._crop.deviceIndependentSize().height() / self._region.height()
        return QRectF(
            (rect.x() - self._region.x()) * scale - self._offset,
            (rect.y() - self._region.y()) * scale,
            rect.width() * scale,
            rect.height() * scale,
        )

    def sizeHint(self) -> QSize:
        return QSize(400, _PREFERRED_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, _MINIMUM_HEIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._crop is None:
            return
        painter = QPainter(self)
        painter.drawPixmap(QPointF(-self._offset, 0), self._crop)
        if self._focus is not None:
            focus = self.map_from_image(self._focus)
            painter.setPen(QPen(self.palette().highlight().color(), _FOCUS_PEN_WIDTH))
            painter.drawLine(focus.bottomLeft(), focus.bottomRight())
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refresh()

    def _with_margin(self, rect: QRect) -> QRect | None:
        margin = round(rect.height() * LINE_MARGIN)
        region = rect.adjusted(-margin, -margin, margin, margin).intersected(self._image.rect())
        return None if region.isEmpty() else region

    def _refresh(self) -> None:
        """Pick the crop for the region at the present height and scroll to the focus."""
        self._crop = None if self._region is None else self._scaled_crop(self._region)
        self._scroll_to_focus()
        self.update()

    def _scaled_crop(self, region: QRect) -> QPixmap:
        ratio = self.devicePixelRatioF()
        height = max(1, round(self.height() * ratio))
        key = (region.x(), region.y(), region.width(), region.height(), height)
        crop = self._crops.get(key)
        if crop is None:
            scaled = self._image.copy(region).scaledToHeight(
                height, Qt.TransformationMode.SmoothTransformation
            )
            crop = QPixmap.fromImage(scaled)
            crop.setDevicePixelRatio(ratio)
            if len(self._crops) >= _CACHED_CROPS:
                del self._crops[next(iter(self._crops))]
            self._crops[key] = crop
        return crop

    def _scroll_to_focus(self) -> None:
        """Scroll the least that shows the focus with some context, within the crop's width."""
        if self._crop is None:
            self._offset = 0
            return
        widest = max(0, round(self._crop.deviceIndependentSize().width()) - self.width())
        if self._focus is not None:
            focus = self.map_from_image(self._focus)
            context = self.width() // 5
            if focus.right() + context > self.width():
                self._offset += round(focus.right() + context - self.width())
            elif focus.left() - context < 0:
                self._offset += round(focus.left() - context)
        self._offset = min(max(self._offset, 0), widest)
