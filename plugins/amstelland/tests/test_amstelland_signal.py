"""Amstelland's ``am-langdurig-verzuim`` signal (seed 004) with hand-computed dates.

Calendar: Monday–Friday without vacations unless a test gives free days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from verzuimdesk_amstelland.signals import add_months, compute_langdurig_verzuim

from verzuimdesk.plugins.api import Absence, AbsenceKind
from verzuimdesk.testing import SimpleCalendar, signal_context

D = dt.date


def weekdays(start: dt.date, end: dt.date) -> list[dt.date]:
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    return [d for d in days if d.weekday() < 5]


def dates(records: list[Absence], **kw: Any) -> list[tuple[dt.date, dt.date | None]]:
    return [(s.datum, s.start) for s in compute_langdurig_verzuim(signal_context(records, **kw))]


def test_a_month_of_any_kind_of_absence() -> None:
    # Tue 8 Sep 2026 – Thu 8 Oct: sick, then unauthorised, then suspended, then authorised
    # (no late arrivals). A month after Tue 8 Sep is Thu 8 Oct.
    kinds = [AbsenceKind.ZIEK, AbsenceKind.ONGEOORLOOFD, AbsenceKind.SCHORSING,
             AbsenceKind.GEOORLOOFD]  # fmt: skip
    days = weekdays(D(2026, 9, 8), D(2026, 10, 9))
    records = [Absence("p", d, 6, kinds[i * 4 // len(days)]) for i, d in enumerate(days)]
    assert dates(records) == [(D(2026, 10, 8), D(2026, 9, 8))]
    assert dates([r for r in records if r.date <= D(2026, 10, 7)]) == []


def test_a_schooldag_at_school_breaks_the_run_but_a_vacation_does_not() -> None:
    # Sick 8 Sep – 16 Oct but at school on Mon 21 Sep: the run from 8 Sep would have reached
    # a month on Thu 8 Oct; the run from Tue 22 Sep reaches it only on 22 Oct.
    days = weekdays(D(2026, 9, 8), D(2026, 10, 16))
    at_school = [Absence("p", d, 6, AbsenceKind.ZIEK) for d in days if d != D(2026, 9, 21)]
    assert dates(at_school) == []
    assert dates([Absence("p", d, 6, AbsenceKind.ZIEK) for d in days]) == [
        (D(2026, 10, 8), D(2026, 9, 8))
    ]
    # Herfstvakantie 12–16 Oct as free days: sick 28 Sep – 28 Oct without the vacation;
    # the run holds across the vacation and reaches a month on Wed 28 Oct.
    vacation = weekdays(D(2026, 10, 12), D(2026, 10, 16))
    sick = [Absence("p", d, 6, AbsenceKind.ZIEK)
            for d in weekdays(D(2026, 9, 28), D(2026, 10, 30)) if d not in vacation]  # fmt: skip
    assert dates(sick, calendar=SimpleCalendar(vacation)) == [(D(2026, 10, 28), D(2026, 9, 28))]


def test_late_arrivals_are_no_absence() -> None:
    days = weekdays(D(2026, 9, 7), D(2026, 10, 16))
    assert dates([Absence("p", d, 0, AbsenceKind.TE_LAAT) for d in days]) == []


def test_months_are_calendar_months() -> None:
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 12, 15), 1) == D(2027, 1, 15)
