"""Kennemerland's ``preventief-spreekuur`` signal (rules.md §8) with hand-computed dates.

Calendar: Monday–Friday without vacations. School year 2026-27 starts 1 August 2026.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from verzuimdesk_kennemerland.signals import compute_preventief_spreekuur, school_year

from verzuimdesk.plugins.api import Absence, AbsenceKind, Sector
from verzuimdesk.testing import signal_context

D = dt.date
ONG = AbsenceKind.ONGEOORLOOFD
LATE = AbsenceKind.TE_LAAT


def rec(d: dt.date, hours: float, kind: AbsenceKind = ONG) -> Absence:
    return Absence("p2", d, hours, kind)


def dates(records: list[Absence], **kw: Any) -> list[dt.date]:
    return [s.datum for s in compute_preventief_spreekuur(signal_context(records, **kw))]


def test_eight_unauthorised_hours_in_a_school_year() -> None:
    # Mon 7–Thu 10 Sep 2026, 2 h a day: 8 h on Thu 10 Sep. Later hours: no new signal.
    records = [rec(D(2026, 9, d), 2) for d in (7, 8, 9, 10, 11, 14)]
    assert dates(records) == [D(2026, 9, 10)]
    (signal,) = compute_preventief_spreekuur(signal_context(records))
    assert signal.uren == 8.0


def test_luxe_counts_ziek_does_not_and_weekends_are_ignored() -> None:
    records = [
        rec(D(2026, 9, 7), 5, AbsenceKind.ZIEK),
        rec(D(2026, 9, 12), 8),  # Saturday
        rec(D(2026, 9, 14), 6, AbsenceKind.LUXE),
        rec(D(2026, 9, 15), 1),
        rec(D(2026, 9, 16), 1),
    ]
    assert dates(records) == [D(2026, 9, 16)]


def test_eight_times_late() -> None:
    # Late on 8 schooldagen: Mon 5 Oct .. Wed 14 Oct 2026 (weekdays) -> 8th on Wed 14 Oct.
    days = [D(2026, 10, d) for d in (5, 6, 7, 8, 9, 12, 13, 14)]
    records = [rec(d, 0, LATE) for d in days] + [rec(D(2026, 10, 12), 2)]
    assert dates(records) == [D(2026, 10, 14)]


def test_counts_restart_each_school_year() -> None:
    # 6 h in July 2026 (school year 2025-26) + 2 h in September do not add up.
    # 2026-27: 2 + 6 h -> 8 h on Tue 15 Sep 2026; 2027-28: 8 h on Mon 6 Sep 2027.
    records = [
        rec(D(2026, 7, 6), 6),
        rec(D(2026, 9, 14), 2),
        rec(D(2026, 9, 15), 6),
        rec(D(2027, 9, 6), 8),
    ]
    assert dates(records, sector=Sector.MBO, day_hours=5.5) == [D(2026, 9, 15), D(2027, 9, 6)]
    assert school_year(D(2026, 7, 31)) == 2025 and school_year(D(2026, 8, 1)) == 2026


def test_no_spreekuur_for_a_po_pupil() -> None:
    # Seed 003 §2.5/§3.2.1: the LPA's preventive spreekuur is held at VO and MBO schools.
    # A PO pupil with 8 h unauthorised and 8 times late gets no spreekuur signal.
    days = [D(2026, 10, d) for d in (5, 6, 7, 8, 9, 12, 13, 14)]
    records = [rec(d, 1) for d in days] + [rec(d, 0, LATE) for d in days]
    assert dates(records, sector=Sector.PO, day_hours=5.5) == []
    assert dates(records, sector=Sector.VO) == [D(2026, 10, 14)]


def test_registered_as_regional_signal(plugin_registry: Any) -> None:
    (signal,) = plugin_registry.regional_signals("kennemerland")
    assert signal.code == "preventief-spreekuur"
    assert signal.compute is compute_preventief_spreekuur
