"""Scholen en schoolkalenders: the schools of the case base and each school's calendar.

A non-modal window (Beheer ▸ Scholen en schoolkalenders…, Ctrl+Shift+K): the
schools on the left (search), and for the chosen school its calendar for a
school year — a year overview with every free day greyed and named, the
schooldagen and lesweken, the list of free periods — and its details form.

Every calendar change goes through :mod:`verzuimdesk.core.services.schools`
(one transaction that also recomputes the signals of every pupil of the
school, with a progress dialog when that takes a while) and lands on the
desk's undo stack: Ctrl+Z puts the calendar back as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QModelIndex, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QPen,
    QShortcut,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import changes, schools
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.errors import NotFoundError, ServiceError, ValidationError
from verzuimdesk.gui import errors
from verzuimdesk.gui.dialogs import (
    ValidatingDialog,
    date_edit,
    field_with_error,
    from_qdate,
    to_qdate,
)
from verzuimdesk.gui.formatting import DAYS, MONTHS, MONTHS_LONG, date_long
from verzuimdesk.gui.table_model import MUTED, Column, RowTableModel

T = TypeVar("T")

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
#: A recompute shows a progress dialog when it takes longer than this (ms).
PROGRESS_AFTER_MS = 500

#: Extra styling of this window (the desk's style sheet covers the rest).
STYLE = """
QWidget#schoolsWindow { background: #f5f7fa; }
QFrame#schoolListPanel { background: #ffffff; border-right: 1px solid #e2e8f0; }
QLabel#panelTitle { font-size: 12pt; font-weight: 600; color: #0f172a; }
QListWidget#schoolList { border: none; background: #ffffff; outline: 0; }
QListWidget#schoolList::item { border-bottom: 1px solid #f1f5f9; }
QListWidget#schoolList::item:selected { background: #e8f0fe; color: #0f172a; }
QFrame#schoolHeader { background: #ffffff; border-bottom: 1px solid #e2e8f0; }
QLabel#schoolTitle { font-size: 15pt; font-weight: 600; color: #0f172a; }
QLabel#schoolSubtitle { color: #64748b; }
QTabWidget#schoolTabs::pane { border: none; background: #f5f7fa; }
QTabWidget#schoolTabs > QTabBar::tab {
    background: transparent; border: none; border-bottom: 2px solid transparent;
    padding: 7px 14px; margin-right: 2px; color: #475569;
}
QTabWidget#schoolTabs > QTabBar::tab:selected {
    color: #1d4ed8; border-bottom: 2px solid #2563eb; font-weight: 600;
}
QFrame#statCard {
    background: #ffffff; border: 1px solid #e2e8f0; border-radius: 8px;
}
QLabel#statValue { font-size: 15pt; font-weight: 600; color: #0f172a; }
QLabel#statCaption { color: #64748b; font-size: 8.5pt; }
QFrame#calendarCard, QFrame#formCard {
    background: #ffffff; border: 1px solid #e2e8f0; border-radius: 8px;
}
QLabel#calendarWarning {
    background: #fffbeb; border: 1px solid #fde68a; border-radius: 6px;
    color: #92400e; padding: 6px 10px;
}
QLabel#legend { color: #475569; font-size: 8.5pt; }
QLabel#schoolStatus { color: #15803d; }
QToolButton#yearStep { padding: 3px 8px; font-weight: 600; }
QComboBox#yearCombo { font-weight: 600; min-width: 110px; }
"""


# --------------------------------------------------------------------------- undo


class CalendarCommand(QUndoCommand):
    """A calendar change that already ran; undo and redo put a whole snapshot back."""

    def __init__(
        self,
        window: SchoolCalendarWindow,
        change: schools.CalendarChange,
        text: str,
    ) -> None:
        super().__init__(text)
        self.window = window
        self.before, self.after = change.before, change.after
        self._first = True

    def redo(self) -> None:
        """Put the changed calendar back (skipped at push: the change already ran)."""
        if self._first:
            self._first = False
            return
        self._restore(self.after, f"Opnieuw: {self.text()}")

    def undo(self) -> None:
        """Put the calendar back as it was before the change."""
        self._restore(self.before, f"Ongedaan: {self.text()}")

    def _restore(self, snapshot: schools.CalendarSnapshot, message: str) -> None:
        try:
            result = self.window.run_with_progress(
                lambda progress: schools.restore_calendar(
                    self.window.desk, snapshot, progress=progress
                )
            )
        except ServiceError as exc:
            errors.report(self.window, exc)
            return
        self.window.after_calendar_change(snapshot.school_id, result, message)


# --------------------------------------------------------------------------- year overview


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
        if event.type() == QEvent.Type.ToolTip:
            day = self.day_at(QPointF(event.pos()))  # type: ignore[attr-defined]
            if day is not None:
                QToolTip.showText(event.globalPos(), self.describe(day), self)  # type: ignore[attr-defined]
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


class PeriodModel(RowTableModel):
    """The free periods of the year: when, name (with the colour of its kind), days."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column("Wanneer", _period_text, width=158, tooltip=_entry_tooltip),
                Column(
                    "Naam",
                    lambda e: e.name,
                    width=170,
                    bold=lambda e: e.editable,
                    tooltip=_entry_tooltip,
                ),
                Column(
                    "Dagen",
                    lambda e: str(e.free_days),
                    width=66,
                    align_right=True,
                    foreground=lambda e: MUTED,
                    tooltip=lambda e: "vrije dagen van maandag tot en met vrijdag",
                ),
            ],
            parent,
        )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Adds a colour swatch of the entry's kind before its name."""
        if role == Qt.ItemDataRole.DecorationRole and index.isValid() and index.column() == 1:
            entry = self.row_at(index.row())
            if entry is not None:
                return QColor(KIND_COLOURS.get(entry.kind, KIND_COLOURS["schooldag"])[0])
            return None
        return super().data(index, role)


