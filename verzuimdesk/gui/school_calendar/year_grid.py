"""The year overview of a school calendar: every day of a school year, free days greyed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QSizePolicy,
    QToolTip,
    QWidget,
)

from verzuimdesk.core.services import schools
from verzuimdesk.gui.formatting import DAYS, MONTHS_LONG, date_long
from verzuimdesk.gui.table_model import MUTED

#: Fill and text colour of each kind of day in the year overview (free days greyed).
KIND_COLOURS: dict[str, tuple[str, str]] = {
    "schooldag": ("#ffffff", "#1f2937"),
    "weekend": ("#f3f5f8", "#9aa4b2"),
    schools.KIND_VACATION: ("#dfe4ea", "#4b5563"),
    schools.KIND_FEESTDAG: ("#e6e1ee", "#4c4463"),
    schools.KIND_STUDIEDAG: ("#f6e3c6", "#7a4b12"),
    schools.KIND_OVERRIDE: ("#d8e3f0", "#2d4a6b"),
    schools.KIND_FILE: ("#dfe4ea", "#4b5563"),
}
#: Legend order and Dutch captions.
LEGEND = (
    ("schooldag", "Schooldag"),
    (schools.KIND_VACATION, "Vakantie"),
    (schools.KIND_OVERRIDE, "Eigen vakantiedata"),
    (schools.KIND_FEESTDAG, "Feestdag"),
    (schools.KIND_STUDIEDAG, "Studiedag"),
    ("weekend", "Weekend"),
)
ACCENT = QColor("#2563eb")
TODAY_RING = QColor("#1d4ed8")


class YearGrid(QWidget):
    """Twelve month grids (August to July): free days greyed and named in a tooltip.

    Click or use the arrow keys to choose a day (PageUp/PageDown: a month);
    Enter or a double click asks to add a studiedag on it (:attr:`activated`).
    """

    dayChosen = Signal(object)
    activated = Signal(object)

    COLUMNS = 4
    MARGIN = 10
    GAP_X = 18
    GAP_Y = 14
    TITLE_H = 22
    HEAD_H = 16

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yearGrid")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName("Jaaroverzicht van de schoolkalender")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.view: schools.SchoolCalendarView | None = None
        self.today: dt.date | None = None
        self.selected: dt.date | None = None
        self.highlight: tuple[dt.date, dt.date] | None = None
        self._cells: dict[dt.date, QRectF] = {}
        self._titles: list[tuple[QRectF, str]] = []
        self._heads: list[tuple[QRectF, str]] = []
        self._font = QFont(self.font())
        self._font.setPointSizeF(8.5)
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        self._title_font = QFont(self.font())
        self._title_font.setPointSizeF(9.5)
        self._title_font.setBold(True)
        self._head_font = QFont(self.font())
        self._head_font.setPointSizeF(7.5)

    def set_view(self, view: schools.SchoolCalendarView | None, today: dt.date) -> None:
        """Show the calendar of a school year."""
        self.view = view
        self.today = today
        if view is not None and self.selected and not view.start <= self.selected <= view.end:
            self.selected = None
        self._relayout()
        self.update()

    def set_highlight(self, period: tuple[dt.date, dt.date] | None) -> None:
        """Outline the days of a free period (the one chosen in the list)."""
        self.highlight = period
        self.update()

    def select(self, day: dt.date | None) -> None:
        """Choose a day (within the shown school year)."""
        if day is not None and self.view is not None:
            day = min(max(day, self.view.start), self.view.end)
        if day != self.selected:
            self.selected = day
            self.update()
            if day is not None:
                self.dayChosen.emit(day)

    def sizeHint(self) -> QSize:
        return QSize(4 * 7 * 27 + 3 * self.GAP_X + 2 * self.MARGIN, 3 * 190)

    def minimumSizeHint(self) -> QSize:
        return QSize(4 * 7 * 22 + 3 * self.GAP_X + 2 * self.MARGIN, 3 * 160)

    def resizeEvent(self, event: Any) -> None:
        self._relayout()
        super().resizeEvent(event)

    def _months(self) -> list[dt.date]:
        if self.view is None:
            return []
        first = self.view.start.replace(day=1)
        return [
            dt.date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1)
            for i in range(12)
        ]

    def _relayout(self) -> None:
        self._cells.clear()
        self._titles.clear()
        self._heads.clear()
        months = self._months()
        if not months:
            return
        rows = (len(months) + self.COLUMNS - 1) // self.COLUMNS
        width = self.width() - 2 * self.MARGIN - (self.COLUMNS - 1) * self.GAP_X
        height = self.height() - 2 * self.MARGIN - (rows - 1) * self.GAP_Y
        month_w = width / self.COLUMNS
        cell_w = month_w / 7
        month_h = height / rows
        cell_h = max(14.0, min(cell_w * 0.92, (month_h - self.TITLE_H - self.HEAD_H) / 6))
        block_h = self.TITLE_H + self.HEAD_H + 6 * cell_h
        for i, month in enumerate(months):
            col, row = i % self.COLUMNS, i // self.COLUMNS
            x = self.MARGIN + col * (month_w + self.GAP_X)
            y = self.MARGIN + row * (max(block_h, month_h) + self.GAP_Y)
            label = MONTHS_LONG[month.month - 1]
            self._titles.append((QRectF(x + 2, y, month_w, self.TITLE_H), f"{label} {month.year}"))
            for k in range(7):
                self._heads.append(
                    (QRectF(x + k * cell_w, y + self.TITLE_H, cell_w, self.HEAD_H), DAYS[k])
                )
            top = y + self.TITLE_H + self.HEAD_H
            day = month
            week = 0
            while day.month == month.month:
                k = day.weekday()
                self._cells[day] = QRectF(x + k * cell_w, top + week * cell_h, cell_w, cell_h)
                if k == 6:
                    week += 1
                day += dt.timedelta(days=1)

    def kind_of(self, day: dt.date) -> str:
        """``schooldag``, ``weekend`` or the kind of free day (``vakantie``, …)."""
        if self.view is None:
            return "schooldag"
        kind = self.view.day_kinds.get(day)
        if kind is not None:
            return kind
        return "weekend" if day.weekday() >= 5 else "schooldag"

    def describe(self, day: dt.date) -> str:
        """A Dutch description of a day: ``do 21 nov 2024 — Studiedag (studiedag)``."""
        if self.view is None:
            return ""
        name = self.view.day_names.get(day)
        kind = self.kind_of(day)
        if name:
            return f"{date_long(day)} — {name} ({schools.KIND_LABELS.get(kind, kind).lower()})"
        if kind == "weekend":
            return f"{date_long(day)} — weekend"
        return f"{date_long(day)} — schooldag"

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.view is None:
            painter.setPen(MUTED)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Kies een school")
            painter.end()
            return
        painter.setFont(self._title_font)
        painter.setPen(QColor("#1e293b"))
        for rect, text in self._titles:
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.setFont(self._head_font)
        painter.setPen(QColor("#94a3b8"))
        for rect, text in self._heads:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        highlight = self.highlight
        for day, rect in self._cells.items():
            kind = self.kind_of(day)
            fill, ink = KIND_COLOURS.get(kind, KIND_COLOURS["schooldag"])
            box = rect.adjusted(1, 1, -1, -1)
            selected = day == self.selected
            if selected:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(ACCENT)
                painter.drawRoundedRect(box, 3, 3)
                ink = "#ffffff"
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(fill))
                painter.drawRoundedRect(box, 3, 3)
            if highlight is not None and highlight[0] <= day <= highlight[1] and not selected:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(ACCENT, 2.0))
                painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), 3, 3)
            if day == self.today and not selected:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(TODAY_RING, 1.4))
                painter.drawEllipse(QPointF(box.center()), box.height() / 2.4, box.height() / 2.4)
            painter.setPen(QColor(ink))
            painter.setFont(self._bold if day == self.today else self._font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(day.day))
        if self.hasFocus() and self.selected in self._cells:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor("#1e3a8a"), 1.2, Qt.PenStyle.DotLine))
            painter.drawRoundedRect(self._cells[self.selected].adjusted(0, 0, -0.5, -0.5), 3, 3)
        painter.end()

    def day_at(self, pos: QPointF) -> dt.date | None:
        """The day under a point of the widget (None between the grids)."""
        for day, rect in self._cells.items():
            if rect.contains(pos):
                return day
        return None

    def mousePressEvent(self, event: Any) -> None:
        day = self.day_at(event.position())
        if day is not None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.select(day)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: Any) -> None:
        day = self.day_at(event.position())
        if day is not None:
            self.select(day)
            self.activated.emit(day)

    def keyPressEvent(self, event: Any) -> None:
        if self.view is None:
            super().keyPressEvent(event)
            return
        day = self.selected
        if day is None:
            inside = self.today is not None and self.view.start <= self.today <= self.view.end
            day = self.today if inside and self.today is not None else self.view.start
            if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.select(day)
                return
        key = event.key()
        steps = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -7,
            Qt.Key.Key_Down: 7,
        }
        if key in steps:
            self.select(day + dt.timedelta(days=steps[key]))
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            month = day.month - 1 + (-1 if key == Qt.Key.Key_PageUp else 1)
            year = day.year + month // 12
            month = month % 12 + 1
            self.select(dt.date(year, month, min(day.day, 28)))
        elif key == Qt.Key.Key_Home:
            self.select(self.view.start)
        elif key == Qt.Key.Key_End:
            self.select(self.view.end)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            self.activated.emit(self.selected)
        else:
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(QPointF(event.pos()))
            if day is not None:
                QToolTip.showText(event.globalPos(), self.describe(day), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


class Legend(QWidget):
    """The colour key under the year overview."""

    SWATCH = 12

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._font = QFont(self.font())
        self._font.setPointSizeF(8.5)
        self.setFixedHeight(26)
        self.setAccessibleName(
            "Legenda: " + ", ".join(caption for _kind, caption in LEGEND) + ", vandaag"
        )

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._font)
        metrics = painter.fontMetrics()
        x = 12.0
        mid = self.height() / 2
        for kind, caption in [*LEGEND, ("today", "vandaag")]:
            box = QRectF(x, mid - self.SWATCH / 2, self.SWATCH + 4, self.SWATCH)
            if kind == "today":
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(TODAY_RING, 1.4))
                painter.drawEllipse(box.center(), self.SWATCH / 2.2, self.SWATCH / 2.2)
            else:
                painter.setBrush(QColor(KIND_COLOURS[kind][0]))
                painter.setPen(QPen(QColor("#cbd5e1"), 0.8))
                painter.drawRoundedRect(box, 3, 3)
            x += box.width() + 6
            painter.setPen(QColor("#475569"))
            width = metrics.horizontalAdvance(caption)
            painter.drawText(
                QRectF(x, 0, width + 2, self.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                caption,
            )
            x += width + 18
        painter.end()
