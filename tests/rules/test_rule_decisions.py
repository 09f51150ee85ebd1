"""The rule decisions of 2026-11-30 (docs/rules.md §2–§4), as worked examples.

Every example uses an explicit calendar in which each Monday–Friday is a schooldag, VO, a
day of 6 hours. Each test failed on the engine before the decisions were applied.
"""

from __future__ import annotations

import datetime as dt

from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.signals import compute_pupil_signals
from verzuimdesk.core.rules.types import Absence, AbsenceKind, Sector, Signal

D = dt.date
PLAIN = SchoolCalendar.explicit([])


def _records(dates: list[dt.date], hours: float, kind: AbsenceKind) -> list[Absence]:
    return [Absence(pupil="p", date=d, hours=hours, kind=kind) for d in dates]


def _signals(records: list[Absence], until: dt.date) -> list[Signal]:
    return compute_pupil_signals("p", records, PLAIN, sector=Sector.VO, until=until)


def _brief(signals: list[Signal], code: str) -> list[tuple[object, ...]]:
    return [(s.datum, s.start, s.eind, s.uren) for s in signals if s.code == code]


def test_luxe_is_reported_as_luxe_only() -> None:
    # A week of luxe verzuim (30 h): one duo-luxe report, no duo-16h for the same absence.
    week = [D(2026, 2, 9) + dt.timedelta(days=i) for i in range(5)]
    out = _signals(_records(week, 6, AbsenceKind.LUXE), until=D(2026, 2, 20))
    assert [s.code for s in out] == ["duo-luxe"]
    assert _brief(out, "duo-luxe") == [(D(2026, 2, 9), D(2026, 2, 9), D(2026, 2, 13), None)]


def test_luxe_hours_never_make_a_day_fully_absent() -> None:
    # Five weeks of luxe: no LRV and no thuiszitter, only the luxe report.
    dates = PLAIN.schooldagen(D(2026, 2, 2), D(2026, 3, 6))
    out = _signals(_records(dates, 6, AbsenceKind.LUXE), until=D(2026, 3, 6))
    assert {s.code for s in out} == {"duo-luxe"}


def test_seven_day_rule_holds_while_continuously_absent() -> None:
    # Fully absent from Mon 2 Feb: the first report on Wed 4 Feb (18 h); the next one's
    # hours reach 16 on Mon 9 Feb, but the pupil has been absent every day since, so it is
    # due only on Wed 11 Feb (4 Feb + 7 days), with the hours of 5-11 Feb.
    dates = PLAIN.schooldagen(D(2026, 2, 2), D(2026, 2, 13))
    out = _signals(_records(dates, 6, AbsenceKind.ONGEOORLOOFD), until=D(2026, 2, 13))
    assert _brief(out, "duo-16h") == [
        (D(2026, 2, 4), D(2026, 2, 2), D(2026, 2, 4), 18.0),
        (D(2026, 2, 11), D(2026, 2, 5), D(2026, 2, 11), 30.0),
    ]


def test_seven_day_rule_lapses_when_the_pupil_was_at_school() -> None:
    # Absent Mon 2 – Wed 4 Feb (report on 4 Feb), at school on Thu 5 Feb, absent again from
    # Fri 6 Feb: the hours reach 16 on Tue 10 Feb, and since Thursday was not fully absent
    # the report is due that day, not on 11 Feb.
    dates = [D(2026, 2, 2), D(2026, 2, 3), D(2026, 2, 4), D(2026, 2, 6), D(2026, 2, 9)]
    dates.append(D(2026, 2, 10))
    out = _signals(_records(dates, 6, AbsenceKind.ONGEOORLOOFD), until=D(2026, 2, 13))
    assert _brief(out, "duo-16h") == [
        (D(2026, 2, 4), D(2026, 2, 2), D(2026, 2, 4), 18.0),
        (D(2026, 2, 10), D(2026, 2, 6), D(2026, 2, 10), 18.0),
    ]


def test_lrv_starts_on_a_schooldag_after_a_friday_report() -> None:
    # 4 h a day Tue 13 – Fri 16 Jan (report Fri 16 Jan), then fully absent from Mon 19 Jan.
    # Reports follow every 7 days, the last before the LRV ending Fri 6 Feb; the LRV (due
    # Fri 13 Feb) starts on the first schooldag after it: Mon 9 Feb, not Saturday 7 Feb.
    partial = _records([D(2026, 1, 13), D(2026, 1, 14), D(2026, 1, 15), D(2026, 1, 16)], 4,
                       AbsenceKind.ONGEOORLOOFD)  # fmt: skip
    full = _records(PLAIN.schooldagen(D(2026, 1, 19), D(2026, 2, 20)), 6,
                    AbsenceKind.ONGEOORLOOFD)  # fmt: skip
    out = _signals(partial + full, until=D(2026, 2, 20))
    assert [s.eind for s in out if s.code == "duo-16h"][-1] == D(2026, 2, 6)
    assert _brief(out, "duo-lrv") == [(D(2026, 2, 13), D(2026, 2, 9), None, None)]


def test_zero_hour_records_count_for_nothing() -> None:
    # A 0-hour luxe record between two luxe days breaks the run (two reports), and a 0-hour
    # ziek record in the middle of seven sick days breaks the ziekmelding (no sick-7-days).
    luxe = _records([D(2026, 2, 9), D(2026, 2, 11)], 6, AbsenceKind.LUXE)
    luxe += _records([D(2026, 2, 10)], 0, AbsenceKind.LUXE)
    out = _signals(luxe, until=D(2026, 2, 13))
    assert [s.datum for s in out if s.code == "duo-luxe"] == [D(2026, 2, 9), D(2026, 2, 11)]

    sick_days = PLAIN.schooldagen(D(2026, 3, 2), D(2026, 3, 10))
    sick = _records([d for d in sick_days if d != D(2026, 3, 5)], 6, AbsenceKind.ZIEK)
    sick += _records([D(2026, 3, 5)], 0, AbsenceKind.ZIEK)
    out = _signals(sick, until=D(2026, 3, 13))
    assert [s.code for s in out if s.code == "sick-7-days"] == []


def test_hours_are_counted_in_whole_seconds() -> None:
    # Three records of 5.3333 h (5:20:00 each) make exactly 16 hours: a report.
    dates = [D(2026, 2, 2), D(2026, 2, 3), D(2026, 2, 4)]
    out = _signals(_records(dates, 5.3333, AbsenceKind.ONGEOORLOOFD), until=D(2026, 2, 6))
    assert _brief(out, "duo-16h") == [(D(2026, 2, 4), D(2026, 2, 2), D(2026, 2, 4), 16.0)]
