"""The desk's user as a person of the region, and every person's workload.

**Where the link is kept.** The user (``desk.user``, the operating-system login the audit
trail records) is linked to a :class:`~verzuimdesk.core.models.Person` by setting that
person's ``username`` in the case base, not in the user's own settings:

- the link belongs to the case base, like the persons themselves: a regisseur who opens
  the shared PostgreSQL case base from another computer is still herself, and colleagues
  see who is who;
- ``Person.username`` is unique, so the database itself keeps one person per login;
- "Mijn casussen" is then a join in SQL (regie person or role assignment), the same
  query on every computer.

Before, nothing ever set ``Person.username``, so "Mijn casussen" compared the login with an
empty column and always came out empty.

**Workload.** Per person: the open cases they hold regie in or a role in, how many of
them have an overdue deadline, and which are *stil*: no event for :data:`QUIET_DAYS` days
or more.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update

from verzuimdesk.core.models import Case, CaseEvent, Deadline, Person, Pupil, RoleAssignment
from verzuimdesk.core.services import changes
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.errors import NotFoundError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: A case with no event for this many days (6 weeks) or more is *stil*.
QUIET_DAYS = 42


@dataclass(frozen=True)
class PersonItem:
    """A person of the region, as pick lists show it."""

    id: int
    name: str
    organisation: str
    username: str | None

    @property
    def label(self) -> str:
        """``Anna de Wit (Samen DOEN)``."""
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


def list_persons(desk: Desk) -> list[PersonItem]:
    """Every person of the case base, by name."""
    with desk.case_base.sessions() as session:
        rows = session.execute(
            select(Person.id, Person.name, Person.organisation, Person.username).order_by(
                func.lower(Person.name), Person.id
            )
        ).all()
    return [PersonItem(i, n, o or "", u) for i, n, o, u in rows]


def linked_person(desk: Desk) -> PersonItem | None:
    """The person the desk's user is linked to (None when not linked)."""
    with desk.case_base.sessions() as session:
        row = session.execute(
            select(Person.id, Person.name, Person.organisation, Person.username).where(
                Person.username == desk.user
            )
        ).first()
    return None if row is None else PersonItem(row[0], row[1], row[2] or "", row[3])


def link_user(desk: Desk, person_id: int | None) -> None:
    """Link the desk's user to ``person_id`` (None: unlink).

    A person linked to another login keeps neither: the login moves to this person and
    the previous person of this login is unlinked, in one transaction. Every case's
    "mine" may change, so every view refreshes.
    """
    with desk.case_base.transaction(desk.user) as session:
        person = session.get(Person, person_id) if person_id is not None else None
        if person_id is not None and person is None:
            raise NotFoundError("Deze persoon bestaat niet meer.")
        # First unlink (a unique column: the new link may only be written afterwards).
        session.execute(
            update(Person).where(Person.username == desk.user).values(username=None)
        )
        session.flush()
        if person is not None:
            person.username = desk.user
    changes.publish(desk, "all", case_ids=None)


@dataclass(frozen=True)
class WorkloadCase:
    """One open case in a person's workload."""

    case_id: int
    number: str
    pupil_name: str
    role: str
    overdue: int
    last_event_on: dt.date
    quiet_days: int

    @property
    def quiet(self) -> bool:
        """*Stil*: no event for six weeks or more."""
        return self.quiet_days >= QUIET_DAYS


@dataclass(frozen=True)
class PersonLoad:
    """A person's workload in numbers."""

    person: PersonItem
    open_cases: int
    overdue_cases: int
    quiet_cases: int


