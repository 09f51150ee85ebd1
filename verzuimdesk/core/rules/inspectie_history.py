"""A pupil's inspectie category over time, computed from the history (issue 10).

The category is not a sticky field: for every date it follows from what the case base
records up to then — the signals computed from the absences (an LRV that closes when the
pupil is back ends B2a/B2b), the enrolments (B3 between them), the art. 5 exemptions
(A2a–A2c), the gaps marked as an administratieve onvolkomenheid, and the case outcomes.

Our reading of the case outcomes (docs/rules.md): when a case is closed, the regisseur has
established that the verzuim it was about ended, so an LRV still open on the closing day
ends on that day (the school may simply have stopped registering absence), and a manual C
(art. 11g) applies only while a case is open. An exemption or a missing enrolment keeps
counting after a case is closed, since both are facts of the legal record.

Because the category can only change on a day where one of those facts starts or stops,
:func:`category_periods` evaluates :func:`~verzuimdesk.core.rules.inspectie.category_on`
only on those *breakpoints* and merges the days between them into periods: a school year
of a pupil costs a few dozen evaluations, not 365.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.inspectie import B1_LOOKBACK_DAYS, category_on, inspectie_category
from verzuimdesk.core.rules.inspectie_codes import InspectieCategory
from verzuimdesk.core.rules.leerplicht import (
    LeerplichtKind,
    is_compulsory,
    leerplicht_status,
)
from verzuimdesk.core.rules.legal_record import (
    LegalRecord,
    enrolled_on,
    enrolment_exemption_on,
    in_excused_gap,
)
from verzuimdesk.core.rules.signal_codes import SignalCode
from verzuimdesk.core.rules.types import Signal

__all__ = [
    "SICK_CODES",
    "SICK_LOOKBACK_DAYS",
    "THUISZITTER_CATEGORIES",
    "CaseSpan",
    "CategoryPeriod",
    "categories_by_day",
    "category_at",
    "category_periods",
    "signals_after_closing",
    "status_periods",
    "thuiszitter_periods",
]

ONE_DAY = dt.timedelta(days=1)

#: Sickness signal codes: a pupil whose recent signals are only these is sick-dominant (A1).
SICK_CODES: frozenset[str] = frozenset(
    {
        SignalCode.SICK_7_DAYS,
        SignalCode.SICK_4_IN_12,
        SignalCode.SICK_PO_5_REPORTS,
        SignalCode.SICK_PO_10_DAYS,
    }
)
#: How far back "recent" reaches for the sick-dominant reading (as the case header uses).
SICK_LOOKBACK_DAYS = 28

#: The categories the SWV and the inspectie follow per quarter (seed 001 §2.5.1: B2a, B2b,
#: B3, A2 and the long-term sick A1; C as the leerplichtambtenaar's rest category). B1 (a
#: pupil who truants now and then) is no thuiszitter and is left out.
THUISZITTER_CATEGORIES: frozenset[InspectieCategory] = frozenset(
    {
        InspectieCategory.A1,
        InspectieCategory.A2A,
        InspectieCategory.A2B,
        InspectieCategory.A2C,
        InspectieCategory.B2A,
        InspectieCategory.B2B,
        InspectieCategory.B3,
        InspectieCategory.C,
    }
)


@dataclass(frozen=True, slots=True)
class CaseSpan:
    """A case of the pupil: opened, closed (None: open) and whether it is marked C."""

    opened_on: dt.date
    closed_on: dt.date | None = None
    manual_c: bool = False

    def open_on(self, day: dt.date) -> bool:
        """Whether the case was open on *day*."""
        return self.opened_on <= day and (self.closed_on is None or day <= self.closed_on)


@dataclass(frozen=True, slots=True)
class CategoryPeriod:
    """The pupil was in *category* from *start* up to and including *end*."""

    category: InspectieCategory
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        """The number of calendar days in the period."""
        return (self.end - self.start).days + 1


def signals_after_closing(signals: Iterable[Signal], cases: Sequence[CaseSpan]) -> list[Signal]:
    """*signals* with every LRV still open when a case closed ended on the closing day.

    An LRV that only became due after the closing day is left as it is: it belongs to a
    new run of absence (and usually to a new case).
    """
    closings = sorted(c.closed_on for c in cases if c.closed_on is not None)
    if not closings:
        return list(signals)
    out: list[Signal] = []
    for s in signals:
        if s.code == SignalCode.DUO_LRV:
            for closed in closings:
                if s.datum <= closed and (s.eind is None or s.eind > closed):
                    s = replace(s, eind=closed)
                    break
        out.append(s)
    return out


def _sick_dominant(signals: Sequence[Signal], day: dt.date) -> bool:
    since = day - dt.timedelta(days=SICK_LOOKBACK_DAYS)
    recent = [s for s in signals if since <= s.datum <= day]
    return bool(recent) and all(s.code in SICK_CODES for s in recent)


def category_at(
    record: LegalRecord,
    signals: Sequence[Signal],
    day: dt.date,
    *,
    cases: Sequence[CaseSpan] = (),
    calendar: SchoolCalendar | None = None,
) -> InspectieCategory | None:
    """The pupil's inspectie category on *day* from the history (see the module docstring).

    *signals* are the pupil's signals with the legal record applied (as stored); the
    closing of *cases* is applied here with :func:`signals_after_closing`.
    """
    adjusted = signals_after_closing(signals, cases)
    manual_c = any(c.manual_c and c.open_on(day) for c in cases)
    return category_on(
        record,
        day,
        calendar=calendar,
        sick_dominant=_sick_dominant(adjusted, day),
        manual_c=manual_c,
        signals=adjusted,
    )


def status_periods(
    record: LegalRecord, start: dt.date, end: dt.date, calendar: SchoolCalendar | None
) -> list[tuple[dt.date, LeerplichtKind]]:
    """The pupil's leerplicht kind (without exemptions) from each change day in start..end."""
    out: list[tuple[dt.date, LeerplichtKind]] = []
    day = start
    for _ in range(8):  # at most a handful of status periods in a life
        status = leerplicht_status(
            record.birth_date,
            day,
            startkwalificatie=record.startkwalificatie_on,
            exit_certificate=record.exit_certificate,
            twelve_years_completed=record.twelve_years_completed,
            calendar=calendar,
        )
        out.append((day, status.kind))
        if status.end is None or status.end >= end:
            break
        day = status.end + ONE_DAY
    return out


