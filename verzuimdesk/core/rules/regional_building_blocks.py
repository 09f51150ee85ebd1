"""Building blocks for regional signals, and two reference regional signals (rules.md §8).

A regional plugin receives a :class:`verzuimdesk.plugins.api.SignalContext` (one
pupil's records, the national signals, the calendar's predicates) and returns
:class:`Signal` values. The functions here work from that context alone:

* :func:`counted_hours_by_day` — the ``duo-16h`` counted hours (rules.md §3) on every
  schooldag with unauthorised hours, with the counting period it belongs to;
* :func:`verzuimgesprek_signals` — Amsterdam ``verzuimgesprek`` (seed 002): the first
  schooldag on which the counted hours reach 6, once per counting period;
* :func:`preventief_spreekuur_signals` — Kennemerland ``preventief-spreekuur``
  (seed 003 §2.5, §3.2.1): the first schooldag of a school year on which that year's
  unauthorised hours reach 8 or its ``te_laat`` records reach 8, once per school year.

A plugin wires them as ``RegionalSignal(code=..., compute=verzuimgesprek_signals, ...)``
or wraps them with its own thresholds (``functools.partial``).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from verzuimdesk.core.rules.calendar import school_year_of
from verzuimdesk.core.rules.signal_codes import SignalCode
from verzuimdesk.core.rules.signals import (
    DUO16_WINDOW_LESWEKEN,
    hours_to_units,
    units_to_hours,
)
from verzuimdesk.core.rules.types import UNAUTHORISED_KINDS, Absence, AbsenceKind, Signal

if TYPE_CHECKING:
    from verzuimdesk.core.rules.regional_signal import SignalContext

__all__ = [
    "CODE_PREVENTIEF_SPREEKUUR",
    "CODE_VERZUIMGESPREK",
    "PREVENTIEF_SPREEKUUR_HOURS",
    "PREVENTIEF_SPREEKUUR_LATE",
    "VERZUIMGESPREK_HOURS",
    "CountedDay",
    "counted_hours_by_day",
    "counted_hours_from_context",
    "preventief_spreekuur_signals",
    "school_year_of",
    "unauthorised_units_by_day",
    "verzuimgesprek_signals",
]

CODE_VERZUIMGESPREK = "verzuimgesprek"
CODE_PREVENTIEF_SPREEKUUR = "preventief-spreekuur"

#: Amsterdam (seed 002): "6 tot 16 uur verzuim in 4 weken" -> verzuimgesprek from 6 hours.
VERZUIMGESPREK_HOURS = 6
#: Kennemerland (seed 003 §2.5): "vanaf 8 of 9 uur verzuim / 8 of 9 keer te laat";
#: rules.md §8 picks 8 for both.
PREVENTIEF_SPREEKUUR_HOURS = 8
PREVENTIEF_SPREEKUUR_LATE = 8


@dataclass(frozen=True, slots=True)
class CountedDay:
    """The ``duo-16h`` counted hours on a schooldag with unauthorised hours.

    :param date: the schooldag.
    :param hours: the counted total in the window on that day (rules.md §3).
    :param start: the first day in the window with counted hours.
    :param period: the counting period (rules.md §8: "until the next duo-16h report"):
        the number of ``duo-16h`` reports that ended before the day.
    """

    date: dt.date
    hours: float
    start: dt.date
    period: int


def unauthorised_units_by_day(
    records: Iterable[Absence], is_schooldag: Callable[[dt.date], bool], until: dt.date
) -> dict[dt.date, int]:
    """The ``ongeoorloofd`` hours per schooldag up to *until*, in units: the hours that count
    towards the 16 hours (luxe is reported as luxe only, rules.md §2)."""
    out: dict[dt.date, int] = {}
    for r in records:
        if r.kind is AbsenceKind.ONGEOORLOOFD and r.date <= until and is_schooldag(r.date):
            out[r.date] = out.get(r.date, 0) + hours_to_units(r.hours)
    return out


def counted_hours_by_day(
    records: Iterable[Absence],
    national: Iterable[Signal],
    *,
    is_schooldag: Callable[[dt.date], bool],
    lesweek_index: Callable[[dt.date], int],
    until: dt.date,
) -> list[CountedDay]:
    """The ``duo-16h`` counted hours on each schooldag with unauthorised hours (rules.md §3).

    Hours count in the window (the day's lesweek and the 3 before) after the end of the
    previous ``duo-16h`` report and after the end of a closed LRV. (While an LRV is open
    no report is made, but the hours are still counted.)
    """
    per_day = unauthorised_units_by_day(records, is_schooldag, until)
    if not per_day:
        return []
    national = list(national)
    report_ends = sorted(s.eind or s.datum for s in national if s.code == SignalCode.DUO_16H)
    closed_lrv_ends = [
        s.eind for s in national if s.code == SignalCode.DUO_LRV and s.eind is not None
    ]
    floors = sorted(report_ends + closed_lrv_ends)

    days = sorted(per_day)
    weeks = [lesweek_index(d) for d in days]
    prefix = [0]
    for d in days:
        prefix.append(prefix[-1] + per_day[d])
    back = DUO16_WINDOW_LESWEKEN - 1
    out: list[CountedDay] = []
    for j, d in enumerate(days):
        period = bisect.bisect_left(report_ends, d)
        k = bisect.bisect_left(floors, d)
        lo = bisect.bisect_right(days, floors[k - 1]) if k else 0
        lo = max(lo, bisect.bisect_left(weeks, weeks[j] - back))
        total = prefix[j + 1] - prefix[lo]
        out.append(CountedDay(d, units_to_hours(total), days[lo], period))
    return out


def counted_hours_from_context(ctx: SignalContext) -> list[CountedDay]:
    """:func:`counted_hours_by_day` for a plugin's ``SignalContext``."""
    return counted_hours_by_day(
        ctx.records,
        ctx.national,
        is_schooldag=ctx.is_schooldag,
        lesweek_index=ctx.lesweek_index,
        until=ctx.until,
    )


def verzuimgesprek_signals(
    ctx: SignalContext,
    *,
    threshold_hours: float = VERZUIMGESPREK_HOURS,
    code: str = CODE_VERZUIMGESPREK,
) -> list[Signal]:
    """Amsterdam ``verzuimgesprek``: first schooldag the counted hours reach the threshold.

    Once per counting period (until the next ``duo-16h`` report). ``start`` is the first
    counted day in the window, ``uren`` the counted hours.
    """
    seen: set[int] = set()
    out: list[Signal] = []
    for cd in counted_hours_from_context(ctx):
        if cd.period in seen or cd.hours < threshold_hours:
            continue
        seen.add(cd.period)
        out.append(Signal(pupil=ctx.pupil, code=code, datum=cd.date, start=cd.start, uren=cd.hours))
    return out


def preventief_spreekuur_signals(
    ctx: SignalContext,
    *,
    hours_threshold: float = PREVENTIEF_SPREEKUUR_HOURS,
    late_threshold: int = PREVENTIEF_SPREEKUUR_LATE,
    code: str = CODE_PREVENTIEF_SPREEKUUR,
) -> list[Signal]:
    """Kennemerland ``preventief-spreekuur``: once per school year (rules.md §8).

    On the first schooldag of a school year on which that year's unauthorised hours
    reach *hours_threshold* or its ``te_laat`` records reach *late_threshold*
    (occurrences, not hours). ``uren`` is the year's unauthorised hours on that day.
    """
    return _preventief(
        ctx.pupil, ctx.records, ctx.is_schooldag, ctx.until, hours_threshold, late_threshold, code
    )


def _preventief(
    pupil: str,
    records: Sequence[Absence],
    is_schooldag: Callable[[dt.date], bool],
    until: dt.date,
    hours_threshold: float,
    late_threshold: int,
    code: str,
) -> list[Signal]:
    units: dict[dt.date, int] = {}
    late: dict[dt.date, int] = {}
    for r in records:
        if r.date > until or not is_schooldag(r.date):
            continue
        if r.kind in UNAUTHORISED_KINDS:
            units[r.date] = units.get(r.date, 0) + hours_to_units(r.hours)
        elif r.kind == AbsenceKind.TE_LAAT:
            late[r.date] = late.get(r.date, 0) + 1
    threshold = hours_to_units(hours_threshold)
    done: set[int] = set()
    acc_units: dict[int, int] = {}
    acc_late: dict[int, int] = {}
    out: list[Signal] = []
    for d in sorted(set(units) | set(late)):
        y = school_year_of(d)
        u = acc_units[y] = acc_units.get(y, 0) + units.get(d, 0)
        n = acc_late[y] = acc_late.get(y, 0) + late.get(d, 0)
        if y not in done and (u >= threshold or n >= late_threshold):
            done.add(y)
            out.append(Signal(pupil=pupil, code=code, datum=d, uren=units_to_hours(u)))
    return out
