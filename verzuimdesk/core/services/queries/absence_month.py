"""A pupil's month of absence records, with the signals of that month, for the grid."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from verzuimdesk.core.models import (
    AbsenceRecord,
    Case,
    Pupil,
    School,
    StoredSignal,
)
from verzuimdesk.core.services import rules_gateway
from verzuimdesk.core.services.absences import KIND_NAMES, signal_name
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.errors import NotFoundError
from verzuimdesk.core.services.queries.case_details import SignalItem

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


@dataclass(frozen=True)
class DayAbsences:
    """One day of a pupil's month: whether it is a schooldag and the hours per kind."""

    date: dt.date
    schooldag: bool
    free_name: str
    hours: dict[str, float]
    notes: dict[str, str]
    record_ids: dict[str, int]
    #: The record version per kind as read (a cell without a record is version 0): a save
    #: of the cell carries it, so a colleague's change in between is a conflict.
    versions: dict[str, int] = field(default_factory=dict)

    @property
    def total_unauthorised(self) -> float:
        """Ongeoorloofd + luxe hours of the day."""
        return self.hours.get("ongeoorloofd", 0.0) + self.hours.get("luxe", 0.0)


@dataclass
class MonthAbsences:
    """A pupil's absence records of one month, with the school calendar's free days."""

    pupil_id: int
    pupil_name: str
    school_name: str
    month: dt.date
    day_hours: float
    days: list[DayAbsences]
    signals: list[SignalItem]
    today: dt.date
    open_case_id: int | None = None

    def totals(self) -> dict[str, float]:
        """Hours per kind over the month's schooldagen."""
        out: dict[str, float] = dict.fromkeys(KIND_NAMES, 0.0)
        for day in self.days:
            if day.schooldag:
                for kind, hours in day.hours.items():
                    out[kind] = out.get(kind, 0.0) + hours
        return out


def pupil_absences(desk: Desk, pupil_id: int, month: dt.date) -> MonthAbsences:
    """A pupil's records in the month of ``month``, every day with its calendar facts."""
    first = month.replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    now = today(desk)
    with desk.case_base.sessions() as session:
        pupil = session.get(
            Pupil, pupil_id, options=[selectinload(Pupil.school).selectinload(School.free_periods)]
        )
        if pupil is None:
            raise NotFoundError("Deze leerling bestaat niet meer.")
        school = pupil.school
        calendar = rules_gateway.school_calendar(desk, school)
        records = session.execute(
            select(
                AbsenceRecord.id,
                AbsenceRecord.date,
                AbsenceRecord.kind,
                AbsenceRecord.hours,
                AbsenceRecord.note,
                AbsenceRecord.version,
            ).where(
                AbsenceRecord.pupil_id == pupil_id,
                AbsenceRecord.date >= first,
                AbsenceRecord.date < nxt,
            )
        ).all()
        stored = session.scalars(
            select(StoredSignal)
            .where(StoredSignal.pupil_id == pupil_id)
            .order_by(StoredSignal.datum, StoredSignal.code)
        ).all()
        open_case = session.scalar(
            select(Case.id).where(Case.pupil_id == pupil_id, Case.closed_on.is_(None))
        )
        signals = [
            SignalItem(
                s.code,
                signal_name(desk, s.code),
                s.datum,
                s.start,
                s.eind,
                float(s.uren) if s.uren is not None else None,
                s.deadline_on,
                s.reported_on,
                s.deadline_on is not None and s.reported_on is None and s.deadline_on < now,
            )
            for s in stored
        ]
        name = pupil.full_name
        school_name = school.name if school else ""
        day_hours = rules_gateway.day_hours_of(school)
    per_day: dict[dt.date, dict[str, tuple[int, float, str, int]]] = defaultdict(dict)
    for rid, date, kind, hours, note, version in records:
        per_day[date][kind] = (rid, float(hours), note or "", version)
    days = []
    d = first
    while d < nxt:
        school_day = calendar.is_schooldag(d)
        free = (
            ""
            if school_day
            else (calendar.free_day_name(d) or ("Weekend" if d.weekday() >= 5 else "Vrij"))
        )
        cells = per_day.get(d, {})
        days.append(
            DayAbsences(
                d,
                school_day,
                free,
                {k: v[1] for k, v in cells.items()},
                {k: v[2] for k, v in cells.items() if v[2]},
                {k: v[0] for k, v in cells.items()},
                {k: v[3] for k, v in cells.items()},
            )
        )
        d += dt.timedelta(days=1)
    return MonthAbsences(
        pupil_id, name, school_name, first, day_hours, days, signals, now, open_case
    )