def _period_text(entry: schools.CalendarEntry) -> str:
    """``do 26 nov 2026``, ``17 – 25 okt 2026``, ``19 dec – 3 jan 2027`` (within a school year)."""
    start, end = entry.start, entry.end
    if start == end:
        return date_long(start)
    if start.month != end.month:
        return (
            f"{start.day} {MONTHS[start.month - 1]} – {end.day} {MONTHS[end.month - 1]} {end.year}"
        )
    return f"{start.day} – {end.day} {MONTHS[end.month - 1]} {end.year}"


def _entry_tooltip(entry: schools.CalendarEntry) -> str:
    text = f"{entry.name} — {entry.kind_label.lower()}"
    if entry.note:
        text += f"\n{entry.note}"
    if entry.editable:
        text += "\nDubbelklik of Enter om te wijzigen; Delete verwijdert."
    return text


# --------------------------------------------------------------------------- school list


class SchoolItemDelegate(QStyledItemDelegate):
    """Two lines per school: the name, and sector · BRIN · municipality · pupils."""

    SubtitleRole = Qt.ItemDataRole.UserRole + 1

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        height = option.fontMetrics.height()
        return QSize(200, int(height * 2 + 18))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        painter.save()
        rect = option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor("#e8f0fe"))
            painter.fillRect(rect.x(), rect.y(), 3, rect.height(), ACCENT)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor("#f8fafc"))
        painter.setPen(QColor("#f1f5f9"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        metrics = option.fontMetrics
        x = rect.x() + 14
        width = rect.width() - 24
        name_font = QFont(option.font)
        name_font.setBold(True)
        painter.setFont(name_font)
        painter.setPen(QColor("#0f172a"))
        top = rect.y() + 7
        name = index.data(Qt.ItemDataRole.DisplayRole) or ""
        painter.drawText(
            int(x),
            int(top),
            int(width),
            metrics.height(),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(width)),
        )
        painter.setFont(option.font)
        painter.setPen(QColor("#64748b"))
        sub = index.data(self.SubtitleRole) or ""
        painter.drawText(
            int(x),
            int(top + metrics.height() + 2),
            int(width),
            metrics.height(),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(sub, Qt.TextElideMode.ElideRight, int(width)),
        )
        painter.restore()


# --------------------------------------------------------------------------- dialogs


class PeriodDialog(ValidatingDialog):
    """Add or change an own free day or period (a studiedag)."""

    def __init__(
        self,
        window: SchoolCalendarWindow,
        school_id: int,
        *,
        start: dt.date,
        end: dt.date | None = None,
        name: str = "Studiedag",
        period_id: int | None = None,
    ) -> None:
        super().__init__(
            "Vrije periode wijzigen" if period_id else "Studiedag of vrije dag toevoegen", window
        )
        self.window, self.school_id, self.period_id = window, school_id, period_id
        self.change: schools.CalendarChange | None = None
        self.name = self.add_field("name", "Naam", QLineEdit(name))
        self.start = self.add_field("start", "Eerste vrije dag", date_edit(start))
        self.end = self.add_field("end", "Laatste vrije dag", date_edit(end or start))
        self.start.dateChanged.connect(self._start_changed)
        hint = QLabel(
            "Op deze dagen is de school dicht: ze tellen niet als schooldag voor de "
            "verzuimsignalen."
        )
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.name.selectAll()
        self.name.setFocus()

    def _start_changed(self) -> None:
        if self.end.date() < self.start.date():
            self.end.setDate(self.start.date())

    def save(self) -> schools.CalendarChange:
        start, end = from_qdate(self.start.date()), from_qdate(self.end.date())
        if self.period_id is None:
            self.change = self.window.run_with_progress(
                lambda progress: schools.add_studiedag(
                    self.window.desk,
                    self.school_id,
                    start,
                    end,
                    self.name.text(),
                    progress=progress,
                )
            )
        else:
            self.change = self.window.run_with_progress(
                lambda progress: schools.update_free_period(
                    self.window.desk,
                    self.period_id,
                    start,
                    end,
                    self.name.text(),
                    progress=progress,
                )
            )
        return self.change


class VacationDialog(ValidatingDialog):
    """Give a built-in vacation the school's own dates (e.g. its own Herfstvakantie)."""

    def __init__(
        self,
        window: SchoolCalendarWindow,
        view: schools.SchoolCalendarView,
        *,
        name: str | None = None,
        period_id: int | None = None,
    ) -> None:
        super().__init__("Vakantie met eigen data", window)
        self.window, self.view, self.period_id = window, view, period_id
        self.change: schools.CalendarChange | None = None
        self.vacation = self.add_field("name", "Vakantie", QComboBox())
        for vacation in schools.VACATION_NAMES:
            self.vacation.addItem(vacation, vacation)
        self.start = self.add_field("start", "Eerste dag", date_edit(view.start))
        self.end = self.add_field("end", "Laatste dag", date_edit(view.start))
        self.hint = QLabel()
        self.hint.setObjectName("hintLabel")
        self.hint.setWordWrap(True)
        self.form.addRow("", self.hint)
        self.vacation.currentIndexChanged.connect(self._vacation_changed)
        self.vacation.setCurrentIndex(max(self.vacation.findData(name or "Herfstvakantie"), 0))
        self._vacation_changed()
        self.vacation.setEnabled(period_id is None)

    def _vacation_changed(self) -> None:
        name = self.vacation.currentData()
        runs = [e for e in self.view.entries if e.name == name]
        if runs:
            # The whole run (the summer vacation lies at both ends of a school year: the later).
            entry = runs[-1] if name == "Zomervakantie" else runs[0]
            first, last = entry.whole
            self.start.setDate(to_qdate(first))
            self.end.setDate(to_qdate(last))
        note = schools.VACATION_NOTES.get(name, "")
        self.hint.setText(
            (f"{note} " if note else "")
            + "De eigen data vervangen de data van de regio voor dit schooljaar."
        )

    def save(self) -> schools.CalendarChange:
        start, end = from_qdate(self.start.date()), from_qdate(self.end.date())
        name = self.vacation.currentData()
        desk, period_id = self.window.desk, self.period_id

        def call(progress: schools.Progress) -> schools.CalendarChange:
            if period_id is None:
                return schools.add_vacation_override(
                    desk, self.view.school_id, name, start, end, progress=progress
                )
            return schools.update_free_period(desk, period_id, start, end, name, progress=progress)

        self.change = self.window.run_with_progress(call)
        return self.change


# --------------------------------------------------------------------------- the details form


class SchoolForm(QFrame):
    """The school's details with a Dutch error message under each field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formCard")
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 16)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(8)
        outer.addLayout(self.form)
        self.name = self._field("name", "&Naam", QLineEdit())
        self.brin = self._field("brin", "&BRIN-nummer", QLineEdit())
        self.brin.setPlaceholderText("12AB of 12AB01")
        self.brin.setMaxLength(10)
        self.sector = self._field("sector", "&Sector", QComboBox())
        for key, label in schools.SECTOR_NAMES.items():
            self.sector.addItem(f"{key} — {label}", key)
        self.municipality = self._field("municipality", "&Gemeente", QLineEdit())
        self.region = self._field("vacation_region", "&Vakantieregio", QComboBox())
        for key, label in schools.REGION_NAMES.items():
            self.region.addItem(label, key)
        self.region_hint = QLabel()
        self.region_hint.setObjectName("hintLabel")
        self.region_hint.setWordWrap(True)
        self.region_hint.hide()
        self.region.parentWidget().layout().addWidget(self.region_hint)
        self.day_hours = self._field("day_hours", "&Lesuren per dag", QLineEdit())
        self.contact_name = self._field("contact_name", "&Contactpersoon", QLineEdit())
        self.contact_phone = self._field("contact_phone", "&Telefoon", QLineEdit())
        self.contact_email = self._field("contact_email", "&E-mail", QLineEdit())
        self.general = QLabel()
        self.general.setObjectName("fieldError")
        self.general.setWordWrap(True)
        self.general.hide()
        outer.addWidget(self.general)
        self.saved = QLabel()
        self.saved.setObjectName("savedMessage")
        self.saved.hide()
        outer.addWidget(self.saved)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.reset_button = QPushButton("Wijzigingen &vergeten")
        self.save_button = QPushButton("&Opslaan")
        self.save_button.setObjectName("primaryButton")
        self.save_button.setToolTip("Gegevens opslaan (Ctrl+S)")
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.save_button)
        outer.addSpacing(6)
        outer.addLayout(buttons)
        for combo in (self.sector, self.region):
            combo.setMinimumWidth(280)
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.sector.currentIndexChanged.connect(self._sector_changed)
        self.municipality.textChanged.connect(self._municipality_changed)
        self.region.currentIndexChanged.connect(self._municipality_changed)
        self._sector_changed()

    def _field(self, key: str, label: str, widget: QWidget) -> Any:
        box, self.errors[key] = field_with_error(widget)
        self.fields[key] = widget
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.form.addRow(caption, box)
        return widget

    def _sector_changed(self) -> None:
        hours = schools.default_day_hours(self.sector.currentData() or "VO")
        self.day_hours.setPlaceholderText(
            f"standaard {str(hours).replace('.', ',')} voor {self.sector.currentData()}"
        )

    def _municipality_changed(self) -> None:
        region = schools.region_for_municipality(self.municipality.text())
        if region is None:
            self.region_hint.setText("")
            self.region_hint.hide()
            return
        chosen = self.region.currentData()
        text = f"{self.municipality.text().strip()} ligt in vakantieregio {region}."
        if chosen != region:
            text += " Controleer de gekozen regio."
        self.region_hint.setText(text)
        self.region_hint.show()

    def load(self, data: schools.SchoolData) -> None:
        """Fill the fields (and clear any messages)."""
        self.name.setText(data.name or "")
        self.brin.setText(data.brin or "")
        self.sector.setCurrentIndex(max(self.sector.findData(data.sector), 0))
        self.region.setCurrentIndex(max(self.region.findData(data.vacation_region), 0))
        self.municipality.setText(data.municipality or "")
        self.day_hours.setText(
            "" if data.day_hours is None else f"{data.day_hours:g}".replace(".", ",")
        )
        self.contact_name.setText(data.contact_name or "")
        self.contact_phone.setText(data.contact_phone or "")
        self.contact_email.setText(data.contact_email or "")
        self.show_errors({})

    def data(self) -> schools.SchoolData:
        """The entered values; raises :class:`ValidationError` for an unreadable day length."""
        text = self.day_hours.text().strip().replace(",", ".")
        hours: float | None = None
        if text:
            try:
                hours = float(text)
            except ValueError:
                raise ValidationError(
                    {"day_hours": "Vul het aantal lesuren per dag in als getal, bijv. 5,5."}
                ) from None
        return schools.SchoolData(
            name=self.name.text(),
            sector=self.sector.currentData(),
            vacation_region=self.region.currentData(),
            brin=self.brin.text(),
            municipality=self.municipality.text(),
            day_hours=hours,
            contact_name=self.contact_name.text(),
            contact_phone=self.contact_phone.text(),
            contact_email=self.contact_email.text(),
        )

    def show_errors(self, messages: dict[str, str]) -> None:
        """Each message under its field; others in the general label."""
        for key, label in self.errors.items():
            label.setText(messages.get(key, ""))
            label.setVisible(key in messages)
        rest = [m for k, m in messages.items() if k not in self.errors]
        self.general.setText("\n".join(rest))
        self.general.setVisible(bool(rest))
        self.saved.hide()
        first = next((k for k in self.errors if k in messages), None)
        if first is not None:
            self.fields[first].setFocus()


# --------------------------------------------------------------------------- the window


def _stat(caption: str) -> tuple[QFrame, QLabel]:
    card = QFrame()
    card.setObjectName("statCard")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(14, 6, 14, 6)
    layout.setSpacing(0)
    value = QLabel("–")
    value.setObjectName("statValue")
    label = QLabel(caption)
    label.setObjectName("statCaption")
    layout.addWidget(value)
    layout.addWidget(label)
    return card, value


class SchoolCalendarWindow(QWidget):
    """Scholen en schoolkalenders: school list, calendar of a school year, details form."""

    def __init__(
        self,
        desk: Any,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.desk = desk
        self.setObjectName("schoolsWindow")
        self.setWindowTitle("Scholen en schoolkalenders — VerzuimDesk")
        self.setStyleSheet(STYLE)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.school_id: int | None = None
        self.details: schools.SchoolDetails | None = None
        self.view: schools.SchoolCalendarView | None = None
        self.creating = False
        self._loading = False
        self._seen_version = -1
        self._pending = False
        self.today = today(desk)

        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self._build_list_panel())
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self._build_header())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("schoolTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_calendar_tab(), "Schoolkalender")
        self.tabs.addTab(self._build_details_tab(), "Gegevens")
        right.addWidget(self.tabs, 1)
        root.addLayout(right, 1)
        self._build_shortcuts()
        self.resize(1360, 860)

        self._unsubscribe = changes.bus(desk).subscribe(self._on_change)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.refresh_list()
        if self.school_list.count():
            self.school_list.setCurrentRow(0)
        else:
            self.show_school(None)

    # ------------------------------------------------------------------ building

    def _build_list_panel(self) -> QWidget:
        panel = QFrame()
        panel.setObjectName("schoolListPanel")
        panel.setFixedWidth(264)  # leaves the free periods room for their names
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(14, 14, 0, 10)
        layout.setSpacing(8)
        title = QLabel("Scholen")
        title.setObjectName("panelTitle")
        title.setContentsMargins(0, 0, 14, 0)
        layout.addWidget(title)
        self.search = QLineEdit()
        self.search.setObjectName("searchField")
        self.search.setPlaceholderText("Zoek school…  (Ctrl+F)")
        self.search.setToolTip("Zoek op naam, BRIN-nummer of gemeente")
        self.search.setClearButtonEnabled(True)
        self.search.setStyleSheet("min-width: 0px;")
        wrap = QHBoxLayout()
        wrap.setContentsMargins(0, 0, 14, 0)
        wrap.addWidget(self.search)
        layout.addLayout(wrap)
        self.school_list = QListWidget()
        self.school_list.setObjectName("schoolList")
        self.school_list.setItemDelegate(SchoolItemDelegate(self.school_list))
        self.school_list.setMouseTracking(True)
        self.school_list.setUniformItemSizes(True)
        self.school_list.setAccessibleName("Scholen")
        layout.addWidget(self.school_list, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 14, 0)
        bottom.addWidget(self.count_label, 1)
        self.new_button = QPushButton("Nieuwe school")
        self.new_button.setToolTip("Een school toevoegen (Ctrl+N)")
        bottom.addWidget(self.new_button)
        layout.addLayout(bottom)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(120)
        self._search_timer.timeout.connect(self.refresh_list)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._focus_first_school)
        self.school_list.currentItemChanged.connect(self._school_chosen)
        self.new_button.clicked.connect(self.new_school)
        return panel

    def _build_header(self) -> QWidget:
        header = QFrame()
        header.setObjectName("schoolHeader")
        layout = QVBoxLayout(header)
        layout.setContentsMargins(20, 12, 20, 10)
        layout.setSpacing(2)
        self.title = QLabel()
        self.title.setObjectName("schoolTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("schoolSubtitle")
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        return header

    def _build_calendar_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(10)

        top = QHBoxLayout()
        top.setSpacing(8)
        caption = QLabel("Schoo&ljaar")
        self.prev_year = QToolButton()
        self.prev_year.setObjectName("yearStep")
        self.prev_year.setText("‹")
        self.prev_year.setToolTip("Vorig schooljaar (Ctrl+PgUp)")
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("yearCombo")
        caption.setBuddy(self.year_combo)
        for year in schools.school_years(self.desk, before=4, after=3):
            self.year_combo.addItem(f"{year}-{year + 1}", year)
        self.year_combo.setCurrentIndex(
            max(self.year_combo.findData(schools.current_school_year(self.desk)), 0)
        )
        self.next_year = QToolButton()
        self.next_year.setObjectName("yearStep")
        self.next_year.setText("›")
        self.next_year.setToolTip("Volgend schooljaar (Ctrl+PgDown)")
        top.addWidget(caption)
        top.addWidget(self.prev_year)
        top.addWidget(self.year_combo)
        top.addWidget(self.next_year)
        top.addSpacing(14)
        card, self.schooldagen_label = _stat("schooldagen")
        top.addWidget(card)
        card, self.lesweken_label = _stat("lesweken")
        top.addWidget(card)
        card, self.free_label = _stat("vrije schooldagen (ma–vr)")
        top.addWidget(card)
        top.addStretch(1)
        self.goede_vrijdag = QCheckBox("&Goede Vrijdag vrij")
        self.bevrijdingsdag = QCheckBox("&Bevrijdingsdag vrij")
        holidays = QVBoxLayout()
        holidays.setSpacing(2)
        holidays.addWidget(self.goede_vrijdag)
        holidays.addWidget(self.bevrijdingsdag)
        top.addLayout(holidays)
        layout.addLayout(top)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.add_button = QPushButton("&Studiedag toevoegen…")
        self.add_button.setObjectName("primaryButton")
        self.add_button.setToolTip("Een extra vrije dag of periode van de school (Ctrl+T)")
        self.vacation_button = QPushButton("&Vakantie aanpassen…")
        self.vacation_button.setToolTip("Eigen data voor een vakantie, bijv. de herfstvakantie")
        self.import_button = QPushButton("Kalenderbestand &inlezen…")
        self.import_button.setToolTip(
            "Een CSV met start,eind,naam vervangt de vakanties en feestdagen (Ctrl+I)"
        )
        self.revert_button = QPushButton("Ingebouwde kalender &herstellen")
        self.revert_button.setToolTip(
            "Terug naar de vakanties en feestdagen van de regio (studiedagen blijven)"
        )
        for button in (self.add_button, self.vacation_button, self.import_button):
            actions.addWidget(button)
        actions.addWidget(self.revert_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.warning = QLabel()
        self.warning.setObjectName("calendarWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        layout.addWidget(self.warning)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        grid_card = QFrame()
        grid_card.setObjectName("calendarCard")
        grid_layout = QVBoxLayout(grid_card)
        grid_layout.setContentsMargins(8, 8, 8, 8)
        grid_layout.setSpacing(4)
        self.grid = YearGrid()
        grid_layout.addWidget(self.grid, 1)
        self.legend = Legend()
        grid_layout.addWidget(self.legend)
        split.addWidget(grid_card)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(6)
        periods_title = QLabel("&Vrije periodes in dit schooljaar")
        periods_title.setObjectName("sectionTitle")
        side_layout.addWidget(periods_title)
        self.model = PeriodModel(self)
        self.table = QTableView()
        self.table.setObjectName("periodTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for i, column in enumerate(self.model.columns):
            self.table.setColumnWidth(i, column.width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Date and days as wide as their text: fixed widths left the names ('Zom…') unreadable.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        periods_title.setBuddy(self.table)
        side_layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.period_hint = QLabel()
        self.period_hint.setObjectName("hintLabel")
        self.period_hint.setWordWrap(True)
        row.addWidget(self.period_hint, 1)
        self.edit_button = QPushButton("&Wijzigen…")
        self.delete_button = QPushButton("Verwij&deren")
        self.delete_button.setToolTip("De gekozen eigen vrije periode verwijderen (Delete)")
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        side_layout.addLayout(row)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([650, 510])
        layout.addWidget(split, 1)

        self.status = QLabel()
        self.status.setObjectName("schoolStatus")
        layout.addWidget(self.status)

        self.year_combo.currentIndexChanged.connect(lambda *_: self.refresh_calendar())
        self.prev_year.clicked.connect(lambda: self.step_year(-1))
        self.next_year.clicked.connect(lambda: self.step_year(1))
        self.add_button.clicked.connect(lambda: self.add_studiedag())
        self.vacation_button.clicked.connect(lambda: self.override_vacation())
        self.import_button.clicked.connect(lambda: self.import_file())
        self.revert_button.clicked.connect(self.revert)
        self.goede_vrijdag.clicked.connect(
            lambda checked: self.set_holiday(goede_vrijdag=bool(checked))
        )
        self.bevrijdingsdag.clicked.connect(
            lambda checked: self.set_holiday(bevrijdingsdag=bool(checked))
        )
        self.edit_button.clicked.connect(self.edit_period)
        self.delete_button.clicked.connect(self.delete_period)
        self.table.doubleClicked.connect(lambda *_: self.edit_period())
        self.table.selectionModel().selectionChanged.connect(self._entry_chosen)
        self.grid.dayChosen.connect(self._day_chosen)
        self.grid.activated.connect(lambda day: self.add_studiedag(day))
        return page

    def _build_details_tab(self) -> QWidget:
        page = QWidget()
        layout = QHBoxLayout(page)
        layout.setContentsMargins(20, 14, 20, 14)
        self.form = SchoolForm()
        self.form.setMaximumWidth(640)
        layout.addWidget(self.form, 3, Qt.AlignmentFlag.AlignTop)
        info = QFrame()
        info.setObjectName("formCard")
        info_layout = QVBoxLayout(info)
        info_layout.setContentsMargins(18, 14, 18, 14)
        info_title = QLabel("Wat telt voor de verzuimsignalen")
        info_title.setObjectName("sectionTitle")
        info_layout.addWidget(info_title)
        self.info_text = QLabel(
            "<p>De <b>vakantieregio</b> bepaalt de ingebouwde vakanties; de <b>sector</b> "
            "bepaalt welke ziekmeldingssignalen gelden (VO/MBO of PO).</p>"
            "<p>Een dag telt als <b>volledig afwezig</b> wanneer de ongeoorloofde uren de "
            "<b>lesuren per dag</b> halen. Leeg laten: 5,5 uur (PO) of 6 uur (VO, MBO).</p>"
            "<p>Wijzigt u een van deze drie, dan berekent VerzuimDesk de signalen en "
            "termijnen van alle leerlingen van de school opnieuw.</p>"
        )
        self.info_text.setWordWrap(True)
        self.info_text.setObjectName("hintLabel")
        self.info_text.setTextFormat(Qt.TextFormat.RichText)
        info_layout.addWidget(self.info_text)
        layout.addWidget(info, 2, Qt.AlignmentFlag.AlignTop)
        self.form.save_button.clicked.connect(self.save_details)
        self.form.reset_button.clicked.connect(self._reset_details)
        return page

    def _build_shortcuts(self) -> None:
        def shortcut(keys: Any, slot: Callable[[], Any], widget: QWidget | None = None) -> None:
            item = QShortcut(QKeySequence(keys), widget or self)
            item.setContext(
                Qt.ShortcutContext.WidgetShortcut
                if widget is not None
                else Qt.ShortcutContext.WindowShortcut
            )
            item.activated.connect(slot)

        shortcut("Ctrl+F", self.focus_search)
        shortcut("Ctrl+N", self.new_school)
        shortcut("Ctrl+S", self.save_details)
        shortcut("Ctrl+T", lambda: self.add_studiedag())
        shortcut("Ctrl+I", lambda: self.import_file())
        shortcut("Ctrl+PgUp", lambda: self.step_year(-1))
        shortcut("Ctrl+PgDown", lambda: self.step_year(1))
        shortcut("Escape", self._escape)
        shortcut(QKeySequence.StandardKey.Delete, self.delete_period, self.table)
        shortcut("Return", self.edit_period, self.table)
        shortcut("Enter", self.edit_period, self.table)
        self.undo_action = self.undo_stack.createUndoAction(self, "Ongedaan maken")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, "Opnieuw")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)

    # ------------------------------------------------------------------ progress

    def run_with_progress(self, call: Callable[[Any], T]) -> T:
        """Run a service call that recomputes pupils, with a progress dialog when it is slow.

        ``call`` gets a ``progress(done, total)`` callback for the service.
        """
        dialog: QProgressDialog | None = None
        label = "Signalen van de leerlingen opnieuw berekenen…"

        def progress(done: int, total: int) -> None:
            nonlocal dialog
            if dialog is None:
                dialog = QProgressDialog(label, "", 0, max(total, 1), self)
                dialog.setWindowTitle("Schoolkalender")
                dialog.setCancelButton(None)  # type: ignore[arg-type]
                dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
                dialog.setMinimumDuration(PROGRESS_AFTER_MS)
                dialog.setAutoClose(False)
                dialog.setAutoReset(False)
                dialog.setValue(0)
            dialog.setMaximum(max(total, 1))
            dialog.setLabelText(f"{label}\n{done} van {total} leerlingen")
            dialog.setValue(done)

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return call(progress)
        finally:
            QApplication.restoreOverrideCursor()
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()

    # ------------------------------------------------------------------ loading

    def refresh_list(self) -> None:
        """Reload the school list (keeps the chosen school when it is still there)."""
        rows = schools.list_schools(self.desk, self.search.text())
        self._loading = True
        try:
            self.school_list.clear()
            chosen = None
            for row in rows:
                item = QListWidgetItem(row.name)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                parts = [row.sector]
                if row.brin:
                    parts.append(row.brin)
                if row.municipality:
                    parts.append(row.municipality)
                parts.append(f"{row.pupils} leerling{'en' if row.pupils != 1 else ''}")
                if row.explicit_calendar:
                    parts.append("eigen kalender")
                item.setData(SchoolItemDelegate.SubtitleRole, "  ·  ".join(parts))
                item.setToolTip(f"{row.name}\n" + "  ·  ".join(parts))
                self.school_list.addItem(item)
                if row.id == self.school_id:
                    chosen = item
            if chosen is not None:
                self.school_list.setCurrentItem(chosen)
        finally:
            self._loading = False
        total = len(rows)
        self.count_label.setText(f"{total} school" if total == 1 else f"{total} scholen")

    def select_school(self, school_id: int) -> None:
        """Choose a school in the list (clearing the search when it hides it)."""
        for _attempt in range(2):
            for i in range(self.school_list.count()):
                if self.school_list.item(i).data(Qt.ItemDataRole.UserRole) == school_id:
                    self.school_list.setCurrentRow(i)
                    return
            self.search.clear()
            self.refresh_list()

    def _focus_first_school(self) -> None:
        if self.school_list.count():
            if self.school_list.currentRow() < 0:
                self.school_list.setCurrentRow(0)
            self.school_list.setFocus()

    def _school_chosen(self, current: QListWidgetItem | None, _previous: Any = None) -> None:
        if self._loading or current is None:
            return
        school_id = current.data(Qt.ItemDataRole.UserRole)
        if school_id != self.school_id or self.creating:
            self.show_school(school_id)

    def show_school(self, school_id: int | None) -> None:
        """Show a school's calendar and details (None: nothing chosen)."""
        self.creating = False
        self.school_id = school_id
        self.grid.selected = None
        self.details = None
        if school_id is not None:
            try:
                self.details = schools.school_details(self.desk, school_id)
            except NotFoundError as exc:
                self.status.setText(exc.message)
                self.school_id = None
        if self.details is not None:
            self.form.load(self.details.data)
        self.tabs.setTabEnabled(0, self.details is not None)
        self.refresh_calendar()
        self._update_header()

    def _update_header(self) -> None:
        if self.creating:
            self.title.setText("Nieuwe school")
            self.subtitle.setText("Vul de gegevens in en kies Opslaan (Ctrl+S).")
            return
        if self.details is None:
            self.title.setText("Geen school gekozen")
            self.subtitle.setText("Kies links een school of maak een nieuwe (Ctrl+N).")
            return
        data = self.details.data
        parts = [schools.SECTOR_NAMES.get(data.sector, data.sector)]
        if data.brin:
            parts.append(f"BRIN {data.brin}")
        if data.municipality:
            parts.append(data.municipality)
        parts.append(f"vakantieregio {schools.REGION_NAMES.get(data.vacation_region, '?')}")
        hours = data.day_hours or self.details.default_day_hours
        parts.append(f"{hours:g} lesuren per dag".replace(".", ","))
        parts.append(f"{self.details.pupils} leerling{'en' if self.details.pupils != 1 else ''}")
        self.title.setText(data.name)
        self.subtitle.setText("  ·  ".join(parts))

    def current_year(self) -> int:
        """The chosen school year (as the calendar year it starts in)."""
        year = self.year_combo.currentData()
        return int(year) if year is not None else schools.current_school_year(self.desk)

    def step_year(self, step: int) -> None:
        """Show the previous (-1) or next (+1) school year."""
        index = self.year_combo.currentIndex() + step
        if 0 <= index < self.year_combo.count():
            self.year_combo.setCurrentIndex(index)

    def refresh_calendar(self) -> None:
        """Reload the calendar of the chosen school and year."""
        self._seen_version = changes.bus(self.desk).version
        if self.school_id is None or self.creating:
            self.view = None
        else:
            try:
                self.view = schools.school_calendar(self.desk, self.school_id, self.current_year())
            except ServiceError as exc:
                self.view = None
                self.status.setText(exc.message)
        view = self.view
        selected_id = self._selected_entry_id()
        self.grid.set_view(view, self.today)
        self.model.set_rows(list(view.entries) if view else [])
        self.schooldagen_label.setText(str(view.schooldagen) if view else "–")
        self.lesweken_label.setText(str(view.lesweken) if view else "–")
        self.free_label.setText(
            str(sum(1 for d in view.day_names if d.weekday() < 5)) if view else "–"
        )
        self._loading = True
        try:
            self.goede_vrijdag.setChecked(bool(view and view.goede_vrijdag))
            self.bevrijdingsdag.setChecked(bool(view and view.bevrijdingsdag))
        finally:
            self._loading = False
        enabled = view is not None
        explicit = bool(view and view.explicit)
        for widget in (self.add_button, self.import_button, self.table, self.grid):
            widget.setEnabled(enabled)
        for widget in (self.goede_vrijdag, self.bevrijdingsdag, self.vacation_button):
            widget.setEnabled(enabled and not explicit)
        explained = "Niet bij een ingelezen kalenderbestand." if explicit else ""
        for widget in (self.goede_vrijdag, self.bevrijdingsdag):
            widget.setToolTip(explained or "Vrij op deze feestdag (per school, rules.md §1)")
        has_own = bool(view and any(e.kind == schools.KIND_OVERRIDE for e in view.entries))
        self.revert_button.setEnabled(enabled and (explicit or has_own))
        self.warning.setText(view.warning if view else "")
        self.warning.setVisible(bool(view and view.warning))
        self.prev_year.setEnabled(self.year_combo.currentIndex() > 0)
        self.next_year.setEnabled(self.year_combo.currentIndex() < self.year_combo.count() - 1)
        if selected_id is not None:
            self.select_entry(selected_id)
        self._entry_chosen()

    # ------------------------------------------------------------------ selection

    def _selected_entry(self) -> schools.CalendarEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selected_entry_id(self) -> int | None:
        entry = self._selected_entry()
        return entry.period_id if entry is not None else None

    def select_entry(self, period_id: int) -> None:
        """Choose the list row of one of the school's own periods."""
        for i, entry in enumerate(self.model.rows):
            if entry.period_id == period_id:
                self.table.selectRow(i)
                self.table.scrollTo(self.model.index(i, 0))
                return

    def _entry_chosen(self, *_args: Any) -> None:
        entry = self._selected_entry()
        self.grid.set_highlight((entry.start, entry.end) if entry else None)
        editable = bool(entry and entry.editable)
        self.edit_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        if entry is None:
            self.period_hint.setText("")
            return
        hint = f"{entry.kind_label}."
        if entry.note:
            hint += f" {entry.note}"
        if entry.kind == schools.KIND_VACATION:
            hint += " Andere data? Kies ‘Vakantie aanpassen…’."
        self.period_hint.setText(hint)

    def _day_chosen(self, day: dt.date) -> None:
        for i, entry in enumerate(self.model.rows):
            if entry.start <= day <= entry.end:
                if self.table.currentIndex().row() != i:
                    self.table.selectRow(i)
                return
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self._entry_chosen()

    # ------------------------------------------------------------------ calendar actions

    def after_calendar_change(
        self, school_id: int, change: schools.CalendarChange, message: str
    ) -> None:
        """Show the outcome of a calendar change (also after undo/redo)."""
        if school_id != self.school_id:
            self.select_school(school_id)
        self.refresh_list()
        self.refresh_calendar()
        if change.period_id is not None:
            self.select_entry(change.period_id)
        n = change.recomputed
        suffix = (
            f" — signalen van {n} leerling{'en' if n != 1 else ''} opnieuw berekend." if n else "."
        )
        self.status.setText(message + suffix)

    def _push(self, change: schools.CalendarChange, text: str, message: str) -> None:
        if change.before != change.after:
            self.undo_stack.push(CalendarCommand(self, change, text))
        self.after_calendar_change(change.before.school_id, change, message)

    def add_studiedag(self, day: dt.date | None = None) -> schools.CalendarChange | None:
        """Add a studiedag (on ``day``, the chosen day or the first schooldag after today)."""
        if self.view is None or self.school_id is None:
            return None
        start = day or self.grid.selected or self.today
        if not self.view.start <= start <= self.view.end:
            start = self.view.start
        dialog = PeriodDialog(self, self.school_id, start=start)
        if dialog.exec() and dialog.change is not None:
            self._push(dialog.change, "Studiedag toevoegen", "Studiedag toegevoegd")
            return dialog.change
        return None

    def override_vacation(self, name: str | None = None) -> schools.CalendarChange | None:
        """Give a vacation the school's own dates."""
        if self.view is None:
            return None
        entry = self._selected_entry()
        if name is None and entry is not None and entry.name in schools.VACATION_NAMES:
            name = entry.name
        dialog = VacationDialog(self, self.view, name=name)
        if dialog.exec() and dialog.change is not None:
            vacation = dialog.vacation.currentData()
            self._push(dialog.change, f"{vacation} aanpassen", f"{vacation} heeft eigen data")
            return dialog.change
        return None

    def edit_period(self) -> schools.CalendarChange | None:
        """Change the chosen own free period."""
        entry = self._selected_entry()
        if entry is None or self.view is None:
            return None
        if not entry.editable:
            if entry.kind == schools.KIND_VACATION:
                return self.override_vacation(entry.name)
            return None
        dialog: PeriodDialog | VacationDialog
        if entry.kind == schools.KIND_OVERRIDE:
            dialog = VacationDialog(self, self.view, name=entry.name, period_id=entry.period_id)
            first, last = entry.whole
            dialog.start.setDate(to_qdate(first))
            dialog.end.setDate(to_qdate(last))
        else:
            dialog = PeriodDialog(
                self,
                self.view.school_id,
                start=entry.start,
                end=entry.end,
                name=entry.name,
                period_id=entry.period_id,
            )
        if dialog.exec() and dialog.change is not None:
            self._push(dialog.change, f"{entry.name} wijzigen", f"{entry.name} gewijzigd")
            return dialog.change
        return None

    def delete_period(self) -> schools.CalendarChange | None:
        """Delete the chosen own free period (Ctrl+Z brings it back)."""
        entry = self._selected_entry()
        if entry is None or not entry.editable or entry.period_id is None:
            return None
        try:
            change = self.run_with_progress(
                lambda progress: schools.delete_free_period(
                    self.desk, entry.period_id, progress=progress
                )
            )
        except ServiceError as exc:
            errors.report(self, exc)
            self.refresh_calendar()
            return None
        self._push(
            change,
            f"{entry.name} verwijderen",
            f"‘{entry.name}’ verwijderd (Ctrl+Z zet het terug)",
        )
        return change

    def set_holiday(
        self, *, goede_vrijdag: bool | None = None, bevrijdingsdag: bool | None = None
    ) -> schools.CalendarChange | None:
        """Make Goede Vrijdag or Bevrijdingsdag free (or not) at the chosen school."""
        if self._loading or self.school_id is None:
            return None
        school_id = self.school_id
        try:
            change = self.run_with_progress(
                lambda progress: schools.set_holidays_free(
                    self.desk,
                    school_id,
                    goede_vrijdag=goede_vrijdag,
                    bevrijdingsdag=bevrijdingsdag,
                    progress=progress,
                )
            )
        except ServiceError as exc:
            errors.report(self, exc)
            self.refresh_calendar()
            return None
        day, free = (
            ("Goede Vrijdag", goede_vrijdag)
            if goede_vrijdag is not None
            else ("Bevrijdingsdag", bevrijdingsdag)
        )
        text = f"{day} {'vrij' if free else 'schooldag'}"
        self._push(change, text, f"{day} is {'een vrije dag' if free else 'een schooldag'}")
        return change

    def import_file(self, path: str | None = None) -> schools.CalendarChange | None:
        """Read a calendar file (``start,eind,naam``) that replaces vacations and holidays."""
        if self.school_id is None or self.view is None:
            return None
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self,
                "Kalenderbestand inlezen",
                "",
                "Kalenderbestanden (*.csv *.txt);;Alle bestanden (*)",
            )
            if not path:
                return None
        school_id = self.school_id
        try:
            text = schools.read_calendar_file(path)
            change = self.run_with_progress(
                lambda progress: schools.import_calendar_csv(
                    self.desk, school_id, text, progress=progress
                )
            )
        except ValidationError as exc:
            message = exc.errors.get("file", exc.message)
            errors.show_error(
                self, f"Het kalenderbestand is niet ingelezen; er is niets gewijzigd.\n\n{message}"
            )
            self.status.setText("Kalenderbestand niet ingelezen.")
            return None
        except ServiceError as exc:
            errors.report(self, exc)
            return None
        self._push(
            change,
            "Kalenderbestand inlezen",
            f"Kalenderbestand ingelezen ({sum(1 for p in change.after.periods if p.kind == 'file')}"
            " periodes)",
        )
        return change

    def revert(self) -> schools.CalendarChange | None:
        """Back to the built-in calendar of the region (studiedagen stay)."""
        if self.school_id is None:
            return None
        school_id = self.school_id
        try:
            change = self.run_with_progress(
                lambda progress: schools.revert_to_builtin(self.desk, school_id, progress=progress)
            )
        except ServiceError as exc:
            errors.report(self, exc)
            return None
        self._push(
            change,
            "Ingebouwde kalender herstellen",
            "De ingebouwde kalender van de regio geldt weer",
        )
        return change

    # ------------------------------------------------------------------ details

    def new_school(self) -> None:
        """Start a new school in the details form."""
        self.creating = True
        self.school_id = None
        self.details = None
        self.school_list.clearSelection()
        self.school_list.setCurrentItem(None)
        region = getattr(getattr(self.desk, "region", None), "vacation_region", None) or "midden"
        self.form.load(schools.SchoolData("", "VO", region))
        self.refresh_calendar()
        self.tabs.setTabEnabled(0, False)
        self.tabs.setCurrentIndex(1)
        self._update_header()
        self.form.name.setFocus()

    def _reset_details(self) -> None:
        if self.creating:
            self.new_school()
        elif self.details is not None:
            self.form.load(self.details.data)

    def save_details(self) -> int | None:
        """Save the details form (create or update); messages appear next to the fields."""
        if not self.creating and self.school_id is None:
            return None
        try:
            data = self.form.data()
            if self.creating:
                school_id = schools.create_school(self.desk, data)
                recomputed = 0
            else:
                school_id = self.school_id
                recomputed = self.run_with_progress(
                    lambda progress: schools.update_school(
                        self.desk, school_id, data, progress=progress
                    )
                )
        except ValidationError as exc:
            self.tabs.setCurrentIndex(1)
            self.form.show_errors(exc.errors)
            return None
        except ServiceError as exc:
            errors.report(self, exc)
            return None
        created = self.creating
        self.creating = False
        self.school_id = school_id
        self.refresh_list()
        self.select_school(school_id)
        self.show_school(school_id)
        message = "School toegevoegd" if created else "Gegevens opgeslagen"
        if recomputed:
            message += f" — signalen van {recomputed} leerlingen opnieuw berekend"
        self.status.setText(message + ".")
        self.form.saved.setText(message + ".")
        self.form.saved.show()
        return school_id

    # ------------------------------------------------------------------ misc

    def _escape(self) -> None:
        """Esc: clear a search first, else close the window."""
        if self.search.hasFocus() and self.search.text():
            self.search.clear()
            return
        self.close()

    def focus_search(self) -> None:
        """Ctrl+F: to the search field."""
        self.search.setFocus()
        self.search.selectAll()

    def _on_change(self, change: changes.Change) -> None:
        if change.kind in ("school", "pupil", "all") and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._apply_change)

    def _apply_change(self) -> None:
        self._pending = False
        if changes.bus(self.desk).version == self._seen_version:
            return  # our own change, already shown
        self.refresh_list()
        if self.school_id is not None and not self.creating:
            try:
                self.details = schools.school_details(self.desk, self.school_id)
            except NotFoundError:
                self.show_school(None)
                return
            self._update_header()
            self.refresh_calendar()
