"""Painting the timeline: marker shapes, and the canvas's bands, axis, today line and items.

Positions come from :class:`~verzuimdesk.gui.timeline.layout.TimelineLayout`; this
module only draws.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from verzuimdesk.core.dutch_dates import MONTHS, MONTHS_LONG
from verzuimdesk.gui.timeline.layout import (
    BAND_H,
    DATE_H,
    GUTTER,
    LABEL_GAP,
    MONTH_H,
    WEEK_H,
    R,
    TimelineLayout,
    first_fitting,
)
from verzuimdesk.gui.timeline.model import DEADLINE_STYLE, EVENT_STYLE, EventKind

_DEADLINE_BORDER = "#1e3a8a"
TEXT = QColor("#1f2937")
_MUTED = QColor("#64748b")
_GRID = QColor("#e5e7eb")
_AXIS = QColor("#94a3b8")
_TODAY = QColor("#e11d48")
_OVERDUE = QColor("#dc2626")
_VACATION_FILL = QColor("#eef0f4")
_VACATION_HATCH = QColor("#c7ced9")
_GUTTER_BG = QColor("#f8fafc")
_SELECT = QColor("#0f172a")
_FOCUS = QColor("#2563eb")
# Tooltip text colours: light, for the dark tooltip of resources/style.qss (#1e293b).


def shape_path(shape: str, center: QPointF, r: float) -> QPainterPath:
    """The outline of a marker shape of radius ``r`` around ``center``."""
    x, y = center.x(), center.y()
    path = QPainterPath()
    if shape in ("circle", "ring"):
        path.addEllipse(center, r, r)
    elif shape == "square":
        path.addRoundedRect(QRectF(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7), 2, 2)
    elif shape == "badge":
        path.addRoundedRect(QRectF(x - r, y - r, 2 * r, 2 * r), 3.5, 3.5)
    elif shape == "triangle":
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(x, y - r),
                    QPointF(x + r, y + r * 0.8),
                    QPointF(x - r, y + r * 0.8),
                    QPointF(x, y - r),
                ]
            )
        )
    elif shape == "triangle_down":
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(x - r, y - r * 0.8),
                    QPointF(x + r, y - r * 0.8),
                    QPointF(x, y + r),
                    QPointF(x - r, y - r * 0.8),
                ]
            )
        )
    elif shape == "diamond":
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(x, y - r),
                    QPointF(x + r, y),
                    QPointF(x, y + r),
                    QPointF(x - r, y),
                    QPointF(x, y - r),
                ]
            )
        )
    elif shape == "star":
        points = []
        for i in range(10):
            radius = r * 1.1 if i % 2 == 0 else r * 0.48
            angle = -math.pi / 2 + i * math.pi / 5
            points.append(QPointF(x + radius * math.cos(angle), y + radius * math.sin(angle)))
        points.append(points[0])
        path.addPolygon(QPolygonF(points))
    elif shape == "hexagon":
        points = [
            QPointF(
                x + r * math.cos(math.pi / 6 + i * math.pi / 3),
                y + r * math.sin(math.pi / 6 + i * math.pi / 3),
            )
            for i in range(7)
        ]
        path.addPolygon(QPolygonF(points))
    elif shape == "document":
        w, h = r * 1.5, r * 1.9
        fold = r * 0.6
        left, top = x - w / 2, y - h / 2
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(left, top),
                    QPointF(left + w - fold, top),
                    QPointF(left + w, top + fold),
                    QPointF(left + w, top + h),
                    QPointF(left, top + h),
                    QPointF(left, top),
                ]
            )
        )
    else:
        path.addEllipse(center, r, r)
    return path


def paint_event_marker(painter: QPainter, kind: EventKind, center: QPointF, r: float) -> None:
    shape, colour, _label = EVENT_STYLE[kind]
    path = shape_path(shape, center, r)
    if shape == "ring":
        painter.setPen(QPen(QColor(colour), 2.2))
        painter.setBrush(QColor("#ffffff"))
    else:
        painter.setPen(QPen(QColor("#ffffff"), 1.2))
        painter.setBrush(QColor(colour))
    painter.drawPath(path)


def paint_deadline_marker(painter: QPainter, state: str, center: QPointF, r: float) -> None:
    fill = QColor(DEADLINE_STYLE[state][0])
    path = shape_path("badge", center, r)
    if state == "open":
        painter.setPen(QPen(QColor(_DEADLINE_BORDER), 2.0))
    else:
        painter.setPen(QPen(fill.darker(115), 1.0))
    painter.setBrush(fill)
    painter.drawPath(path)
    x, y = center.x(), center.y()
    if state == "overdue":  # an exclamation mark
        painter.setPen(QPen(QColor("#ffffff"), 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(x, y - r * 0.5), QPointF(x, y + r * 0.12))
        painter.drawPoint(QPointF(x, y + r * 0.5))
    elif state == "done":  # a tick
        painter.setPen(
            QPen(
                QColor("#ffffff"),
                2.0,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
        )
        painter.drawPolyline(
            QPolygonF(
                [
                    QPointF(x - r * 0.5, y),
                    QPointF(x - r * 0.12, y + r * 0.4),
                    QPointF(x + r * 0.52, y - r * 0.42),
                ]
            )
        )
    else:  # a clock hand pair
        painter.setPen(
            QPen(QColor(_DEADLINE_BORDER), 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        )
        painter.drawLine(QPointF(x, y), QPointF(x, y - r * 0.5))
        painter.drawLine(QPointF(x, y), QPointF(x + r * 0.4, y))


def _readable_text_on(colour: QColor) -> QColor:
    luminance = 0.299 * colour.redF() + 0.587 * colour.greenF() + 0.114 * colour.blueF()
    return QColor("#111827") if luminance > 0.55 else QColor("#ffffff")


class TimelinePainter:
    """Paints one frame of the canvas from its layout.

    :param hover: the id of the item under the mouse; :param selected: the selected one.
    """

    def __init__(
        self,
        layout: TimelineLayout,
        small: QFont,
        small_bold: QFont,
        hover: str | None,
        selected: str | None,
    ) -> None:
        self._lay = layout
        self._small = small
        self._small_bold = small_bold
        self._hover = hover
        self._selected = selected

    def paint(self, painter: QPainter, has_focus: bool) -> None:
        """Paint everything; the painter is set up and ended by the caller."""
        lay = self._lay
        painter.fillRect(QRectF(0, 0, lay.width, lay.height), QColor("#ffffff"))
        if not lay.data or not lay.columns:
            painter.setPen(_MUTED)
            painter.drawText(
                QRectF(0, 0, lay.width, lay.height),
                Qt.AlignmentFlag.AlignCenter,
                "Geen gegevens voor de tijdlijn",
            )
            return
        width = lay.width
        plot_clip = QRectF(GUTTER, 0, width - GUTTER, self._lay.height)
        painter.save()
        painter.setClipRect(plot_clip)
        self._paint_bands(painter)
        self._paint_vacations(painter)
        self._paint_grid(painter)
        self._paint_axis(painter)
        self._paint_today(painter)
        self._paint_selection_guide(painter)
        self._paint_items(painter)
        painter.restore()
        self._paint_gutter(painter)
        if has_focus:
            painter.setPen(QPen(_FOCUS, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(0.75, 0.75, width - 1.5, self._lay.height - 1.5))

    def _paint_bands(self, painter: QPainter) -> None:
        plot_bottom = self._lay.axis_top()
        for band_index, start, end in self._lay.band_segments():
            band = self._lay.bands[band_index]
            colour = QColor(band.colour)
            x0, x1 = self._lay.col_x(start), self._lay.col_x(end)
            tint = QColor(colour)
            tint.setAlpha(110)
            painter.fillRect(QRectF(x0, BAND_H, x1 - x0, plot_bottom - BAND_H), tint)
            painter.fillRect(QRectF(x0, 0, x1 - x0, BAND_H), colour)
            # the band name stays in view while its band is
            visible_left, visible_right = max(x0, GUTTER), min(x1, self._lay.width)
            if visible_right - visible_left > 24:
                painter.setFont(self._small_bold)
                painter.setPen(_readable_text_on(colour))
                metrics = QFontMetrics(self._small_bold)
                weeks = (
                    f"wk {band.from_week}–{band.to_week}"
                    if band.to_week is not None
                    else f"vanaf wk {band.from_week}"
                )
                # A band of week 0 (before the absence, or back at school) has no weeks.
                candidates = [band.name] if band.to_week == 0 else [f"{band.name}  ·  {weeks}"]
                candidates.append(band.name)
                text = first_fitting(
                    candidates, visible_right - visible_left - 16, metrics.horizontalAdvance
                )
                painter.drawText(
                    QRectF(visible_left + 8, 0, visible_right - visible_left - 12, BAND_H),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                    text,
                )
            painter.setPen(QPen(QColor("#ffffff"), 2))
            painter.drawLine(QPointF(x0, 0), QPointF(x0, BAND_H))
        # boundary lines between bands through the plot
        painter.setPen(QPen(QColor(0, 0, 0, 60), 1, Qt.PenStyle.SolidLine))
        for _band, start, _end in self._lay.band_segments()[1:]:
            x = self._lay.col_x(start)
            painter.drawLine(QPointF(x, BAND_H), QPointF(x, plot_bottom))
        painter.setPen(QPen(QColor("#cbd5e1"), 1))
        painter.drawLine(QPointF(GUTTER, BAND_H - 0.5), QPointF(self._lay.width, BAND_H - 0.5))

    def _paint_vacations(self, painter: QPainter) -> None:
        bottom = self._lay.axis_top() + WEEK_H
        for start, end, _label in self._lay.vacation_segments():
            rect = QRectF(
                self._lay.col_x(start), BAND_H, (end - start) * self._lay.zoom, bottom - BAND_H
            )
            painter.fillRect(rect, _VACATION_FILL)
            painter.fillRect(rect, QBrush(_VACATION_HATCH, Qt.BrushStyle.BDiagPattern))

    def _paint_grid(self, painter: QPainter) -> None:
        top, bottom = BAND_H, self._lay.axis_top()
        painter.setPen(QPen(QColor(0, 0, 0, 22), 1))
        for col in self._lay.visible_columns():
            x = round(self._lay.col_x(col)) + 0.5
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        lane_top, _ = self._lay.deadline_lane()
        painter.setPen(QPen(QColor("#cbd5e1"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(GUTTER, lane_top + 0.5), QPointF(self._lay.width, lane_top + 0.5))

    def _paint_axis(self, painter: QPainter) -> None:
        axis = self._lay.axis_top()
        painter.setPen(QPen(_AXIS, 1))
        painter.drawLine(QPointF(GUTTER, axis + 0.5), QPointF(self._lay.width, axis + 0.5))
        metrics = QFontMetrics(self._small)
        zoom = self._lay.zoom
        today_col = self._lay.column_for(self._lay.data.today) if self._lay.data else None
        # week labels: "wk 5", "5", or every n-th number when zoomed far out
        step = 1 if zoom >= 22 else math.ceil(22 / zoom)
        for col in self._lay.visible_columns():
            column = self._lay.columns[col]
            x0 = self._lay.col_x(col)
            painter.setPen(QPen(_AXIS, 1))
            painter.drawLine(QPointF(round(x0) + 0.5, axis), QPointF(round(x0) + 0.5, axis + 4))
            week = column.week
            if week.is_vacation or week.index is None or week.index < 1:
                continue
            if week.index % step and step > 1:
                continue
            text = f"wk {week.index}" if zoom >= 40 else str(week.index)
            is_now = column is today_col
            painter.setFont(self._small_bold if is_now else self._small)
            painter.setPen(_TODAY if is_now else TEXT)
            painter.drawText(
                QRectF(x0, axis + 2, zoom * (step if step > 1 else 1), WEEK_H - 2),
                Qt.AlignmentFlag.AlignCenter,
                text,
            )
        # vacation names in the week row
        painter.setFont(self._small)
        painter.setPen(_MUTED)
        for start, end, label in self._lay.vacation_segments():
            rect = QRectF(
                self._lay.col_x(start) + 2, axis + 2, (end - start) * zoom - 4, WEEK_H - 2
            )
            # The whole name, else "vak." (never "Herfs…"), else nothing: the tooltip has it.
            text = first_fitting([label, "vak."], rect.width(), metrics.horizontalAdvance)
            if text:
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        # dates of the Mondays
        date_top = axis + WEEK_H
        date_step = 1 if zoom >= 28 else math.ceil(28 / zoom)
        painter.setPen(_MUTED)
        for col in self._lay.visible_columns():
            if col % date_step:
                continue
            monday = self._lay.columns[col].week.monday
            text = f"{monday.day} {MONTHS[monday.month - 1]}" if zoom >= 52 else str(monday.day)
            painter.drawText(
                QRectF(self._lay.col_x(col) + 3, date_top, zoom * date_step, DATE_H),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                text,
            )
        # month names, with a tick at the first of the month; the first stays in view
        month_top = date_top + DATE_H
        months = self._lay.month_starts()
        painter.setFont(self._small_bold)
        bold_metrics = QFontMetrics(self._small_bold)
        for i, (x, month) in enumerate(months):
            next_x = months[i + 1][0] if i + 1 < len(months) else self._lay.width + 400
            if next_x < GUTTER:
                continue
            if x > self._lay.width:
                break
            if x >= GUTTER:
                painter.setPen(QPen(_AXIS, 1))
                painter.drawLine(QPointF(x, month_top + 2), QPointF(x, month_top + MONTH_H - 2))
            left = max(x, GUTTER) + 5
            room = next_x - left - 6
            for text in (
                f"{MONTHS_LONG[month.month - 1]} {month.year}",
                f"{MONTHS[month.month - 1]} {month.year}",
                f"{MONTHS[month.month - 1]} '{month.year % 100:02d}",
                MONTHS[month.month - 1],
            ):
                if bold_metrics.horizontalAdvance(text) <= room:
                    painter.setPen(TEXT)
                    painter.drawText(
                        QRectF(left, month_top, room + 2, MONTH_H),
                        Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                        text,
                    )
                    break

    def _paint_today(self, painter: QPainter) -> None:
        if not self._lay.data:
            return
        x = self._lay.screen_x(self._lay.content_x(self._lay.data.today))
        bottom = self._lay.axis_top() + WEEK_H
        painter.setPen(QPen(_TODAY, 2))
        painter.drawLine(QPointF(x, BAND_H), QPointF(x, bottom))
        # a pill "vandaag" at the top of the plot
        painter.setFont(self._small_bold)
        metrics = QFontMetrics(self._small_bold)
        text = "vandaag"
        box = self._lay.today_pill(metrics.horizontalAdvance(text))
        if box is None:
            return
        pill = QRectF(box.x, box.y, box.width, box.height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_TODAY)
        painter.drawRoundedRect(pill, 8, 8)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_selection_guide(self, painter: QPainter) -> None:
        item = next((i for i in self._lay.lanes.items if i.item_id == self._selected), None)
        if item is None:
            return
        x = QPointF(*self._lay.item_center(item)).x()
        painter.setPen(QPen(QColor(15, 23, 42, 110), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, BAND_H), QPointF(x, self._lay.axis_top()))

    def _paint_items(self, painter: QPainter) -> None:
        metrics = QFontMetrics(self._small)
        left_edge, right_edge = GUTTER - 200, self._lay.width + 20
        for item in self._lay.lanes.items:
            center = QPointF(*self._lay.item_center(item))
            if not left_edge < center.x() < right_edge:
                continue
            if item.item_id in (self._hover, self._selected):
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(15, 23, 42, 40 if item.item_id == self._hover else 28))
                painter.drawEllipse(center, R + 5, R + 5)
            if item.lane == "event":
                paint_event_marker(painter, EventKind(item.state), center, R)
            else:
                paint_deadline_marker(painter, item.state, center, R)
            if item.item_id == self._selected:
                painter.setPen(QPen(_SELECT, 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(center, R + 4, R + 4)
            if item.show_label:
                if item.state == "overdue":
                    painter.setFont(self._small_bold)
                    painter.setPen(_OVERDUE.darker(110))
                elif item.state == "done":
                    painter.setFont(self._small)
                    painter.setPen(QColor("#6b7280"))
                else:
                    painter.setFont(
                        self._small_bold if item.item_id == self._selected else self._small
                    )
                    painter.setPen(TEXT)
                text = item.shown  # whole words only, placed where it fits (layout)
                rect = QRectF(
                    center.x() + R + LABEL_GAP,
                    center.y() - self._lay.row_h / 2,
                    item.shown_w + 40,
                    self._lay.row_h,
                )
                # a soft halo keeps labels legible over grid lines and hatching
                back = QRectF(
                    rect.x() - 2,
                    center.y() - metrics.height() / 2 - 1,
                    metrics.horizontalAdvance(text) + 4,
                    metrics.height() + 2,
                )
                painter.save()
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(255, 255, 255, 170))
                painter.drawRoundedRect(back, 3, 3)
                painter.restore()
                painter.drawText(
                    rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
                )

    def _paint_gutter(self, painter: QPainter) -> None:
        height = self._lay.height
        painter.fillRect(QRectF(0, 0, GUTTER, height), _GUTTER_BG)
        painter.setPen(QPen(QColor("#cbd5e1"), 1))
        painter.drawLine(QPointF(GUTTER - 0.5, 0), QPointF(GUTTER - 0.5, height))
        painter.setFont(self._small_bold)
        painter.setPen(_MUTED)
        left = 10
        w = GUTTER - 16
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.drawText(QRectF(left, 0, w, BAND_H), align, "Fase")
        top, bottom = self._lay.event_lane()
        painter.setPen(TEXT)
        painter.drawText(QRectF(left, top, w, bottom - top), align, "Gebeurtenissen")
        top, bottom = self._lay.deadline_lane()
        painter.drawText(QRectF(left, top, w, bottom - top), align, "Termijnen")
        axis = self._lay.axis_top()
        painter.setFont(self._small)
        painter.setPen(_MUTED)
        painter.drawText(QRectF(left, axis + 2, w, WEEK_H - 2), align, "Lesweek")
        painter.drawText(QRectF(left, axis + WEEK_H, w, DATE_H), align, "Maandag")
        painter.drawText(QRectF(left, axis + WEEK_H + DATE_H, w, MONTH_H), align, "Maand")
        painter.setPen(QPen(QColor("#cbd5e1"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(
            QPointF(0, self._lay.deadline_lane()[0] + 0.5),
            QPointF(GUTTER, self._lay.deadline_lane()[0] + 0.5),
        )
        painter.setPen(QPen(_AXIS, 1))
        painter.drawLine(QPointF(0, axis + 0.5), QPointF(GUTTER, axis + 0.5))
        painter.setPen(QPen(QColor("#cbd5e1"), 1))
        painter.drawLine(QPointF(0, BAND_H - 0.5), QPointF(GUTTER, BAND_H - 0.5))
