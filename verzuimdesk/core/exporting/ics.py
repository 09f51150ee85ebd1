"""Open deadlines as an iCalendar (``.ics``) file for Outlook (``icalendar`` package).

Each deadline is an all-day event on its due date. The summary names the case by its
number, not the pupil, unless the user ticks *namen opnemen*: an agenda is often shared
or synchronised to a phone, and a case number is enough to find the case in the desk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import or_, select

from verzuimdesk.core.models import Case, Deadline, Person, Pupil, RoleAssignment

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

PRODID = "-//VerzuimDesk//Termijnen//NL"


@dataclass(frozen=True)
class CalendarDeadline:
    """One open deadline as the calendar shows it."""

    deadline_id: int
    case_number: str
    pupil_name: str
    due_on: dt.date
    what: str


def open_deadlines(
    desk: Desk, *, mine: bool = False, case_ids: set[int] | None = None
) -> list[CalendarDeadline]:
    """Open deadlines of open cases: the user's own cases (``mine``: in regie or holding a
    role), the cases ``case_ids`` (a filter), or all."""
    query = (
        select(
            Deadline.id,
            Case.number,
            Pupil.first_name,
            Pupil.last_name,
            Deadline.due_on,
            Deadline.what,
        )
        .join(Case, Case.id == Deadline.case_id)
        .join(Pupil, Pupil.id == Case.pupil_id)
        .where(Deadline.done_on.is_(None), Case.closed_on.is_(None))
        .order_by(Deadline.due_on, Case.number)
    )
    if mine:
        people = select(Person.id).where(Person.username == desk.user)
        roles = select(RoleAssignment.case_id).where(RoleAssignment.person_id.in_(people))
        query = query.where(or_(Case.regie_person_id.in_(people), Case.id.in_(roles)))
    if case_ids is not None:
        query = query.where(Case.id.in_(sorted(case_ids)))
    with desk.case_base.sessions() as session:
        return [
            CalendarDeadline(did, number, f"{first} {last}", due, what)
            for did, number, first, last, due, what in session.execute(query)
        ]


def deadlines_ics(
    deadlines: list[CalendarDeadline],
    *,
    include_names: bool = False,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The deadlines as an ``.ics`` calendar (all-day events, stable UIDs)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "VerzuimDesk termijnen")
    now = stamp or dt.datetime.now(dt.UTC)
    for item in deadlines:
        event = Event()
        who = f"{item.case_number} ({item.pupil_name})" if include_names else item.case_number
        event.add("uid", f"termijn-{item.deadline_id}@verzuimdesk")
        event.add("dtstamp", now)
        event.add("dtstart", item.due_on)
        event.add("dtend", item.due_on + dt.timedelta(days=1))
        event.add("summary", f"Termijn casus {who}: {item.what}"[:250])
        event.add("description", f"Casus {who}\n{item.what}\nOpen de casus in VerzuimDesk.")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
