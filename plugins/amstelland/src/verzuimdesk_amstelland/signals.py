"""Amstelland en de Meerlanden's own signal: *langdurig verzuim* (seed 004).

"Als een leerling een maand of langer thuiszit, spreken we van langdurig verzuim. [...]
Het gaat niet alleen om ongeoorloofd verzuim, maar om alle leerlingen die langdurig
verzuimen." So every kind of absence counts — ziek, ongeoorloofd, geoorloofd, luxe,
schorsing — not only the unauthorised absence the national ``thuiszitter-b2a`` counts;
a late arrival (``te_laat``) is no absence.

The signal falls on the first schooldag of a run of absent schooldagen that is at least
:data:`MONTHS` calendar month after the run's first day (absent from Tuesday 8 September:
Thursday 8 October or the first absent schooldag after it). A run ends on a schooldag
without an absence record; days that are no schooldag (weekends, vacations) neither end
nor count. One signal per run.
"""

from __future__ import annotations

import calendar
import datetime as dt

from verzuimdesk.plugins.api import AbsenceKind, RegionalSignal, Signal, SignalContext
from verzuimdesk_amstelland.forms import SRC, R

CODE = "am-langdurig-verzuim"
#: Seed 004: "een maand of langer".
MONTHS = 1
#: Every kind of absence; a late arrival is not absence.
ABSENCE_KINDS = frozenset(AbsenceKind) - {AbsenceKind.TE_LAAT}


def add_months(d: dt.date, months: int) -> dt.date:
    """``d`` plus ``months`` calendar months (31 January + 1 = 28/29 February)."""
    total = d.month - 1 + months
    year, month = d.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def compute_langdurig_verzuim(ctx: SignalContext) -> list[Signal]:
    """Return the pupil's *langdurig verzuim* signals: one per run of a month or longer."""
    days = sorted(
        {
            r.date
            for r in ctx.records
            if r.kind in ABSENCE_KINDS and r.date <= ctx.until and ctx.is_schooldag(r.date)
        }
    )
    out: list[Signal] = []
    run: list[dt.date] = []

    def close() -> None:
        if run:
            due = add_months(run[0], MONTHS)
            reached = next((d for d in run if d >= due), None)
            if reached is not None:
                out.append(Signal(ctx.pupil, CODE, reached, start=run[0], eind=run[-1]))

    for day in days:
        if run and not _consecutive(ctx, run[-1], day):
            close()
            run = []
        run.append(day)
    close()
    return out


def _consecutive(ctx: SignalContext, earlier: dt.date, later: dt.date) -> bool:
    """No schooldag lies strictly between ``earlier`` and ``later``."""
    d = earlier + dt.timedelta(days=1)
    while d < later:
        if ctx.is_schooldag(d):
            return False
        d += dt.timedelta(days=1)
    return True


#: The signal as the region registers it (``RegionData.signals``).
SIGNAL = RegionalSignal(
    CODE,
    R,
    "Langdurig verzuim (een maand of langer)",
    compute=compute_langdurig_verzuim,
    description="Een maand of langer afwezig, elke soort verzuim (ook ziek): melden bij "
    "het Regioloket.",
    source=f"{SRC}, Langdurig verzuim",
)
