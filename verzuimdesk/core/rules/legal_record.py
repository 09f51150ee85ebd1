"""A pupil's legal record over time: enrolments, exemptions, startkwalificatie (rules.md §7–§8).

The case base keeps the history (a pupil can be enrolled at several schools in turn, and an
exemption holds only within its dates); these pure functions answer, for a date, whether the
pupil was enrolled, exempted and of compulsory age, and which periods were *absoluut verzuim*
(inspectie category B3: a compulsory-age child without enrolment and without an exemption from
enrolment, from the first day not enrolled).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.leerplicht import (
    ENROLMENT_EXEMPTIONS,
    ExemptionKind,
    LeerplichtKind,
    LeerplichtStatus,
    is_compulsory,
    leerplicht_status,
)
from verzuimdesk.core.rules.signal_codes import SignalCode
from verzuimdesk.core.rules.types import Signal

__all__ = [
    "ABSOLUUT_VERZUIM_REPORT_SCHOOLDAYS",
    "ENROLMENT_EXEMPTIONS",
    "EnrolmentPeriod",
    "ExemptionKind",
    "ExemptionPeriod",
    "LegalRecord",
    "absoluut_verzuim_periods",
    "enrolled_on",
    "enrolment_exemption_on",
    "in_excused_gap",
    "is_compulsory_on",
    "last_enrolled_schooldag",
    "leerplicht_on",
    "legal_signals",
]

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class EnrolmentPeriod:
    """An enrolment at a school from *start* up to and including *end* (None: still enrolled)."""

    start: dt.date
    end: dt.date | None = None
    school_id: int | None = None

    def covers(self, day: dt.date) -> bool:
        """Whether the pupil was enrolled on *day* under this enrolment."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class ExemptionPeriod:
    """An exemption of *kind* from *start* up to and including *end* (None: open)."""

    kind: ExemptionKind
    start: dt.date
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        """Whether the exemption applies on *day*."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class LegalRecord:
    """Everything the law looks at for one pupil, as plain values.

    ``excused_gaps`` are periods without enrolment that a user marked as an
    *administratieve onvolkomenheid* (seed 001 §1.1): a registration error, not absoluut
    verzuim.
    """

    birth_date: dt.date
    enrolments: tuple[EnrolmentPeriod, ...] = ()
    exemptions: tuple[ExemptionPeriod, ...] = ()
    startkwalificatie_on: dt.date | None = None
    exit_certificate: str | None = None
    twelve_years_completed: dt.date | None = None
    excused_gaps: tuple[tuple[dt.date, dt.date | None], ...] = field(default=())


def enrolled_on(record: LegalRecord, day: dt.date) -> bool:
    """Whether the pupil was enrolled at some school on *day*."""
    return any(e.covers(day) for e in record.enrolments)


def enrolment_exemption_on(record: LegalRecord, day: dt.date) -> ExemptionPeriod | None:
    """The art. 5 exemption from enrolment that applies on *day*, if any."""
    for exemption in record.exemptions:
        if exemption.kind in ENROLMENT_EXEMPTIONS and exemption.covers(day):
            return exemption
    return None


def leerplicht_on(
    record: LegalRecord, day: dt.date, calendar: SchoolCalendar | None = None
) -> LeerplichtStatus:
    """The leerplicht status on *day*: ``vrijgesteld`` only within an art. 5 exemption."""
    exemption = enrolment_exemption_on(record, day)
    return leerplicht_status(
        record.birth_date,
        day,
        exemption=exemption.kind if exemption is not None else None,
        exemption_from=exemption.start if exemption is not None else None,
        exemption_until=exemption.end if exemption is not None else None,
        startkwalificatie=record.startkwalificatie_on,
        exit_certificate=record.exit_certificate,
        twelve_years_completed=record.twelve_years_completed,
        calendar=calendar,
    )


def _compulsory_period(
    record: LegalRecord, calendar: SchoolCalendar | None
) -> tuple[dt.date, dt.date | None] | None:
    """The first and last day of compulsory age (leerplicht plus kwalificatieplicht)."""
    status = leerplicht_status(
        record.birth_date,
        record.birth_date,
        startkwalificatie=record.startkwalificatie_on,
        exit_certificate=record.exit_certificate,
        twelve_years_completed=record.twelve_years_completed,
        calendar=calendar,
    )
    if status.end is None:  # pragma: no cover - a newborn is never compulsory
        return None
    start = status.end + ONE_DAY
    last: dt.date | None = None
    day = start
    # Walk the (at most three) status periods forward to the last compulsory day.
    while True:
        current = leerplicht_status(
            record.birth_date,
            day,
            startkwalificatie=record.startkwalificatie_on,
            exit_certificate=record.exit_certificate,
            twelve_years_completed=record.twelve_years_completed,
            calendar=calendar,
        )
        if not is_compulsory(current.kind):
            break
        last = current.end
        if current.end is None:
            return start, None
        day = current.end + ONE_DAY
    return (start, last) if last is not None else None


def _subtract(
    periods: list[tuple[dt.date, dt.date]], start: dt.date, end: dt.date | None
) -> list[tuple[dt.date, dt.date]]:
    """*periods* (inclusive ranges) minus the inclusive range start..end (None: open)."""
    out: list[tuple[dt.date, dt.date]] = []
    for lo, hi in periods:
        if hi < start or (end is not None and lo > end):
            out.append((lo, hi))
            continue
        if lo < start:
            out.append((lo, start - ONE_DAY))
        if end is not None and hi > end:
            out.append((end + ONE_DAY, hi))
    return out


def absoluut_verzuim_periods(
    record: LegalRecord, until: dt.date, calendar: SchoolCalendar | None = None
) -> list[tuple[dt.date, dt.date | None]]:
    """The periods of absoluut verzuim (B3) up to *until*, first day to last (None: ongoing).

    A period is a run of days of compulsory age without an enrolment, without an art. 5
    exemption and outside the gaps marked as an administratieve onvolkomenheid. A period
    still running on *until* has no end.
    """
    compulsory = _compulsory_period(record, calendar)
    if compulsory is None or compulsory[0] > until:
        return []
    first, last = compulsory
    horizon = until if last is None else min(last, until)
    remaining = [(first, horizon)]
    for enrolment in record.enrolments:
        remaining = _subtract(remaining, enrolment.start, enrolment.end)
    for exemption in record.exemptions:
        if exemption.kind in ENROLMENT_EXEMPTIONS:
            remaining = _subtract(remaining, exemption.start, exemption.end)
    for gap_start, gap_end in record.excused_gaps:
        remaining = _subtract(remaining, gap_start, gap_end)
    return [(lo, None if hi == until else hi) for lo, hi in sorted(remaining)]


def last_enrolled_schooldag(
    enrolments: Sequence[EnrolmentPeriod] | Iterable[EnrolmentPeriod],
    after: dt.date,
    calendar: SchoolCalendar,
) -> dt.date | None:
    """The last enrolled schooldag of the enrolment that ends first on or after *after*.

    An LRV that is open when the pupil is unenrolled ends on that day (seed 003 §2.5.2).
    None when the pupil is still enrolled from *after* on.
    """
    ends = sorted(e.end for e in enrolments if e.end is not None and e.end >= after)
    for end in ends:
        covered_next = any(e.covers(end + ONE_DAY) for e in enrolments)
        if covered_next:
            continue  # a change of school without a gap is no unenrolment
        return calendar.previous_schooldag(end + ONE_DAY)
    return None


def is_compulsory_on(record: LegalRecord, day: dt.date, calendar: SchoolCalendar | None) -> bool:
    """Whether the pupil is of compulsory age on *day* (exempted pupils included)."""
    status = leerplicht_on(record, day, calendar)
    return is_compulsory(status.kind) or status.kind is LeerplichtKind.VRIJGESTELD


def in_excused_gap(record: LegalRecord, day: dt.date) -> bool:
    """Whether *day* lies in a gap marked as an administratieve onvolkomenheid."""
    return any(lo <= day and (hi is None or day <= hi) for lo, hi in record.excused_gaps)


#: Our reading (docs/readings.md): the leerplichtambtenaar is to act on absoluut verzuim
#: within 5 schooldagen of its first day, as the school must report relatief verzuim within
#: 5 werkdagen; the days are counted on the calendar of the signals (the pupil's last school,
#: else the region's default calendar).
ABSOLUUT_VERZUIM_REPORT_SCHOOLDAYS = 5


def legal_signals(
    pupil: str,
    record: LegalRecord,
    signals: Iterable[Signal],
    calendar: SchoolCalendar,
    until: dt.date,
) -> list[Signal]:
    """*signals* adjusted to the legal record, plus its ``absoluut-verzuim`` signals.

    - An LRV (``duo-lrv``) ends at unenrolment (seed 003 §2.5.2): its end becomes the last
      enrolled schooldag; an LRV that would only become due after that day is dropped.
    - Each period of absoluut verzuim up to *until* gives one ``absoluut-verzuim`` signal:
      ``datum``/``start`` its first day, ``eind`` its last (None while it lasts) and a
      deadline :data:`ABSOLUUT_VERZUIM_REPORT_SCHOOLDAYS` schooldagen after its first day.
    """
    out: list[Signal] = []
    for s in signals:
        if s.code == SignalCode.DUO_LRV and record.enrolments:
            end = last_enrolled_schooldag(record.enrolments, s.start or s.datum, calendar)
            if end is not None:
                if s.datum > end:
                    continue
                if s.eind is None or s.eind > end:
                    s = replace(s, eind=end)
        out.append(s)
    for start, end in absoluut_verzuim_periods(record, until, calendar):
        out.append(
            Signal(
                pupil=pupil,
                code=SignalCode.ABSOLUUT_VERZUIM,
                datum=start,
                start=start,
                eind=end,
                deadline=calendar.add_schooldays(
                    calendar.schooldag_on_or_after(start), ABSOLUUT_VERZUIM_REPORT_SCHOOLDAYS
                ),
            )
        )
    out.sort(key=lambda s: (s.datum, s.code))
    return out
