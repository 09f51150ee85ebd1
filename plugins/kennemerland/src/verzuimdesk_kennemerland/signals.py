"""Kennemerland's own signal: ``preventief-spreekuur`` (rules.md §8, seed 003 §2.5, §3.2.1).

The signal falls on the first schooldag of a school year (1 August – 31 July) on
which that school year's unauthorised hours (``ongeoorloofd`` + ``luxe``) reach
:data:`SPREEKUUR_HOURS`, or its ``te_laat`` records reach :data:`SPREEKUUR_LATE`;
once per school year. Records on non-schooldagen are ignored. The counting is the
core's building block (:func:`verzuimdesk.plugins.api.preventief_spreekuur_signals`);
``uren`` is the school year's unauthorised hours on that day.

Only for VO and MBO pupils: the seed (§2.5, §3.2.1) has the leerplichtambtenaren hold
the preventive consultations at VO schools and MBO locations; a PO school has no
spreekuur, so a PO pupil gets no signal (and no deadline to invite for one). rules.md
§8 names no sector; this follows the seed.
"""

from __future__ import annotations

import datetime as dt

from verzuimdesk.plugins.api import (
    Sector,
    Signal,
    SignalContext,
    preventief_spreekuur_signals,
    school_year_of,
)

#: Seed 003 §2.5 "vanaf 8 of 9 uur verzuim / 8 of 9 keer te laat": rules.md §8 reads 8.
SPREEKUUR_HOURS = 8.0
SPREEKUUR_LATE = 8
#: Seed 003 §2.5, §3.2.1: the spreekuren are held at VO schools and MBO locations.
SPREEKUUR_SECTORS = (Sector.VO, Sector.MBO)
CODE = "preventief-spreekuur"


def school_year(d: dt.date) -> int:
    """The calendar year in which ``d``'s school year starts (1 August)."""
    return school_year_of(d)


def compute_preventief_spreekuur(ctx: SignalContext) -> list[Signal]:
    """Return the pupil's ``preventief-spreekuur`` signals, one per school year at most."""
    if ctx.sector not in SPREEKUUR_SECTORS:
        return []
    return preventief_spreekuur_signals(
        ctx, hours_threshold=SPREEKUUR_HOURS, late_threshold=SPREEKUUR_LATE, code=CODE
    )
