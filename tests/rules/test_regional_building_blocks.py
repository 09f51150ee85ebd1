"""Regional building blocks: counted hours, Amsterdam verzuimgesprek, Kennemerland spreekuur."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.regional_building_blocks import (
    counted_hours_from_context,
    preventief_spreekuur_signals,
    verzuimgesprek_signals,
)
from verzuimdesk.core.rules.signals import compute_pupil_signals
from verzuimdesk.core.rules.types import Absence, AbsenceKind, Sector
from verzuimdesk.plugins.api import SignalContext

D = dt.date
U = AbsenceKind.ONGEOORLOOFD
PLAIN = SchoolCalendar.explicit([])
CAL = SchoolCalendar.explicit([(D(2025, 10, 20), D(2025, 10, 24), "Herfstvakantie")])


def ctx(records: list[Absence], until: dt.date, cal: SchoolCalendar = PLAIN) -> SignalContext:
    national = compute_pupil_signals("p", records, cal, until=until)
    return SignalContext(
        pupil="p",
        records=sorted(records, key=lambda r: (r.date, r.kind)),
        national=national,
        is_schooldag=cal.is_schooldag,
        lesweek_index=cal.lesweek_index,
        sector=Sector.VO,
        day_hours=6.0,
        until=until,
    )


def a(d: dt.date, h: float, k: AbsenceKind = U) -> Absence:
    return Absence("p", d, h, k)


def test_verzuimgesprek_once_per_counting_period() -> None:
    # 2 h on Mon 1, Tue 2, Wed 3 Sep: 6 h on Wed 3 Sep -> verzuimgesprek (start 1 Sep).
    # 4 h Thu 4, Fri 5 (14 h), 2 h Mon 8 Sep (16 h) -> duo-16h Mon 8 Sep: a new period.
    # 3 h Tue 9, Wed 10 Sep: 6 h on 10 Sep -> second verzuimgesprek (start 9 Sep);
    # 3 h on Thu 11 (9 h) does not give a third.
    r = [a(D(2025, 9, 1), 2), a(D(2025, 9, 2), 2), a(D(2025, 9, 3), 2)]
    r += [a(D(2025, 9, 4), 4), a(D(2025, 9, 5), 4), a(D(2025, 9, 8), 2)]
    r += [a(D(2025, 9, 9), 3), a(D(2025, 9, 10), 3), a(D(2025, 9, 11), 3)]
    c = ctx(r, D(2025, 9, 30))
    assert [s.datum for s in c.national] == [D(2025, 9, 8)]
    out = verzuimgesprek_signals(c)
    assert [(s.code, s.datum, s.start, s.uren) for s in out] == [
        ("verzuimgesprek", D(2025, 9, 3), D(2025, 9, 1), 6.0),
        ("verzuimgesprek", D(2025, 9, 10), D(2025, 9, 9), 6.0),
    ]


def test_verzuimgesprek_window_spans_a_vacation_week() -> None:
    # CAL: 2 h on Mon 29 Sep, 6 Oct, 13 Oct; (vacation week 20 Oct); 27 Oct: 4 lesweken,
    # 8 h on 27 Oct; 6 h is reached on Mon 13 Oct already.
    r = [a(D(2025, 9, 29), 2), a(D(2025, 10, 6), 2), a(D(2025, 10, 13), 2)]
    r.append(a(D(2025, 10, 27), 2))
    counted = counted_hours_from_context(ctx(r, D(2025, 10, 31), CAL))
    assert [(x.date, x.hours) for x in counted] == [
        (D(2025, 9, 29), 2.0),
        (D(2025, 10, 6), 4.0),
        (D(2025, 10, 13), 6.0),
        (D(2025, 10, 27), 8.0),
    ]
    assert [s.datum for s in verzuimgesprek_signals(ctx(r, D(2025, 10, 31), CAL))] == [
        D(2025, 10, 13)
    ]


def test_counted_hours_during_an_lrv_and_after_it_closes() -> None:
    # Fully absent 1 Sep – 3 Oct (16-hour reports 3, 10, 17, 24 Sep; LRV due 26 Sep, end
    # 3 Oct), 2 h on Tue 7 Oct. During the open LRV hours still count after the last
    # report (Thu 25 Sep: 6 h, ..., Fri 3 Oct: 42 h); after the LRV end counting restarts:
    # 2 h on 7 Oct, start 7 Oct. The counting period is the number of reports before.
    days = PLAIN.schooldagen(D(2025, 9, 1), D(2025, 10, 3))
    r = [a(d, 6) for d in days] + [a(D(2025, 10, 7), 2)]
    counted = {x.date: x for x in counted_hours_from_context(ctx(r, D(2025, 10, 17)))}
    assert (counted[D(2025, 9, 25)].hours, counted[D(2025, 9, 25)].period) == (6.0, 4)
    assert (counted[D(2025, 10, 3)].hours, counted[D(2025, 10, 3)].start) == (42.0, D(2025, 9, 25))
    last = counted[D(2025, 10, 7)]
    assert (last.hours, last.start, last.period) == (2.0, D(2025, 10, 7), 4)
    # One verzuimgesprek per period: Mon 1 Sep (6 h on the first day), then the first day
    # after each report: 4, 11, 18, 25 Sep; none after the LRV closes (same period).
    talks = [s.datum for s in verzuimgesprek_signals(ctx(r, D(2025, 10, 17)))]
    assert talks == [D(2025, 9, 1), D(2025, 9, 4), D(2025, 9, 11), D(2025, 9, 18), D(2025, 9, 25)]


def test_preventief_spreekuur_hours_or_late_once_per_school_year() -> None:
    # 2 h on four schooldagen: 8 h on the 4th (Thu 4 Sep 2025) -> preventief-spreekuur.
    r = [a(D(2025, 9, d), 2) for d in (1, 2, 3, 4)] + [a(D(2025, 9, 5), 2)]
    out = preventief_spreekuur_signals(ctx(r, D(2025, 9, 30)))
    assert [(s.code, s.datum, s.uren) for s in out] == [
        ("preventief-spreekuur", D(2025, 9, 4), 8.0)
    ]
    # te_laat counts occurrences: seven times late in June/July 2025 (2024-25) and the
    # first eight of 2025-26 from Mon 1 Sep: the 8th is Wed 10 Sep 2025. A Saturday
    # te_laat record is ignored.
    late = [
        a(d, 0.25, AbsenceKind.TE_LAAT) for d in PLAIN.schooldagen(D(2025, 6, 23), D(2025, 7, 1))
    ]
    late += [a(D(2025, 9, 6), 0.25, AbsenceKind.TE_LAAT)]
    late += [
        a(d, 0.25, AbsenceKind.TE_LAAT) for d in PLAIN.schooldagen(D(2025, 9, 1), D(2025, 9, 12))
    ]
    out = preventief_spreekuur_signals(ctx(late, D(2025, 9, 30)))
    assert [s.datum for s in out] == [D(2025, 9, 10)]


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.integers(min_value=0, max_value=79),
        st.sampled_from([1.0, 2.0, 3.0, 6.0]),
        max_size=50,
    )
)
def test_counted_hours_match_the_duo_16h_reports(hours_by_index: dict[int, float]) -> None:
    days = CAL.schooldagen(D(2025, 9, 1), D(2026, 1, 30))
    r = [a(days[i], h) for i, h in hours_by_index.items()]
    c = ctx(r, D(2026, 1, 30), CAL)
    counted = {x.date: x for x in counted_hours_from_context(c)}
    for s in c.national:
        if s.code == "duo-16h" and s.datum in counted:
            assert counted[s.datum].hours == s.uren
            assert counted[s.datum].start == s.start
