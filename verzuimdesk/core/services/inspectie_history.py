"""The inspectie category of pupils on a date or per day, computed from the history.

The service side of :mod:`verzuimdesk.core.rules.inspectie_history`: it reads the legal
records, the stored signals and the cases with plain bulk selects and hands them to the
pure functions. The case file's header and the reports use it instead of the stored
``Case.inspectie_category`` (which only keeps a manual C and the value of the last
recomputation).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import CompoundSelect, Select, and_, or_, select
from sqlalchemy.orm import Session

from verzuimdesk.core.models import Case, Enrolment, ExcusedGap, PupilExemption, StoredSignal
from verzuimdesk.core.models import Pupil as PupilRow
from verzuimdesk.core.rules.inspectie import B1_LOOKBACK_DAYS
from verzuimdesk.core.rules.inspectie_codes import InspectieCategory
from verzuimdesk.core.rules.inspectie_days import category_periods_many
from verzuimdesk.core.rules.inspectie_history import (
    SICK_LOOKBACK_DAYS,
    CaseSpan,
    CategoryPeriod,
    categories_by_day,
)
from verzuimdesk.core.rules.legal_record import (
    EnrolmentPeriod,
    ExemptionKind,
    ExemptionPeriod,
    LegalRecord,
)
from verzuimdesk.core.rules.signal_codes import SignalCode
from verzuimdesk.core.rules.types import Signal

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = [
    "LOOKBACK_DAYS",
    "PupilSelection",
    "case_spans",
    "categories_on",
    "category_on_day",
    "category_per_day",
    "legal_records",
    "periods_for",
    "signals_for",
]

#: Which pupils to read: a list of ids, or a query that yields them (used as a subquery).
PupilSelection = Sequence[int] | CompoundSelect[tuple[int]] | Select[tuple[int]]

#: The look-back of the A1/B1 readings, in days.
LOOKBACK_DAYS = max(B1_LOOKBACK_DAYS, SICK_LOOKBACK_DAYS)
#: How far before a range the B2b signal of a still-open LRV is looked for.
_SIGNAL_MARGIN = dt.timedelta(days=400)


def _chunks(ids: Sequence[int], size: int = 900) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def legal_records(session: Session, chunk: PupilSelection) -> dict[int, LegalRecord]:
    """The legal records of the pupils in *chunk*, read with plain (non-ORM) selects."""
    enrolments: dict[int, list[EnrolmentPeriod]] = defaultdict(list)
    for pid, lo, hi, school_id in session.execute(
        select(Enrolment.pupil_id, Enrolment.start, Enrolment.end, Enrolment.school_id)
        .where(Enrolment.pupil_id.in_(chunk))
        .order_by(Enrolment.start)
    ):
        enrolments[pid].append(EnrolmentPeriod(lo, hi, school_id))
    exemptions: dict[int, list[ExemptionPeriod]] = defaultdict(list)
    known = {k.value for k in ExemptionKind}
    for pid, kind, lo, hi in session.execute(
        select(
            PupilExemption.pupil_id, PupilExemption.kind, PupilExemption.start, PupilExemption.end
        )
        .where(PupilExemption.pupil_id.in_(chunk))
        .order_by(PupilExemption.start)
    ):
        if kind in known:
            exemptions[pid].append(ExemptionPeriod(ExemptionKind(kind), lo, hi))
    gaps: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for pid, lo, hi in session.execute(
        select(ExcusedGap.pupil_id, ExcusedGap.start, ExcusedGap.end)
        .where(ExcusedGap.pupil_id.in_(chunk))
        .order_by(ExcusedGap.start)
    ):
        gaps[pid].append((lo, hi))
    out: dict[int, LegalRecord] = {}
    for pid, birth, sk, exit_cert, twelve in session.execute(
        select(
            PupilRow.id,
            PupilRow.birth_date,
            PupilRow.startkwalificatie_on,
            PupilRow.exit_certificate,
            PupilRow.full_school_years_done_on,
        ).where(PupilRow.id.in_(chunk))
    ):
        out[pid] = LegalRecord(
            birth_date=birth,
            enrolments=tuple(enrolments[pid]),
            exemptions=tuple(exemptions[pid]),
            startkwalificatie_on=sk,
            exit_certificate=exit_cert,
            twelve_years_completed=twelve,
            excused_gaps=tuple(gaps[pid]),
        )
    return out


def signals_for(
    session: Session,
    chunk: PupilSelection,
    start: dt.date,
    end: dt.date,
    codes: Iterable[str] | None = None,
) -> dict[int, list[Signal]]:
    """The signals that can matter for a category in start..end: every LRV, B2b and
    absoluut-verzuim signal up to *end* that is not closed before the range (and the B2b
    of such an LRV), and the other signals of the look-back window before *start*.
    Only the *codes* given, when given."""
    window = start - dt.timedelta(days=LOOKBACK_DAYS + 1)
    long_codes = (SignalCode.DUO_LRV.value, SignalCode.ABSOLUUT_VERZUIM.value)
    out: dict[int, list[Signal]] = defaultdict(list)
    query = (
        select(
            StoredSignal.pupil_id,
            StoredSignal.code,
            StoredSignal.datum,
            StoredSignal.start,
            StoredSignal.eind,
            StoredSignal.uren,
        )
        .where(
            StoredSignal.pupil_id.in_(chunk),
            StoredSignal.datum <= end,
            or_(
                StoredSignal.datum >= window,
                and_(
                    StoredSignal.code.in_(long_codes),
                    or_(StoredSignal.eind.is_(None), StoredSignal.eind >= window),
                ),
                and_(
                    StoredSignal.code == SignalCode.THUISZITTER_B2B.value,
                    StoredSignal.datum >= start - _SIGNAL_MARGIN,
                ),
            ),
        )
        .order_by(StoredSignal.datum, StoredSignal.code)
    )
    if codes is not None:
        query = query.where(StoredSignal.code.in_(sorted(codes)))
    for pid, code, datum, lo, hi, uren in session.execute(query):
        out[pid].append(
            Signal(str(pid), code, datum, lo, hi, None if uren is None else float(uren))
        )
    return out


def case_spans(session: Session, chunk: Sequence[int]) -> dict[int, list[CaseSpan]]:
    """The cases of the pupils in *chunk* as :class:`CaseSpan` values, oldest first."""
    out: dict[int, list[CaseSpan]] = defaultdict(list)
    for pid, opened, closed, category in session.execute(
        select(Case.pupil_id, Case.opened_on, Case.closed_on, Case.inspectie_category)
        .where(Case.pupil_id.in_(chunk))
        .order_by(Case.opened_on, Case.id)
    ):
        out[pid].append(CaseSpan(opened, closed, category == InspectieCategory.C.value))
    return out


def periods_for(
    desk: Desk, pupil_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[int, list[CategoryPeriod]]:
    """The category periods of each pupil from *start* to *end* (pupil id -> periods)."""
    ids = sorted(set(pupil_ids))
    out: dict[int, list[CategoryPeriod]] = {}
    with desk.case_base.sessions() as session:
        for chunk in _chunks(ids):
            records = legal_records(session, chunk)
            signals = signals_for(session, chunk, start, end)
            spans = case_spans(session, chunk)
            out.update(
                category_periods_many(
                    {
                        pid: (record, signals.get(pid, []), spans.get(pid, []))
                        for pid, record in records.items()
                    },
                    start,
                    end,
                )
            )
    return out


def categories_on(desk: Desk, pupil_ids: Iterable[int], day: dt.date) -> dict[int, str]:
    """Each pupil's category on *day* (``""`` when none applies)."""
    return {
        pid: periods[-1].category.value if periods else ""
        for pid, periods in periods_for(desk, pupil_ids, day, day).items()
    }


def category_on_day(desk: Desk, pupil_id: int, day: dt.date) -> str:
    """One pupil's category on *day* (``""`` when none applies): the case file's header."""
    return categories_on(desk, [pupil_id], day).get(pupil_id, "")


def category_per_day(
    desk: Desk, pupil_ids: Iterable[int], start: dt.date, end: dt.date
) -> dict[int, dict[dt.date, InspectieCategory]]:
    """The category of each pupil on every day of start..end that has one (a quarter's
    figures go by the category on each day)."""
    return {
        pid: categories_by_day(periods, start, end)
        for pid, periods in periods_for(desk, pupil_ids, start, end).items()
    }
