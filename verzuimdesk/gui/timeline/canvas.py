"""The painted part of the timeline: owns a layout, turns input into layout changes.

What goes where is :class:`~verzuimdesk.gui.timeline.layout.TimelineLayout`'s job, the
drawing :class:`~verzuimdesk.gui.timeline.painting.TimelinePainter`'s; this widget
connects them to Qt's events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from verzuimdesk.gui.timeline.layout import (
    DEFAULT_ZOOM,
    GUTTER,
    ZOOM_STEP,
    Box,
    Item,
    TimelineLayout,
)
from verzuimdesk.gui.timeline.model import TimelineData
from verzuimdesk.gui.timeline.painting import TimelinePainter


@dataclass(frozen=True)
class MarkerInfo:
    """A drawn marker, as hit-testing and tests see it.

    :param item_id: the event or deadline id.
    :param kind: ``"event"`` or ``"deadline"``.
    :param state: the event kind value, or ``open``/``overdue``/``done`` for a deadline.
    :param colour: the marker's fill colour (hex).
    :param rect: the marker shape in canvas coordinates at the current zoom and scroll.
    :param tooltip: the tooltip text (rich text).
    """

    item_id: str
    kind: str
    state: str
    date: dt.date
    title: str
    colour: str
    rect: QRectF
    tooltip: str


def _qrect(box: Box) -> QRectF:
    return QRectF(box.x, box.y, box.width, box.height)


class TimelineCanvas(QWidget):
    """The painted part of the timeline (axis, bands, markers); scrolled by its owner."""

    itemActivated = Signal(str)
    contentChanged = Signal()
    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._selected: str | None = None
        self._hover: str | None = None
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName("Tijdlijn")
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.0))
        self._small = small
        self._small_bold = QFont(small)
        self._small_bold.setBold(True)
        metrics = QFontMetrics(small)
        self.timeline_layout = TimelineLayout(
            metrics.horizontalAdvance, size=lambda: (self.width(), self.height())
        )
        self._layout_height = -1

    # ------------------------------------------------------------------ data / layout

    def data(self) -> TimelineData | None:
        return self.timeline_layout.data

    def column_count(self) -> int:
        return len(self.timeline_layout.columns)

    def view_width(self) -> float:
        return self.timeline_layout.view_width()

    def set_data(self, data: TimelineData | None) -> None:
        lay = self.timeline_layout
        lay.set_data(data)
        if self._selected and not lay.has_item(self._selected):
            self._selected = None
        self._hover = None
        self._after_relayout()
        self._apply_initial_scroll()
        if data:
            self.setAccessibleDescription(
                f"{len(data.events)} gebeurtenissen, {len(data.deadlines)} termijnen, "
                f"{sum(1 for i in lay.items if i.state == 'overdue')} verlopen"
            )

    def _relayout(self) -> None:
        """Lay out again for the current size and zoom, and tell Qt and the owner."""
        self.timeline_layout.relayout()
        self._after_relayout()

    def content_width(self) -> float:
        return self.timeline_layout.content_width()

    def sizeHint(self) -> QSize:
        return QSize(720, self.timeline_layout.full_height)

    def minimumSizeHint(self) -> QSize:
        lay = self.timeline_layout
        return QSize(
            GUTTER + 120, lay.min_height if lay.min_height is not None else lay.full_height
        )

    # --------------------------------------------------------------------- public-ish

    def zoom(self) -> float:
        return self.timeline_layout.zoom

    def set_zoom(self, pixels_per_week: float, anchor_x: float | None = None) -> None:
        if self.timeline_layout.set_zoom(pixels_per_week, anchor_x):
            self._after_relayout()
            self.zoomChanged.emit(self.timeline_layout.zoom)

    def _after_relayout(self) -> None:
        """After the layout changed: the minimum height, a repaint, the owner's scrollbar."""
        self._layout_height = self.height()
        self.setMinimumHeight(self.timeline_layout.min_height or 0)
        self.updateGeometry()
        self.update()
        self.contentChanged.emit()

    def scroll_value(self) -> float:
        return self.timeline_layout.scroll

    def max_scroll(self) -> float:
        return self.timeline_layout.max_scroll()

    def set_scroll(self, value: float) -> None:
        if self.timeline_layout.set_scroll(value):
            self.update()
            self.contentChanged.emit()

    def scroll_to_date(self, day: dt.date, fraction: float = 0.5) -> None:
        if self.timeline_layout.scroll_to_date(day, fraction):
            self.update()
            self.contentChanged.emit()

    def _apply_initial_scroll(self) -> None:
        scroll = self.timeline_layout.scroll
        if self.timeline_layout.initial_view():
            self._after_relayout()
            self.zoomChanged.emit(self.timeline_layout.zoom)
        elif self.timeline_layout.scroll != scroll:
            self.update()
            self.contentChanged.emit()

    def markers(self) -> list[MarkerInfo]:
        return [self._info(item) for item in self.timeline_layout.lanes.items]

    def _info(self, item: Item) -> MarkerInfo:
        return MarkerInfo(
            item.item_id,
            item.lane,
            item.state,
            item.day,
            item.title,
            item.colour,
            _qrect(self.timeline_layout.item_box(item)),
            item.tooltip,
        )

    def item_at(self, pos: QPointF | QPoint) -> str | None:
        point = QPointF(pos)
        return self.timeline_layout.item_at(point.x(), point.y())

    def selected(self) -> str | None:
        return self._selected

    def select(self, item_id: str | None, *, ensure_visible: bool = True) -> bool:
        item = self.timeline_layout.item(item_id)
        self._selected = item.item_id if item else None
        if item and ensure_visible:
            x = self.timeline_layout.screen_x(item.x)
            if x < GUTTER + 20 or x > self.width() - 40:
                self.scroll_to_date(item.day, 0.4)
        self.update()
        return item is not None

    # ----------------------------------------------------------------------- events

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.height() != self._layout_height:
            self._relayout()  # more or less room for labels
        self._apply_initial_scroll()
        self.set_scroll(self.timeline_layout.scroll)
        self.contentChanged.emit()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_at(self, pos: QPointF | QPoint) -> str:
        """The tooltip at a point: an item's description, a vacation or a band name."""
        point = QPointF(pos)
        return self.timeline_layout.tooltip_at(point.x(), point.y())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self.item_at(event.position())
        if hover != self._hover:
            self._hover = hover
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if hover else Qt.CursorShape.ArrowCursor
            )
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover:
            self._hover = None
            self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            item_id = self.item_at(event.position())
            if item_id:
                self.select(item_id, ensure_visible=False)
                self.itemActivated.emit(item_id)
            else:
                self.select(None)
            event.accept()
            return
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if delta.y():
                factor = ZOOM_STEP if delta.y() > 0 else 1 / ZOOM_STEP
                self.set_zoom(self.timeline_layout.zoom * factor, event.position().x())
            event.accept()
            return
        horizontal = delta.x()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and not horizontal:
            horizontal = delta.y()
        if horizontal:
            self.set_scroll(
                self.timeline_layout.scroll - horizontal / 120 * self.timeline_layout.zoom
            )
            event.accept()
            return
        event.ignore()  # a plain vertical wheel scrolls the page around us

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.set_zoom(self.timeline_layout.zoom * ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.set_zoom(self.timeline_layout.zoom / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.set_zoom(DEFAULT_ZOOM)
        elif key == Qt.Key.Key_Home:
            self.set_scroll(0)
        elif key == Qt.Key.Key_End:
            self.set_scroll(self.max_scroll())
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._step_selection(-1 if key == Qt.Key.Key_Left else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._selected:
            self.itemActivated.emit(self._selected)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _step_selection(self, step: int) -> None:
        items = self.timeline_layout.reading_order()
        if not items:
            return
        ids = [i.item_id for i in items]
        if self._selected in ids:
            index = min(len(ids) - 1, max(0, ids.index(self._selected) + step))
        else:
            index = 0 if step > 0 else len(ids) - 1
        self.select(ids[index])
        self.itemActivated.emit(ids[index])

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # --------------------------------------------------------------------- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        TimelinePainter(
            self.timeline_layout, self._small, self._small_bold, self._hover, self._selected
        ).paint(painter, self.hasFocus())
        painter.end()
