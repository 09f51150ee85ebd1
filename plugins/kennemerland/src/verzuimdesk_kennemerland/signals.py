"""Kennemerland's own signal: ``preventief-spreekuur`` (rules.md §8, seed 003 §2.5, §3.2.1).

The signal falls on the first schooldag of a school year (1 August – 31 July) on
which that school year's unauthorised hours (``ongeoorloofd`` + ``luxe``) reach
:data:`SPREEKUUR_HOURS`, or its ``te_laat`` records reach :data:`SPREEKUUR_LATE`;
once per school year. Records on non-schooldagen are ignored.
"""

from __future__ import annotations

import datetime as dt

from verzuimdesk.plugins.api import AbsenceKind, Signal, SignalContext

#: Seed 003 §2.5 "vanaf 8 of 9 uur verzuim / 8 of 9 keer te laat": rules.md §8 reads 8.
SPREEKUUR_HOURS = 8.0
SPREEKUUR_LATE = 8
CODE = "preventief-spreekuur"

_UNAUTHORISED = frozenset({AbsenceKind.ONGEOORLOOFD, AbsenceKind.LUXE})


def school_year(d: dt.date) -> int:
    """The calendar year in which ``d``'s school year starts (1 August)."""
    return d.year if d.month >= 8 else d.year - 1


def compute_preventief_spreekuur(ctx: SignalContext) -> list[Signal]:
    """Return the pupil's ``preventief-spreekuur`` signals, one per school year at most."""
    records = sorted(
        (r for r in ctx.records if r.date <= ctx.until and ctx.is_schooldag(r.date)),
        key=lambda r: r.date,
    )
    hours: dict[int, float] = {}
    late: dict[int, int] = {}
    done: set[int] = set()
    out: list[Signal] = []
    for record in records:
        year = school_year(record.date)
        if year in done:
            continue
        if record.kind in _UNAUTHORISED:
            hours[year] = hours.get(year, 0.0) + float(record.hours)
        elif record.kind == AbsenceKind.TE_LAAT:
            late[year] = late.get(year, 0) + 1
        else:
            continue
        if hours.get(year, 0.0) >= SPREEKUUR_HOURS or late.get(year, 0) >= SPREEKUUR_LATE:
            done.add(year)
            out.append(Signal(pupil=ctx.pupil, code=CODE, datum=record.date))
    return out
