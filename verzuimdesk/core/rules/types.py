"""Plain value types shared by every rule module (rules.md §2 and §8).

These are the building blocks that the rules engine, the regional plugins
(through :mod:`verzuimdesk.plugins.api`) and the services exchange. They are
frozen dataclasses: hashable, cheap, and free of any database or Qt object.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from verzuimdesk.core.rules.labelled_enum import LabelledStrEnum


class AbsenceKind(LabelledStrEnum):
    """Kinds of absence record (rules.md §2), with the Dutch name the desk shows."""

    ONGEOORLOOFD = "ongeoorloofd", "Ongeoorloofd"
    ZIEK = "ziek", "Ziek"
    TE_LAAT = "te_laat", "Te laat"
    LUXE = "luxe", "Luxe verzuim"
    GEOORLOOFD = "geoorloofd", "Geoorloofd"
    SCHORSING = "schorsing", "Schorsing"


#: Kinds whose hours count as unauthorised (rules.md §2: ongeoorloofd + luxe).
UNAUTHORISED_KINDS: frozenset[AbsenceKind] = frozenset({AbsenceKind.ONGEOORLOOFD, AbsenceKind.LUXE})


class Sector(StrEnum):
    """School sector: primary, secondary or vocational education."""

    PO = "PO"
    VO = "VO"
    MBO = "MBO"


#: Default lesson hours on a schooldag per sector (rules.md §1).
DEFAULT_DAY_HOURS: dict[Sector, float] = {Sector.PO: 5.5, Sector.VO: 6.0, Sector.MBO: 6.0}


@dataclass(frozen=True, slots=True)
class Absence:
    """One absence record as the rules see it: a pupil key, a date, hours and a kind."""

    pupil: str
    date: dt.date
    hours: float
    kind: AbsenceKind


@dataclass(frozen=True, slots=True)
class Signal:
    """A signal computed from absence records (rules.md §3–§6, §8).

    ``datum`` is the trigger/due date; ``start``/``eind``/``uren`` are filled
    where the code has them; ``deadline`` is the date by which the report or
    action is due (rules.md §9), when the signal has one.
    """

    pupil: str
    code: str
    datum: dt.date
    start: dt.date | None = None
    eind: dt.date | None = None
    uren: float | None = None
    deadline: dt.date | None = None
