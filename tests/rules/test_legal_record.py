"""A pupil's enrolments and exemptions over time, and absoluut verzuim (docs/rules.md §7–§8)."""

from __future__ import annotations

import datetime as dt

from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.leerplicht import LeerplichtKind
from verzuimdesk.core.rules.legal_record import (
    EnrolmentPeriod,
    ExemptionKind,
    ExemptionPeriod,
    LegalRecord,
    absoluut_verzuim_periods,
    enrolled_on,
    last_enrolled_schooldag,
    leerplicht_on,
)

D = dt.date
PLAIN = SchoolCalendar.explicit([])
#: Born 10 Mar 2012: volledig leerplichtig until 31 Jul 2028, kwalificatieplichtig to 9 Mar 2030.
BIRTH = D(2012, 3, 10)


def test_a_gap_between_two_schools_is_absoluut_verzuim_from_its_first_day() -> None:
    record = LegalRecord(
        BIRTH,
        enrolments=(
            EnrolmentPeriod(D(2016, 8, 1), D(2026, 9, 30), school_id=1),
            EnrolmentPeriod(D(2026, 11, 2), None, school_id=2),
        ),
    )
    assert absoluut_verzuim_periods(record, until=D(2026, 11, 30)) == [
        (D(2026, 10, 1), D(2026, 11, 1))
    ]
    assert not enrolled_on(record, D(2026, 10, 15))
    assert enrolled_on(record, D(2026, 11, 2))


def test_an_ongoing_gap_has_no_end_and_an_art5_exemption_or_excused_gap_removes_it() -> None:
    enrolments = (EnrolmentPeriod(D(2016, 8, 1), D(2026, 9, 30)),)
    record = LegalRecord(BIRTH, enrolments=enrolments)
    assert absoluut_verzuim_periods(record, until=D(2026, 11, 30)) == [(D(2026, 10, 1), None)]

    exempted = LegalRecord(
        BIRTH, enrolments, exemptions=(ExemptionPeriod(ExemptionKind.ART_5A, D(2026, 10, 1)),)
    )
    assert absoluut_verzuim_periods(exempted, until=D(2026, 11, 30)) == []

    # art. 11g leave concerns attendance, not enrolment: the gap stays B3.
    leave = LegalRecord(
        BIRTH, enrolments, exemptions=(ExemptionPeriod(ExemptionKind.ART_11G, D(2026, 10, 1)),)
    )
    assert absoluut_verzuim_periods(leave, until=D(2026, 11, 30)) == [(D(2026, 10, 1), None)]

    excused = LegalRecord(BIRTH, enrolments, excused_gaps=((D(2026, 10, 1), D(2026, 10, 31)),))
    assert absoluut_verzuim_periods(excused, until=D(2026, 11, 30)) == [(D(2026, 11, 1), None)]


def test_no_absoluut_verzuim_outside_compulsory_age() -> None:
    # A startkwalificatie on 1 Jul 2029 ends the kwalificatieplicht: no B3 after it.
    record = LegalRecord(
        BIRTH,
        enrolments=(EnrolmentPeriod(D(2017, 4, 1), D(2029, 7, 10)),),
        startkwalificatie_on=D(2029, 7, 1),
    )
    assert absoluut_verzuim_periods(record, until=D(2030, 1, 1)) == []


def test_an_exemption_applies_only_within_its_dates() -> None:
    record = LegalRecord(
        BIRTH,
        exemptions=(ExemptionPeriod(ExemptionKind.ART_5C, D(2024, 1, 1), D(2024, 12, 31)),),
    )
    assert leerplicht_on(record, D(2024, 6, 1)).kind is LeerplichtKind.VRIJGESTELD
    assert leerplicht_on(record, D(2025, 6, 1)).kind is LeerplichtKind.VOLLEDIG_LEERPLICHTIG


def test_unenrolment_gives_the_last_enrolled_schooldag() -> None:
    # Unenrolled on Sunday 4 Oct 2026: the last enrolled schooldag is Friday 2 Oct.
    enrolments = (EnrolmentPeriod(D(2016, 8, 1), D(2026, 10, 4)),)
    assert last_enrolled_schooldag(enrolments, D(2026, 9, 1), PLAIN) == D(2026, 10, 2)
    # A move to another school the next day is no unenrolment.
    moved = (*enrolments, EnrolmentPeriod(D(2026, 10, 5), None))
    assert last_enrolled_schooldag(moved, D(2026, 9, 1), PLAIN) is None


def test_legal_signals_add_absoluut_verzuim_and_end_an_lrv_at_unenrolment() -> None:
    from verzuimdesk.core.rules.legal_record import legal_signals
    from verzuimdesk.core.rules.signal_codes import SignalCode
    from verzuimdesk.core.rules.types import Signal

    record = LegalRecord(BIRTH, enrolments=(EnrolmentPeriod(D(2016, 8, 1), D(2026, 10, 4)),))
    lrv = Signal("p", SignalCode.DUO_LRV, D(2026, 9, 28), start=D(2026, 9, 1), eind=None)
    late = Signal("p", SignalCode.DUO_LRV, D(2026, 10, 12), start=D(2026, 9, 14), eind=None)
    out = legal_signals("p", record, [lrv, late], PLAIN, until=D(2026, 10, 20))
    assert [(s.code, s.datum, s.start, s.eind) for s in out] == [
        # Sunday 4 October unenrolled: the LRV ends on Friday 2 October.
        (SignalCode.DUO_LRV, D(2026, 9, 28), D(2026, 9, 1), D(2026, 10, 2)),
        (SignalCode.ABSOLUUT_VERZUIM, D(2026, 10, 5), D(2026, 10, 5), None),
    ]  # the LRV that would only be due after unenrolment is gone
    assert out[1].deadline == D(2026, 10, 12)  # 5 schooldagen after Monday 5 October
