"""The desk's one date field: type a date (``26-11-2026``, ``26112026``, ``26/11/26``) or pick
it from a calendar; an optional field may be left or made empty.

``QDateEdit`` was used before. Its section-wise typing does not survive an empty ("leeg")
field or typed separators: typing 26-11-2026 into an empty field gave ``30-11--`` and saved
today's date. This field is a line edit that parses what was typed as a whole, so typing a
date gives exactly that date and clearing gives empty. It keeps the ``QDateEdit`` calls
callers used (``date()``, ``setDate()``, ``dateChanged``).
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QWidget,
    QWidgetAction,
)

#: What the field shows and what the placeholder asks for.
DISPLAY_FORMAT = "%d-%m-%Y"
PLACEHOLDER = "dd-mm-jjjj"
INVALID_MESSAGE = "Geen geldige datum; typ dd-mm-jjjj."
REQUIRED_MESSAGE = "Vul een datum in (dd-mm-jjjj)."

_SEPARATED = re.compile(r"^(\d{1,2})\s*[-/.\s]\s*(\d{1,2})(?:\s*[-/.\s]\s*(\d{2}|\d{4}))?$")
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")


def parse_dutch_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """The date in ``text`` (day first), or None when it is not one.

    Accepts ``26-11-2026``, ``26/11/2026``, ``26.11.26``, ``26112026``, ``261126`` and
    ``26-11`` (this year). Two-digit years are this century unless that is over twenty
    years ahead.
    """
    text = text.strip()
    today = today or dt.date.today()
    match = _SEPARATED.match(text) or _DIGITS.match(text)
    if match is None:
        return None
    day, month, year_text = match.group(1), match.group(2), match.group(3)
    if year_text is None:
        year = today.year
    elif len(year_text) == 2:
        year = 2000 + int(year_text)
        if year > today.year + 20:
            year -= 100
    else:
        year = int(year_text)
    try:
        return dt.date(year, int(month), int(day))
    except ValueError:
        return None


def _to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateField(QWidget):
    """A typed date with a calendar button; optional fields may be empty.

    ``value()`` is the date (None when empty or not a date); ``is_valid()`` says whether
    what was typed is acceptable (a date, or empty in an optional field).
    """

    #: The date changed (an invalid ``QDate`` when the field became empty).
    dateChanged = Signal(QDate)

    def __init__(
        self,
        day: dt.date | None = None,
        *,
        optional: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self._value: dt.date | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.line_edit = QLineEdit()
        self.line_edit.setPlaceholderText("leeg" if optional else PLACEHOLDER)
        self.line_edit.setToolTip(
            "Typ de datum als dd-mm-jjjj, of kies hem in de kalender. "
            "Pijl omhoog/omlaag: een dag verder/terug."
            + (" Leegmaken: de tekst wissen." if optional else "")
        )
        self.line_edit.setMaxLength(12)
        self.line_edit.setMinimumWidth(96)
        self.calendar_button = QToolButton()
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip("Datum kiezen in de kalender")
        self.calendar_button.setAccessibleName("Kalender openen")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.line_edit, 1)
        layout.addWidget(self.calendar_button)
        self.setFocusProxy(self.line_edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMaximumWidth(170)
        self._menu = QMenu(self)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setHorizontalHeaderFormat(
            QCalendarWidget.HorizontalHeaderFormat.ShortDayNames
        )
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
        action = QWidgetAction(self._menu)
        action.setDefaultWidget(self.calendar)
        self._menu.addAction(action)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.calendar_button.clicked.connect(self.show_calendar)
        self.line_edit.textEdited.connect(self._typed)
        self.line_edit.editingFinished.connect(self._tidy)
        self.line_edit.installEventFilter(self)
        self.set_value(day)

    # ------------------------------------------------------------------ value

    def value(self) -> dt.date | None:
        """The date, or None when the field is empty or holds no date."""
        return self._value

    def set_value(self, day: dt.date | None) -> None:
        """Show ``day`` (None: empty) without emitting :attr:`dateChanged`."""
        self._value = day
        with QSignalBlocker(self.line_edit):
            self.line_edit.setText("" if day is None else day.strftime(DISPLAY_FORMAT))
        self._mark()

    def text(self) -> str:
        """What the field shows."""
        return self.line_edit.text()

    def is_empty(self) -> bool:
        """True when nothing is typed."""
        return not self.line_edit.text().strip()

    def is_valid(self) -> bool:
        """A date, or empty in an optional field."""
        return self._value is not None or (self.optional and self.is_empty())

    def error(self) -> str:
        """The Dutch message for what is typed, or "" when it is acceptable."""
        if self.is_valid():
            return ""
        return REQUIRED_MESSAGE if self.is_empty() else INVALID_MESSAGE

    # ------------------------------------------------------ QDateEdit-compatible

    def date(self) -> QDate:
        """The date as ``QDate`` (an invalid one when empty)."""
        return QDate() if self._value is None else _to_qdate(self._value)

    def setDate(self, day: QDate) -> None:
        """Set the date (an invalid ``QDate`` empties an optional field); emits on change."""
        self._set(dt.date(day.year(), day.month(), day.day()) if day.isValid() else None)

    def clear(self) -> None:
        """Empty the field (emits :attr:`dateChanged` when it held a date)."""
        self._set(None)

    # ------------------------------------------------------------------ internals

    def _set(self, day: dt.date | None) -> None:
        changed = day != self._value
        self.set_value(day)
        if changed:
            self.dateChanged.emit(self.date())

    def _typed(self, text: str) -> None:
        day = parse_dutch_date(text) if text.strip() else None
        changed = day != self._value
        self._value = day
        self._mark()
        if changed:
            self.dateChanged.emit(self.date())

    def _tidy(self) -> None:
        """Leaving the field: show a typed date the standard way."""
        if self._value is not None:
            with QSignalBlocker(self.line_edit):
                self.line_edit.setText(self._value.strftime(DISPLAY_FORMAT))
        self._mark()

    def _mark(self) -> None:
        typed_wrong = not self.is_empty() and self._value is None
        if bool(self.line_edit.property("invalid")) != typed_wrong:
            self.line_edit.setProperty("invalid", typed_wrong)
            self.line_edit.style().unpolish(self.line_edit)
            self.line_edit.style().polish(self.line_edit)

    def _picked(self, day: QDate) -> None:
        self._menu.hide()
        self.setDate(day)
        self.line_edit.setFocus()

    def _size_calendar(self) -> None:
        """Room for the weekday row and six weeks at their natural height.

        Qt's own size hint squeezes the rows; a date in the last week then scrolled the
        weekday row ("ma di wo …") out of the pop-up.
        """
        metrics = self.calendar.fontMetrics()
        bar = self.calendar.findChild(QWidget, "qt_calendar_navigationbar")
        bar_h = bar.sizeHint().height() if bar is not None else metrics.height() + 12
        row_h = metrics.height() + 8
        cell_w = max(metrics.horizontalAdvance("wo"), metrics.horizontalAdvance("53")) + 18
        hint = self.calendar.sizeHint()
        self.calendar.setMinimumSize(
            max(hint.width(), 8 * cell_w + 4), max(hint.height(), bar_h + 7 * row_h + 6)
        )

    def show_calendar(self) -> None:
        """Open the calendar at the field's date (today's month when empty)."""
        day = self._value or dt.date.today()
        self._size_calendar()
        with QSignalBlocker(self.calendar):
            self.calendar.setSelectedDate(_to_qdate(day))
        table = self.calendar.findChild(QTableView)
        if table is not None:
            table.scrollToTop()
        self._menu.popup(self.mapToGlobal(self.rect().bottomLeft()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down: a day later/earlier (from today when empty); Alt+Down: the calendar."""
        if watched is self.line_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            if key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
                self.show_calendar()
                return True
            steps = {
                Qt.Key.Key_Up: 1,
                Qt.Key.Key_Down: -1,
                Qt.Key.Key_PageUp: 30,
                Qt.Key.Key_PageDown: -30,
            }
            if key in steps:
                base = self._value
                self._set(dt.date.today() if base is None else base + dt.timedelta(days=steps[key]))
                return True
        return super().eventFilter(watched, event)
