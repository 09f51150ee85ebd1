"""The timeline widget: the canvas with its legend, zoom buttons and scrollbar."""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QScrollBar,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.gui.timeline.canvas import MarkerInfo, TimelineCanvas
from verzuimdesk.gui.timeline.layout import MAX_ZOOM, MIN_ZOOM, ZOOM_STEP
from verzuimdesk.gui.timeline.model import DEADLINE_STYLE, EVENT_STYLE, EventKind, TimelineData
from verzuimdesk.gui.timeline.painting import TEXT, paint_deadline_marker, paint_event_marker


class _Legend(QWidget):
    """A wrapping row of marker samples with their Dutch names."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[tuple[str, str, str]] = []  # (lane, state, label)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.0))
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Legenda")

    def set_entries(self, entries: list[tuple[str, str, str]]) -> None:
        self._entries = entries
        self.setAccessibleDescription(", ".join(label for _l, _s, label in entries))
        self.setToolTip("Legenda: " + ", ".join(label for _l, _s, label in entries))
        self.updateGeometry()
        self.update()

    def _layout(self, width: int) -> list[tuple[QRectF, tuple[str, str, str]]]:
        metrics = QFontMetrics(self.font())
        x, y, line_h = 0.0, 0.0, max(18, metrics.height() + 4)
        placed = []
        for entry in self._entries:
            w = 20 + metrics.horizontalAdvance(entry[2]) + 14
            if x > 0 and x + w > width:
                x, y = 0.0, y + line_h
            placed.append((QRectF(x, y, w, line_h), entry))
            x += w
        return placed

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        placed = self._layout(width)
        return int(placed[-1][0].bottom()) if placed else 0

    def sizeHint(self) -> QSize:
        placed = self._layout(10_000)
        width = int(placed[-1][0].right()) if placed else 0
        return QSize(width, self.heightForWidth(max(self.width(), 200)))

    def minimumSizeHint(self) -> QSize:
        # One line: the layout gives the wrapped height through heightForWidth. (The
        # height at a 200 px width made the whole timeline at least 300 px tall.)
        return QSize(80, max(18, QFontMetrics(self.font()).height() + 4))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for rect, (lane, state, label) in self._layout(self.width()):
            center = QPointF(rect.x() + 8, rect.center().y())
            if lane == "event":
                paint_event_marker(painter, EventKind(state), center, 6)
            else:
                paint_deadline_marker(painter, state, center, 6)
            painter.setPen(TEXT)
            painter.drawText(
                QRectF(rect.x() + 19, rect.y(), rect.width() - 19, rect.height()),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                label,
            )
        painter.end()


class TimelineWidget(QWidget):
    """The case timeline: bands, vacations, today line, event and deadline markers.

    :param data: what to show; see :class:`TimelineData`. May be set later with
        :meth:`set_data`.

    Signals:

    * ``itemActivated(str item_id)`` — the user clicked an event or deadline (or picked
      it with the arrow keys / Enter).
    * ``zoomChanged(float pixels_per_week)``.
    """

    itemActivated = Signal(str)
    zoomChanged = Signal(float)

    def __init__(self, data: TimelineData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Tijdlijn van de casus")
        self._canvas = TimelineCanvas(self)
        self._scrollbar = QScrollBar(Qt.Orientation.Horizontal, self)
        self._scrollbar.setAccessibleName("Tijdlijn schuiven")
        self._legend = _Legend(self)

        self._zoom_out = self._tool_button("−", "Uitzoomen (−, Ctrl+scrollwiel)", "Uitzoomen")
        self._zoom_in = self._tool_button("+", "Inzoomen (+, Ctrl+scrollwiel)", "Inzoomen")
        self._today = self._tool_button("Vandaag", "Naar vandaag scrollen (Ctrl+T)", "Vandaag")
        self._fit = self._tool_button("Alles", "Hele tijdlijn tonen", "Hele tijdlijn tonen")
        self._zoom_out.clicked.connect(self.zoom_out)
        self._zoom_in.clicked.connect(self.zoom_in)
        self._today.clicked.connect(self.scroll_to_today)
        self._fit.clicked.connect(self.zoom_to_fit)
        today_shortcut = QShortcut(QKeySequence("Ctrl+T"), self)
        today_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        today_shortcut.activated.connect(self.scroll_to_today)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(4)
        top.addWidget(self._legend, 1)
        top.addSpacing(8)
        for button in (self._today, self._fit, self._zoom_out, self._zoom_in):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self._canvas, 1)
        layout.addWidget(self._scrollbar)

        self._canvas.itemActivated.connect(self.itemActivated)
        self._canvas.zoomChanged.connect(self.zoomChanged)
        self._canvas.contentChanged.connect(self._sync_scrollbar)
        self._scrollbar.valueChanged.connect(lambda v: self._canvas.set_scroll(float(v)))
        self.setTabOrder(self._canvas, self._today)
        self.setTabOrder(self._today, self._fit)
        self.setTabOrder(self._fit, self._zoom_out)
        self.setTabOrder(self._zoom_out, self._zoom_in)
        self.setFocusProxy(self._canvas)
        self.set_data(data)

    def _tool_button(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        button.setAutoRaise(False)
        button.setMinimumWidth(28)
        return button

    # ----------------------------------------------------------------------- public

    @property
    def canvas(self) -> TimelineCanvas:
        """The painted area (for event filters, tests and screenshots)."""
        return self._canvas

    def set_data(self, data: TimelineData | None) -> None:
        """Show new data; keeps the zoom, scrolls so that today is in view."""
        self._canvas.set_data(data)
        entries: list[tuple[str, str, str]] = []
        if data:
            kinds = {EventKind.coerce(str(e.kind)) for e in data.events}
            entries = [("event", k.value, EVENT_STYLE[k][2]) for k in EventKind if k in kinds]
            if data.deadlines:
                entries += [("deadline", s, label) for s, (_f, label) in DEADLINE_STYLE.items()]
        self._legend.set_entries(entries)
        self._sync_scrollbar()

    def data(self) -> TimelineData | None:
        """The data shown."""
        return self._canvas.data()

    def zoom(self) -> float:
        """The zoom as the width of one week in pixels."""
        return self._canvas.zoom()

    def set_zoom(self, pixels_per_week: float) -> None:
        """Set the width of one week in pixels (clamped to 14–260), keeping the centre."""
        self._canvas.set_zoom(pixels_per_week)

    def zoom_in(self) -> None:
        """Zoom in one step (×1.25)."""
        self._canvas.set_zoom(self._canvas.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        """Zoom out one step (÷1.25)."""
        self._canvas.set_zoom(self._canvas.zoom() / ZOOM_STEP)

    def zoom_to_fit(self) -> None:
        """Zoom so that the whole case fits the visible width."""
        weeks = max(1, self._canvas.column_count())
        self._canvas.set_zoom((self._canvas.view_width() - 12) / weeks)
        self._canvas.set_scroll(0)

    def scroll_to_today(self) -> None:
        """Scroll so that the today line is in view."""
        data = self._canvas.data()
        if data:
            self._canvas.scroll_to_date(data.today, 0.7)

    def scroll_to_date(self, day: dt.date) -> None:
        """Scroll so that ``day`` is in the middle of the view."""
        self._canvas.scroll_to_date(day)

    def scroll_offset(self) -> float:
        """The horizontal scroll offset in pixels."""
        return self._canvas.scroll_value()

    def select_item(self, item_id: str | None) -> bool:
        """Highlight an event or deadline (scrolling it into view) without emitting.

        :returns: False when there is no such item (the selection is cleared).
        """
        return self._canvas.select(item_id)

    def selected_item(self) -> str | None:
        """The id of the selected item, if any."""
        return self._canvas.selected()

    def markers(self) -> list[MarkerInfo]:
        """Every marker as drawn now (rects in :attr:`canvas` coordinates)."""
        return self._canvas.markers()

    def marker(self, item_id: str) -> MarkerInfo:
        """The marker of one item (KeyError when unknown)."""
        for info in self._canvas.markers():
            if info.item_id == item_id:
                return info
        raise KeyError(item_id)

    def item_at(self, pos: QPoint | QPointF) -> str | None:
        """The id of the item under ``pos`` (in :attr:`canvas` coordinates), if any."""
        return self._canvas.item_at(pos)

    def tooltip_at(self, pos: QPoint | QPointF) -> str:
        """The tooltip text at ``pos`` (in :attr:`canvas` coordinates)."""
        return self._canvas.tooltip_at(pos)

    # ---------------------------------------------------------------------- private

    def _sync_scrollbar(self) -> None:
        bar = self._scrollbar
        bar.blockSignals(True)
        maximum = math.ceil(self._canvas.max_scroll())
        bar.setRange(0, maximum)
        bar.setPageStep(max(1, int(self._canvas.view_width())))
        bar.setSingleStep(max(1, int(self._canvas.zoom())))
        bar.setValue(round(self._canvas.scroll_value()))
        bar.setVisible(maximum > 0)
        bar.blockSignals(False)
        self._zoom_in.setEnabled(self._canvas.zoom() < MAX_ZOOM)
        self._zoom_out.setEnabled(self._canvas.zoom() > MIN_ZOOM)

    def sizeHint(self) -> QSize:
        hint = self._canvas.sizeHint()
        return QSize(hint.width(), hint.height() + 60)
