"""The national signals computed from absence records (rules.md §2–§6, deadlines §9).

Codes: ``duo-16h``, ``duo-lrv``, ``thuiszitter-b2a``, ``thuiszitter-b2b``,
``duo-luxe``, VO ``sick-7-days`` / ``sick-4-in-12`` and PO ``sick-po-5-reports`` /
``sick-po-10-days``.

Two entry points per granularity:

* :func:`compute_pupil_signals` / :func:`compute_signals` take
  :class:`~verzuimdesk.core.rules.types.Absence` records;
* :func:`compute_pupil_signals_columns` takes a compact :class:`RecordColumns`
  (ordinals, hour units, kind codes) — the hot path for region-scale data.

Hours are counted in whole seconds (:data:`UNITS_PER_HOUR`) so sums are exact
and do not depend on record order. Every reading rules.md leaves open is a
named constant below.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from verzuimdesk.core.rules import deadlines as _dl
from verzuimdesk.core.rules.calendar import SchoolCalendar, school_year_of
from verzuimdesk.core.rules.types import DEFAULT_DAY_HOURS, Absence, AbsenceKind, Sector, Signal

if TYPE_CHECKING:
    from verzuimdesk.core.region_spec import RegionalSignal

__all__ = [
    "B2B_MONTHS",
    "CODE_DUO_16H",
    "CODE_DUO_LRV",
    "CODE_DUO_LUXE",
    "CODE_SICK_4_IN_12",
    "CODE_SICK_7_DAYS",
    "CODE_SICK_PO_5_REPORTS",
    "CODE_SICK_PO_10_DAYS",
    "CODE_THUISZITTER_B2A",
    "CODE_THUISZITTER_B2B",
    "DUO16_MIN_DAYS_BETWEEN_REPORTS",
    "DUO16_THRESHOLD_HOURS",
    "DUO16_WINDOW_LESWEKEN",
    "KIND_CODES",
    "LRV_LESWEKEN",
    "LRV_START_REPORT_LOOKBACK_LESWEKEN",
    "NATIONAL_CODES",
    "SICKNESS_RULES_FOR_SECTOR",
    "SICK_PO_DAYS_PER_YEAR",
    "SICK_PO_REPORTS_PER_YEAR",
    "SICK_VO_CONSECUTIVE_DAYS",
    "SICK_VO_REPORTS",
    "SICK_VO_WINDOW_LESWEKEN",
    "SIGNAL_LABELS",
    "UNITS_PER_HOUR",
    "RecordColumns",
    "compute_pupil_signals",
    "compute_pupil_signals_columns",
    "compute_signals",
    "compute_signals_columns",
    "hours_to_units",
    "signal_sort_key",
    "units_to_hours",
]

# --------------------------------------------------------------------------- codes

CODE_DUO_16H = "duo-16h"
CODE_DUO_LRV = "duo-lrv"
CODE_THUISZITTER_B2A = "thuiszitter-b2a"
CODE_THUISZITTER_B2B = "thuiszitter-b2b"
CODE_DUO_LUXE = "duo-luxe"
CODE_SICK_7_DAYS = "sick-7-days"
CODE_SICK_4_IN_12 = "sick-4-in-12"
CODE_SICK_PO_5_REPORTS = "sick-po-5-reports"
CODE_SICK_PO_10_DAYS = "sick-po-10-days"

#: Every national code with its Dutch label (for the GUI and reports).
SIGNAL_LABELS: dict[str, str] = {
    CODE_DUO_16H: "DUO-melding 16 uur in 4 lesweken",
    CODE_DUO_LRV: "DUO-melding langdurig relatief verzuim",
    CODE_THUISZITTER_B2A: "Thuiszitter B2a (4 weken tot 3 maanden)",
    CODE_THUISZITTER_B2B: "Thuiszitter B2b (meer dan 3 maanden)",
    CODE_DUO_LUXE: "DUO-melding luxe verzuim",
    CODE_SICK_7_DAYS: "Zorgwekkend ziekteverzuim: 7 schooldagen aaneen ziek",
    CODE_SICK_4_IN_12: "Zorgwekkend ziekteverzuim: 4e ziekmelding in 12 lesweken",
    CODE_SICK_PO_5_REPORTS: "Zorgwekkend ziekteverzuim: 5e ziekmelding dit schooljaar",
    CODE_SICK_PO_10_DAYS: "Zorgwekkend ziekteverzuim: 10 ziektedagen dit schooljaar",
}
NATIONAL_CODES: frozenset[str] = frozenset(SIGNAL_LABELS)

# --------------------------------------------------------------------------- readings

#: Hours are integers of this many units per hour (seconds): exact, order-independent sums.
UNITS_PER_HOUR = 3600

#: rules.md §3: a report is due when the counted hours reach 16 ("bereikt", seed 003 §2.5.1).
DUO16_THRESHOLD_HOURS = 16
#: rules.md §3: the window is d's lesweek plus the 3 lesweken before it.
DUO16_WINDOW_LESWEKEN = 4
#: rules.md §3 / seed 003 §2.5.1: at least 7 calendar days after the previous report's end.
DUO16_MIN_DAYS_BETWEEN_REPORTS = 7

#: rules.md §4: an LRV is due when a run of fully absent days completes 4 lesweken.
LRV_LESWEKEN = 4
#: rules.md §4 says the LRV start is "the day after the end of the last duo-16h report".
#: Our reading: only a report that ended in the window of the run's first fully absent
#: day (its lesweek and the 3 before) counts as "the last report" of this absence; an
#: older report belongs to an earlier, unrelated absence, and the start is then the
#: first fully absent day.
LRV_START_REPORT_LOOKBACK_LESWEKEN = 3
#: rules.md §4: B2b when the continuous absence has lasted more than 3 calendar months;
#: signalled on the first schooldag strictly after first-absent-day + 3 months (and
#: never before the run's LRV/B2a date).
B2B_MONTHS = 3

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

#: Compact kind codes used by :class:`RecordColumns`.
KIND_CODES: dict[AbsenceKind, int] = {
    AbsenceKind.ONGEOORLOOFD: 0,
    AbsenceKind.ZIEK: 1,
    AbsenceKind.TE_LAAT: 2,
    AbsenceKind.LUXE: 3,
    AbsenceKind.GEOORLOOFD: 4,
    AbsenceKind.SCHORSING: 5,
}
_K_ONGEOORLOOFD = 0
_K_ZIEK = 1
_K_LUXE = 3


def hours_to_units(hours: float) -> int:
    """Convert decimal hours to whole units (seconds); negative or non-finite hours are errors."""
    if not hours >= 0 or hours == float("inf"):
        raise ValueError(f"ongeldig aantal uren: {hours!r}")
    return round(hours * UNITS_PER_HOUR)


def units_to_hours(units: int) -> float:
    """Convert units back to decimal hours (rounded to 4 decimals)."""
    return round(units / UNITS_PER_HOUR, 4)


def signal_sort_key(s: Signal) -> tuple[str, dt.date, str]:
    """The stable output order: pupil, then date, then code."""
    return (s.pupil, s.datum, s.code)


# --------------------------------------------------------------------------- columns


@dataclass(slots=True)
class RecordColumns:
    """One pupil's records as three parallel compact arrays (no per-record objects).

    :param ords: ``date.toordinal()`` of each record.
    :param units: hours in :data:`UNITS_PER_HOUR` units.
    :param kinds: :data:`KIND_CODES` values.
    """

    ords: array = field(default_factory=lambda: array("l"))
    units: array = field(default_factory=lambda: array("l"))
    kinds: array = field(default_factory=lambda: array("b"))

    def append(self, date: dt.date, hours: float, kind: AbsenceKind | str) -> None:
        """Add one record."""
        self.ords.append(date.toordinal())
        self.units.append(hours_to_units(hours))
        self.kinds.append(KIND_CODES[AbsenceKind(kind)])

    def __len__(self) -> int:
        return len(self.ords)

    @classmethod
    def from_absences(cls, records: Iterable[Absence]) -> RecordColumns:
        """Build columns from :class:`Absence` records (negative hours raise ValueError)."""
        records = records if isinstance(records, list) else list(records)
        hours = [r.hours for r in records]
        if hours and not min(hours) >= 0:  # also catches NaN
            raise ValueError("ongeldig aantal uren: negatief")
        per_hour = UNITS_PER_HOUR
        codes = KIND_CODES
        try:
            units = array("l", [round(h * per_hour) for h in hours])
        except (ValueError, OverflowError):  # NaN or infinite hours
            raise ValueError("ongeldig aantal uren") from None
        return cls(
            array("l", [r.date.toordinal() for r in records]),
            units,
            array("b", [codes[r.kind] for r in records]),
        )


# --------------------------------------------------------------------------- helpers


def _add_months(o: int, months: int) -> int:
    d = dt.date.fromordinal(o)
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    mdays = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.date(y, m, 1)).days
    return dt.date(y, m, min(d.day, mdays)).toordinal()


def _consecutive_runs(idx: list[int]) -> list[tuple[int, int]]:
    """Group sorted schooldag indices into runs of consecutive indices (first, last)."""
    runs: list[tuple[int, int]] = []
    if not idx:
        return runs
    start = prev = idx[0]
    for i in idx[1:]:
        if i != prev + 1:
            runs.append((start, prev))
            start = i
        prev = i
    runs.append((start, prev))
    return runs


_D = dt.date.fromordinal


# --------------------------------------------------------------------------- the engine


def compute_pupil_signals_columns(
    pupil: str,
    columns: RecordColumns,
    calendar: SchoolCalendar,
    *,
    sector: Sector | str = Sector.VO,
    day_hours: float | None = None,
    until: dt.date,
) -> list[Signal]:
    """All national signals of one pupil from compact columns, sorted by date then code.

    Records on non-schooldagen and after *until* are ignored; schooldagen after the last
    record up to *until* count as present.
    """
    sector = Sector(sector)
    if day_hours is None:
        day_hours = DEFAULT_DAY_HOURS[sector]
    return _compute(
        pupil,
        columns.ords,
        columns.units,
        columns.kinds,
        calendar,
        sector,
        hours_to_units(day_hours),
        until.toordinal(),
    )


def compute_pupil_signals(
    pupil: str,
    records: Iterable[Absence],
    calendar: SchoolCalendar,
    *,
    sector: Sector | str = Sector.VO,
    day_hours: float | None = None,
    until: dt.date,
) -> list[Signal]:
    """All national signals of one pupil, sorted by date then code (rules.md §3–§6).

    *records* are this pupil's records (other pupils' records are ignored).
    """
    cols = RecordColumns.from_absences(r for r in records if r.pupil == pupil)
    return compute_pupil_signals_columns(
        pupil, cols, calendar, sector=sector, day_hours=day_hours, until=until
    )


def _compute(
    pupil: str,
    ords: Sequence[int],
    units: Sequence[int],
    kinds: Sequence[int],
    cal: SchoolCalendar,
    sector: Sector,
    day_units: int,
    until_ord: int,
) -> list[Signal]:
    if not ords:
        return []
    first = min(ords)
    if first > until_ord:
        return []
    arr = cal._cover(first, until_ord + 400)
    lo = arr.lo
    sdb = arr.sdb
    lw = arr.lw
    sd_ords = arr.sd_ords
    sd_base = arr.sd_base
    n_sd = len(sd_ords)

    def sd_ord(i: int) -> int:
        p = i - sd_base
        if 0 <= p < n_sd:
            return sd_ords[p]
        return cal._sd_ord(i, until_ord)

    def first_sd_on_or_after(o: int) -> int:
        p = o - lo
        if 0 <= p < len(sdb):
            return sdb[p]
        return cal.schooldag_index(_D(o))

    # ---- 1. aggregate per schooldag (order-independent integer sums). Only
    # ongeoorloofd, luxe and ziek matter to the national signals.
    sdi = arr.sdi
    check_until = max(ords) > until_ord
    unauth: dict[int, int] = {}
    luxe: set[int] = set()
    ziek: set[int] = set()
    for o, u, k in zip(ords, units, kinds, strict=True):
        if k == _K_ONGEOORLOOFD:
            if check_until and o > until_ord:
                continue
            i = sdi[o - lo]
            if i is None:
                continue
            unauth[i] = unauth.get(i, 0) + u
        elif k == _K_ZIEK:
            if check_until and o > until_ord:
                continue
            i = sdi[o - lo]
            if i is None:
                continue
            ziek.add(i)
        elif k == _K_LUXE:
            if check_until and o > until_ord:
                continue
            i = sdi[o - lo]
            if i is None:
                continue
            unauth[i] = unauth.get(i, 0) + u
            luxe.add(i)

    out: list[Signal] = []
    append = out.append

    def plus_schooldays(i: int, n: int) -> dt.date:
        return _D(sd_ord(i + n))

    # ---- 2. LRV runs, duo-16h, thuiszitter
    if unauth:
        days = sorted(unauth)
        full = [i for i in days if unauth[i] >= day_units]
        lrvs: list[tuple[int, int, int, int | None, int | None]] = []  # s, L, D, end, b2b
        if full:
            for s, last in _consecutive_runs(full):
                if last - s < 0:
                    continue
                s_ord = sd_ord(s)
                w = lw[s_ord - lo]
                monday = cal._lw_monday(w + LRV_LESWEKEN, s_ord)
                if monday is None:
                    continue
                target = monday + (s_ord - 1) % 7
                due = first_sd_on_or_after(target) - 1  # last schooldag before target
                if due > last:
                    continue
                end = last if sd_ord(last + 1) <= until_ord else None
                b2b = first_sd_on_or_after(_add_months(s_ord, B2B_MONTHS) + 1)
                b2b_idx = max(b2b, due) if b2b <= last else None
                lrvs.append((s, last, due, end, b2b_idx))

        # rules.md §3: the report's start is "the first schooldag in the window with counted
        # hours"; a record of 0 hours (the CLI accepts it) gives its day none.
        counted_days = [i for i in days if unauth[i] > 0]
        reports = _duo16(
            counted_days, unauth, lrvs, lw, lo, sd_ord, first_sd_on_or_after, until_ord
        )
        for start_i, d_i, total in reports:
            d = _D(sd_ord(d_i))
            append(
                Signal(
                    pupil,
                    CODE_DUO_16H,
                    d,
                    _D(sd_ord(start_i)),
                    d,
                    units_to_hours(total),
                    plus_schooldays(d_i, _dl.DUO_REPORT_DEADLINE_SCHOOLDAYS),
                )
            )
        for s, _last, due, end, b2b_idx in lrvs:
            s_ord = sd_ord(s)
            due_d = _D(sd_ord(due))
            monday_win = cal._lw_monday(lw[s_ord - lo] - LRV_START_REPORT_LOOKBACK_LESWEKEN, s_ord)
            win_ord = monday_win if monday_win is not None else s_ord
            start_ord = s_ord
            for _st, d_i, _tot in reversed(reports):
                if d_i < due:
                    if sd_ord(d_i) >= win_ord:
                        start_ord = sd_ord(d_i) + 1
                    break
            append(
                Signal(
                    pupil,
                    CODE_DUO_LRV,
                    due_d,
                    _D(start_ord),
                    None if end is None else _D(sd_ord(end)),
                    None,
                    plus_schooldays(due, _dl.LRV_REPORT_DEADLINE_SCHOOLDAYS),
                )
            )
            first_absent = _D(s_ord)
            append(
                Signal(
                    pupil,
                    CODE_THUISZITTER_B2A,
                    due_d,
                    first_absent,
                    None,
                    None,
                    due_d,  # report to the SWV at the latest when 4 weeks are complete
                )
            )
            if b2b_idx is not None:
                b2b_d = _D(sd_ord(b2b_idx))
                append(
                    Signal(
                        pupil,
                        CODE_THUISZITTER_B2B,
                        b2b_d,
                        first_absent,
                        None,
                        None,
                        _dl.next_quarterly_list_deadline(b2b_d),
                    )
                )

    # ---- 3. luxe runs
    if luxe:
        for a, b in _consecutive_runs(sorted(luxe)):
            first_d = _D(sd_ord(a))
            append(
                Signal(
                    pupil,
                    CODE_DUO_LUXE,
                    first_d,
                    first_d,
                    _D(sd_ord(b)),
                    None,
                    plus_schooldays(a, _dl.LUXE_REPORT_DEADLINE_SCHOOLDAYS),
                )
            )

    # ---- 4. zorgwekkend ziekteverzuim
    if ziek:
        sick_days = sorted(ziek)
        meldingen = _consecutive_runs(sick_days)
        consult = _dl.SICKNESS_CONSULT_DEADLINE_SCHOOLDAYS
        if SICKNESS_RULES_FOR_SECTOR[sector] == "VO":
            for a, b in meldingen:
                if b - a + 1 >= SICK_VO_CONSECUTIVE_DAYS:
                    t = a + SICK_VO_CONSECUTIVE_DAYS - 1
                    append(
                        Signal(
                            pupil,
                            CODE_SICK_7_DAYS,
                            _D(sd_ord(t)),
                            _D(sd_ord(a)),
                            None,
                            None,
                            plus_schooldays(t, consult),
                        )
                    )
            if len(meldingen) >= SICK_VO_REPORTS:
                start_weeks = [lw[sd_ord(a) - lo] for a, _b in meldingen]
                j = 0
                for k, (a, _b) in enumerate(meldingen):
                    wk = start_weeks[k]
                    while start_weeks[j] < wk - (SICK_VO_WINDOW_LESWEKEN - 1):
                        j += 1
                    if k - j + 1 >= SICK_VO_REPORTS:
                        a_d = _D(sd_ord(a))
                        append(
                            Signal(
                                pupil,
                                CODE_SICK_4_IN_12,
                                a_d,
                                a_d,
                                None,
                                None,
                                plus_schooldays(a, consult),
                            )
                        )
        else:
            per_year: dict[int, int] = {}
            for a, _b in meldingen:
                a_d = _D(sd_ord(a))
                y = school_year_of(a_d)
                c = per_year.get(y, 0) + 1
                per_year[y] = c
                if c == SICK_PO_REPORTS_PER_YEAR:
                    append(
                        Signal(
                            pupil,
                            CODE_SICK_PO_5_REPORTS,
                            a_d,
                            a_d,
                            None,
                            None,
                            plus_schooldays(a, consult),
                        )
                    )
            if len(sick_days) >= SICK_PO_DAYS_PER_YEAR:
                starts = {}
                for a, b in meldingen:
                    for i in range(a, b + 1):
                        starts[i] = a
                day_count: dict[int, int] = {}
                for i in sick_days:
                    d = _D(sd_ord(i))
                    y = school_year_of(d)
                    c = day_count.get(y, 0) + 1
                    day_count[y] = c
                    if c == SICK_PO_DAYS_PER_YEAR:
                        append(
                            Signal(
                                pupil,
                                CODE_SICK_PO_10_DAYS,
                                d,
                                _D(sd_ord(starts[i])),
                                None,
                                None,
                                plus_schooldays(i, consult),
                            )
                        )

    if len(out) > 1:
        out.sort(key=lambda s: (s.datum, s.code))
    return out


def _duo16(
    days: list[int],
    unauth: dict[int, int],
    lrvs: list[tuple[int, int, int, int | None, int | None]],
    lw: list[int],
    lo: int,
    sd_ord: Callable[[int], int],
    first_sd_on_or_after: Callable[[int], int],
    until_ord: int,
) -> list[tuple[int, int, int]]:
    """The ``duo-16h`` reports as (first counted schooldag, due schooldag, units).

    Candidate days are the days with unauthorised hours (the counted total only grows
    there) plus, after each report ending on *e*, the first schooldag on or after
    e + 7 days (the total may still be ≥ 16 when the seven-day rule releases it).
    """
    threshold = DUO16_THRESHOLD_HOURS * UNITS_PER_HOUR
    back = DUO16_WINDOW_LESWEKEN - 1
    n = len(days)
    prefix = [0] * (n + 1)
    acc = 0
    lwd = [0] * n
    for j, i in enumerate(days):
        acc += unauth[i]
        prefix[j + 1] = acc
        lwd[j] = lw[sd_ord(i) - lo]
    if acc < threshold:
        return []
    reports: list[tuple[int, int, int]] = []
    floor = -(1 << 62)  # counted days must have index > floor
    min_trigger = floor
    check: int | None = None
    p = 0
    lo_p = 0
    k = 0
    n_lrv = len(lrvs)
    while True:
        if check is not None and (p >= n or check < days[p]):
            x = check
            check = None
            hi = p
        elif p < n:
            x = days[p]
            if check == x:
                check = None
            p += 1
            hi = p
        else:
            break
        x_ord = sd_ord(x)
        if x_ord > until_ord:
            break
        suppressed = False
        while k < n_lrv and lrvs[k][2] <= x:
            end = lrvs[k][3]
            if end is None:
                return reports  # an open LRV: no further duo-16h reports
            if x <= end:
                suppressed = True  # the LRV is open (or becomes due) on x
                break
            if end > floor:
                floor = end  # count only after the end of a closed LRV
            k += 1
        if suppressed or x < min_trigger:
            continue
        wlo = lw[x_ord - lo] - back
        while lo_p < hi and (days[lo_p] <= floor or lwd[lo_p] < wlo):
            lo_p += 1
        total = prefix[hi] - prefix[lo_p]
        if total >= threshold:
            reports.append((days[lo_p], x, total))
            floor = x
            check = first_sd_on_or_after(x_ord + DUO16_MIN_DAYS_BETWEEN_REPORTS)
            min_trigger = check
    return reports


# --------------------------------------------------------------------------- many pupils


def _resolve(value, pupil: str):
    return value(pupil) if callable(value) and not isinstance(value, SchoolCalendar) else value


def compute_signals_columns(
    pupils: Iterable[tuple[str, RecordColumns]],
    calendar: SchoolCalendar | Callable[[str], SchoolCalendar],
    *,
    sector: Sector | str | Callable[[str], Sector] = Sector.VO,
    day_hours: float | Callable[[str], float | None] | None = None,
    until: dt.date,
) -> list[Signal]:
    """National signals of many pupils given as (pupil, columns), sorted by pupil, date, code."""
    out: list[Signal] = []
    single_cal = calendar if isinstance(calendar, SchoolCalendar) else None
    for pupil, cols in pupils:
        cal = single_cal or calendar(pupil)  # type: ignore[operator]
        out.extend(
            compute_pupil_signals_columns(
                pupil,
                cols,
                cal,
                sector=_resolve(sector, pupil),
                day_hours=_resolve(day_hours, pupil),
                until=until,
            )
        )
    out.sort(key=signal_sort_key)
    return out


def group_by_pupil(records: Iterable[Absence]) -> dict[str, list[Absence]]:
    """Group records per pupil (insertion order of first appearance)."""
    groups: dict[str, list[Absence]] = {}
    for r in records:
        g = groups.get(r.pupil)
        if g is None:
            groups[r.pupil] = [r]
        else:
            g.append(r)
    return groups


def compute_signals(
    records: Iterable[Absence],
    calendar: SchoolCalendar | Callable[[str], SchoolCalendar],
    *,
    sector: Sector | str | Callable[[str], Sector] = Sector.VO,
    day_hours: float | Callable[[str], float | None] | None = None,
    until: dt.date | None = None,
    regional: Iterable[RegionalSignal] = (),
) -> list[Signal]:
    """All signals of all pupils in *records*, sorted by pupil, date, code.

    :param calendar: one calendar for everybody or a function pupil -> calendar.
    :param sector: the sector, or a function pupil -> sector.
    :param day_hours: lesson hours of a schooldag (default per sector), or a function.
    :param until: evaluation date; default the latest record date.
    :param regional: regional signals (from the plugin manager) computed per pupil on
        top of the national ones, through :class:`verzuimdesk.plugins.api.SignalContext`.
    """
    groups = group_by_pupil(records)
    if until is None:
        dates = [r.date for g in groups.values() for r in g]
        if not dates:
            return []
        until = max(dates)
    regional = tuple(regional)
    out: list[Signal] = []
    single_cal = calendar if isinstance(calendar, SchoolCalendar) else None
    for pupil, recs in groups.items():
        cal = single_cal or calendar(pupil)  # type: ignore[operator]
        sec = Sector(_resolve(sector, pupil))
        hours = _resolve(day_hours, pupil)
        if hours is None:
            hours = DEFAULT_DAY_HOURS[sec]
        national = compute_pupil_signals_columns(
            pupil, RecordColumns.from_absences(recs), cal, sector=sec, day_hours=hours, until=until
        )
        out.extend(national)
        if regional:
            out.extend(
                regional_signals_for_pupil(
                    pupil, recs, national, cal, regional, sector=sec, day_hours=hours, until=until
                )
            )
    out.sort(key=signal_sort_key)
    return out


def regional_signals_for_pupil(
    pupil: str,
    records: Iterable[Absence],
    national: Sequence[Signal],
    calendar: SchoolCalendar,
    regional: Iterable[RegionalSignal],
    *,
    sector: Sector,
    day_hours: float,
    until: dt.date,
) -> list[Signal]:
    """Run each regional signal's ``compute`` on one pupil's :class:`SignalContext`.

    The context gets the pupil's records up to *until*, sorted by date (then kind and
    hours, so the order never depends on input order).
    """
    from verzuimdesk.core.region_spec import SignalContext

    recs = sorted(
        (r for r in records if r.pupil == pupil and r.date <= until),
        key=lambda r: (r.date, str(r.kind), r.hours),
    )
    ctx = SignalContext(
        pupil=pupil,
        records=tuple(recs),
        national=tuple(national),
        is_schooldag=calendar.is_schooldag,
        lesweek_index=calendar.lesweek_index,
        sector=sector,
        day_hours=day_hours,
        until=until,
    )
    out: list[Signal] = []
    for rs in regional:
        out.extend(s for s in rs.compute(ctx) if s.datum <= until)
    return out
