"""The national signals computed from absence records (rules.md §2–§6, deadlines §9).

Codes: :class:`~verzuimdesk.core.rules.signal_codes.SignalCode` — ``duo-16h``,
``duo-lrv``, ``thuiszitter-b2a``, ``thuiszitter-b2b``, ``duo-luxe``, VO ``sick-7-days`` /
``sick-4-in-12`` and PO ``sick-po-5-reports`` / ``sick-po-10-days``.

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
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from verzuimdesk.core.rules import deadlines as _dl
from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.record_columns import (
    KIND_CODES,
    UNITS_PER_HOUR,
    RecordColumns,
    hours_to_units,
    units_to_hours,
)
from verzuimdesk.core.rules.schooldag_lookup import SchooldagLookup, consecutive_runs
from verzuimdesk.core.rules.sickness_signals import (
    SICKNESS_RULES_FOR_SECTOR,
    po_sickness_signals,
    vo_sickness_signals,
)
from verzuimdesk.core.rules.signal_codes import SignalCode
from verzuimdesk.core.rules.types import DEFAULT_DAY_HOURS, Absence, AbsenceKind, Sector, Signal

if TYPE_CHECKING:
    from verzuimdesk.core.rules.regional_signal import RegionalSignal

__all__ = [
    "B2B_MONTHS",
    "DUO16_MIN_DAYS_BETWEEN_REPORTS",
    "DUO16_THRESHOLD_HOURS",
    "DUO16_WINDOW_LESWEKEN",
    "KIND_CODES",
    "LRV_LESWEKEN",
    "LRV_START_REPORT_LOOKBACK_LESWEKEN",
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

# --------------------------------------------------------------------------- readings

#: rules.md §3: a report is due when the counted hours reach 16 ("bereikt", seed 003 §2.5.1).
DUO16_THRESHOLD_HOURS = 16
#: rules.md §3: the window is d's lesweek plus the 3 lesweken before it.
DUO16_WINDOW_LESWEKEN = 4
#: rules.md §3 / seed 003 §2.5.1: while the pupil is continuously absent (every schooldag
#: after the previous report's end fully absent), at least 7 calendar days after that end.
#: Decided 2026-11-30: once a schooldag was not fully absent, the rule no longer applies.
DUO16_MIN_DAYS_BETWEEN_REPORTS = 7

#: rules.md §4: an LRV is due when a run of fully absent days completes 4 lesweken.
LRV_LESWEKEN = 4
#: rules.md §4: the LRV starts on "the first schooldag after the end of the last duo-16h
#: report" (decided 2026-11-30: never a Saturday). Our reading: only a report that ended
#: in the window of the run's first fully absent day (its lesweek and the 3 before) counts
#: as "the last report" of this absence; an older report belongs to an earlier, unrelated
#: absence, and the start is then the first fully absent day.
LRV_START_REPORT_LOOKBACK_LESWEKEN = 3
#: rules.md §4: B2b when the continuous absence has lasted more than 3 calendar months;
#: signalled on the first schooldag strictly after first-absent-day + 3 months (and
#: never before the run's LRV/B2a date).
B2B_MONTHS = 3

_K_ONGEOORLOOFD = KIND_CODES[AbsenceKind.ONGEOORLOOFD]
_K_ZIEK = KIND_CODES[AbsenceKind.ZIEK]
_K_LUXE = KIND_CODES[AbsenceKind.LUXE]


def signal_sort_key(s: Signal) -> tuple[str, dt.date, str]:
    """The stable output order: pupil, then date, then code."""
    return (s.pupil, s.datum, s.code)


# --------------------------------------------------------------------------- helpers


def _add_months(o: int, months: int) -> int:
    d = dt.date.fromordinal(o)
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    mdays = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.date(y, m, 1)).days
    return dt.date(y, m, min(d.day, mdays)).toordinal()


#: A run of fully absent schooldagen that completed 4 lesweken: (first schooldag, last
#: schooldag, the schooldag the LRV is due, the run's end when it closed before *until*
#: or None, the schooldag of the B2b signal or None).
_LrvRun = tuple[int, int, int, int | None, int | None]
#: A duo-16h report: (first counted schooldag, due schooldag, counted units).
_Report = tuple[int, int, int]


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
    """Every national signal of one pupil, in the order of rules.md §3–§6, then sorted."""
    if not ords:
        return []
    first = min(ords)
    if first > until_ord:
        return []
    days = SchooldagLookup.over(cal, first, until_ord)
    unauth, luxe, ziek = _per_schooldag(ords, units, kinds, days)
    out: list[Signal] = []
    if unauth:
        unauth_days = sorted(unauth)
        lrvs = _full_absence_runs(unauth_days, unauth, day_units, days)
        full = {i for i in unauth_days if unauth[i] >= day_units}
        reports = _duo16(
            unauth_days,
            unauth,
            full,
            lrvs,
            days.lw,
            days.lo,
            days.sd_ord,
            days.first_sd_on_or_after,
            until_ord,
        )
        out.extend(_duo16_signals(pupil, reports, days))
        out.extend(_lrv_and_thuiszitter_signals(pupil, lrvs, reports, days))
    if luxe:
        out.extend(_luxe_signals(pupil, luxe, days))
    if ziek:
        if SICKNESS_RULES_FOR_SECTOR[sector] == "VO":
            out.extend(vo_sickness_signals(pupil, ziek, days))
        else:
            out.extend(po_sickness_signals(pupil, ziek, days))
    if len(out) > 1:
        out.sort(key=lambda s: (s.datum, s.code))
    return out


def _per_schooldag(
    ords: Sequence[int], units: Sequence[int], kinds: Sequence[int], days: SchooldagLookup
) -> tuple[dict[int, int], set[int], set[int]]:
    """Sum the records per schooldag up to *until* (order-independent integer sums).

    Returns the ``ongeoorloofd`` units per schooldag, the luxe schooldagen and the sick
    schooldagen: the only records the national signals read. Decided 2026-11-30: luxe hours
    are reported as luxe only (they count neither towards the 16 hours nor towards a fully
    absent day), and a record of 0 hours counts for nothing.
    """
    until_ord = days.until_ord
    lo = days.lo
    sdi = days.sdi
    check_until = max(ords) > until_ord
    unauth: dict[int, int] = {}
    luxe: set[int] = set()
    ziek: set[int] = set()
    for o, u, k in zip(ords, units, kinds, strict=True):
        if u <= 0 or (check_until and o > until_ord):
            continue
        i = sdi[o - lo]
        if i is None:
            continue
        if k == _K_ONGEOORLOOFD:
            unauth[i] = unauth.get(i, 0) + u
        elif k == _K_ZIEK:
            ziek.add(i)
        elif k == _K_LUXE:
            luxe.add(i)
    return unauth, luxe, ziek


def _full_absence_runs(
    unauth_days: list[int], unauth: dict[int, int], day_units: int, days: SchooldagLookup
) -> list[_LrvRun]:
    """The runs of fully absent schooldagen that complete 4 lesweken (rules.md §4)."""
    full = [i for i in unauth_days if unauth[i] >= day_units]
    if not full:
        return []
    cal = days.cal
    sd_ord = days.sd_ord
    first_sd_on_or_after = days.first_sd_on_or_after
    lw = days.lw
    lo = days.lo
    lrvs: list[_LrvRun] = []
    for s, last in consecutive_runs(full):
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
        end = last if sd_ord(last + 1) <= days.until_ord else None
        b2b = first_sd_on_or_after(_add_months(s_ord, B2B_MONTHS) + 1)
        b2b_idx = max(b2b, due) if b2b <= last else None
        lrvs.append((s, last, due, end, b2b_idx))
    return lrvs


def _duo_report(
    pupil: str,
    code: SignalCode,
    due: int,
    deadline_schooldays: int,
    days: SchooldagLookup,
    *,
    start: dt.date,
    eind: dt.date | None,
    uren: float | None = None,
) -> Signal:
    """A report to DUO due on schooldag *due*, to send within *deadline_schooldays*."""
    return Signal(
        pupil=pupil,
        code=code,
        datum=days.date(due),
        start=start,
        eind=eind,
        uren=uren,
        deadline=days.date(due + deadline_schooldays),
    )


def _thuiszitter(
    pupil: str, code: SignalCode, datum: dt.date, first_absent: dt.date, deadline: dt.date
) -> Signal:
    """A thuiszitter signal (B2a/B2b) of the absence that began on *first_absent*."""
    return Signal(pupil=pupil, code=code, datum=datum, start=first_absent, deadline=deadline)


def _duo16_signals(pupil: str, reports: list[_Report], days: SchooldagLookup) -> list[Signal]:
    """One ``duo-16h`` signal per report, due on the day the 16 hours were reached."""
    return [
        _duo_report(
            pupil,
            SignalCode.DUO_16H,
            d_i,
            _dl.DUO_REPORT_DEADLINE_SCHOOLDAYS,
            days,
            start=days.date(start_i),
            eind=days.date(d_i),
            uren=units_to_hours(total),
        )
        for start_i, d_i, total in reports
    ]


def _lrv_start(s: int, due: int, reports: list[_Report], days: SchooldagLookup) -> int:
    """The ordinal an LRV starts on: after the last related duo-16h report, else day one."""
    s_ord = days.sd_ord(s)
    monday_win = days.cal._lw_monday(days.lesweek(s) - LRV_START_REPORT_LOOKBACK_LESWEKEN, s_ord)
    win_ord = monday_win if monday_win is not None else s_ord
    for _st, d_i, _tot in reversed(reports):
        if d_i < due:
            if days.sd_ord(d_i) >= win_ord:
                return days.sd_ord(d_i + 1)  # the next schooldag, never a weekend day
            break
    return s_ord


def _lrv_and_thuiszitter_signals(
    pupil: str, lrvs: list[_LrvRun], reports: list[_Report], days: SchooldagLookup
) -> list[Signal]:
    """Per full-absence run: ``duo-lrv``, ``thuiszitter-b2a`` and (after 3 months) ``-b2b``."""
    out: list[Signal] = []
    for s, _last, due, end, b2b_idx in lrvs:
        out.append(
            _duo_report(
                pupil,
                SignalCode.DUO_LRV,
                due,
                _dl.LRV_REPORT_DEADLINE_SCHOOLDAYS,
                days,
                start=dt.date.fromordinal(_lrv_start(s, due, reports, days)),
                eind=None if end is None else days.date(end),
            )
        )
        due_d = days.date(due)
        first_absent = days.date(s)
        # report to the SWV at the latest when 4 weeks are complete
        out.append(_thuiszitter(pupil, SignalCode.THUISZITTER_B2A, due_d, first_absent, due_d))
        if b2b_idx is not None:
            b2b_d = days.date(b2b_idx)
            b2b_deadline = _dl.next_quarterly_list_deadline(b2b_d)
            out.append(
                _thuiszitter(pupil, SignalCode.THUISZITTER_B2B, b2b_d, first_absent, b2b_deadline)
            )
    return out


def _luxe_signals(pupil: str, luxe: set[int], days: SchooldagLookup) -> list[Signal]:
    """One ``duo-luxe`` signal per run of consecutive luxe schooldagen (rules.md §5)."""
    return [
        _duo_report(
            pupil,
            SignalCode.DUO_LUXE,
            a,
            _dl.LUXE_REPORT_DEADLINE_SCHOOLDAYS,
            days,
            start=days.date(a),
            eind=days.date(b),
        )
        for a, b in consecutive_runs(sorted(luxe))
    ]


def _duo16(
    days: list[int],
    unauth: dict[int, int],
    full: set[int],
    lrvs: list[_LrvRun],
    lw: list[int],
    lo: int,
    sd_ord: Callable[[int], int],
    first_sd_on_or_after: Callable[[int], int],
    until_ord: int,
) -> list[_Report]:
    """The ``duo-16h`` reports as (first counted schooldag, due schooldag, units).

    Candidate days are the days with unauthorised hours (the counted total only grows
    there) plus, after each report ending on *e*, the first schooldag on or after
    e + 7 days (the total may still be ≥ 16 when the seven-day rule releases it). The
    seven-day rule holds a candidate back only while every schooldag after *e* up to it
    is fully absent (*full* holds the fully absent schooldagen).
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
    reports: list[_Report] = []
    floor = -(1 << 62)  # counted days must have index > floor
    min_trigger = floor
    # The first schooldag after the last report that is not fully absent: from there on
    # the seven-day rule no longer holds a report back.
    continuous_until = floor
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
        if suppressed or (x < min_trigger and x < continuous_until):
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
            continuous_until = x + 1
            while continuous_until in full and continuous_until < min_trigger:
                continuous_until += 1
            # A schooldag that is not fully absent ends the hold: the report is due on it
            # when the hours already reached 16, so it is a candidate even without hours.
            check = min(check, continuous_until)
    return reports


# --------------------------------------------------------------------------- many pupils


_T = TypeVar("_T")


def _resolve(value: _T | Callable[[str], _T], pupil: str) -> _T:
    """*value* for *pupil*: the value itself, or what it returns when it is a function."""
    return value(pupil) if callable(value) else value


def _calendar_of(
    calendar: SchoolCalendar | Callable[[str], SchoolCalendar], pupil: str
) -> SchoolCalendar:
    """One calendar for everybody, or the one the function gives *pupil*."""
    return calendar if isinstance(calendar, SchoolCalendar) else calendar(pupil)


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
    for pupil, cols in pupils:
        out.extend(
            compute_pupil_signals_columns(
                pupil,
                cols,
                _calendar_of(calendar, pupil),
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
    for pupil, recs in groups.items():
        cal = _calendar_of(calendar, pupil)
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
    from verzuimdesk.core.rules.regional_signal import SignalContext

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
    from verzuimdesk.core.rules.plugin_guard import run_regional_signal

    out: list[Signal] = []
    for rs in regional:
        # A failing plugin costs its own signal only (issue 11, finding 7).
        out.extend(s for s in run_regional_signal(rs, ctx) if s.datum <= until)
    return out
