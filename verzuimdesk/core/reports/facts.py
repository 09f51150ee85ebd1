"""What the reports read from the case base, loaded with a few bulk queries.

:func:`load_facts` gathers, for a date range, every pupil who could have had an inspectie
category in it (a case, an LRV or absoluut-verzuim signal, a sickness signal or an art. 5
exemption) with their legal record, signals and cases, and computes their category
periods from the history (:mod:`verzuimdesk.core.rules.inspectie_history`). This is the
service that answers "which category had this pupil on each day of the quarter".
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import CompoundSelect, or_, select, union

from verzuimdesk.core.models import (
    Case,
    Person,
    PupilExemption,
    School,
    StoredSignal,
)
from verzuimdesk.core.models import Pupil as PupilRow
from verzuimdesk.core.rules.inspectie import B1_LOOKBACK_DAYS
from verzuimdesk.core.rules.inspectie_codes import InspectieCategory
from verzuimdesk.core.rules.inspectie_days import PupilHistory, category_periods_many
from verzuimdesk.core.rules.inspectie_history import (
    SICK_CODES,
    SICK_LOOKBACK_DAYS,
    THUISZITTER_CATEGORIES,
    CaseSpan,
    CategoryPeriod,
    categories_by_day,
)
from verzuimdesk.core.rules.legal_record import (
    EnrolmentPeriod,
    LegalRecord,
)
from verzuimdesk.core.rules.signal_codes import SignalCode
from verzuimdesk.core.rules.types import Signal
from verzuimdesk.core.services.inspectie_history import legal_records, signals_for

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = [
    "CaseFacts",
    "Facts",
    "PupilFacts",
    "SchoolFacts",
    "categories_per_day",
    "collector_paused",
    "load_facts",
]

#: Signals that make a pupil a candidate for a category (besides a case or an exemption).
_LONG_CODES = (SignalCode.DUO_LRV.value, SignalCode.ABSOLUUT_VERZUIM.value)
_ART5 = ("5a", "5b", "5c")
#: How far before the range the signals are read (the B1/A1 look-back and B2b's LRV).
_SIGNAL_MARGIN = dt.timedelta(days=400)
#: How far back a thuiszitter period running on the range's first day is followed.
EXTEND_BACK = dt.timedelta(days=365)
LOOKBACK_DAYS = max(B1_LOOKBACK_DAYS, SICK_LOOKBACK_DAYS)
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class SchoolFacts:
    """A school as the reports name it."""

    id: int
    name: str
    brin: str
    sector: str


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """A case as the reports show it (no free text: event notes can hold names)."""

    id: int
    number: str
    opened_on: dt.date
    closed_on: dt.date | None
    stage_id: str
    outcome: str | None
    regie_role_id: str | None
    regie_person: str | None
    manual_c: bool
    first_absence_on: dt.date | None

    def open_on(self, day: dt.date) -> bool:
        """Whether the case was open on *day*."""
        return self.opened_on <= day and (self.closed_on is None or day <= self.closed_on)


@dataclass
class PupilFacts:
    """One pupil with the category periods computed from the history."""

    id: int
    first_name: str
    last_name: str
    birth_date: dt.date
    bsn: str | None
    school_id: int | None
    municipality: str | None
    cases: list[CaseFacts] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    periods: list[CategoryPeriod] = field(default_factory=list)
    enrolments: tuple[EnrolmentPeriod, ...] = ()

    def school_on(self, day: dt.date) -> int | None:
        """The school the pupil was enrolled at on *day*, else the last one before it
        (a pupil without a school now is reported at the school they left)."""
        covering = [e for e in self.enrolments if e.covers(day) and e.school_id is not None]
        if covering:
            return covering[-1].school_id
        before = [e for e in self.enrolments if e.start <= day and e.school_id is not None]
        return before[-1].school_id if before else self.school_id

    @property
    def full_name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}"

    def case_on(self, day: dt.date) -> CaseFacts | None:
        """The case open on *day*, else the last case opened on or before it."""
        before = [c for c in self.cases if c.opened_on <= day]
        open_ = [c for c in before if c.open_on(day)]
        if open_:
            return open_[-1]
        return before[-1] if before else (self.cases[0] if self.cases else None)


@dataclass
class Facts:
    """Everything the reports and charts need for the range ``start``..``end``."""

    start: dt.date
    end: dt.date
    schools: dict[int, SchoolFacts]
    pupils: dict[int, PupilFacts]

    def school(self, school_id: int | None) -> SchoolFacts | None:
        """The school, or None."""
        return None if school_id is None else self.schools.get(school_id)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while the block runs (on again after, when it
    was on before).

    The reports make tens of thousands of small values: the collector would walk all of
    them again and again (a quarter of the time); nothing they make forms a cycle.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _candidate_select(start: dt.date, end: dt.date, with_sick: bool) -> CompoundSelect[tuple[int]]:
    """The ids of the pupils who could have a category between start and end, as one SQL
    query (see :func:`load_facts`): usable as a subquery (``pupil_id IN (…)``)."""
    parts = [
        select(Case.pupil_id).where(
            Case.opened_on <= end, or_(Case.closed_on.is_(None), Case.closed_on >= start)
        ),
        select(StoredSignal.pupil_id).where(
            StoredSignal.code.in_(_LONG_CODES),
            StoredSignal.datum <= end,
            or_(StoredSignal.eind.is_(None), StoredSignal.eind >= start),
        ),
        select(PupilExemption.pupil_id).where(
            PupilExemption.kind.in_(_ART5),
            PupilExemption.start <= end,
            or_(PupilExemption.end.is_(None), PupilExemption.end >= start),
        ),
    ]
    if with_sick:
        parts.append(
            select(StoredSignal.pupil_id).where(
                StoredSignal.code.in_(sorted(SICK_CODES)),
                StoredSignal.datum <= end,
                StoredSignal.datum >= start - dt.timedelta(days=SICK_LOOKBACK_DAYS),
            )
        )
    return union(*parts)


def _candidate_ids(desk: Desk, start: dt.date, end: dt.date, with_sick: bool) -> set[int]:
    """The pupils who could have a category between start and end (see :func:`load_facts`)."""
    with desk.case_base.sessions() as session:
        return set(session.scalars(_candidate_select(start, end, with_sick)))


def _chunks(ids: Sequence[int], size: int = 900) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def load_facts(
    desk: Desk,
    start: dt.date,
    end: dt.date,
    *,
    with_sick: bool = False,
    only: Iterable[int] | None = None,
) -> Facts:
    """The schools and the candidate pupils with their category periods in start..end.

    The candidates are the pupils with a case in the range, an LRV or absoluut-verzuim
    signal in it, or an art. 5 exemption in it: everyone who can be on the thuiszitters
    list. A pupil whose only facts are sickness signals, without a case, is left out
    unless *with_sick* (our reading: the SWV follows the long-term sick A1 pupils it has a
    case for; a sickness signal alone makes no thuiszitter). With *with_sick* every pupil
    with a category in the range is loaded.

    A period that runs on *start* is followed back (up to :data:`EXTEND_BACK`) so that a
    thuiszitter who was already at home before the range keeps their real first day.

    :param only: load these pupils (whether candidates or not) instead of the candidates.
    """
    with collector_paused():
        return _load_facts(desk, start, end, with_sick, only)


def _load_facts(
    desk: Desk, start: dt.date, end: dt.date, with_sick: bool, only: Iterable[int] | None
) -> Facts:
    # The candidates as a subquery: one query per table instead of one per 900 ids.
    selectors: Iterable[Sequence[int] | CompoundSelect[tuple[int]]] = (
        [_candidate_select(start, end, with_sick)] if only is None else _chunks(sorted(set(only)))
    )
    pupils: dict[int, PupilFacts] = {}
    records: dict[int, LegalRecord] = {}
    with desk.case_base.sessions() as session:
        schools = {
            sid: SchoolFacts(sid, name, brin or "", sector)
            for sid, name, brin, sector in session.execute(
                select(School.id, School.name, School.brin, School.sector)
            )
        }
        people = {i: n for i, n in session.execute(select(Person.id, Person.name))}
        for chunk in selectors:
            for pid, first, last, birth, bsn, school_id, municipality in session.execute(
                select(
                    PupilRow.id,
                    PupilRow.first_name,
                    PupilRow.last_name,
                    PupilRow.birth_date,
                    PupilRow.bsn,
                    PupilRow.school_id,
                    PupilRow.municipality,
                ).where(PupilRow.id.in_(chunk))
            ):
                pupils[pid] = PupilFacts(pid, first, last, birth, bsn, school_id, municipality)
            records.update(legal_records(session, chunk))
            for row in session.execute(
                select(
                    Case.id,
                    Case.pupil_id,
                    Case.number,
                    Case.opened_on,
                    Case.closed_on,
                    Case.stage_id,
                    Case.outcome,
                    Case.regie_role_id,
                    Case.regie_person_id,
                    Case.inspectie_category,
                    Case.first_absence_on,
                )
                .where(Case.pupil_id.in_(chunk))
                .order_by(Case.opened_on, Case.id)
            ):
                pupils[row.pupil_id].cases.append(
                    CaseFacts(
                        row.id,
                        row.number,
                        row.opened_on,
                        row.closed_on,
                        row.stage_id,
                        row.outcome,
                        row.regie_role_id,
                        people.get(row.regie_person_id) if row.regie_person_id else None,
                        row.inspectie_category == InspectieCategory.C.value,
                        row.first_absence_on,
                    )
                )
            for pid, found in signals_for(session, chunk, start, end).items():
                pupils[pid].signals = found
    extend: list[int] = []
    computed = category_periods_many(
        {pid: (records[pid], pupil.signals, _spans(pupil)) for pid, pupil in pupils.items()},
        start,
        end,
    )
    for pid, pupil in pupils.items():
        pupil.enrolments = records[pid].enrolments
        pupil.periods = computed[pid]
        opening = pupil.periods[0] if pupil.periods else None
        if opening and opening.start == start and opening.category in THUISZITTER_CATEGORIES:
            extend.append(pid)
    _extend_back(desk, pupils, records, extend, start)
    return Facts(start, end, schools, pupils)


#: The signals that decide B2a, B2b and B3: enough to follow such a period back.
_LONG_SIGNALS = frozenset(
    {SignalCode.DUO_LRV, SignalCode.THUISZITTER_B2B, SignalCode.ABSOLUUT_VERZUIM}
)


def _extend_back(
    desk: Desk,
    pupils: dict[int, PupilFacts],
    records: dict[int, LegalRecord],
    ids: list[int],
    start: dt.date,
) -> None:
    """Follow the periods of *ids* that run on *start* back to their real first day.

    Only the LRV, B2b and absoluut-verzuim signals are read for the time before *start*:
    they decide B2a, B2b and B3; A2 and C follow from the record and the cases. An A1
    period (a matter of the last four weeks' signals) is not followed back.
    """
    early = start - EXTEND_BACK
    wanted = [pid for pid in ids if pupils[pid].periods[0].category is not InspectieCategory.A1]
    histories: dict[int, PupilHistory] = {}
    with desk.case_base.sessions() as session:
        for chunk in _chunks(wanted):
            older = signals_for(session, chunk, early, start - ONE_DAY, codes=_LONG_SIGNALS)
            for pid in chunk:
                pupil = pupils[pid]
                seen = {(s.code, s.datum) for s in older.get(pid, [])}
                signals = sorted(
                    [
                        *older.get(pid, []),
                        *(
                            s
                            for s in pupil.signals
                            if s.code in _LONG_SIGNALS and (s.code, s.datum) not in seen
                        ),
                    ],
                    key=lambda s: (s.datum, s.code),
                )
                histories[pid] = (records[pid], signals, _spans(pupil))
    for pid, before in category_periods_many(histories, early, start - ONE_DAY).items():
        pupils[pid].periods = _joined(before, pupils[pid].periods)


def _spans(pupil: PupilFacts) -> list[CaseSpan]:
    return [CaseSpan(c.opened_on, c.closed_on, c.manual_c) for c in pupil.cases]


def _joined(before: list[CategoryPeriod], periods: list[CategoryPeriod]) -> list[CategoryPeriod]:
    """*periods* with the run of thuiszitter periods that ends just before them in front."""
    run: list[CategoryPeriod] = []
    expected = periods[0].start - ONE_DAY
    for p in reversed(before):
        if p.end != expected or p.category not in THUISZITTER_CATEGORIES:
            break
        run.insert(0, p)
        expected = p.start - ONE_DAY
    if run and run[-1].category is periods[0].category:
        merged = CategoryPeriod(periods[0].category, run[-1].start, periods[0].end)
        return [*run[:-1], merged, *periods[1:]]
    return [*run, *periods]


def categories_per_day(
    facts: Facts, start: dt.date, end: dt.date
) -> dict[int, dict[dt.date, InspectieCategory]]:
    """The category of every pupil on every day of start..end that has one (pupil id ->
    day -> category): the quarter's figures per day."""
    out: dict[int, dict[dt.date, InspectieCategory]] = {}
    for pupil_id, pupil in facts.pupils.items():
        days = categories_by_day(pupil.periods, start, end)
        if days:
            out[pupil_id] = days
    return out