class _Evaluator:
    """The category on a day for one pupil, with what does not change precomputed.

    Gives the same answer as :func:`category_at` (a test compares them day by day).
    """

    def __init__(
        self,
        record: LegalRecord,
        signals: Sequence[Signal],
        cases: Sequence[CaseSpan],
        status: list[tuple[dt.date, LeerplichtKind]],
    ) -> None:
        self.record = record
        self.status = status
        self.c_cases = [c for c in cases if c.manual_c]
        # Only the LRV and B2b signals decide B2a/B2b; the rest only counts in the look-back
        # window (sick-dominant A1, relatief verzuim B1), read here from sorted dates.
        self.b2_signals = [
            s for s in signals if s.code in (SignalCode.DUO_LRV, SignalCode.THUISZITTER_B2B)
        ]
        order = sorted(range(len(signals)), key=lambda i: signals[i].datum)
        self.dates = [signals[i].datum for i in order]
        self.sick = [signals[i].code in SICK_CODES for i in order]
        self.relatief = [
            signals[i].code in (SignalCode.DUO_16H, SignalCode.DUO_LUXE) for i in order
        ]

    def kind_on(self, day: dt.date) -> LeerplichtKind:
        """The leerplicht kind on *day* without exemptions."""
        kind = self.status[0][1]
        for since, k in self.status:
            if since <= day:
                kind = k
        return kind

    def __call__(self, day: dt.date) -> InspectieCategory | None:
        """The category on *day*."""
        record = self.record
        exemption = enrolment_exemption_on(record, day)
        kind = self.kind_on(day)
        if exemption is not None and is_compulsory(kind):
            kind = LeerplichtKind.VRIJGESTELD
        lo = bisect_left(self.dates, day - dt.timedelta(days=SICK_LOOKBACK_DAYS))
        hi = bisect_right(self.dates, day)
        sick_dominant = hi > lo and all(self.sick[lo:hi])
        lo_b1 = bisect_left(self.dates, day - dt.timedelta(days=B1_LOOKBACK_DAYS))
        return inspectie_category(
            day,
            enrolled=enrolled_on(record, day) or in_excused_gap(record, day),
            leerplicht=kind,
            exemption=None if exemption is None else exemption.kind,
            sick_dominant=sick_dominant,
            manual_c=any(c.open_on(day) for c in self.c_cases),
            signals=self.b2_signals,
            relatief_verzuim=any(self.relatief[lo_b1:hi]),
        )