def _person_cases(desk: Desk, person_ids: list[int] | None) -> dict[int, dict[int, str]]:
    """person id -> {case id -> role id} of open cases (regie or an open role assignment)."""
    out: dict[int, dict[int, str]] = defaultdict(dict)
    with desk.case_base.sessions() as session:
        regie = select(Case.regie_person_id, Case.id, Case.regie_role_id).where(
            Case.closed_on.is_(None), Case.regie_person_id.is_not(None)
        )
        roles = (
            select(RoleAssignment.person_id, RoleAssignment.case_id, RoleAssignment.role_id)
            .join(Case, Case.id == RoleAssignment.case_id)
            .where(Case.closed_on.is_(None), RoleAssignment.until.is_(None))
        )
        if person_ids is not None:
            regie = regie.where(Case.regie_person_id.in_(person_ids))
            roles = roles.where(RoleAssignment.person_id.in_(person_ids))
        for holder, case_id, role_id in session.execute(roles):
            out[holder][case_id] = role_id or ""
        for regie_holder, regie_case, regie_role in session.execute(regie):
            if regie_holder is not None:
                out[regie_holder][regie_case] = regie_role or ""
    return out


def _case_facts(
    desk: Desk, case_ids: set[int]
) -> tuple[dict[int, tuple[str, str, dt.date]], dict[int, int], dict[int, dt.date]]:
    """(number, pupil name, opened) per case; overdue deadline counts; last event dates."""
    now = today(desk)
    facts: dict[int, tuple[str, str, dt.date]] = {}
    overdue: dict[int, int] = {}
    last: dict[int, dt.date] = {}
    ids = sorted(case_ids)
    with desk.case_base.sessions() as session:
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            for cid, number, first, last_name, opened in session.execute(
                select(Case.id, Case.number, Pupil.first_name, Pupil.last_name, Case.opened_on)
                .join(Pupil, Pupil.id == Case.pupil_id)
                .where(Case.id.in_(chunk))
            ):
                facts[cid] = (number, f"{first} {last_name}", opened)
            for cid, count in session.execute(
                select(Deadline.case_id, func.count(Deadline.id))
                .where(
                    Deadline.case_id.in_(chunk),
                    Deadline.done_on.is_(None),
                    Deadline.due_on < now,
                )
                .group_by(Deadline.case_id)
            ):
                overdue[cid] = int(count)
            for cid, on in session.execute(
                select(CaseEvent.case_id, func.max(CaseEvent.occurred_on))
                .where(
                    CaseEvent.case_id.in_(chunk),
                    CaseEvent.deleted_at.is_(None),
                    CaseEvent.occurred_on <= now,
                )
                .group_by(CaseEvent.case_id)
            ):
                last[cid] = on
    return facts, overdue, last


def person_workload(desk: Desk, person_id: int) -> list[WorkloadCase]:
    """The open cases of one person, *stil* ones first, then the longest quiet."""
    role_names = {r.id: r.name for r in desk.registry.roles(desk.region_id)}
    cases = _person_cases(desk, [person_id]).get(person_id, {})
    facts, overdue, last = _case_facts(desk, set(cases))
    now = today(desk)
    rows = []
    for case_id, role in cases.items():
        number, name, opened = facts[case_id]
        last_on = last.get(case_id, opened)
        rows.append(
            WorkloadCase(
                case_id,
                number,
                name,
                role_names.get(role, role),
                overdue.get(case_id, 0),
                last_on,
                (now - last_on).days,
            )
        )
    rows.sort(key=lambda r: (not r.quiet, -r.quiet_days, r.number))
    return rows


def workload_overview(desk: Desk) -> list[PersonLoad]:
    """Every person with their open, overdue and *stil* cases (persons without cases too)."""
    persons = list_persons(desk)
    by_person = _person_cases(desk, None)
    all_cases = {cid for cases in by_person.values() for cid in cases}
    facts, overdue, last = _case_facts(desk, all_cases)
    now = today(desk)
    out = []
    for person in persons:
        cases = by_person.get(person.id, {})
        quiet = sum(
            1
            for cid in cases
            if (now - last.get(cid, facts[cid][2])).days >= QUIET_DAYS
        )
        out.append(
            PersonLoad(
                person,
                len(cases),
                sum(1 for cid in cases if overdue.get(cid)),
                quiet,
            )
        )
    out.sort(key=lambda p: (-p.open_cases, p.person.name.casefold()))
    return out
