"""The contract of a region's own signal: what its computation gets and how it is registered.

It lives with the rules because the signal engine runs these computations; the plugin API
re-exports both names (through :mod:`verzuimdesk.core.region_spec`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from verzuimdesk.core.rules.types import Absence, Sector, Signal

__all__ = ["RegionalSignal", "SignalContext"]


@dataclass(frozen=True)
class SignalContext:
    """What a regional signal computation gets: one pupil's records and the national signals.

    :param pupil: the pupil key.
    :param records: the pupil's absence records, sorted by date.
    :param national: the national signals already computed for the pupil.
    :param is_schooldag: the school calendar's predicate.
    :param lesweek_index: maps a date to its lesweek number (equal for one lesweek,
        consecutive for consecutive lesweken; weeks without schooldagen are skipped).
    :param sector: the school's sector.
    :param day_hours: lesson hours of a schooldag.
    :param until: the evaluation date.
    """

    pupil: str
    records: Sequence[Absence]
    national: Sequence[Signal]
    is_schooldag: Callable[[dt.date], bool]
    lesweek_index: Callable[[dt.date], int]
    sector: Sector
    day_hours: float
    until: dt.date


@dataclass(frozen=True)
class RegionalSignal:
    """A region's own signal (Amsterdam ``verzuimgesprek``), computed by a callable."""

    code: str
    region_id: str
    name: str
    compute: Callable[[SignalContext], list[Signal]]
    description: str = ""
    source: str = ""