#: The signals that decide B2a, B2b and B3 (the rest only counts in a look-back window).
_DECIDING = frozenset({SignalCode.DUO_LRV, SignalCode.THUISZITTER_B2B, SignalCode.ABSOLUUT_VERZUIM})


def _breakpoints(
    record: LegalRecord,
    signals: Sequence[Signal],
    cases: Sequence[CaseSpan],
    start: dt.date,
    end: dt.date,
    status: list[tuple[dt.date, LeerplichtKind]],
) -> list[dt.date]:
    """Every day in start..end on which the category may change (start included).

    A short signal (16 uur, luxe, sickness) only decides between A1, B1 and nothing, so its
    days are left out where an LRV or a period of absoluut verzuim covers both that day and
    the day before: there B2a/B2b or B3 wins whatever the look-back window holds (what
    could still change it, an exemption, an enrolment, a case, the leerplicht status or
    the B2b signal, brings its own days).
    """
    days: set[dt.date] = {start}
    b1_end = dt.timedelta(days=B1_LOOKBACK_DAYS + 1)
    sick_end = dt.timedelta(days=SICK_LOOKBACK_DAYS + 1)
    covering = [
        (s.datum, s.eind or end)
        for s in signals
        if s.code in (SignalCode.DUO_LRV, SignalCode.ABSOLUUT_VERZUIM)
    ]
    for s in signals:
        if s.code in _DECIDING:
            days.add(s.datum)
            if s.eind is not None:
                days.add(s.eind + ONE_DAY)
        # Every signal counts in the look-back windows (a non-sick one stops A1).
        for day in (s.datum, s.datum + b1_end, s.datum + sick_end):
            if not any(lo < day <= hi for lo, hi in covering):
                days.add(day)
    ranges: list[tuple[dt.date, dt.date | None]] = [(e.start, e.end) for e in record.enrolments]
    ranges += [(x.start, x.end) for x in record.exemptions]
    ranges += list(record.excused_gaps)
    ranges += [(c.opened_on, c.closed_on) for c in cases]
    for lo, hi in ranges:
        days.add(lo)
        if hi is not None:
            days.add(hi + ONE_DAY)
    days.update(d for d, _kind in status)
    return sorted(d for d in days if start <= d <= end)


def category_periods(
    record: LegalRecord,
    signals: Iterable[Signal],
    start: dt.date,
    end: dt.date,
    *,
    cases: Sequence[CaseSpan] = (),
    calendar: SchoolCalendar | None = None,
) -> list[CategoryPeriod]:
    """The pupil's category periods from *start* to *end* (inclusive), in date order.

    Days without a category are left out; two adjacent periods always differ in category.
    A period still running on *end* ends on *end*.
    """
    if end < start:
        return []
    adjusted = signals_after_closing(signals, cases)
    status = status_periods(record, start, end, calendar)
    points = _breakpoints(record, adjusted, cases, start, end, status)
    evaluate = _Evaluator(record, adjusted, cases, status)
    out: list[CategoryPeriod] = []
    for i, day in enumerate(points):
        last = points[i + 1] - ONE_DAY if i + 1 < len(points) else end
        category = evaluate(day)
        if category is None:
            continue
        if out and out[-1].category is category and out[-1].end + ONE_DAY == day:
            out[-1] = CategoryPeriod(category, out[-1].start, last)
        else:
            out.append(CategoryPeriod(category, day, last))
    return out


def thuiszitter_periods(periods: Iterable[CategoryPeriod]) -> list[CategoryPeriod]:
    """Only the periods in one of :data:`THUISZITTER_CATEGORIES`."""
    return [p for p in periods if p.category in THUISZITTER_CATEGORIES]


def categories_by_day(
    periods: Iterable[CategoryPeriod], start: dt.date, end: dt.date
) -> dict[dt.date, InspectieCategory]:
    """The category on every day from *start* to *end* that has one."""
    out: dict[dt.date, InspectieCategory] = {}
    for p in periods:
        day = max(p.start, start)
        while day <= min(p.end, end):
            out[day] = p.category
            day += ONE_DAY
    return out
