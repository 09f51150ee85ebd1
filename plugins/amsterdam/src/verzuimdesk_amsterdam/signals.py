"""Amsterdam's own signal: ``verzuimgesprek`` (rules.md §8, seed 002 situation 2).

The signal falls on the first schooldag on which the ``duo-16h`` *counted hours*
(rules.md §3) reach :data:`VERZUIMGESPREK_HOURS`, once per counting period — a
period ends with the next ``duo-16h`` report. Counted hours are the ``ongeoorloofd``
+ ``luxe`` hours on schooldagen in the window (the day's lesweek so far and the three
lesweken before it), after the end of the previous ``duo-16h`` report and after the
end of a closed LRV. The counting itself is the core's building block
(:func:`verzuimdesk.plugins.api.verzuimgesprek_signals`); this module fixes Amsterdam's
threshold and code. ``start`` is the first counted day in the window, ``uren`` the
counted hours.
"""

from __future__ import annotations

from verzuimdesk.plugins.api import Signal, SignalContext, verzuimgesprek_signals

#: Seed 002: "6 tot 16 uur verzuim in 4 weken" — the talk starts at 6 hours.
VERZUIMGESPREK_HOURS = 6.0
CODE = "verzuimgesprek"


def compute_verzuimgesprek(ctx: SignalContext) -> list[Signal]:
    """Return the pupil's ``verzuimgesprek`` signals, earliest first."""
    return verzuimgesprek_signals(ctx, threshold_hours=VERZUIMGESPREK_HOURS, code=CODE)
