"""Amsterdam's own signals: ``verzuimgesprek`` and ``te-laat-spreekuur`` (seed 002).

``verzuimgesprek`` (rules.md §8, seed 002 situation 2):

The signal falls on the first schooldag on which the ``duo-16h`` *counted hours*
(rules.md §3) reach :data:`VERZUIMGESPREK_HOURS`, once per counting period — a
period ends with the next ``duo-16h`` report. Counted hours are the ``ongeoorloofd``
+ ``luxe`` hours on schooldagen in the window (the day's lesweek so far and the three
lesweken before it), after the end of the previous ``duo-16h`` report and after the
end of a closed LRV. The counting itself is the core's building block
(:func:`verzuimdesk.plugins.api.verzuimgesprek_signals`); this module fixes Amsterdam's
threshold and code. ``start`` is the first counted day in the window, ``uren`` the
counted hours.

``te-laat-spreekuur`` (seed 002, advice to the school: "Houd bij 6 tot 9 keer te
laat/verzuim een preventief verzuimspreekuur met de leerling, ouder(s) en
leerplichtambtenaar"): on the schooldag of the pupil's :data:`TE_LAAT_SPREEKUUR_TIMES`-th
``te_laat`` record of a school year (1 August – 31 July), once per school year. Each
``te_laat`` record on a schooldag up to the evaluation date is one occurrence, whatever
its hours (rules.md §2); records on other days are ignored. ``start`` is the year's first
``te_laat`` day, ``uren`` stays empty (occurrences are no hours). Reading
(``docs/readings.md``): the seed gives a period for the hours ("6 tot 16 uur verzuim in
4 weken") but none for lateness, and "6 tot 9 keer" only makes sense as a running count
in which the 10th time leads to the next step; the school year is the period the school
keeps its verzuimstaten by, and the one Kennemerland's lateness count uses.
"""

from __future__ import annotations

import datetime as dt

from verzuimdesk.plugins.api import (
    AbsenceKind,
    Signal,
    SignalContext,
    school_year_of,
    verzuimgesprek_signals,
)

#: Seed 002: "6 tot 16 uur verzuim in 4 weken" — the talk starts at 6 hours.
VERZUIMGESPREK_HOURS = 6.0
CODE = "verzuimgesprek"


def compute_verzuimgesprek(ctx: SignalContext) -> list[Signal]:
    """Return the pupil's ``verzuimgesprek`` signals, earliest first."""
    return verzuimgesprek_signals(ctx, threshold_hours=VERZUIMGESPREK_HOURS, code=CODE)


#: Seed 002: "6 tot 9 keer te laat" — the spreekuur is held from the 6th time.
TE_LAAT_SPREEKUUR_TIMES = 6
TE_LAAT_CODE = "te-laat-spreekuur"


def compute_te_laat_spreekuur(ctx: SignalContext) -> list[Signal]:
    """Return the pupil's ``te-laat-spreekuur`` signals (one per school year), earliest first."""
    count: dict[int, int] = {}
    first: dict[int, dt.date] = {}
    out: list[Signal] = []
    for record in sorted(ctx.records, key=lambda r: r.date):
        if record.kind != AbsenceKind.TE_LAAT or record.date > ctx.until:
            continue
        if not ctx.is_schooldag(record.date):
            continue
        year = school_year_of(record.date)
        first.setdefault(year, record.date)
        count[year] = count.get(year, 0) + 1
        if count[year] == TE_LAAT_SPREEKUUR_TIMES:
            out.append(Signal(ctx.pupil, TE_LAAT_CODE, record.date, first[year]))
    return out
