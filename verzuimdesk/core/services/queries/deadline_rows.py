"""The deadlines overview: open deadlines of every case, grouped by when they are due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from verzuimdesk.core.models import (
    Case,
    Deadline,
    Pupil,
    School,
)
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.queries.joins import with_pupil_and_school

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


@dataclass(frozen=True)
class DeadlineRow:
    """A deadline across all cases."""

    deadline_id: int
    case_id: int
    case_number: str
    pupil_name: str
    school_name: str
    due_on: dt.date
    what: str
    role: str
    stage: str
    #: A region deadline (not of one case; ``case_id`` is 0): its id.
    region_deadline_id: int | None = None


#: Deadline groups in display order, with their Dutch titles.
DEADLINE_GROUPS: tuple[tuple[str, str], ...] = (
    ("overdue", "Verlopen"),
    ("today", "Vandaag"),
    ("week", "Deze week"),
    ("later", "Later"),
)


@dataclass
class DeadlinesOverview:
    """Open deadlines of open cases, grouped overdue / today / this week / later."""

    today: dt.date
    groups: dict[str, list[DeadlineRow]]

    def count(self, group: str) -> int:
        """How many deadlines the group has."""
        return len(self.groups.get(group, ()))


def deadlines_overview(desk: Desk, on: dt.date | None = None) -> DeadlinesOverview:
    """Every open deadline of an open case, grouped by urgency relative to ``on``."""
    now = on or today(desk)
    end_of_week = now + dt.timedelta(days=6 - now.weekday())
    registry = desk.registry
    region = desk.region_id
    role_names = {r.id: r.name for r in registry.roles(region)}
    stage_names = {s.id: f"{s.number}. {s.name}" for s in registry.ladder(region).stages}
    with desk.case_base.sessions() as session:
        raw = session.execute(
            with_pupil_and_school(
                select(
                    Deadline.id,
                    Case.id,
                    Case.number,
                    Pupil.first_name,
                    Pupil.last_name,
                    School.name,
                    Deadline.due_on,
                    Deadline.what,
                    Deadline.role_id,
                    Case.stage_id,
                ).join(Case, Case.id == Deadline.case_id)
            )
            .where(Deadline.done_on.is_(None), Case.closed_on.is_(None))
            .order_by(Deadline.due_on, Case.number)
        ).all()
    groups: dict[str, list[DeadlineRow]] = {key: [] for key, _ in DEADLINE_GROUPS}
    for did, cid, number, first, last, school, due, what, role, stage in raw:
        row = DeadlineRow(
            did,
            cid,
            number,
            f"{first} {last}",
            school or "",
            due,
            what,
            role_names.get(role or "", role or ""),
            stage_names.get(stage, stage),
        )
        if due < now:
            groups["overdue"].append(row)
        elif due == now:
            groups["today"].append(row)
        elif due <= end_of_week:
            groups["week"].append(row)
        else:
            groups["later"].append(row)
    # Region deadlines on fixed calendar dates (the round, the inspectie list, call-backs).
    from verzuimdesk.core.services import region_deadlines as regional

    for r in regional.region_deadlines(desk):
        key = "overdue" if r.due_on < now else "today" if r.due_on == now else (
            "week" if r.due_on <= end_of_week else "later")  # fmt: skip
        groups[key].append(DeadlineRow(0, 0, regional.KIND_NAMES.get(r.kind, r.kind), "—",
                           r.school_name, r.due_on, r.what, regional.WHO, f"Regio · {r.quarter}",
                           region_deadline_id=r.id))  # fmt: skip
        groups[key].sort(key=lambda row: (row.due_on, row.case_number))
    return DeadlinesOverview(now, groups)
