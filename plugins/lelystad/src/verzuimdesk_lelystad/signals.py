"""Lelystad/Dronten's own signal: the *dreigende thuiszitter* (seed 001, §2.1).

"Meldt dreigende thuiszitters bij begeleiders passend onderwijs. Het gaat hier om
leerlingen die door bijvoorbeeld schorsing van meer dan 2 dagen of langdurig
ziekteverzuim waarvan het onzeker is of een normale terugkeer binnen de school haalbaar
is." Two occasions, one code:

- **schorsing of more than 2 schooldagen**: the third schooldag in a row with a
  ``schorsing`` record (the run's first day is ``start``);
- **long sickness**: a run of schooldagen each with a ``ziek`` record that lasts
  :data:`SICK_WEEKS` lesweken: the first sick schooldag at least four lesweken after the
  run's first day (sick from Monday 7 September: Monday 5 October). Whether the return is
  uncertain is the school's judgement; four weeks is the seed's own measure of long
  absence (§1.1) and the point where a sick pupil must be discussed (§1.1 *Ziekte*).

A run ends on a schooldag without such a record; records on other days are ignored.
The signal is reported to the **begeleider passend onderwijs**, never as a thuiszitter to
leerplicht: a sick pupil is geoorloofd afwezig and no thuiszitter (§1.1), and a
thuiszitter report would pass medical details on without ground (AVG). The region's
deadline rule on this signal names the begeleider, not leerplicht.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from verzuimdesk.plugins.api import AbsenceKind, RegionalSignal, Signal, SignalContext
from verzuimdesk_lelystad.forms import SRC, R

CODE = "ll-dreigende-thuiszitter"
#: §2.1 "schorsing van meer dan 2 dagen": the signal falls on the third day.
SCHORSING_DAYS = 3
#: §1.1/§2.1: sick for four weeks or more (lesweken, so a vacation does not count).
SICK_WEEKS = 4


def _runs(ctx: SignalContext, kind: AbsenceKind) -> list[list[dt.date]]:
    """Runs of consecutive schooldagen that each have a record of ``kind``."""
    days = sorted(
        {
            r.date
            for r in ctx.records
            if r.kind == kind and r.date <= ctx.until and ctx.is_schooldag(r.date)
        }
    )
    runs: list[list[dt.date]] = []
    for day in days:
        if runs and _next_schooldag(ctx, runs[-1][-1]) == day:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _next_schooldag(ctx: SignalContext, d: dt.date) -> dt.date:
    d += dt.timedelta(days=1)
    for _ in range(366):
        if ctx.is_schooldag(d):
            return d
        d += dt.timedelta(days=1)
    return d


def _signal(ctx: SignalContext, run: Iterable[dt.date], on: dt.date) -> Signal:
    days = list(run)
    return Signal(pupil=ctx.pupil, code=CODE, datum=on, start=days[0], eind=days[-1])


def compute_dreigende_thuiszitter(ctx: SignalContext) -> list[Signal]:
    """Return the pupil's *dreigende thuiszitter* signals: one per schorsing or sick run."""
    out: list[Signal] = []
    for run in _runs(ctx, AbsenceKind.SCHORSING):
        if len(run) >= SCHORSING_DAYS:
            out.append(_signal(ctx, run, run[SCHORSING_DAYS - 1]))
    for run in _runs(ctx, AbsenceKind.ZIEK):
        first_week = ctx.lesweek_index(run[0])
        reached = next((d for d in run if ctx.lesweek_index(d) - first_week >= SICK_WEEKS), None)
        if reached is not None:
            out.append(_signal(ctx, run, reached))
    out.sort(key=lambda s: s.datum)
    return out


#: The signal as the region registers it (``RegionData.signals``).
SIGNAL = RegionalSignal(
    CODE,
    R,
    "Dreigende thuiszitter",
    compute=compute_dreigende_thuiszitter,
    description="Schorsing van meer dan 2 schooldagen, of 4 weken of langer ziek: melden "
    "bij de begeleider passend onderwijs (niet als thuiszitter bij leerplicht).",
    source=f"{SRC}, §2.1",
)
