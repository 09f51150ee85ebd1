"""Shared deadlines (rules.md §9)."""

from __future__ import annotations

import datetime as dt

from verzuimdesk.core.rules import deadlines as dl
from verzuimdesk.core.rules.calendar import SchoolCalendar

D = dt.date
MIDDEN = SchoolCalendar.for_region("midden")


def test_duo_report_deadlines_are_one_schooldag_later() -> None:
    assert dl.duo_16h_deadline(MIDDEN, D(2025, 12, 19)) == D(2026, 1, 5)  # across Kerst
    assert dl.lrv_report_deadline(MIDDEN, D(2025, 10, 17)) == D(2025, 10, 27)  # herfst
    assert dl.luxe_report_deadline(MIDDEN, D(2025, 9, 5)) == D(2025, 9, 8)


def test_relatief_verzuim_report_within_five_werkdagen() -> None:
    # Thu 11 Dec 2025 + 5 schooldagen: 12, 15, 16, 17, 18 Dec -> Thu 18 Dec.
    assert dl.relatief_verzuim_report_deadline(MIDDEN, D(2025, 12, 11)) == D(2025, 12, 18)
    # Wed 17 Dec + 5: 18, 19 Dec, (Kerstvakantie), 5, 6, 7 Jan -> Wed 7 Jan 2026.
    assert dl.relatief_verzuim_report_deadline(MIDDEN, D(2025, 12, 17)) == D(2026, 1, 7)
    assert dl.sickness_consult_deadline(MIDDEN, D(2025, 12, 17)) == D(2026, 1, 7)


def test_thuiszitter_report_to_the_swv_after_four_lesweken() -> None:
    # First absent Wed 3 Dec 2025 (midden): 4 lesweken complete on Tue 13 Jan 2026.
    assert dl.thuiszitter_swv_deadline(MIDDEN, D(2025, 12, 3)) == D(2026, 1, 13)
    # Without vacations: Wed 3 Sep 2025 -> Tue 30 Sep 2025.
    assert dl.thuiszitter_swv_deadline(MIDDEN, D(2025, 9, 3)) == D(2025, 9, 30)


def test_quarterly_check_and_list() -> None:
    assert dl.next_quarterly_check_deadline(D(2025, 10, 1)) == D(2025, 11, 30)
    assert dl.next_quarterly_check_deadline(D(2025, 11, 30)) == D(2025, 11, 30)
    assert dl.next_quarterly_check_deadline(D(2025, 12, 1)) == D(2026, 2, 28)
    assert dl.next_quarterly_check_deadline(D(2028, 2, 1)) == D(2028, 2, 29)
    assert dl.next_quarterly_check_deadline(D(2026, 6, 1)) == D(2026, 8, 31)
    assert dl.next_quarterly_list_deadline(D(2025, 12, 4)) == D(2025, 12, 15)
    assert dl.next_quarterly_list_deadline(D(2025, 12, 15)) == D(2025, 12, 15)
    assert dl.next_quarterly_list_deadline(D(2025, 12, 16)) == D(2026, 3, 15)


def test_tlv_and_pva() -> None:
    assert dl.tlv_followup_date(D(2025, 9, 10)) == D(2025, 10, 8)
    assert list(dl.pva_evaluation_dates(D(2025, 9, 1), D(2025, 9, 22))) == [
        D(2025, 9, 8),
        D(2025, 9, 15),
        D(2025, 9, 22),
    ]
    assert dl.next_pva_evaluation(D(2025, 9, 1), D(2025, 9, 9)) == D(2025, 9, 15)
    assert dl.next_pva_evaluation(D(2025, 9, 1), D(2025, 9, 8)) == D(2025, 9, 8)
    assert dl.next_pva_evaluation(D(2025, 9, 1), D(2025, 8, 1)) == D(2025, 9, 8)
