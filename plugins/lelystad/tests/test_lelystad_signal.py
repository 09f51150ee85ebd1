"""Lelystad's ``ll-dreigende-thuiszitter`` signal (seed 001 §2.1) with hand-computed dates.

Calendar: Monday–Friday without vacations unless a test gives free days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from verzuimdesk_lelystad.signals import compute_dreigende_thuiszitter

from verzuimdesk.plugins.api import Absence, AbsenceKind, Sector
from verzuimdesk.testing import SimpleCalendar, signal_context

D = dt.date
SCH = AbsenceKind.SCHORSING
ZIEK = AbsenceKind.ZIEK


def rec(d: dt.date, kind: AbsenceKind, hours: float = 5.5) -> Absence:
    return Absence("p1", d, hours, kind)


def signals(records: list[Absence], **kw: Any) -> list[tuple[dt.date, dt.date | None]]:
    ctx = signal_context(records, sector=Sector.PO, day_hours=5.5, **kw)
    return [(s.datum, s.start) for s in compute_dreigende_thuiszitter(ctx)]


def test_schorsing_of_more_than_two_schooldagen() -> None:
    # Suspended Thu 1, Fri 2 and Mon 5 Oct 2026: the weekend does not break the run;
    # the third schooldag (Mon 5 Oct) is "meer dan 2 dagen".
    days = [D(2026, 10, 1), D(2026, 10, 2), D(2026, 10, 5)]
    assert signals([rec(d, SCH) for d in days]) == [(D(2026, 10, 5), D(2026, 10, 1))]


def test_two_days_of_schorsing_or_an_interrupted_one_is_no_signal() -> None:
    assert signals([rec(D(2026, 10, 1), SCH), rec(D(2026, 10, 2), SCH)]) == []
    # Tue 6 Oct at school: two separate suspensions of two days each.
    days = [D(2026, 10, 1), D(2026, 10, 2), D(2026, 10, 7), D(2026, 10, 8)]
    assert signals([rec(d, SCH) for d in days]) == []


def test_sick_for_four_weeks() -> None:
    # Sick every schooldag from Mon 7 Sep 2026: four lesweken later is Mon 5 Oct.
    days = [D(2026, 9, 7) + dt.timedelta(days=i) for i in range(35)]
    records = [rec(d, ZIEK) for d in days if d.weekday() < 5]
    assert signals(records) == [(D(2026, 10, 5), D(2026, 9, 7))]
    # Three weeks and four days is not yet long sickness.
    assert signals([r for r in records if r.date <= D(2026, 10, 2)]) == []


def test_a_vacation_does_not_count_as_sick_weeks() -> None:
    # Herfstvakantie 19–23 Oct 2026 (free days): sick from Mon 5 Oct, the fourth lesweek
    # after the first is the week of Mon 9 Nov (5, 12, 26 Oct, 2 Nov are weeks 1–4).
    vacation = [D(2026, 10, 19) + dt.timedelta(days=i) for i in range(5)]
    days = [D(2026, 10, 5) + dt.timedelta(days=i) for i in range(42)]
    records = [rec(d, ZIEK) for d in days if d.weekday() < 5 and d not in vacation]
    calendar = SimpleCalendar(vacation)
    assert signals(records, calendar=calendar) == [(D(2026, 11, 9), D(2026, 10, 5))]


def test_a_day_back_at_school_restarts_the_count() -> None:
    # Sick 7 Sep – 25 Sep, at school Mon 28 Sep, sick again 29 Sep – 16 Oct: no run of 4 weeks.
    days = [D(2026, 9, 7) + dt.timedelta(days=i) for i in range(40)]
    records = [rec(d, ZIEK) for d in days if d.weekday() < 5 and d != D(2026, 9, 28)]
    assert signals([r for r in records if r.date <= D(2026, 10, 16)]) == []


def test_unauthorised_absence_is_not_this_signal() -> None:
    # Four weeks of ongeoorloofd verzuim is the national thuiszitter-b2a, not this signal.
    days = [D(2026, 9, 7) + dt.timedelta(days=i) for i in range(35)]
    records = [rec(d, AbsenceKind.ONGEOORLOOFD) for d in days if d.weekday() < 5]
    assert signals(records) == []


def test_registered_as_regional_signal(plugin_registry: Any) -> None:
    (signal,) = plugin_registry.regional_signals("lelystad")
    assert signal.code == "ll-dreigende-thuiszitter"
    assert signal.compute is compute_dreigende_thuiszitter
