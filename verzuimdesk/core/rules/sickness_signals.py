"""Zorgwekkend ziekteverzuim: the national sickness signals (rules.md §6).

VO (and MBO) signal on the 7th consecutive sick schooldag and on the 4th ziekmelding in
12 lesweken; PO on the 5th ziekmelding and the 10th sick schooldag of a school year. A
ziekmelding is a run of consecutive sick schooldagen.
"""

from __future__ import annotations

from verzuimdesk.core.rules import deadlines as _dl
from verzuimdesk.core.rules.calendar import school_year_of
from verzuimdesk.core.rules.schooldag_lookup import SchooldagLookup, consecutive_runs
from verzuimdesk.core.rules.signal_codes import SignalCode
from verzuimdesk.core.rules.types import Sector, Signal

__all__ = [
    "SICKNESS_RULES_FOR_SECTOR",
    "SICK_PO_DAYS_PER_YEAR",
    "SICK_PO_REPORTS_PER_YEAR",
    "SICK_VO_CONSECUTIVE_DAYS",
    "SICK_VO_REPORTS",
    "SICK_VO_WINDOW_LESWEKEN",
    "po_sickness_signals",
    "vo_sickness_signals",
]

#: rules.md §6 VO: on the 7th consecutive schooldag of one ziekmelding.
SICK_VO_CONSECUTIVE_DAYS = 7
#: rules.md §6 VO: the 4th ziekmelding starting within the current lesweek and the 11 before.
SICK_VO_REPORTS = 4
SICK_VO_WINDOW_LESWEKEN = 12
#: rules.md §6 PO: the 5th ziekmelding starting in one school year.
SICK_PO_REPORTS_PER_YEAR = 5
#: rules.md §6 PO: the 10th sick schooldag in one school year.
SICK_PO_DAYS_PER_YEAR = 10
#: Which sickness thresholds a sector uses. rules.md defines PO and VO only; MBO follows
#: the VO (M@ZL) thresholds — our reading.
SICKNESS_RULES_FOR_SECTOR: dict[Sector, str] = {Sector.PO: "PO", Sector.VO: "VO", Sector.MBO: "VO"}


def _sick_signal(pupil: str, code: SignalCode, i: int, start: int, days: SchooldagLookup) -> Signal:
    """A sickness signal on schooldag *i* for the ziekmelding that began on *start*."""
    return Signal(
        pupil=pupil,
        code=code,
        datum=days.date(i),
        start=days.date(start),
        deadline=days.date(i + _dl.SICKNESS_CONSULT_DEADLINE_SCHOOLDAYS),
    )


def vo_sickness_signals(pupil: str, ziek: set[int], days: SchooldagLookup) -> list[Signal]:
    """VO (and MBO): 7 consecutive sick schooldagen; 4 ziekmeldingen in 12 lesweken."""
    out: list[Signal] = []
    meldingen = consecutive_runs(sorted(ziek))
    for a, b in meldingen:
        if b - a + 1 >= SICK_VO_CONSECUTIVE_DAYS:
            t = a + SICK_VO_CONSECUTIVE_DAYS - 1
            out.append(_sick_signal(pupil, SignalCode.SICK_7_DAYS, t, a, days))
    if len(meldingen) >= SICK_VO_REPORTS:
        start_weeks = [days.lesweek(a) for a, _b in meldingen]
        j = 0
        for k, (a, _b) in enumerate(meldingen):
            wk = start_weeks[k]
            while start_weeks[j] < wk - (SICK_VO_WINDOW_LESWEKEN - 1):
                j += 1
            if k - j + 1 >= SICK_VO_REPORTS:
                out.append(_sick_signal(pupil, SignalCode.SICK_4_IN_12, a, a, days))
    return out


def po_sickness_signals(pupil: str, ziek: set[int], days: SchooldagLookup) -> list[Signal]:
    """PO: the 5th ziekmelding and the 10th sick schooldag in one school year."""
    out: list[Signal] = []
    sick_days = sorted(ziek)
    meldingen = consecutive_runs(sick_days)
    per_year: dict[int, int] = {}
    for a, _b in meldingen:
        y = school_year_of(days.date(a))
        c = per_year.get(y, 0) + 1
        per_year[y] = c
        if c == SICK_PO_REPORTS_PER_YEAR:
            out.append(_sick_signal(pupil, SignalCode.SICK_PO_5_REPORTS, a, a, days))
    if len(sick_days) >= SICK_PO_DAYS_PER_YEAR:
        starts: dict[int, int] = {}
        for a, b in meldingen:
            for i in range(a, b + 1):
                starts[i] = a
        day_count: dict[int, int] = {}
        date = days.date
        for i in sick_days:
            y = school_year_of(date(i))
            c = day_count.get(y, 0) + 1
            day_count[y] = c
            if c == SICK_PO_DAYS_PER_YEAR:
                out.append(_sick_signal(pupil, SignalCode.SICK_PO_10_DAYS, i, starts[i], days))
    return out
