"""The free periods of a school calendar: their table, and the dialogs that edit them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
)
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
)

from verzuimdesk.core.services import schools
from verzuimdesk.gui.dialogs import ValidatingDialog, date_edit
from verzuimdesk.gui.formatting import MONTHS, date_long, from_qdate, to_qdate
from verzuimdesk.gui.school_calendar.host import SchoolsHost
from verzuimdesk.gui.school_calendar.year_grid import KIND_COLOURS
from verzuimdesk.gui.table_model import MUTED, Column, RowTableModel


class PeriodModel(RowTableModel):
    """The free periods of the year: when, name (with the colour of its kind), days."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column("Wanneer", period_text, width=158, tooltip=entry_tooltip),
                Column(
                    "Naam",
                    lambda e: e.name,
                    width=170,
                    bold=lambda e: e.editable,
                    tooltip=entry_tooltip,
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


def period_text(entry: schools.CalendarEntry) -> str:
    """``do 26 nov 2026``, ``17 – 25 okt 2026``, ``19 dec – 3 jan 2027`` (within a school year)."""
    start, end = entry.start, entry.end
    if start == end:
        return date_long(start)
    if start.month != end.month:
        return (
            f"{start.day} {MONTHS[start.month - 1]} – {end.day} {MONTHS[end.month - 1]} {end.year}"
        )
    return f"{start.day} – {end.day} {MONTHS[end.month - 1]} {end.year}"


def entry_tooltip(entry: schools.CalendarEntry) -> str:
    text = f"{entry.name} — {entry.kind_label.lower()}"
    if entry.note:
        text += f"\n{entry.note}"
    if entry.editable:
        text += "\nDubbelklik of Enter om te wijzigen; Delete verwijdert."
    return text


# --------------------------------------------------------------------------- school list


class PeriodDialog(ValidatingDialog):
    """Add or change an own free day or period (a studiedag)."""

    def __init__(
        self,
        host: SchoolsHost,
        school_id: int,
        *,
        start: dt.date,
        end: dt.date | None = None,
        name: str = "Studiedag",
        period_id: int | None = None,
    ) -> None:
        super().__init__(
            "Vrije periode wijzigen" if period_id else "Studiedag of vrije dag toevoegen", host
        )
        self.host, self.school_id, self.period_id = host, school_id, period_id
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
        if self.start.date().isValid() and self.end.date() < self.start.date():
            self.end.setDate(self.start.date())

    def save(self) -> schools.CalendarChange:
        start, end = from_qdate(self.start.date()), from_qdate(self.end.date())
        period_id = self.period_id
        if period_id is None:
            self.change = self.host.run_with_progress(
                lambda progress: schools.add_studiedag(
                    self.host.desk,
                    self.school_id,
                    start,
                    end,
                    self.name.text(),
                    progress=progress,
                )
            )
        else:
            self.change = self.host.run_with_progress(
                lambda progress: schools.update_free_period(
                    self.host.desk,
                    period_id,
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
        host: SchoolsHost,
        view: schools.SchoolCalendarView,
        *,
        name: str | None = None,
        period_id: int | None = None,
    ) -> None:
        super().__init__("Vakantie met eigen data", host)
        self.host, self.view, self.period_id = host, view, period_id
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
        desk, period_id = self.host.desk, self.period_id

        def call(progress: schools.Progress) -> schools.CalendarChange:
            if period_id is None:
                return schools.add_vacation_override(
                    desk, self.view.school_id, name, start, end, progress=progress
                )
            return schools.update_free_period(desk, period_id, start, end, name, progress=progress)

        self.change = self.host.run_with_progress(call)
        return self.change


# --------------------------------------------------------------------------- the details form
