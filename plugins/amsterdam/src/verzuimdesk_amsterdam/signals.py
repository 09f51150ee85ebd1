"""Amsterdam's own signal: ``verzuimgesprek`` (rules.md §8, seed 002 situation 2).

The signal falls on the first schooldag on which the ``duo-16h`` *counted hours*
(rules.md §3) reach :data:`VERZUIMGESPREK_HOURS`, once per counting period — a
period ends with the next ``duo-16h`` report. Counted hours are the ``ongeoorloofd``
+ ``luxe`` hours on schooldagen in the window (the day's lesweek so far and the three
lesweken before it), after the end of the previous ``duo-16h`` report and after the
end of a closed LRV.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from verzuimdesk.plugins.api import AbsenceKind, Signal, SignalContext

#: Seed 002: "6 tot 16 uur verzuim in 4 weken" — the talk starts at 6 hours.
VERZUIMGESPREK_HOURS = 6.0
CODE = "verzuimgesprek"

_UNAUTHORISED = frozenset({AbsenceKind.ONGEOORLOOFD, AbsenceKind.LUXE})


def compute_verzuimgesprek(ctx: SignalContext) -> list[Signal]:
    """Return the pupil's ``verzuimgesprek`` signals, earliest first."""
    hours: dict[dt.date, float] = defaultdict(float)
    for record in ctx.records:
        if (
            record.kind in _UNAUTHORISED
            and record.date <= ctx.until
            and ctx.is_schooldag(record.date)
        ):
            hours[record.date] += float(record.hours)
    if not hours:
        return []
    reports = sorted(s.datum for s in ctx.national if s.code == "duo-16h")
    lrv_ends = sorted(s.eind for s in ctx.national if s.code == "duo-lrv" and s.eind is not None)
    days = sorted(hours)
    week = {d: ctx.lesweek_index(d) for d in days}
    out: list[Signal] = []
    signalled_periods: set[dt.date | None] = set()
    for d in days:
        previous = max((r for r in reports if r < d), default=None)
        if previous in signalled_periods:
            continue
        cutoff = max([x for x in (previous, *(e for e in lrv_ends if e < d)) if x], default=None)
        first_week = week[d] - 3
        counted = sum(
            h
            for day, h in hours.items()
            if day <= d and week[day] >= first_week and (cutoff is None or day > cutoff)
        )
        if counted >= VERZUIMGESPREK_HOURS:
            signalled_periods.add(previous)
            out.append(Signal(pupil=ctx.pupil, code=CODE, datum=d))
    return out
