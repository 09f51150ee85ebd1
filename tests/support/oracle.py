"""A naive reference implementation of the national signals, straight from rules.md §1–§6.

This is the "second implementation" that rules.md's preamble promises agrees with the
engine ("stated precisely enough that two independent implementations give the same
dates"). It is written for obviousness, not speed: every rule walks the calendar day by
day, with a comment quoting the sentence it implements. It shares no code with
``verzuimdesk.core.rules`` except the value types (``Absence``, ``AbsenceKind``,
``Signal``); the calendar here is its own: Monday–Friday minus explicit free ranges
(rules.md §1 / §8 "an explicit calendar ... replaces vacations and holidays entirely").

It follows ``docs/rules.md`` including the decisions of 2026-11-30 (marked ``DECIDED:``).
Where rules.md leaves room, the oracle adopts the engine's documented reading (the named
constants in ``signals.py``); each such place is marked ``READING:``.
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from verzuimdesk.core.rules.types import Absence, AbsenceKind, Signal

ONE_DAY = dt.timedelta(days=1)

#: DECIDED (rules.md §2): "Each record's hours are counted in whole seconds (5.3333 h is
#: 5:20:00, so three such records make 16 hours)." The oracle sums whole seconds.
SECONDS_PER_HOUR = 3600


def seconds(hours: float) -> int:
    return round(hours * SECONDS_PER_HOUR)


#: rules.md §1 "day length ... default 5.5 (PO) and 6.0 (VO)".
#: READING (signals.py SICKNESS_RULES_FOR_SECTOR): MBO is treated as VO, day length 6.0.
DEFAULT_DAY_HOURS = {"PO": 5.5, "VO": 6.0, "MBO": 6.0}


# --------------------------------------------------------------------------- calendar (§1)


class NaiveCalendar:
    """rules.md §1: "schooldag: a Monday–Friday date that is not a free day"."""

    def __init__(self, free_ranges: Iterable[tuple[dt.date, dt.date]]):
        self.free: set[dt.date] = set()
        for start, end in free_ranges:
            d = start
            while d <= end:
                self.free.add(d)
                d += ONE_DAY

    def is_schooldag(self, d: dt.date) -> bool:
        return d.weekday() < 5 and d not in self.free

    @staticmethod
    def monday(d: dt.date) -> dt.date:
        return d - dt.timedelta(days=d.weekday())

    def is_lesweek(self, monday: dt.date) -> bool:
        # "lesweek: a calendar week (Monday–Sunday) that contains at least one schooldag."
        return any(self.is_schooldag(monday + dt.timedelta(days=i)) for i in range(7))

    def lesweek_back(self, monday: dt.date, n: int) -> dt.date:
        """Monday of the lesweek *n* lesweken before the week of *monday*.

        "A week without schooldagen is skipped, not counted."
        """
        m = monday
        while n > 0:
            m -= dt.timedelta(days=7)
            if self.is_lesweek(m):
                n -= 1
        return m

    def lesweek_forward(self, monday: dt.date, n: int) -> dt.date:
        """Monday of the *n*-th lesweek after the week of *monday* (empty weeks skipped)."""
        m = monday
        while n > 0:
            m += dt.timedelta(days=7)
            if self.is_lesweek(m):
                n -= 1
        return m

    def schooldagen(self, start: dt.date, end: dt.date) -> list[dt.date]:
        out = []
        d = start
        while d <= end:
            if self.is_schooldag(d):
                out.append(d)
            d += ONE_DAY
        return out

    def next_schooldag_after(self, d: dt.date) -> dt.date:
        d += ONE_DAY
        while not self.is_schooldag(d):
            d += ONE_DAY
        return d

    def last_schooldag_before(self, d: dt.date) -> dt.date:
        d -= ONE_DAY
        while not self.is_schooldag(d):
            d -= ONE_DAY
        return d


def school_year(d: dt.date) -> int:
    """rules.md §1 "school year: 1 August to 31 July" (named by its starting year)."""
    return d.year if d.month >= 8 else d.year - 1


def add_calendar_months(d: dt.date, months: int) -> dt.date:
    """*d* plus whole calendar months; a day that does not exist becomes the month's last.

    READING: rules.md §4 says "3 calendar months" without saying what 30 November + 3
    months is; we clamp to the end of the month (28/29 February).
    """
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, _stdcal.monthrange(y, m)[1]))


# --------------------------------------------------------------------------- days (§2)


@dataclass
class Day:
    unauth: int = 0  # ongeoorloofd only, in seconds
    luxe: bool = False
    ziek: bool = False


@dataclass
class Run:
    """A maximal run of fully absent schooldagen [first, last]."""

    first: dt.date
    last: dt.date
    returned: bool  # a schooldag <= until after `last` is not fully absent


# --------------------------------------------------------------------------- the oracle


def oracle_signals(
    pupil: str,
    records: Iterable[Absence],
    free_ranges: Iterable[tuple[dt.date, dt.date]],
    *,
    sector: str = "VO",
    day_hours: float | None = None,
    until: dt.date,
) -> list[Signal]:
    """Every national signal of *pupil*, sorted by date then code (rules.md §8)."""
    cal = NaiveCalendar(free_ranges)
    sector = str(sector)
    length = seconds(DEFAULT_DAY_HOURS[sector] if day_hours is None else day_hours)

    # §2 "Records on non-schooldagen are kept but ignored by every rule below."
    # §8 "--until DATE: the evaluation date ... Nothing after it is evaluated."
    mine = [r for r in records if r.pupil == pupil and r.date <= until]
    mine = [r for r in mine if cal.is_schooldag(r.date)]
    if not mine:
        return []
    days: dict[dt.date, Day] = {}
    for r in mine:
        # DECIDED §2: "A record of 0 hours of any kind but te_laat counts for nothing: it
        # neither starts nor extends a run or a report".
        if seconds(r.hours) <= 0:
            continue
        day = days.setdefault(r.date, Day())
        # DECIDED §2: "luxe hours are reported as luxe verzuim only: they count neither
        # towards the 16 hours nor towards a fully absent day".
        if r.kind is AbsenceKind.ONGEOORLOOFD:
            day.unauth += seconds(r.hours)
        if r.kind is AbsenceKind.LUXE:
            day.luxe = True
        if r.kind is AbsenceKind.ZIEK:
            day.ziek = True
    if not days:
        return []
    first_record = min(days)
    # Schooldagen without records count as present (§8 "schooldagen after the file's last
    # record up to it count as present"); before the first record nothing can trigger.
    all_days = cal.schooldagen(first_record, until)

    def unauth(d: dt.date) -> int:
        return days[d].unauth if d in days else 0

    def fully_absent(d: dt.date) -> bool:
        # §2 "A day is fully absent when its ongeoorloofd hours reach the day length."
        return unauth(d) >= length

    out: list[Signal] = []

    # ------------------------------------------------------------------ §4 runs
    runs: list[Run] = []
    i = 0
    while i < len(all_days):
        if not fully_absent(all_days[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(all_days) and fully_absent(all_days[j + 1]):
            j += 1
        runs.append(Run(all_days[i], all_days[j], returned=j + 1 < len(all_days)))
        i = j + 1

    def lrv_due(s: dt.date) -> dt.date:
        # §4 "The run completes 4 lesweken on the last schooldag before the date with s's
        # weekday in the 4th lesweek after w (weeks without schooldagen are skipped)".
        w4 = cal.lesweek_forward(cal.monday(s), 4)
        same_weekday = w4 + dt.timedelta(days=s.weekday())
        return cal.last_schooldag_before(same_weekday)

    # (run, due date) for every run that gets an LRV report:
    # §4 "The LRV report is due on that schooldag when every schooldag from s up to it is
    # fully absent. Reported once per run."
    lrvs: list[tuple[Run, dt.date]] = []
    for run in runs:
        due = lrv_due(run.first)
        if due <= run.last:  # every schooldag s..due fully absent (run.last <= until)
            lrvs.append((run, due))

    # ------------------------------------------------------------------ §3 duo-16h
    reports: list[tuple[dt.date, dt.date, int]] = []  # (start, end = d, seconds)

    def window_start(d: dt.date) -> dt.date:
        # §3 "every schooldag from the Monday of the lesweek three lesweken before d's
        # lesweek, up to and including d"
        return cal.lesweek_back(cal.monday(d), 3)

    for d in all_days:
        # §3 "No further duo-16h reports while an LRV (§4) is open, nor on the day an LRV
        # becomes due."  Open: from its due date until the pupil returns (the first
        # schooldag that is not fully absent closes it, with end = the day before).
        if any(due <= d <= run.last for run, due in lrvs):
            continue
        # §3 "after the end date of the previous duo-16h report of this pupil and after
        # the end of a closed LRV (§4)"
        prev_end = reports[-1][1] if reports else None
        closed_lrv_ends = [run.last for run, _ in lrvs if run.last < d]
        lrv_end = max(closed_lrv_ends) if closed_lrv_ends else None
        counted_days = [
            x
            for x in cal.schooldagen(window_start(d), d)
            if (prev_end is None or x > prev_end) and (lrv_end is None or x > lrv_end)
        ]
        counted = sum(unauth(x) for x in counted_days)
        # §3 "A report is due on the first schooldag d on which the counted hours reach 16."
        if counted < 16 * SECONDS_PER_HOUR:
            continue
        # DECIDED §3, the seven-day rule: "when there was a previous report ending on e and
        # every schooldag after e up to and including d is fully absent, the report is due
        # only once d ≥ e + 7 calendar days."
        if (
            prev_end is not None
            and d < prev_end + dt.timedelta(days=7)
            and all(fully_absent(x) for x in cal.schooldagen(prev_end + ONE_DAY, d))
        ):
            continue
        # §3 "start is the first schooldag in the window with counted hours; its end is d;
        # hours is the counted total on d."
        start = next(x for x in counted_days if unauth(x) > 0)
        reports.append((start, d, counted))
        # READING: uren is printed to 4 decimals, as the engine does.
        out.append(
            Signal(
                pupil=pupil,
                code="duo-16h",
                datum=d,
                start=start,
                eind=d,
                uren=round(counted / SECONDS_PER_HOUR, 4),
            )
        )

    # ------------------------------------------------------------------ §4 duo-lrv, B2a, B2b
    for run, due in lrvs:
        s = run.first
        # DECIDED §4 "start = the first schooldag after the end of the last duo-16h report
        # (or the first fully absent day if there was none) ... never a Saturday".
        # READING (signals.py LRV_START_REPORT_LOOKBACK_LESWEKEN): only a report that
        # ended in the window of s (s's lesweek and the 3 before) or later (during the
        # run, before the LRV) is "the last report" of this absence.
        related = [end for _, end, _ in reports if window_start(s) <= end < due]
        start = cal.next_schooldag_after(max(related)) if related else s
        # §4 "end stays empty until the pupil returns: the first schooldag that is not
        # fully absent closes the LRV (end = the schooldag before it)."
        eind = run.last if run.returned else None
        out.append(Signal(pupil=pupil, code="duo-lrv", datum=due, start=start, eind=eind))
        # §4 "The same day the pupil becomes a thuiszitter, category B2a";
        # §8 "thuiszitter-b2a/-b2b have start (first fully absent day)".
        out.append(Signal(pupil=pupil, code="thuiszitter-b2a", datum=due, start=s))
        # §4 "When the continuous absence has lasted more than 3 calendar months from its
        # first fully absent day: thuiszitter-b2b on the first schooldag after that."
        # READING (signals.py B2B_MONTHS): the first schooldag strictly after s + 3
        # months, never before the B2a date; the pupil is still absent on it.
        b2b = max(cal.next_schooldag_after(add_calendar_months(s, 3)), due)
        if b2b <= run.last:
            out.append(Signal(pupil=pupil, code="thuiszitter-b2b", datum=b2b, start=s))

    # ------------------------------------------------------------------ §5 duo-luxe
    # "One report per unbroken run of luxe records (schooldagen in between that are all
    # luxe; non-schooldagen do not break a run), due on the first day of the run; start
    # and end are the run's first and last day."
    i = 0
    while i < len(all_days):
        if not (all_days[i] in days and days[all_days[i]].luxe):
            i += 1
            continue
        j = i
        while j + 1 < len(all_days) and all_days[j + 1] in days and days[all_days[j + 1]].luxe:
            j += 1
        out.append(
            Signal(
                pupil=pupil, code="duo-luxe", datum=all_days[i], start=all_days[i], eind=all_days[j]
            )
        )
        i = j + 1

    # ------------------------------------------------------------------ §6 sickness
    # "A ziekmelding (sick report) is a maximal run of consecutive schooldagen with a ziek
    # record; free days in between do not break the run, a schooldag without ziek does."
    meldingen: list[list[dt.date]] = []
    for d in all_days:
        if d in days and days[d].ziek:
            prev = cal.last_schooldag_before(d)
            if meldingen and meldingen[-1][-1] == prev:
                meldingen[-1].append(d)
            else:
                meldingen.append([d])

    if sector in ("VO", "MBO"):  # READING: MBO follows VO (SICKNESS_RULES_FOR_SECTOR)
        for m in meldingen:
            # "sick-7-days: on the 7th consecutive schooldag of one ziekmelding. Once per
            # ziekmelding."
            if len(m) >= 7:
                out.append(Signal(pupil=pupil, code="sick-7-days", datum=m[6], start=m[0]))
            # "sick-4-in-12: on the first day of a ziekmelding that is the 4th or later
            # ziekmelding starting within the current lesweek and the 11 lesweken before."
            lo = cal.lesweek_back(cal.monday(m[0]), 11)
            n = sum(1 for other in meldingen if lo <= other[0] <= m[0])
            if n >= 4:
                out.append(Signal(pupil=pupil, code="sick-4-in-12", datum=m[0], start=m[0]))
    else:
        years = sorted({school_year(m[0]) for m in meldingen} | {school_year(d) for d in days})
        for y in years:
            # "sick-po-5-reports: on the first day of the 5th ziekmelding that starts in one
            # school year."
            starting = [m for m in meldingen if school_year(m[0]) == y]
            if len(starting) >= 5:
                fifth = starting[4]
                out.append(
                    Signal(pupil=pupil, code="sick-po-5-reports", datum=fifth[0], start=fifth[0])
                )
            # "sick-po-10-days: on the 10th sick schooldag in one school year."
            # §8 "the sickness codes have start (first day of the ziekmelding)".
            sick_days = [d for m in meldingen for d in m if school_year(d) == y]
            if len(sick_days) >= 10:
                tenth = sick_days[9]
                melding = next(m for m in meldingen if tenth in m)
                out.append(
                    Signal(pupil=pupil, code="sick-po-10-days", datum=tenth, start=melding[0])
                )

    out.sort(key=lambda s: (s.datum, s.code))
    return out
