"""Signals and deadlines of many pupils after an import: once per pupil, in batches.

The same computation as :func:`verzuimdesk.core.services.absences.recompute_in_session`
(through :mod:`verzuimdesk.core.services.rules_gateway`), but the records, enrolments and
stored signals of a batch of pupils are read with one query each and the signals written
with one statement, instead of a handful of queries per pupil. Pupils with an open case
go through the services' own recompute, which also brings the case's deadlines, first
absence day and inspectie category up to date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from sqlalchemy import Float, select, type_coerce
from sqlalchemy.orm import Session, selectinload

from verzuimdesk.core.models import (
    AbsenceRecord,
    Case,
    Enrolment,
    ExcusedGap,
    Pupil,
    PupilExemption,
    School,
)
from verzuimdesk.core.rules.types import Signal
from verzuimdesk.core.services import absences, rules_gateway
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.signal_store import store_signals

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: Pupils per batch.
BATCH = 100


def recompute_pupils(
    desk: Desk,
    session: Session,
    pupil_ids: Sequence[int],
    first_days: dict[int, set[dt.date]] | None = None,
    *,
    progress: Callable[[float], None] | None = None,
) -> list[int]:
    """Recompute the stored signals of ``pupil_ids`` (and their open cases); returns case ids.

    ``first_days``: per pupil with an open case, the days that got a new record of a
    first-absence kind (keeps the case's first absence day in step).
    """
    first_days = first_days or {}
    with_case = set(
        session.scalars(select(Case.pupil_id).where(Case.closed_on.is_(None)).distinct())
    )
    until = today(desk)
    schools = {
        school.id: school
        for school in session.scalars(select(School).options(selectinload(School.free_periods)))
    }
    case_ids: list[int] = []
    total = max(len(pupil_ids), 1)
    for start in range(0, len(pupil_ids), BATCH):
        if progress is not None:
            progress(start / total)
        chunk = list(pupil_ids[start : start + BATCH])
        plain = [p for p in chunk if p not in with_case]
        for pupil_id in chunk:
            if pupil_id in with_case:
                days = absences.DayChanges(added=first_days.get(pupil_id, set()))
                case_ids.extend(absences.recompute_in_session(desk, session, pupil_id, days))
        if plain:
            _recompute_plain(desk, session, plain, until, schools)
    if progress is not None:
        progress(1.0)
    return case_ids


@dataclass
class _Period:
    """An enrolment, exemption or excused gap as the rules gateway reads it."""

    start: dt.date
    end: dt.date | None
    school_id: int | None = None
    school: School | None = None
    kind: str = ""


@dataclass
class _PupilFacts:
    """What :func:`rules_gateway.with_legal_signals` reads of a ``Pupil``, read with plain
    queries for a whole batch (no ORM objects per pupil)."""

    id: int
    birth_date: dt.date
    school: School | None
    startkwalificatie_on: dt.date | None
    exit_certificate: str | None
    full_school_years_done_on: dt.date | None
    enrolments: list[_Period] = field(default_factory=list)
    exemptions: list[_Period] = field(default_factory=list)
    excused_gaps: list[_Period] = field(default_factory=list)


def _facts(session: Session, pupil_ids: list[int], schools: dict[int, School]) -> list[_PupilFacts]:
    """The legal facts of a batch of pupils: four queries for the whole batch."""
    facts = {
        pid: _PupilFacts(pid, born, schools.get(sid) if sid else None, sk, exit_, done)
        for pid, born, sid, sk, exit_, done in session.execute(
            select(
                Pupil.id,
                Pupil.birth_date,
                Pupil.school_id,
                Pupil.startkwalificatie_on,
                Pupil.exit_certificate,
                Pupil.full_school_years_done_on,
            ).where(Pupil.id.in_(pupil_ids))
        )
    }
    for pid, start, end, sid in session.execute(
        select(Enrolment.pupil_id, Enrolment.start, Enrolment.end, Enrolment.school_id)
        .where(Enrolment.pupil_id.in_(pupil_ids))
        .order_by(Enrolment.start)
    ):
        facts[pid].enrolments.append(_Period(start, end, sid, schools.get(sid) if sid else None))
    for pid, kind, start, end in session.execute(
        select(
            PupilExemption.pupil_id, PupilExemption.kind, PupilExemption.start, PupilExemption.end
        )
        .where(PupilExemption.pupil_id.in_(pupil_ids))
        .order_by(PupilExemption.start)
    ):
        facts[pid].exemptions.append(_Period(start, end, kind=kind))
    for pid, start, end in session.execute(
        select(ExcusedGap.pupil_id, ExcusedGap.start, ExcusedGap.end)
        .where(ExcusedGap.pupil_id.in_(pupil_ids))
        .order_by(ExcusedGap.start)
    ):
        facts[pid].excused_gaps.append(_Period(start, end))
    return list(facts.values())


def _recompute_plain(
    desk: Desk,
    session: Session,
    pupil_ids: list[int],
    until: dt.date,
    schools: dict[int, School],
) -> None:
    """Signals of pupils without an open case: read per batch, computed, written at once."""
    pupils = _facts(session, pupil_ids, schools)
    records: dict[int, list[tuple[dt.date, float, str]]] = {}
    # Hours as floats straight from the driver: the rules read floats, and a Decimal per
    # record of a million-row import costs more than the rules themselves.
    hours_column = type_coerce(AbsenceRecord.hours, Float)
    for pid, date, hours, kind in session.execute(
        select(AbsenceRecord.pupil_id, AbsenceRecord.date, hours_column, AbsenceRecord.kind).where(
            AbsenceRecord.pupil_id.in_(pupil_ids)
        )
    ):
        records.setdefault(pid, []).append((date, hours, kind))
    computed: dict[int, list[Signal]] = {}
    for pupil in pupils:
        absences_of = rules_gateway.to_absences(str(pupil.id), records.get(pupil.id, []))
        signals = (
            rules_gateway.compute_signals(desk, str(pupil.id), absences_of, pupil.school, until)
            if absences_of
            else []
        )
        # The gateway reads a Pupil's attributes; the facts have the same ones.
        computed[pupil.id] = rules_gateway.with_legal_signals(
            desk, cast(Pupil, pupil), signals, until
        )
    store_signals(session, pupil_ids, computed)
