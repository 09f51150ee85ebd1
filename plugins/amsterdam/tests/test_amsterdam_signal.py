"""Amsterdam's ``verzuimgesprek`` signal (rules.md §8) with hand-computed dates.

Calendar: Monday–Friday, no vacations (``SimpleCalendar``). September 2026: Monday
the 7th, 14th, 21st and 28th; October: Monday the 5th.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from verzuimdesk_amsterdam.signals import compute_verzuimgesprek

from verzuimdesk.plugins.api import Absence, AbsenceKind, Signal
from verzuimdesk.testing import SimpleCalendar, signal_context

D = dt.date
ONG = AbsenceKind.ONGEOORLOOFD


def rec(d: dt.date, hours: float, kind: AbsenceKind = ONG) -> Absence:
    return Absence("p1", d, hours, kind)


def dates(records: list[Absence], **kw: Any) -> list[dt.date]:
    return [s.datum for s in compute_verzuimgesprek(signal_context(records, **kw))]


def test_six_hours_within_four_lesweken() -> None:
    # 2 + 2 + 1 = 5 hours in the week of 7 Sep; 1 more on Mon 14 Sep makes 6.
    records = [rec(D(2026, 9, 7), 2), rec(D(2026, 9, 9), 2), rec(D(2026, 9, 11), 1),
               rec(D(2026, 9, 14), 1), rec(D(2026, 9, 15), 3)]  # fmt: skip
    assert dates(records) == [D(2026, 9, 14)]
    signal = compute_verzuimgesprek(signal_context(records))[0]
    # start: the first counted day in the window; uren: the counted hours.
    assert signal == Signal("p1", "verzuimgesprek", D(2026, 9, 14), D(2026, 9, 7), None, 6.0)


def test_hours_outside_the_window_do_not_count() -> None:
    # 3 h on Mon 7 Sep; Mon 5 Oct is 4 lesweken later: the window of 5 Oct starts
    # Mon 14 Sep, so 7 Sep drops out (3 h only). Tue 6 Oct adds 3 h -> 6 h.
    records = [rec(D(2026, 9, 7), 3), rec(D(2026, 10, 5), 3), rec(D(2026, 10, 6), 3)]
    assert dates(records) == [D(2026, 10, 6)]


def test_a_vacation_week_is_skipped_so_the_window_reaches_further_back() -> None:
    # With 28 Sep–2 Oct free, the window of Mon 5 Oct (3 lesweken back) starts 7 Sep.
    vacation = SimpleCalendar([D(2026, 9, 28) + dt.timedelta(days=i) for i in range(5)])
    records = [rec(D(2026, 9, 7), 3), rec(D(2026, 10, 5), 3)]
    assert dates(records, calendar=vacation) == [D(2026, 10, 5)]
    assert dates(records) == []


def test_only_ongeoorloofd_hours_on_schooldagen_count() -> None:
    # Sick, late, authorised and Saturday records never count, and luxe hours are reported
    # as luxe only (rules.md §2): 3 h on Thu 10 and 3 h on Fri 11 Sep reach the 6 hours.
    records = [
        rec(D(2026, 9, 7), 4, AbsenceKind.ZIEK),
        rec(D(2026, 9, 7), 1, AbsenceKind.TE_LAAT),
        rec(D(2026, 9, 8), 3, AbsenceKind.LUXE),
        rec(D(2026, 9, 12), 6),  # Saturday: ignored
        rec(D(2026, 9, 9), 2, AbsenceKind.GEOORLOOFD),
        rec(D(2026, 9, 10), 3),
        rec(D(2026, 9, 11), 3),
    ]
    assert dates(records) == [D(2026, 9, 11)]


def test_once_per_counting_period_until_the_next_duo_report() -> None:
    # Mon 7–Wed 9 Sep 6 h a day: 6 h on Mon -> signal; 18 h on Wed -> duo-16h report
    # (start 7, end 9 Sep). Counting restarts after 9 Sep: Thu 10 and Fri 11 Sep
    # 3 h each -> 6 h on Fri 11 Sep -> a second signal. Mon 14 Sep adds more: no third.
    records = [rec(D(2026, 9, d), 6) for d in (7, 8, 9)] + [
        rec(D(2026, 9, 10), 3), rec(D(2026, 9, 11), 3), rec(D(2026, 9, 14), 6),
    ]  # fmt: skip
    duo = [Signal("p1", "duo-16h", D(2026, 9, 9), D(2026, 9, 7), D(2026, 9, 9), 18.0)]
    assert dates(records, national=duo) == [D(2026, 9, 7), D(2026, 9, 11)]
    assert dates(records) == [D(2026, 9, 7)]


def test_hours_before_a_closed_lrv_ended_do_not_count() -> None:
    # An LRV closed with end Fri 11 Sep: the 5 h on Thu 10 Sep no longer count;
    # Mon 14 Sep 3 h + Tue 15 Sep 3 h -> 6 h on Tue 15 Sep.
    records = [rec(D(2026, 9, 10), 5), rec(D(2026, 9, 14), 3), rec(D(2026, 9, 15), 3)]
    lrv = [Signal("p1", "duo-lrv", D(2026, 8, 25), D(2026, 8, 1), D(2026, 9, 11))]
    assert dates(records, national=lrv) == [D(2026, 9, 15)]
    assert dates(records) == [D(2026, 9, 14)]


def test_nothing_after_the_evaluation_date() -> None:
    records = [rec(D(2026, 9, 7), 3), rec(D(2026, 9, 8), 3)]
    assert dates(records, until=D(2026, 9, 7)) == []


def test_registered_as_regional_signal(plugin_registry: Any) -> None:
    signal = next(
        s for s in plugin_registry.regional_signals("amsterdam") if s.code == "verzuimgesprek"
    )
    assert signal.compute is compute_verzuimgesprek
