"""National signals (rules.md §3–§6) as worked examples, plus hypothesis properties.

Most examples use explicit calendars so they do not drift with the holidays package:

* ``PLAIN``: every Monday–Friday is a schooldag;
* ``CAL``: Herfstvakantie Mon 20 – Fri 24 Oct 2025 and Kerstvakantie Mon 22 Dec 2025 –
  Fri 2 Jan 2026, nothing else.

Dates in the comments are worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verzuimdesk.core.rules.calendar import FreeRange, SchoolCalendar
from verzuimdesk.core.rules.signals import (
    RecordColumns,
    compute_pupil_signals,
    compute_pupil_signals_columns,
    compute_signals,
    compute_signals_columns,
    hours_to_units,
)
from verzuimdesk.core.rules.types import Absence, AbsenceKind, Sector, Signal

D = dt.date
U = AbsenceKind.ONGEOORLOOFD
Z = AbsenceKind.ZIEK
L = AbsenceKind.LUXE
T = AbsenceKind.TE_LAAT

PLAIN = SchoolCalendar.explicit([])
CAL = SchoolCalendar.explicit(
    [
        FreeRange(D(2025, 10, 20), D(2025, 10, 24), "Herfstvakantie"),
        FreeRange(D(2025, 12, 22), D(2026, 1, 2), "Kerstvakantie"),
    ]
)
MIDDEN = SchoolCalendar.for_region("midden")
NOORD = SchoolCalendar.for_region("noord")


def days(cal: SchoolCalendar, start: dt.date, end: dt.date) -> list[dt.date]:
    return cal.schooldagen(start, end)


def recs(dates: list[dt.date], hours: float = 6.0, kind: AbsenceKind = U, pupil: str = "p"):
    return [Absence(pupil, d, hours, kind) for d in dates]


def sig(records, cal, *, until, sector=Sector.VO, day_hours=None, code=None) -> list[Signal]:
    out = compute_pupil_signals("p", records, cal, sector=sector, day_hours=day_hours, until=until)
    return [s for s in out if code is None or s.code == code]


def brief(signals: list[Signal]) -> list[tuple]:
    return [(s.code, s.datum, s.start, s.eind, s.uren) for s in signals]


# --------------------------------------------------------------------------- duo-16h


def test_window_across_a_vacation_week() -> None:
    # 4 h unauthorised on Mondays 29 Sep, 6 Oct, 13 Oct and 27 Oct 2025. In CAL the week
    # of 20 Oct has no schooldag and is skipped, so 29 Sep, 6 Oct, 13 Oct, 27 Oct are four
    # consecutive lesweken: the window of 27 Oct holds all four Mondays = 16 h -> report
    # on Mon 27 Oct, start 29 Sep, deadline Tue 28 Oct.
    r = recs([D(2025, 9, 29), D(2025, 10, 6), D(2025, 10, 13), D(2025, 10, 27)], 4)
    (s,) = sig(r, CAL, until=D(2025, 10, 31))
    assert (s.code, s.datum, s.start, s.eind, s.uren) == (
        "duo-16h",
        D(2025, 10, 27),
        D(2025, 9, 29),
        D(2025, 10, 27),
        16.0,
    )
    assert s.deadline == D(2025, 10, 28)
    # Without the vacation the window of 27 Oct starts Mon 6 Oct: 12 h, no report.
    assert sig(r, PLAIN, until=D(2025, 10, 31)) == []


def test_window_across_the_real_midden_herfstvakantie() -> None:
    # Midden 2025: herfstvakantie 18–26 Oct; the same four Mondays make 16 h on 27 Oct.
    r = recs([D(2025, 9, 29), D(2025, 10, 6), D(2025, 10, 13), D(2025, 10, 27)], 4)
    assert brief(sig(r, MIDDEN, until=D(2025, 10, 31))) == [
        ("duo-16h", D(2025, 10, 27), D(2025, 9, 29), D(2025, 10, 27), 16.0)
    ]


def test_report_is_due_on_the_day_16_hours_are_reached() -> None:
    # 5 h on Mon 8, Tue 9, Wed 10 Sep (15 h) and 1 h on Thu 11 Sep -> 16 h on Thu 11 Sep.
    r = recs([D(2025, 9, 8), D(2025, 9, 9), D(2025, 9, 10)], 5) + recs([D(2025, 9, 11)], 1)
    (s,) = sig(r, PLAIN, until=D(2025, 9, 30))
    assert (s.datum, s.start, s.uren, s.deadline) == (
        D(2025, 9, 11),
        D(2025, 9, 8),
        16.0,
        D(2025, 9, 12),
    )


def test_window_slides_old_hours_out() -> None:
    # 8 h on Mon 1 Sep, 8 h on Mon 29 Sep: the window of 29 Sep is the weeks of 8, 15, 22
    # and 29 Sep, so 1 Sep has left it: 8 h, no report.
    r = recs([D(2025, 9, 1), D(2025, 9, 29)], 8)
    assert sig(r, PLAIN, until=D(2025, 10, 10)) == []
    # With 8 h on Mon 22 Sep instead: 16 h on 29 Sep; start is the first day in the
    # window with counted hours, 22 Sep.
    r = recs([D(2025, 9, 22), D(2025, 9, 29)], 8)
    assert brief(sig(r, PLAIN, until=D(2025, 10, 10))) == [
        ("duo-16h", D(2025, 9, 29), D(2025, 9, 22), D(2025, 9, 29), 16.0)
    ]


def test_hours_count_only_after_the_previous_report() -> None:
    # 6 h on Mon 1, Tue 2, Wed 3 Sep: report Wed 3 Sep (18 h). Then 6 h on Mon 15,
    # Tue 16 Sep: counting restarts after 3 Sep, 12 h: no second report.
    r = recs([D(2025, 9, 1), D(2025, 9, 2), D(2025, 9, 3), D(2025, 9, 15), D(2025, 9, 16)])
    assert [s.datum for s in sig(r, PLAIN, until=D(2025, 9, 30))] == [D(2025, 9, 3)]
    # A third day (Wed 17 Sep) makes 18 h after the report: report on 17 Sep, start 15 Sep.
    r += recs([D(2025, 9, 17)])
    assert brief(sig(r, PLAIN, until=D(2025, 9, 30))) == [
        ("duo-16h", D(2025, 9, 3), D(2025, 9, 1), D(2025, 9, 3), 18.0),
        ("duo-16h", D(2025, 9, 17), D(2025, 9, 15), D(2025, 9, 17), 18.0),
    ]


def test_seven_day_rule_under_continuous_absence() -> None:
    # Fully absent (6 h) every schooldag from Mon 1 Sep to Fri 3 Oct 2025 (PLAIN).
    # Mon 6, Tue 12, Wed 18 h -> report Wed 3 Sep (start 1 Sep).
    # After it: Thu 4 (6), Fri 5 (12), Mon 8 (18 h) reaches 16 but 8 Sep < 3 Sep + 7 =
    # 10 Sep; the report is due Wed 10 Sep with 30 h (4, 5, 8, 9, 10 Sep), start Thu 4 Sep.
    # Likewise Wed 17 Sep (start 11 Sep) and Wed 24 Sep (start 18 Sep).
    # LRV: s = Mon 1 Sep (lesweek w); the 4th lesweek after w starts Mon 29 Sep; the last
    # schooldag before Mon 29 Sep is Fri 26 Sep -> LRV due Fri 26 Sep, start = the day
    # after the last 16-hour report (24 Sep) = Thu 25 Sep. The LRV is still open on the
    # evaluation date Fri 3 Oct, so no duo-16h on Wed 1 Oct.
    r = recs(days(PLAIN, D(2025, 9, 1), D(2025, 10, 3)))
    out = sig(r, PLAIN, until=D(2025, 10, 3))
    assert brief(out) == [
        ("duo-16h", D(2025, 9, 3), D(2025, 9, 1), D(2025, 9, 3), 18.0),
        ("duo-16h", D(2025, 9, 10), D(2025, 9, 4), D(2025, 9, 10), 30.0),
        ("duo-16h", D(2025, 9, 17), D(2025, 9, 11), D(2025, 9, 17), 30.0),
        ("duo-16h", D(2025, 9, 24), D(2025, 9, 18), D(2025, 9, 24), 30.0),
        ("duo-lrv", D(2025, 9, 26), D(2025, 9, 25), None, None),
        ("thuiszitter-b2a", D(2025, 9, 26), D(2025, 9, 1), None, None),
    ]
    lrv = out[4]
    assert lrv.deadline == D(2025, 9, 29)  # + 1 schooldag
    assert out[5].deadline == D(2025, 9, 26)  # SWV report at the latest after 4 weeks


def test_seven_day_rule_releases_on_a_day_without_records() -> None:
    # 6 h Mon 1 – Wed 3 Sep: report Wed 3 Sep. Then 6 h Thu 4, Fri 5, Mon 8 Sep (18 h,
    # reached on 8 Sep < 10 Sep, held back while the pupil is absent every day). On Tue
    # 9 Sep (no record) the pupil was at school: the seven-day rule no longer holds
    # (decided 2026-11-30) and the report, still 18 h, is due that day.
    r = recs(days(PLAIN, D(2025, 9, 1), D(2025, 9, 8)))
    assert brief(sig(r, PLAIN, until=D(2025, 9, 30))) == [
        ("duo-16h", D(2025, 9, 3), D(2025, 9, 1), D(2025, 9, 3), 18.0),
        ("duo-16h", D(2025, 9, 9), D(2025, 9, 4), D(2025, 9, 9), 18.0),
    ]
    # With the evaluation date Mon 8 Sep the second report is not due yet.
    assert [s.datum for s in sig(r, PLAIN, until=D(2025, 9, 8))] == [D(2025, 9, 3)]


def test_no_duo_16h_on_the_day_the_lrv_becomes_due() -> None:
    # Day length 3.2 h, fully absent from Mon 1 Sep: 16.0 h are reached on the 5th day,
    # Fri 5 Sep; then every Friday: 12 and 19 Sep. The LRV of s = Mon 1 Sep is due Fri
    # 26 Sep (the last schooldag before Mon 29 Sep), the day the next 16-hour report would
    # fall: no duo-16h that day. LRV start = Mon 22 Sep, the first schooldag after 19 Sep
    # (decided 2026-11-30: never the Saturday after the report).
    r = recs(days(PLAIN, D(2025, 9, 1), D(2025, 10, 10)), 3.2)
    out = sig(r, PLAIN, until=D(2025, 10, 10), day_hours=3.2)
    assert [(s.code, s.datum) for s in out] == [
        ("duo-16h", D(2025, 9, 5)),
        ("duo-16h", D(2025, 9, 12)),
        ("duo-16h", D(2025, 9, 19)),
        ("duo-lrv", D(2025, 9, 26)),
        ("thuiszitter-b2a", D(2025, 9, 26)),
    ]
    assert out[3].start == D(2025, 9, 22)


# --------------------------------------------------------------------------- LRV


def test_lrv_starting_mid_week() -> None:
    # s = Wed 3 Sep 2025, no vacations: due on the Tuesday four weeks later, 30 Sep.
    # 16-hour reports on Fri 5, 12, 19, 26 Sep -> LRV start Mon 29 Sep (the first schooldag
    # after 26 Sep).
    r = recs(days(PLAIN, D(2025, 9, 3), D(2025, 10, 2)))
    out = sig(r, PLAIN, until=D(2025, 10, 2))
    lrv = [s for s in out if s.code == "duo-lrv"]
    assert brief(lrv) == [("duo-lrv", D(2025, 9, 30), D(2025, 9, 29), None, None)]
    assert [s.datum for s in out if s.code == "duo-16h"] == [
        D(2025, 9, 5),
        D(2025, 9, 12),
        D(2025, 9, 19),
        D(2025, 9, 26),
    ]
    # One day less absence (present on Tue 30 Sep): the run ends Mon 29 Sep, no LRV.
    r = recs(days(PLAIN, D(2025, 9, 3), D(2025, 9, 29)))
    assert [s for s in sig(r, PLAIN, until=D(2025, 10, 2)) if s.code == "duo-lrv"] == []


def test_a_day_not_fully_absent_breaks_the_run() -> None:
    # Fully absent 3 Sep – 30 Sep except Mon 15 Sep with 5 h (< 6 h day length): no LRV.
    dates = days(PLAIN, D(2025, 9, 3), D(2025, 9, 30))
    r = [Absence("p", d, 5.0 if d == D(2025, 9, 15) else 6.0, U) for d in dates]
    assert not [s for s in sig(r, PLAIN, until=D(2025, 9, 30)) if s.code == "duo-lrv"]


def test_luxe_hours_do_not_complete_a_fully_absent_day() -> None:
    # 3 h ongeoorloofd + 3 h luxe on a 6-hour day: not fully absent, since luxe is reported
    # as luxe only (rules.md §2, decided 2026-11-30), so four weeks of it give no LRV.
    dates = days(PLAIN, D(2025, 9, 3), D(2025, 9, 30))
    r = recs(dates, 3, U) + recs(dates, 3, L)
    assert sig(r, PLAIN, until=D(2025, 9, 30), code="duo-lrv") == []
    # The ongeoorloofd hours alone still count: 16 h on the sixth day, Wed 10 Sep.
    assert next(s.datum for s in sig(r, PLAIN, until=D(2025, 9, 30), code="duo-16h")) == D(
        2025, 9, 10
    )


def test_lrv_spanning_christmas_and_closing_on_return() -> None:
    # CAL: Kerstvakantie 22 Dec 2025 – 2 Jan 2026. Fully absent every schooldag from
    # Wed 3 Dec 2025 up to Fri 16 Jan 2026, present from Mon 19 Jan.
    # Lesweken: 1 Dec (w), 8 Dec, 15 Dec, [22 Dec and 29 Dec skipped], 5 Jan (w+3),
    # 12 Jan (w+4) -> target Wed 14 Jan, LRV due Tue 13 Jan 2026.
    # 16-hour reports: Fri 5 Dec (18 h), Fri 12 Dec (30 h), Fri 19 Dec (30 h); the next
    # may come from Fri 26 Dec = vacation, so counting resumes: 5 Jan (6), 6 Jan (12),
    # 7 Jan (18 h) -> report Wed 7 Jan. The next (from Wed 14 Jan) is suppressed: the LRV
    # is due on 13 Jan and open until it closes. LRV start = Thu 8 Jan (day after 7 Jan).
    # The pupil returns Mon 19 Jan: the LRV closes with end Fri 16 Jan.
    r = recs(days(CAL, D(2025, 12, 3), D(2026, 1, 16)))
    out = sig(r, CAL, until=D(2026, 1, 23))
    assert brief(out) == [
        ("duo-16h", D(2025, 12, 5), D(2025, 12, 3), D(2025, 12, 5), 18.0),
        ("duo-16h", D(2025, 12, 12), D(2025, 12, 8), D(2025, 12, 12), 30.0),
        ("duo-16h", D(2025, 12, 19), D(2025, 12, 15), D(2025, 12, 19), 30.0),
        ("duo-16h", D(2026, 1, 7), D(2026, 1, 5), D(2026, 1, 7), 18.0),
        ("duo-lrv", D(2026, 1, 13), D(2026, 1, 8), D(2026, 1, 16), None),
        ("thuiszitter-b2a", D(2026, 1, 13), D(2025, 12, 3), None, None),
    ]
    assert out[4].deadline == D(2026, 1, 14)
    # On the evaluation date Fri 16 Jan the return is not known yet: the LRV is open.
    still = sig(r, CAL, until=D(2026, 1, 16), code="duo-lrv")
    assert still[0].eind is None


def test_lrv_spanning_the_real_midden_christmas_vacation() -> None:
    # Midden: Kerstvakantie Sat 20 Dec 2025 – Sun 4 Jan 2026; same lesweken as above, so
    # s = Wed 3 Dec 2025 gives LRV due Tue 13 Jan 2026 (and B2a the same day).
    r = recs(days(MIDDEN, D(2025, 12, 3), D(2026, 1, 16)))
    out = sig(r, MIDDEN, until=D(2026, 1, 16))
    assert [(s.code, s.datum) for s in out if s.code != "duo-16h"] == [
        ("duo-lrv", D(2026, 1, 13)),
        ("thuiszitter-b2a", D(2026, 1, 13)),
    ]


def test_counting_after_a_closed_lrv() -> None:
    # Fully absent Mon 1 Sep – Fri 3 Oct (LRV due Fri 26 Sep, closes with end Fri 3 Oct:
    # present Mon 6 Oct). Then 6 h on Tue 7, Wed 8, Thu 9 Oct. Hours count only after
    # the LRV end: 6, 12, 18 h -> report Thu 9 Oct, start Tue 7 Oct (without that rule
    # the window of 7 Oct would hold late-September hours and report on 7 Oct).
    r = recs(days(PLAIN, D(2025, 9, 1), D(2025, 10, 3)))
    r += recs([D(2025, 10, 7), D(2025, 10, 8), D(2025, 10, 9)])
    out = sig(r, PLAIN, until=D(2025, 10, 17))
    lrv = [s for s in out if s.code == "duo-lrv"]
    assert brief(lrv) == [("duo-lrv", D(2025, 9, 26), D(2025, 9, 25), D(2025, 10, 3), None)]
    last = [s for s in out if s.code == "duo-16h"][-1]
    assert (last.datum, last.start, last.uren) == (D(2025, 10, 9), D(2025, 10, 7), 18.0)
    # Nothing between the LRV due date and its end.
    assert not [
        s for s in out if s.code == "duo-16h" and D(2025, 9, 26) <= s.datum <= D(2025, 10, 3)
    ]


def test_b2b_after_three_calendar_months() -> None:
    # Fully absent from Wed 3 Sep 2025 (PLAIN). 3 Sep + 3 months = Wed 3 Dec; the first
    # schooldag after it is Thu 4 Dec -> thuiszitter-b2b on Thu 4 Dec, start 3 Sep,
    # deadline the next quarterly list to the inspectie, 15 Dec 2025.
    r = recs(days(PLAIN, D(2025, 9, 3), D(2025, 12, 12)))
    (b2b,) = sig(r, PLAIN, until=D(2025, 12, 12), code="thuiszitter-b2b")
    assert (b2b.datum, b2b.start, b2b.deadline) == (D(2025, 12, 4), D(2025, 9, 3), D(2025, 12, 15))
    # Present on Thu 4 Dec: the absence did not last more than 3 months.
    r = recs(days(PLAIN, D(2025, 9, 3), D(2025, 12, 3)))
    assert sig(r, PLAIN, until=D(2025, 12, 12), code="thuiszitter-b2b") == []
    # Evaluated on Wed 3 Dec: not yet.
    r = recs(days(PLAIN, D(2025, 9, 3), D(2025, 12, 12)))
    assert sig(r, PLAIN, until=D(2025, 12, 3), code="thuiszitter-b2b") == []


def test_b2b_across_a_vacation() -> None:
    # CAL, fully absent from Fri 31 Oct 2025: + 3 months = Sat 31 Jan 2026; the first
    # schooldag after it is Mon 2 Feb 2026 (the Christmas vacation does not matter here).
    r = recs(days(CAL, D(2025, 10, 31), D(2026, 2, 6)))
    (b2b,) = sig(r, CAL, until=D(2026, 2, 6), code="thuiszitter-b2b")
    assert b2b.datum == D(2026, 2, 2)


# --------------------------------------------------------------------------- luxe


def test_luxe_runs_across_a_vacation() -> None:
    # CAL: luxe on Thu 16, Fri 17 Oct and Mon 27 Oct 2025; 20–24 Oct is the vacation, which
    # does not break the run: one duo-luxe due Thu 16 Oct, start 16 Oct, end 27 Oct,
    # deadline Fri 17 Oct. A second run on Wed 5 Nov (after present days) is separate.
    # Luxe is reported as luxe only (decided 2026-11-30): its 18 hours give no duo-16h.
    r = recs([D(2025, 10, 16), D(2025, 10, 17), D(2025, 10, 27), D(2025, 11, 5)], 6, L)
    out = sig(r, CAL, until=D(2025, 11, 7))
    assert brief(out) == [
        ("duo-luxe", D(2025, 10, 16), D(2025, 10, 16), D(2025, 10, 27), None),
        ("duo-luxe", D(2025, 11, 5), D(2025, 11, 5), D(2025, 11, 5), None),
    ]
    assert out[0].deadline == D(2025, 10, 17)
    # In PLAIN the Monday 27 Oct follows a week of school: two runs.
    out = sig(r, PLAIN, until=D(2025, 11, 7), code="duo-luxe")
    assert [(s.start, s.eind) for s in out] == [
        (D(2025, 10, 16), D(2025, 10, 17)),
        (D(2025, 10, 27), D(2025, 10, 27)),
        (D(2025, 11, 5), D(2025, 11, 5)),
    ]


def test_luxe_on_a_vacation_day_is_ignored() -> None:
    r = recs([D(2025, 10, 21)], 6, L)
    assert sig(r, CAL, until=D(2025, 11, 7)) == []


# --------------------------------------------------------------------------- sickness VO


def test_ziekmelding_across_a_weekend_sick_7_days() -> None:
    # Sick Wed 10 – Thu 18 Sep 2025: schooldagen 10, 11, 12, (weekend), 15, 16, 17, 18 ->
    # the 7th consecutive schooldag is Thu 18 Sep. Deadline + 5 schooldagen = Thu 25 Sep.
    r = recs(days(PLAIN, D(2025, 9, 10), D(2025, 9, 18)), 6, Z)
    (s,) = sig(r, PLAIN, until=D(2025, 9, 30))
    assert (s.code, s.datum, s.start, s.deadline) == (
        "sick-7-days",
        D(2025, 9, 18),
        D(2025, 9, 10),
        D(2025, 9, 25),
    )
    # Present on Mon 15 Sep: two ziekmeldingen of 3 and 4 days, no signal.
    r = [x for x in r if x.date != D(2025, 9, 15)]
    assert sig(r, PLAIN, until=D(2025, 9, 30)) == []


def test_sick_7_days_across_a_vacation_and_only_once() -> None:
    # CAL: sick Thu 16, Fri 17 Oct, (vacation 20–24 Oct), Mon 27 Oct onwards: schooldagen
    # 16, 17, 27, 28, 29, 30 (6th), 31 Oct (7th) -> sick-7-days on Fri 31 Oct; once per
    # ziekmelding, even though it goes on until 7 Nov.
    r = recs(days(CAL, D(2025, 10, 16), D(2025, 11, 7)), 6, Z)
    out = sig(r, CAL, until=D(2025, 11, 7))
    assert [(s.code, s.datum) for s in out] == [("sick-7-days", D(2025, 10, 31))]


def test_sick_4_in_12_counted_in_lesweken_across_christmas() -> None:
    # CAL lesweken from Mon 27 Oct 2025 (= 1): 3 Nov 2, 10 Nov 3, ..., 15 Dec 8, [22 Dec and
    # 29 Dec skipped], 5 Jan 9, 12 Jan 10, 19 Jan 11, 26 Jan 12, 2 Feb 13.
    # One-day ziekmeldingen on Mon 27 Oct, Mon 10 Nov, Mon 1 Dec, Mon 26 Jan: 26 Jan is in
    # lesweek 12, so all four start within its lesweek and the 11 before -> sick-4-in-12
    # on Mon 26 Jan 2026. A 5th on Tue 3 Feb (lesweek 13: window 2..13 holds 10 Nov, 1 Dec,
    # 26 Jan, 3 Feb) also qualifies.
    starts = [D(2025, 10, 27), D(2025, 11, 10), D(2025, 12, 1), D(2026, 1, 26), D(2026, 2, 3)]
    r = recs(starts, 6, Z)
    out = sig(r, CAL, until=D(2026, 2, 27))
    assert [(s.code, s.datum, s.start) for s in out] == [
        ("sick-4-in-12", D(2026, 1, 26), D(2026, 1, 26)),
        ("sick-4-in-12", D(2026, 2, 3), D(2026, 2, 3)),
    ]
    # In calendar weeks (PLAIN: no vacation) the meldingen fall in weeks 1, 3, 6, 14 and 15
    # counted from 27 Oct: the windows 3..14 and 4..15 hold only three each -> nothing.
    assert sig(r, PLAIN, until=D(2026, 2, 27)) == []


def test_sick_4_in_12_with_the_real_noord_calendar() -> None:
    # Noord 2025-26: herfstvakantie 18–26 Oct, kerst 20 Dec – 4 Jan. Ziekmeldingen on
    # Mon 6 Oct, Mon 3 Nov, Mon 8 Dec 2025 and Mon 12 Jan 2026. Lesweken from 6 Oct (=1):
    # 13 Oct 2, [20 Oct skipped], 27 Oct 3, 3 Nov 4, ..., 8 Dec 9, 15 Dec 10, [22, 29 Dec
    # skipped], 5 Jan 11, 12 Jan 12 -> the 4th ziekmelding within 12 lesweken: signal.
    r = recs([D(2025, 10, 6), D(2025, 11, 3), D(2025, 12, 8), D(2026, 1, 12)], 6, Z)
    assert [(s.code, s.datum) for s in sig(r, NOORD, until=D(2026, 1, 30))] == [
        ("sick-4-in-12", D(2026, 1, 12))
    ]


def test_mbo_uses_the_vo_thresholds() -> None:
    r = recs(days(PLAIN, D(2025, 9, 10), D(2025, 9, 18)), 6, Z)
    assert [s.code for s in sig(r, PLAIN, until=D(2025, 9, 30), sector=Sector.MBO)] == [
        "sick-7-days"
    ]


# --------------------------------------------------------------------------- sickness PO


def test_po_five_ziekmeldingen_per_school_year() -> None:
    # Four one-day ziekmeldingen in June/July 2025 (school year 2024-25) and four in
    # September 2025 (2025-26): no school year has five -> nothing.
    old = [D(2025, 6, 2), D(2025, 6, 9), D(2025, 6, 16), D(2025, 7, 7)]
    new = [D(2025, 9, 1), D(2025, 9, 8), D(2025, 9, 15), D(2025, 9, 22)]
    r = recs(old + new, 5.5, Z)
    assert sig(r, PLAIN, until=D(2025, 10, 31), sector=Sector.PO) == []
    # A fifth in 2025-26 on Mon 29 Sep 2025 -> sick-po-5-reports that day.
    r += recs([D(2025, 9, 29)], 5.5, Z)
    (s,) = sig(r, PLAIN, until=D(2025, 10, 31), sector=Sector.PO)
    assert (s.code, s.datum, s.start, s.deadline) == (
        "sick-po-5-reports",
        D(2025, 9, 29),
        D(2025, 9, 29),
        D(2025, 10, 6),
    )
    # PO codes are not produced for VO (which has its own: here the four June/July
    # meldingen fall within 12 lesweken in PLAIN, which has no summer vacation).
    assert {x.code for x in sig(r, PLAIN, until=D(2025, 10, 31))} == {"sick-4-in-12"}


def test_po_ten_sick_days_per_school_year() -> None:
    # Sick Mon 7 – Fri 11 Jul 2025 (5 days, school year 2024-25) and Mon 1 – Wed 3 Sep,
    # Mon 8 – Thu 11 Sep 2025 (3 + 4 = 7 days in 2025-26): nothing yet. Three more days,
    # Mon 15 – Wed 17 Sep: the 10th sick schooldag of 2025-26 is Wed 17 Sep 2025.
    r = recs(days(PLAIN, D(2025, 7, 7), D(2025, 7, 11)), 5.5, Z)
    r += recs(days(PLAIN, D(2025, 9, 1), D(2025, 9, 3)), 5.5, Z)
    r += recs(days(PLAIN, D(2025, 9, 8), D(2025, 9, 11)), 5.5, Z)
    assert sig(r, PLAIN, until=D(2025, 10, 31), sector=Sector.PO) == []
    r += recs(days(PLAIN, D(2025, 9, 15), D(2025, 9, 17)), 5.5, Z)
    (s,) = sig(r, PLAIN, until=D(2025, 10, 31), sector=Sector.PO)
    assert (s.code, s.datum, s.start) == ("sick-po-10-days", D(2025, 9, 17), D(2025, 9, 15))


def test_po_default_day_length_is_5_5() -> None:
    # 5.5 h per day is fully absent in PO (default day length), not in VO (6 h).
    r = recs(days(PLAIN, D(2025, 9, 3), D(2025, 9, 30)), 5.5)
    assert sig(r, PLAIN, until=D(2025, 9, 30), sector=Sector.PO, code="duo-lrv")
    assert not sig(r, PLAIN, until=D(2025, 9, 30), sector=Sector.VO, code="duo-lrv")


# --------------------------------------------------------------------------- input handling


def test_non_schooldagen_and_later_records_are_ignored() -> None:
    # 6 h on Mon 1, Tue 2 Sep; 6 h on Sat 6 Sep (weekend: ignored); 6 h on Mon 22 Sep
    # (after the evaluation date 19 Sep: not evaluated) -> 12 h, no report.
    r = recs([D(2025, 9, 1), D(2025, 9, 2), D(2025, 9, 6), D(2025, 9, 22)])
    assert sig(r, PLAIN, until=D(2025, 9, 19)) == []
    assert [s.datum for s in sig(r, PLAIN, until=D(2025, 9, 22))] == [D(2025, 9, 22)]


def test_te_laat_counts_occurrences_not_hours() -> None:
    r = recs(days(PLAIN, D(2025, 9, 1), D(2025, 9, 30)), 6, T)
    assert sig(r, PLAIN, until=D(2025, 9, 30)) == []


def test_other_pupils_records_are_ignored() -> None:
    r = recs([D(2025, 9, 1), D(2025, 9, 2), D(2025, 9, 3)], pupil="q")
    assert sig(r, PLAIN, until=D(2025, 9, 30)) == []


def test_compute_signals_groups_and_sorts() -> None:
    r = recs(days(PLAIN, D(2025, 9, 1), D(2025, 9, 3)), pupil="b")
    r += recs(days(PLAIN, D(2025, 9, 2), D(2025, 9, 4)), pupil="a")
    r += recs([D(2025, 9, 9)], 6, L, pupil="a")
    out = compute_signals(r, PLAIN)  # until = latest record date, 9 Sep
    assert [(s.pupil, s.code, s.datum) for s in out] == [
        ("a", "duo-16h", D(2025, 9, 4)),
        ("a", "duo-luxe", D(2025, 9, 9)),
        ("b", "duo-16h", D(2025, 9, 3)),
    ]
    # A calendar per pupil: for pupil "a" every day is free, so nothing.
    per_pupil = compute_signals(
        r,
        lambda p: (
            SchoolCalendar.explicit([(D(2025, 1, 1), D(2025, 12, 31))]) if p == "a" else PLAIN
        ),
    )
    assert {s.pupil for s in per_pupil} == {"b"}
    assert compute_signals([], PLAIN) == []


def test_columns_and_absences_agree() -> None:
    r = recs(days(CAL, D(2025, 12, 3), D(2026, 1, 16)))
    cols = RecordColumns.from_absences(r)
    a = compute_pupil_signals_columns("p", cols, CAL, until=D(2026, 1, 23))
    b = compute_pupil_signals("p", r, CAL, until=D(2026, 1, 23))
    assert a == b
    assert compute_signals_columns([("p", cols)], CAL, until=D(2026, 1, 23)) == b


def test_negative_hours_are_refused() -> None:
    with pytest.raises(ValueError):
        hours_to_units(-1)


# --------------------------------------------------------------------------- properties

START = D(2025, 9, 1)
SCHOOLDAYS = CAL.schooldagen(START, D(2026, 2, 27))  # ~ 110 schooldagen incl. 2 vacations

hours_st = st.sampled_from([0.5, 1.0, 2.0, 3.0, 4.5, 6.0])
record_st = st.tuples(
    st.integers(min_value=0, max_value=len(SCHOOLDAYS) - 1),
    hours_st,
    st.sampled_from([U, U, U, L, Z]),
)
# Long fully-absent stretches so that LRVs and the seven-day rule get exercised.
block_st = st.tuples(
    st.integers(min_value=0, max_value=len(SCHOOLDAYS) - 1),
    st.integers(min_value=1, max_value=45),
)


@st.composite
def record_sets(draw) -> list[Absence]:
    seen: dict[tuple[dt.date, AbsenceKind], float] = {}
    for i, h, k in draw(st.lists(record_st, max_size=40)):
        seen[(SCHOOLDAYS[i], k)] = h
    for start, length in draw(st.lists(block_st, max_size=3)):
        for i in range(start, min(start + length, len(SCHOOLDAYS))):
            seen[(SCHOOLDAYS[i], U)] = 6.0
    return [Absence("p", d, h, k) for (d, k), h in seen.items()]


UNTIL = D(2026, 2, 27)
PROP = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _duo(out: list[Signal]) -> list[Signal]:
    return [s for s in out if s.code in ("duo-16h", "duo-lrv")]


@PROP
@given(record_sets())
def test_every_duo_16h_has_16_hours_and_comes_7_days_after_the_previous(r) -> None:
    # The seven-day rule holds while the pupil is continuously absent (rules.md §3): a
    # report within 7 days of the previous one needs a schooldag in between that was not
    # fully absent (6 h ongeoorloofd on a VO day).
    reports = sig(r, CAL, until=UNTIL, code="duo-16h")
    unauth: dict[dt.date, int] = {}
    for a in r:
        if a.kind == U:
            unauth[a.date] = unauth.get(a.date, 0) + hours_to_units(a.hours)
    for prev, cur in itertools.pairwise(reports):
        between = days(CAL, prev.eind + dt.timedelta(days=1), cur.datum)
        continuous = all(unauth.get(d, 0) >= hours_to_units(6.0) for d in between)
        assert cur.datum >= prev.eind + dt.timedelta(days=7) or not continuous
    for s in reports:
        assert s.uren >= 16
        assert s.eind == s.datum
        assert s.start <= s.datum
        assert CAL.is_schooldag(s.datum)
        assert s.deadline == CAL.next_schooldag(s.datum)


@PROP
@given(record_sets())
def test_no_duo_16h_while_an_lrv_is_open(r) -> None:
    out = sig(r, CAL, until=UNTIL)
    for lrv in (s for s in out if s.code == "duo-lrv"):
        end = lrv.eind or UNTIL
        assert not [s for s in out if s.code == "duo-16h" and lrv.datum <= s.datum <= end]
        # every LRV comes with its B2a on the same day
        assert any(s.code == "thuiszitter-b2a" and s.datum == lrv.datum for s in out)


@PROP
@given(record_sets(), st.integers(min_value=0, max_value=len(SCHOOLDAYS) - 1))
def test_adding_an_unauthorised_hour_never_removes_a_report(r, i) -> None:
    # Adding an hour can only bring the first DUO report (16 h or LRV) earlier; a pupil
    # with a report keeps one.
    before = _duo(sig(r, CAL, until=UNTIL))
    more = [*r, Absence("p", SCHOOLDAYS[i], 1.0, L if (i % 2) else U)]
    more = _merge(more)
    after = _duo(sig(more, CAL, until=UNTIL))
    if before:
        assert after
        assert min(s.datum for s in after) <= min(s.datum for s in before)


@PROP
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(SCHOOLDAYS) - 1),
            st.sampled_from([0.5, 1.0, 2.0, 3.0, 4.0, 5.0]),
        ),
        max_size=60,
    ),
    st.integers(min_value=0, max_value=len(SCHOOLDAYS) - 1),
)
def test_adding_an_hour_without_full_days_keeps_every_report(pairs, i) -> None:
    # Without fully absent days there is no LRV: the k-th 16-hour report never comes later
    # and the number of reports never drops.
    hours = {SCHOOLDAYS[j]: h for j, h in pairs}
    r = [Absence("p", d, h, U) for d, h in hours.items()]
    before = sig(r, CAL, until=UNTIL, code="duo-16h")
    hours[SCHOOLDAYS[i]] = min(5.0, hours.get(SCHOOLDAYS[i], 0) + 1)
    after = sig([Absence("p", d, h, U) for d, h in hours.items()], CAL, until=UNTIL)
    after = [s for s in after if s.code == "duo-16h"]
    assert len(after) >= len(before)
    for a, b in zip(after, before, strict=False):
        assert a.datum <= b.datum


def _merge(records: list[Absence]) -> list[Absence]:
    acc: dict[tuple[dt.date, AbsenceKind], float] = {}
    for x in records:
        acc[(x.date, x.kind)] = acc.get((x.date, x.kind), 0) + x.hours
    return [Absence("p", d, h, k) for (d, k), h in acc.items()]


@PROP
@given(record_sets(), st.randoms(use_true_random=False))
def test_signals_do_not_depend_on_record_order(r, rnd: random.Random) -> None:
    shuffled = list(r)
    rnd.shuffle(shuffled)
    assert sig(shuffled, CAL, until=UNTIL) == sig(r, CAL, until=UNTIL)


def test_duplicate_records_sum_regardless_of_order() -> None:
    # Three records of one kind on one day: integer units make the sum exact.
    base = [Absence("p", D(2025, 9, 1), h, U) for h in (0.1, 0.2, 5.7)]
    base += recs([D(2025, 9, 2), D(2025, 9, 3)], 5)
    a = sig(base, PLAIN, until=D(2025, 9, 30))
    b = sig(list(reversed(base)), PLAIN, until=D(2025, 9, 30))
    assert a == b
    assert a[0].uren == 16.0
