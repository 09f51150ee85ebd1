"""Inspectie category of a case on a date (seed 001 Bijlage 1)."""

from __future__ import annotations

import datetime as dt

from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.inspectie import InspectieCategory as C
from verzuimdesk.core.rules.inspectie import inspectie_category, open_lrv
from verzuimdesk.core.rules.leerplicht import LeerplichtKind
from verzuimdesk.core.rules.signals import compute_pupil_signals
from verzuimdesk.core.rules.types import Absence, AbsenceKind, Signal

D = dt.date
PLAIN = SchoolCalendar.explicit([])


def _long_absence(until: dt.date) -> list[Signal]:
    # Fully absent from Wed 3 Sep 2025: LRV/B2a due Tue 30 Sep, B2b Thu 4 Dec 2025.
    days = PLAIN.schooldagen(D(2025, 9, 3), until)
    recs = [Absence("p", d, 6.0, AbsenceKind.ONGEOORLOOFD) for d in days]
    return compute_pupil_signals("p", recs, PLAIN, until=until)


def test_b2a_then_b2b_while_the_lrv_is_open() -> None:
    sigs = _long_absence(D(2025, 12, 12))
    assert inspectie_category(D(2025, 9, 29), enrolled=True, signals=sigs) is C.B1  # 16h reports
    assert inspectie_category(D(2025, 9, 30), enrolled=True, signals=sigs) is C.B2A
    assert inspectie_category(D(2025, 12, 3), enrolled=True, signals=sigs) is C.B2A
    assert inspectie_category(D(2025, 12, 4), enrolled=True, signals=sigs) is C.B2B
    assert C.B2B.label.startswith("B2b: langdurig relatief verzuim van meer dan 3 maanden")


def test_closed_lrv_is_no_longer_b2() -> None:
    # Fully absent 3 Sep – Fri 10 Oct 2025, present from Mon 13 Oct: the LRV (due 30 Sep)
    # closes with end 10 Oct.
    recs_until = D(2025, 11, 28)
    days = PLAIN.schooldagen(D(2025, 9, 3), D(2025, 10, 10))
    recs = [Absence("p", d, 6.0, AbsenceKind.ONGEOORLOOFD) for d in days]
    sigs = compute_pupil_signals("p", recs, PLAIN, until=recs_until)
    lrv = open_lrv(sigs, D(2025, 10, 10))
    assert lrv is not None and lrv.eind == D(2025, 10, 10)
    assert open_lrv(sigs, D(2025, 10, 13)) is None
    assert inspectie_category(D(2025, 11, 28), enrolled=True, signals=sigs) is None


def test_exemptions_and_absolute_verzuim() -> None:
    assert inspectie_category(D(2025, 9, 1), enrolled=False, exemption="5a") is C.A2A
    assert inspectie_category(D(2025, 9, 1), enrolled=True, exemption="5b") is C.A2B
    assert inspectie_category(D(2025, 9, 1), enrolled=False, exemption="5c") is C.A2C
    assert inspectie_category(D(2025, 9, 1), enrolled=False) is C.B3
    assert (
        inspectie_category(
            D(2025, 9, 1), enrolled=False, leerplicht=LeerplichtKind.KWALIFICATIEPLICHTIG
        )
        is C.B3
    )
    # Not of compulsory age and not enrolled: no category.
    assert (
        inspectie_category(
            D(2025, 9, 1), enrolled=False, leerplicht=LeerplichtKind.NIET_LEERPLICHTIG
        )
        is None
    )


def test_sick_manual_c_and_b1() -> None:
    on = D(2025, 10, 1)
    assert inspectie_category(on, enrolled=True, sick_dominant=True) is C.A1
    assert inspectie_category(on, enrolled=True, manual_c=True) is C.C
    assert inspectie_category(on, enrolled=True, relatief_verzuim=True) is C.B1
    assert inspectie_category(on, enrolled=True) is None
    # An open LRV outranks sickness; a manual C outranks the LRV.
    sigs = _long_absence(D(2025, 10, 3))
    assert inspectie_category(on, enrolled=True, sick_dominant=True, signals=sigs) is C.B2A
    assert inspectie_category(on, enrolled=True, manual_c=True, signals=sigs) is C.C
    assert C.C.label == "C: restcategorie (art. 11g)"


def test_an_exemption_gives_no_a2_category_once_the_pupil_is_no_longer_leerplichtig() -> None:
    """Issue 9: A2a was returned for a pupil of 19 with an old 5a exemption."""
    assert (
        inspectie_category(
            D(2025, 9, 1),
            enrolled=False,
            leerplicht=LeerplichtKind.NIET_LEERPLICHTIG,
            exemption="5a",
        )
        is None
    )
    assert (
        inspectie_category(
            D(2025, 9, 1), enrolled=False, leerplicht=LeerplichtKind.VRIJGESTELD, exemption="5b"
        )
        is C.A2B
    )


def test_category_from_the_legal_record_follows_the_dates() -> None:
    from verzuimdesk.core.rules.inspectie import category_on
    from verzuimdesk.core.rules.legal_record import (
        EnrolmentPeriod,
        ExemptionKind,
        ExemptionPeriod,
        LegalRecord,
    )

    record = LegalRecord(
        D(2010, 3, 14),
        enrolments=(EnrolmentPeriod(D(2015, 4, 1), D(2024, 6, 30)),),
        exemptions=(ExemptionPeriod(ExemptionKind.ART_5A, D(2024, 7, 1), D(2024, 12, 31)),),
        excused_gaps=((D(2025, 3, 1), D(2025, 3, 31)),),
    )
    assert category_on(record, D(2024, 6, 1)) is None  # enrolled, nothing wrong
    assert category_on(record, D(2024, 9, 1)) is C.A2A  # within the exemption
    assert category_on(record, D(2025, 1, 6)) is C.B3  # exemption over, not enrolled
    assert category_on(record, D(2025, 3, 10)) is None  # administratieve onvolkomenheid
    assert category_on(record, D(2028, 9, 1)) is None  # 18: no longer leerplichtig
    # An art. 5 exemption running past 18 is no A2 category then.
    late = LegalRecord(
        D(2006, 3, 14), exemptions=(ExemptionPeriod(ExemptionKind.ART_5C, D(2015, 4, 1)),)
    )
    assert category_on(late, D(2023, 3, 14)) is C.A2C
    assert category_on(late, D(2024, 9, 1)) is None
