"""School calendar (rules.md §1): schooldagen, lesweken, free-day names, overrides, CSV."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verzuimdesk.core.rules.calendar import (
    MUNICIPALITY_VACATION_REGION,
    WEEKEND_NAME,
    CalendarFileError,
    FreeRange,
    SchoolCalendar,
    VacationOverride,
    VacationRegion,
    parse_calendar_csv,
    school_year_end,
    school_year_label,
    school_year_of,
    school_year_start,
    vacation_region_for_municipality,
)

D = dt.date
MIDDEN = SchoolCalendar.for_region("midden")
NOORD = SchoolCalendar.for_region(VacationRegion.NOORD)

# An explicit calendar used throughout the rules tests: a one-week autumn vacation and a
# two-week Christmas vacation, nothing else (no public holidays).
EXPLICIT = SchoolCalendar.explicit(
    [
        FreeRange(D(2025, 10, 20), D(2025, 10, 24), "Herfstvakantie"),
        FreeRange(D(2025, 12, 22), D(2026, 1, 2), "Kerstvakantie"),
    ]
)


# --------------------------------------------------------------------------- real calendars


def test_midden_2025_2026_vacations() -> None:
    # Herfstvakantie midden 2025: Sat 18 Oct – Sun 26 Oct.
    assert not MIDDEN.is_schooldag(D(2025, 10, 20))
    assert MIDDEN.free_day_name(D(2025, 10, 20)) == "Herfstvakantie"
    assert MIDDEN.is_schooldag(D(2025, 10, 17))  # Friday before
    assert MIDDEN.is_schooldag(D(2025, 10, 27))  # Monday after
    # Kerstvakantie: Sat 20 Dec 2025 – Sun 4 Jan 2026; Eerste Kerstdag falls inside it.
    assert MIDDEN.free_day_name(D(2025, 12, 25)) == "Kerstvakantie"
    assert MIDDEN.free_day_name(D(2026, 1, 1)) == "Kerstvakantie"
    assert MIDDEN.is_schooldag(D(2026, 1, 5))
    # Voorjaarsvakantie midden 2026: 14–22 Feb; noord: 21 Feb – 1 Mar.
    assert MIDDEN.free_day_name(D(2026, 2, 16)) == "Voorjaarsvakantie"
    assert MIDDEN.is_schooldag(D(2026, 2, 23))
    assert NOORD.is_schooldag(D(2026, 2, 16))
    assert NOORD.free_day_name(D(2026, 2, 23)) == "Voorjaarsvakantie"
    # Meivakantie (binding week) 25 Apr – 3 May 2026 contains Koningsdag (Mon 27 Apr).
    assert MIDDEN.free_day_name(D(2026, 4, 27)) == "Meivakantie"
    # Zomervakantie midden 2026 from 18 Jul, noord from 4 Jul.
    assert MIDDEN.is_schooldag(D(2026, 7, 17))
    assert MIDDEN.free_day_name(D(2026, 7, 20)) == "Zomervakantie"
    assert NOORD.free_day_name(D(2026, 7, 6)) == "Zomervakantie"


def test_public_holidays_and_flags() -> None:
    assert MIDDEN.free_day_name(D(2026, 4, 6)) == "Tweede Paasdag"
    assert MIDDEN.free_day_name(D(2026, 5, 14)) == "Hemelvaartsdag"
    assert MIDDEN.free_day_name(D(2026, 5, 25)) == "Tweede Pinksterdag"
    assert MIDDEN.free_day_name(D(2025, 5, 29)) == "Hemelvaartsdag"
    # Goede Vrijdag (Fri 3 Apr 2026) and Bevrijdingsdag (Tue 5 May 2026) only when flagged.
    assert MIDDEN.is_schooldag(D(2026, 4, 3))
    assert MIDDEN.is_schooldag(D(2026, 5, 5))
    flagged = SchoolCalendar.for_region("midden", goede_vrijdag=True, bevrijdingsdag=True)
    assert flagged.free_day_name(D(2026, 4, 3)) == "Goede Vrijdag"
    assert flagged.free_day_name(D(2026, 5, 5)) == "Bevrijdingsdag"
    # Koningsdag outside a vacation: Sat 26 Apr 2025 is a weekend anyway; 2028: Thu 27 Apr.
    assert MIDDEN.free_day_name(D(2028, 4, 27)) in ("Koningsdag", "Meivakantie")
    assert not MIDDEN.is_schooldag(D(2028, 4, 27))


def test_weekend_name_and_schooldag_is_unnamed() -> None:
    assert MIDDEN.free_day_name(D(2025, 9, 6)) == WEEKEND_NAME
    assert MIDDEN.free_day_name(D(2025, 9, 8)) is None
    assert MIDDEN.free_day_name(D(2025, 10, 25)) == "Herfstvakantie"  # weekend in a vacation


def test_lesweken_skip_vacation_weeks() -> None:
    # Week of 13 Oct and week of 27 Oct are consecutive lesweken (20 Oct week is vacation).
    assert MIDDEN.lesweek_index(D(2025, 10, 27)) == MIDDEN.lesweek_index(D(2025, 10, 13)) + 1
    assert MIDDEN.lesweken_between(D(2025, 10, 13), D(2025, 10, 27)) == 2
    # 15 Dec is lesweek 1; 22 Dec and 29 Dec are skipped; 5 Jan is lesweek 2.
    assert MIDDEN.lesweken_between(D(2025, 12, 15), D(2026, 1, 5)) == 2
    # A date inside a vacation week gets the index of the last lesweek before it.
    assert MIDDEN.lesweek_index(D(2025, 12, 24)) == MIDDEN.lesweek_index(D(2025, 12, 19))
    assert MIDDEN.lesweek_monday(MIDDEN.lesweek_index(D(2026, 1, 7))) == D(2026, 1, 5)


def test_schooldag_arithmetic_across_christmas() -> None:
    assert MIDDEN.add_schooldays(D(2025, 12, 19), 1) == D(2026, 1, 5)
    assert MIDDEN.next_schooldag(D(2025, 12, 19)) == D(2026, 1, 5)
    assert MIDDEN.add_schooldays(D(2025, 12, 24), 0) == D(2026, 1, 5)
    assert MIDDEN.add_schooldays(D(2025, 12, 24), 1) == D(2026, 1, 5)
    assert MIDDEN.add_schooldays(D(2025, 12, 24), -1) == D(2025, 12, 19)
    assert MIDDEN.previous_schooldag(D(2026, 1, 5)) == D(2025, 12, 19)
    assert MIDDEN.add_schooldays(D(2025, 12, 17), 3) == D(2026, 1, 5)  # 18, 19 Dec, 5 Jan
    assert MIDDEN.schooldagen(D(2025, 12, 18), D(2026, 1, 6)) == [
        D(2025, 12, 18),
        D(2025, 12, 19),
        D(2026, 1, 5),
        D(2026, 1, 6),
    ]
    assert MIDDEN.count_schooldagen(D(2025, 12, 18), D(2026, 1, 6)) == 4
    assert MIDDEN.schooldagen(D(2026, 1, 6), D(2026, 1, 5)) == []


def test_indices_are_stable_when_the_range_grows() -> None:
    cal = SchoolCalendar.for_region("zuid")
    w = cal.lesweek_index(D(2025, 12, 15))
    i = cal.schooldag_index(D(2025, 12, 15))
    cal.lesweek_index(D(2008, 3, 3))  # grows backwards
    cal.lesweek_index(D(2041, 3, 4))  # and forwards
    assert cal.lesweek_index(D(2025, 12, 15)) == w
    assert cal.schooldag_index(D(2025, 12, 15)) == i
    assert cal.schooldag_at(i) == D(2025, 12, 15)


def test_out_of_range_years_are_refused() -> None:
    with pytest.raises(ValueError):
        MIDDEN.is_schooldag(D(1, 1, 1))


def test_school_year() -> None:
    assert MIDDEN.school_year(D(2026, 7, 31)) == 2025
    assert MIDDEN.school_year(D(2026, 8, 1)) == 2026
    assert school_year_of(D(2025, 12, 31)) == 2025
    assert school_year_start(2025) == D(2025, 8, 1)
    assert school_year_end(2025) == D(2026, 7, 31)
    assert school_year_label(2025) == "2025-2026"


# --------------------------------------------------------------------------- school edits


def test_vacation_override_replaces_the_builtin_period() -> None:
    # A noord school takes its herfstvakantie a week early: 11–19 Oct 2025.
    cal = SchoolCalendar.for_region(
        "noord",
        vacation_overrides=[VacationOverride("Herfstvakantie", D(2025, 10, 11), D(2025, 10, 19))],
    )
    assert cal.free_day_name(D(2025, 10, 13)) == "Herfstvakantie"
    assert cal.is_schooldag(D(2025, 10, 20))  # the built-in week is school again
    assert cal.is_schooldag(D(2025, 10, 24))
    # Other years keep the built-in dates (noord 2026: 10–18 Oct).
    assert not cal.is_schooldag(D(2026, 10, 12))


def test_meivakantie_two_weeks_override() -> None:
    # The built-in meivakantie is only the binding week; a school adds the week before.
    cal = SchoolCalendar.for_region(
        "midden", vacation_overrides=[("Meivakantie", D(2026, 4, 18), D(2026, 5, 3))]
    )
    assert cal.free_day_name(D(2026, 4, 20)) == "Meivakantie"
    assert cal.free_day_name(D(2026, 4, 28)) == "Meivakantie"
    assert cal.is_schooldag(D(2026, 5, 4))


def test_extra_free_days() -> None:
    cal = SchoolCalendar.for_region(
        "midden",
        extra_free=[FreeRange(D(2025, 11, 3), D(2025, 11, 3), "Studiedag"), D(2025, 11, 4)],
    )
    assert cal.free_day_name(D(2025, 11, 3)) == "Studiedag"
    assert cal.free_day_name(D(2025, 11, 4)) == "Vrije dag"
    assert cal.is_schooldag(D(2025, 11, 5))
    assert [p.name for p in cal.free_periods(D(2025, 11, 1), D(2025, 11, 9))] == [
        "Studiedag",
        "Vrije dag",
    ]


def test_explicit_calendar_replaces_holidays() -> None:
    # No public holidays in an explicit calendar: Thu 1 Jan 2026 falls in its Kerstvakantie,
    # but Mon 6 Apr 2026 (Tweede Paasdag) is an ordinary schooldag.
    assert EXPLICIT.free_day_name(D(2026, 1, 1)) == "Kerstvakantie"
    assert EXPLICIT.is_schooldag(D(2026, 4, 6))
    assert EXPLICIT.is_schooldag(D(2026, 1, 5))
    assert not EXPLICIT.is_schooldag(D(2026, 1, 3))  # a Saturday


# --------------------------------------------------------------------------- the CSV


def test_parse_calendar_csv() -> None:
    text = "\ufeffstart;eind;naam\n2025-10-20;2025-10-24;Herfstvakantie\n\n2025-11-03;2025-11-03;\n"
    ranges = parse_calendar_csv(text)
    assert ranges == [
        FreeRange(D(2025, 10, 20), D(2025, 10, 24), "Herfstvakantie"),
        FreeRange(D(2025, 11, 3), D(2025, 11, 3), "Vrije dag"),
    ]
    cal = SchoolCalendar.from_csv("start,eind,naam\n2025-10-20,2025-10-24,Herfst\n")
    assert cal.free_day_name(D(2025, 10, 22)) == "Herfst"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "leeg"),
        ("van,tot,naam\n", "kopregel"),
        ("start,eind,naam\n2025-13-01,2025-12-01,x\n", "regel 2: ongeldige startdatum"),
        ("start,eind,naam\n2025-10-01,gisteren,x\n", "regel 2: ongeldige einddatum"),
        ("start,eind,naam\n2025-10-05,2025-10-01,x\n", "eind ligt vóór start"),
        ("start,eind,naam\n2025-10-05\n", "te weinig kolommen"),
    ],
)
def test_calendar_csv_errors(text: str, fragment: str) -> None:
    with pytest.raises(CalendarFileError, match=fragment):
        parse_calendar_csv(text)


def test_municipality_regions() -> None:
    for name in ("Den Haag", "Leidschendam-Voorburg", "Rijswijk"):
        assert MUNICIPALITY_VACATION_REGION[name] is VacationRegion.MIDDEN
    for name in ("Amsterdam", "Diemen", "Haarlem", "IJmond", "Amstelland", "Lelystad"):
        assert MUNICIPALITY_VACATION_REGION[name] is VacationRegion.NOORD
    assert vacation_region_for_municipality(" den haag ") is VacationRegion.MIDDEN
    assert vacation_region_for_municipality("Maastricht") is None


# --------------------------------------------------------------------------- properties


dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2029, 12, 31))


@settings(max_examples=150, deadline=None)
@given(dates)
def test_schooldag_iff_unnamed(d: dt.date) -> None:
    assert MIDDEN.is_schooldag(d) == (MIDDEN.free_day_name(d) is None)
    if d.weekday() >= 5:
        assert not MIDDEN.is_schooldag(d)


@settings(max_examples=150, deadline=None)
@given(dates, st.integers(min_value=-40, max_value=40))
def test_add_schooldays_round_trip(d: dt.date, n: int) -> None:
    start = NOORD.schooldag_on_or_after(d)
    there = NOORD.add_schooldays(start, n)
    assert NOORD.is_schooldag(there)
    assert NOORD.add_schooldays(there, -n) == start
    if n > 0:
        assert NOORD.count_schooldagen(start, there) == n + 1


@settings(max_examples=100, deadline=None)
@given(dates)
def test_consecutive_schooldagen_are_in_the_same_or_next_lesweek(d: dt.date) -> None:
    a = MIDDEN.schooldag_on_or_after(d)
    b = MIDDEN.next_schooldag(a)
    assert MIDDEN.lesweek_index(b) - MIDDEN.lesweek_index(a) in (0, 1)
    assert (MIDDEN.lesweek_index(b) == MIDDEN.lesweek_index(a)) == (
        a.isocalendar()[:2] == b.isocalendar()[:2]
    )
