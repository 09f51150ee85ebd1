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
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session, selectinload

from verzuimdesk.core.models import AbsenceRecord, Case, Pupil, School, StoredSignal
from verzuimdesk.core.services import absences, rules_gateway
from verzuimdesk.core.services.common import today

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: Pupils per batch.
BATCH = 300


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
    signal_table: Table = StoredSignal.__table__  # type: ignore[assignment]
    with_case = set(
        session.scalars(select(Case.pupil_id).where(Case.closed_on.is_(None)).distinct())
    )
    until = today(desk)
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
            _recompute_plain(desk, session, signal_table, plain, until)
    if progress is not None:
        progress(1.0)
    return case_ids


def _recompute_plain(
    desk: Desk, session: Session, signal_table: Table, pupil_ids: list[int], until: dt.date
) -> None:
    """Signals of pupils without an open case: read per batch, computed, written at once."""
    pupils = session.scalars(
        select(Pupil)
        .where(Pupil.id.in_(pupil_ids))
        .options(
            selectinload(Pupil.enrolments),
            selectinload(Pupil.exemptions),
            selectinload(Pupil.excused_gaps),
            selectinload(Pupil.school).selectinload(School.free_periods),
        )
    ).all()
    records: dict[int, list[tuple[dt.date, Decimal, str]]] = {}
    for pid, date, hours, kind in session.execute(
        select(
            AbsenceRecord.pupil_id, AbsenceRecord.date, AbsenceRecord.hours, AbsenceRecord.kind
        ).where(AbsenceRecord.pupil_id.in_(pupil_ids))
    ):
        records.setdefault(pid, []).append((date, hours, kind))
    reported = {
        (pid, code, datum): on
        for pid, code, datum, on in session.execute(
            select(
                StoredSignal.pupil_id,
                StoredSignal.code,
                StoredSignal.datum,
                StoredSignal.reported_on,
            ).where(StoredSignal.pupil_id.in_(pupil_ids), StoredSignal.reported_on.is_not(None))
        )
    }
    rows: list[dict[str, Any]] = []
    for pupil in pupils:
        absences_of = rules_gateway.to_absences(str(pupil.id), records.get(pupil.id, []))
        signals = (
            rules_gateway.compute_signals(desk, str(pupil.id), absences_of, pupil.school, until)
            if absences_of
            else []
        )
        signals = rules_gateway.with_legal_signals(desk, pupil, signals, until)
        rows.extend(
            {
                "pupil_id": pupil.id,
                "code": s.code,
                "datum": s.datum,
                "start": s.start,
                "eind": s.eind,
                "uren": None if s.uren is None else Decimal(str(round(s.uren, 2))),
                "deadline_on": s.deadline,
                "reported_on": reported.get((pupil.id, s.code, s.datum)),
            }
            for s in signals
        )
    session.execute(delete(signal_table).where(signal_table.c.pupil_id.in_(pupil_ids)))
    if rows:
        session.execute(insert(signal_table), rows)
