"""Leerplicht status (rules.md §7; seed 003 §1.1: start on the first schooldag of the month)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.leerplicht import (
    ExemptionKind,
    ExitCertificate,
    LeerplichtKind,
    birthday,
    is_compulsory,
    leerplicht_start,
    leerplicht_status,
    status_text,
    volledig_leerplicht_end,
)

D = dt.date
MIDDEN = SchoolCalendar.for_region("midden")
K = LeerplichtKind


def test_start_in_the_month_after_the_fifth_birthday() -> None:
    # Born 15 Mar 2020: 5 on 15 Mar 2025 -> leerplichtig from the first schooldag of
    # April 2025, Tue 1 Apr 2025.
    birth = D(2020, 3, 15)
    assert leerplicht_start(birth, MIDDEN) == D(2025, 4, 1)
    before = leerplicht_status(birth, D(2025, 3, 31), calendar=MIDDEN)
    assert (before.kind, before.end) == (K.NIET_LEERPLICHTIG, D(2025, 3, 31))
    on = leerplicht_status(birth, D(2025, 4, 1), calendar=MIDDEN)
    assert (on.kind, on.start) == (K.VOLLEDIG_LEERPLICHTIG, D(2025, 4, 1))
    assert on.label == "volledig leerplichtig"


def test_start_is_the_first_schooldag_of_the_month() -> None:
    # Born 10 Feb 2021: 5 on 10 Feb 2026 -> March 2026; Sun 1 Mar -> Mon 2 Mar 2026.
    assert leerplicht_start(D(2021, 2, 10), MIDDEN) == D(2026, 3, 2)
    assert leerplicht_start(D(2021, 2, 10)) == D(2026, 3, 2)  # without calendar: Mon–Fri
    # Born 10 Jul 2020: August 2025 lies in the midden summer vacation (until 31 Aug), so
    # the first schooldag is Mon 1 Sep 2025; without a calendar Fri 1 Aug 2025.
    assert leerplicht_start(D(2020, 7, 10), MIDDEN) == D(2025, 9, 1)
    assert leerplicht_start(D(2020, 7, 10)) == D(2025, 8, 1)
    # Born in December: the month after is January of the next year. Born 5 Dec 2020 ->
    # January 2026; midden Kerstvakantie until 4 Jan -> Mon 5 Jan 2026.
    assert leerplicht_start(D(2020, 12, 5), MIDDEN) == D(2026, 1, 5)


def test_volledig_until_31_july_of_the_school_year_of_the_16th_birthday() -> None:
    # Born 15 Mar 2009: 16 on 15 Mar 2025 (school year 2024-25) -> until 31 Jul 2025,
    # then kwalificatieplichtig until the day before the 18th birthday, 14 Mar 2027.
    birth = D(2009, 3, 15)
    s = leerplicht_status(birth, D(2025, 7, 31))
    assert (s.kind, s.end) == (K.VOLLEDIG_LEERPLICHTIG, D(2025, 7, 31))
    s = leerplicht_status(birth, D(2025, 8, 1))
    assert (s.kind, s.start, s.end) == (K.KWALIFICATIEPLICHTIG, D(2025, 8, 1), D(2027, 3, 14))
    s = leerplicht_status(birth, D(2027, 3, 15))
    assert (s.kind, s.start, s.end) == (K.NIET_LEERPLICHTIG, D(2027, 3, 15), None)
    # Born 1 Oct 2009: 16 on 1 Oct 2025 (school year 2025-26) -> until 31 Jul 2026.
    assert volledig_leerplicht_end(D(2009, 10, 1)) == D(2026, 7, 31)
    # The boundary: born 31 Jul 2009 turns 16 on the last day of 2024-25; 1 Aug 2009 in
    # 2025-26.
    assert volledig_leerplicht_end(D(2009, 7, 31)) == D(2025, 7, 31)
    assert volledig_leerplicht_end(D(2009, 8, 1)) == D(2026, 7, 31)


def test_twelve_full_school_years_end_it_earlier() -> None:
    birth = D(2009, 10, 1)
    s = leerplicht_status(birth, D(2026, 1, 10), twelve_years_completed=D(2025, 7, 31))
    assert (s.kind, s.start) == (K.KWALIFICATIEPLICHTIG, D(2025, 8, 1))


def test_startkwalificatie_and_exit_certificates() -> None:
    birth = D(2008, 5, 20)  # volledig until 31 Jul 2024; 18 on 20 May 2026
    s = leerplicht_status(birth, D(2025, 6, 30), startkwalificatie=D(2025, 7, 1))
    assert (s.kind, s.end) == (K.KWALIFICATIEPLICHTIG, D(2025, 6, 30))
    s = leerplicht_status(birth, D(2025, 7, 1), startkwalificatie=D(2025, 7, 1))
    assert s.kind is K.NIET_LEERPLICHTIG
    s = leerplicht_status(
        birth,
        D(2025, 1, 6),
        exit_certificate=ExitCertificate.PRAKTIJKONDERWIJS,
        exit_certificate_on=D(2024, 7, 10),
    )
    assert s.kind is K.NIET_LEERPLICHTIG
    # A havo diploma before the end of volledige leerplicht does not end it.
    s = leerplicht_status(D(2009, 3, 15), D(2025, 7, 1), startkwalificatie=D(2025, 6, 20))
    assert s.kind is K.VOLLEDIG_LEERPLICHTIG
    s = leerplicht_status(D(2009, 3, 15), D(2025, 8, 1), startkwalificatie=D(2025, 6, 20))
    assert s.kind is K.NIET_LEERPLICHTIG


def test_exemptions() -> None:
    s = leerplicht_status(D(2015, 6, 1), D(2025, 9, 1), exemption="5a")
    assert (s.kind, s.exemption) == (K.VRIJGESTELD, ExemptionKind.ART_5A)
    assert s.label.startswith("vrijgesteld (art. 5 onder a")
    # Outside its period the exemption does not apply.
    s = leerplicht_status(
        D(2015, 6, 1),
        D(2025, 9, 1),
        exemption=ExemptionKind.ART_5C,
        exemption_from=D(2024, 8, 1),
        exemption_until=D(2025, 7, 31),
    )
    assert s.kind is K.VOLLEDIG_LEERPLICHTIG
    # Before leerplicht starts an exemption is irrelevant.
    assert leerplicht_status(D(2021, 6, 1), D(2025, 9, 1), exemption="5b").kind is (
        K.NIET_LEERPLICHTIG
    )
    with pytest.raises(ValueError):
        leerplicht_status(D(2015, 6, 1), D(2025, 9, 1), exemption="5d")


def test_leap_day_birthday() -> None:
    assert birthday(D(2008, 2, 29), 18) == D(2026, 3, 1)
    assert birthday(D(2008, 2, 29), 16) == D(2024, 2, 29)


def test_is_compulsory() -> None:
    assert is_compulsory(K.VOLLEDIG_LEERPLICHTIG)
    assert is_compulsory(K.KWALIFICATIEPLICHTIG)
    assert not is_compulsory(K.VRIJGESTELD)
    assert not is_compulsory(K.NIET_LEERPLICHTIG)


@settings(max_examples=150, deadline=None)
@given(
    st.dates(min_value=D(1995, 1, 1), max_value=D(2022, 12, 31)),
    st.dates(min_value=D(2000, 1, 1), max_value=D(2045, 12, 31)),
)
def test_status_periods_contain_the_date(birth: dt.date, on: dt.date) -> None:
    s = leerplicht_status(birth, on)
    assert s.start is None or s.start <= on
    assert s.end is None or on <= s.end
    if on >= birthday(birth, 18):
        assert s.kind is K.NIET_LEERPLICHTIG
    if birthday(birth, 6) <= on < birthday(birth, 15):
        assert s.kind is K.VOLLEDIG_LEERPLICHTIG


def test_status_text_for_a_pupil_row() -> None:
    class Pupil:
        birth_date = D(2009, 10, 1)
        exemption = None
        startkwalificatie_on = None
        exit_certificate = None
        full_school_years_done_on = None

    assert status_text(Pupil(), D(2025, 9, 1)) == "volledig leerplichtig t/m 31-07-2026"
    assert status_text(Pupil(), D(2026, 8, 1)) == "kwalificatieplichtig t/m 30-09-2027"
    assert status_text(Pupil(), D(2027, 10, 1)) == "niet meer leerplichtig"
    # 5 on 1 Oct 2014; Sat 1 Nov 2014 -> the first weekday Mon 3 Nov 2014.
    assert status_text(Pupil(), D(2014, 1, 1)) == "nog niet leerplichtig (vanaf 03-11-2014)"
    Pupil.exemption = "5a"
    assert status_text(Pupil(), D(2025, 9, 1)).startswith("vrijgesteld (art. 5 onder a")
    Pupil.birth_date = None
    assert status_text(Pupil(), D(2025, 9, 1)) == ""
