"""Deadlines every region shares (rules.md §9), as pure functions.

Every constant names its source. "Werkdagen" of a school's duty are counted as
schooldagen of the school's calendar (:data:`WERKDAG_IS_SCHOOLDAG`): a school
cannot act during its vacations, so a deadline never falls inside one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verzuimdesk.core.rules.calendar import SchoolCalendar

__all__ = [
    "DUO_REPORT_DEADLINE_SCHOOLDAYS",
    "LRV_REPORT_DEADLINE_SCHOOLDAYS",
    "LUXE_REPORT_DEADLINE_SCHOOLDAYS",
    "PVA_EVALUATION_INTERVAL_DAYS",
    "QUARTERLY_CHECK_BEFORE",
    "QUARTERLY_LIST_BY",
    "RELATIEF_VERZUIM_REPORT_WERKDAGEN",
    "SICKNESS_CONSULT_DEADLINE_SCHOOLDAYS",
    "THUISZITTER_SWV_LESWEKEN",
    "TLV_FOLLOWUP_WEEKS",
    "WERKDAG_IS_SCHOOLDAG",
    "add_werkdagen",
    "duo_16h_deadline",
    "lrv_report_deadline",
    "luxe_report_deadline",
    "next_pva_evaluation",
    "next_quarterly_check_deadline",
    "next_quarterly_list_deadline",
    "pva_evaluation_dates",
    "relatief_verzuim_report_deadline",
    "sickness_consult_deadline",
    "thuiszitter_swv_deadline",
    "tlv_followup_date",
]

#: Our reading of "werkdagen" for a school's duty: schooldagen of its calendar.
WERKDAG_IS_SCHOOLDAG = True

#: DUO report "16 uur in 4 weken": *onverwijld*; the desk's deadline is d + 1 schooldag
#: (rules.md §9; seed 003 §2.5, Leerplichtwet art. 21).
DUO_REPORT_DEADLINE_SCHOOLDAYS = 1

#: DUO report LRV: a DUO verzuimmelding like the 16-hour report, so also *onverwijld*:
#: due date + 1 schooldag (our reading; seed 003 §2.5 / §2.5.2 give no separate term).
LRV_REPORT_DEADLINE_SCHOOLDAYS = 1

#: DUO report luxe verzuim: *onverwijld*, first day of the run + 1 schooldag
#: (our reading; seed 003 §2.5, §2.5.3).
LUXE_REPORT_DEADLINE_SCHOOLDAYS = 1

#: Report relatief verzuim to leerplicht "binnen vijf werkdagen" (seed 001 §1.4 roles table).
RELATIEF_VERZUIM_REPORT_WERKDAGEN = 5

#: Zorgwekkend ziekteverzuim: the school talks with pupil and parents and consults the
#: jeugdarts (seed 003 §2.2.3, M@ZL). The seeds give no term; our reading: within
#: 5 schooldagen of the signal, the same term as a relatief-verzuim report.
SICKNESS_CONSULT_DEADLINE_SCHOOLDAYS = 5

#: Thuiszitter report to the SWV "uiterlijk na vier weken" (seed 001 §2.1, 003 §2.2.3),
#: counted in lesweken from the first fully absent day like the LRV (rules.md §4).
THUISZITTER_SWV_LESWEKEN = 4

#: Quarterly check with the schools: "voor 1 december, 1 maart, 1 juni, 1 september"
#: (seed 001 §2.5.1) as (month, day) of the exclusive bound.
QUARTERLY_CHECK_BEFORE: tuple[tuple[int, int], ...] = ((3, 1), (6, 1), (9, 1), (12, 1))

#: Quarterly list to directeur/bestuur and the inspectie by 15 Dec/Mar/Jun/Sep
#: (seed 001 §2.5.1).
QUARTERLY_LIST_BY: tuple[tuple[int, int], ...] = ((3, 15), (6, 15), (9, 15), (12, 15))

#: After a TLV is issued: check placement at the old and new school 4 weeks later
#: (seed 001 §2.4.2), in calendar weeks.
TLV_FOLLOWUP_WEEKS = 4

#: The plan van aanpak is evaluated weekly (seed 001 §2.2).
PVA_EVALUATION_INTERVAL_DAYS = 7


def add_werkdagen(calendar: SchoolCalendar, d: dt.date, n: int) -> dt.date:
    """The *n*-th werkdag (schooldag, see :data:`WERKDAG_IS_SCHOOLDAG`) after *d*."""
    return calendar.add_schooldays(d, n)


def duo_16h_deadline(calendar: SchoolCalendar, datum: dt.date) -> dt.date:
    """Deadline of a ``duo-16h`` report due on *datum*: datum + 1 schooldag."""
    return calendar.add_schooldays(datum, DUO_REPORT_DEADLINE_SCHOOLDAYS)


def lrv_report_deadline(calendar: SchoolCalendar, datum: dt.date) -> dt.date:
    """Deadline of a ``duo-lrv`` report due on *datum*: datum + 1 schooldag."""
    return calendar.add_schooldays(datum, LRV_REPORT_DEADLINE_SCHOOLDAYS)


def luxe_report_deadline(calendar: SchoolCalendar, first_day: dt.date) -> dt.date:
    """Deadline of a ``duo-luxe`` report for a run starting *first_day*: + 1 schooldag."""
    return calendar.add_schooldays(first_day, LUXE_REPORT_DEADLINE_SCHOOLDAYS)


def relatief_verzuim_report_deadline(calendar: SchoolCalendar, d: dt.date) -> dt.date:
    """Report relatief verzuim observed on *d* to leerplicht within 5 werkdagen."""
    return add_werkdagen(calendar, d, RELATIEF_VERZUIM_REPORT_WERKDAGEN)


def sickness_consult_deadline(calendar: SchoolCalendar, datum: dt.date) -> dt.date:
    """Deadline for acting on a zorgwekkend-ziekteverzuim signal on *datum*."""
    return calendar.add_schooldays(datum, SICKNESS_CONSULT_DEADLINE_SCHOOLDAYS)


def thuiszitter_swv_deadline(calendar: SchoolCalendar, first_absent_day: dt.date) -> dt.date:
    """Latest date to report a thuiszitter to the SWV: when 4 lesweken are complete.

    Uses the LRV counting of rules.md §4: the last schooldag before the date with the
    first absent day's weekday in the 4th lesweek after its lesweek.
    """
    w = calendar.lesweek_index(first_absent_day)
    monday = calendar.lesweek_monday(w + THUISZITTER_SWV_LESWEKEN, near=first_absent_day)
    if monday is None:
        raise ValueError("geen lesweken meer in de kalender")
    target = monday + dt.timedelta(days=first_absent_day.weekday())
    return calendar.previous_schooldag(target)


def _next_fixed_date(d: dt.date, points: tuple[tuple[int, int], ...], *, strict: bool) -> dt.date:
    for year in (d.year, d.year + 1):
        for month, day in points:
            cand = dt.date(year, month, day)
            if cand > d or (not strict and cand == d):
                return cand
    raise AssertionError("unreachable")


def next_quarterly_check_deadline(d: dt.date) -> dt.date:
    """Last day of the quarterly check with schools that is on or after *d*.

    The check must happen before 1 Dec/1 Mar/1 Jun/1 Sep; the returned date is the day
    before that bound (30 Nov, 28/29 Feb, 31 May, 31 Aug).
    """
    bound = _next_fixed_date(d + dt.timedelta(days=1), QUARTERLY_CHECK_BEFORE, strict=False)
    return bound - dt.timedelta(days=1)


def next_quarterly_list_deadline(d: dt.date) -> dt.date:
    """The first quarterly-list deadline (15 Dec/Mar/Jun/Sep) on or after *d*."""
    return _next_fixed_date(d, QUARTERLY_LIST_BY, strict=False)


def tlv_followup_date(tlv_date: dt.date) -> dt.date:
    """Date to check the placement at old and new school after a TLV: TLV date + 4 weeks."""
    return tlv_date + dt.timedelta(weeks=TLV_FOLLOWUP_WEEKS)


def pva_evaluation_dates(start: dt.date, until: dt.date) -> Iterator[dt.date]:
    """Weekly evaluation dates of a plan van aanpak made on *start*, up to *until*."""
    d = start + dt.timedelta(days=PVA_EVALUATION_INTERVAL_DAYS)
    while d <= until:
        yield d
        d += dt.timedelta(days=PVA_EVALUATION_INTERVAL_DAYS)


def next_pva_evaluation(start: dt.date, today: dt.date) -> dt.date:
    """The first weekly evaluation date of a plan van aanpak made on *start* on/after *today*."""
    if today <= start:
        return start + dt.timedelta(days=PVA_EVALUATION_INTERVAL_DAYS)
    weeks = -(-(today - start).days // PVA_EVALUATION_INTERVAL_DAYS)
    return start + dt.timedelta(days=weeks * PVA_EVALUATION_INTERVAL_DAYS)
