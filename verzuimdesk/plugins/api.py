"""Everything a regional plugin may import.

A regional plugin depends on this module and nothing else of VerzuimDesk. It
returns frozen dataclasses from ``register_*`` hooks (see
:mod:`verzuimdesk.plugins.hookspecs`); the core selects a region's data by
``region_id``, never by hook order.

Ladders are data first: stages with entry triggers, who is *in regie*, who is
involved, an action checklist, deadlines relative to entering the stage and the
allowed next stages. A callable (``RegionalSignal.compute``) is the escape
hatch, not the norm.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import pluggy

from verzuimdesk.core.rules.types import Absence, AbsenceKind, Sector, Signal

#: The plugin API version this core implements. A plugin declares the version
#: it was written for in ``Region.api_version``; a different major is refused.
API_VERSION = "1.0"

#: Marker for hook implementations: decorate each ``register_*`` function with it.
hookimpl = pluggy.HookimplMarker("verzuimdesk")

__all__ = [
    "API_VERSION",
    "Absence",
    "AbsenceKind",
    "ChecklistItem",
    "DeadlineRule",
    "Field",
    "FieldType",
    "FormDef",
    "Ladder",
    "Outcome",
    "Partner",
    "PhaseBand",
    "Region",
    "RegionalSignal",
    "ReportFormat",
    "Role",
    "Sector",
    "Signal",
    "SignalContext",
    "Stage",
    "Trigger",
    "TriggerKind",
    "hookimpl",
]


@dataclass(frozen=True)
class Region:
    """A region (samenwerkingsverband / leerplicht area) served by one plugin.

    :param id: stable id, also the entry-point name (``den_haag``).
    :param name: Dutch display name.
    :param api_version: the plugin API version the plugin was written for.
    :param municipalities: municipalities the region covers.
    :param vacation_region: default school vacation region (noord/midden/zuid).
    :param sectors: the sectors the region's route covers.
    :param variants: municipality -> note on how the route differs there.
    """

    id: str
    name: str
    api_version: str
    municipalities: tuple[str, ...] = ()
    vacation_region: str = "midden"
    sectors: tuple[Sector, ...] = (Sector.VO,)
    description: str = ""
    source: str = ""
    variants: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Role:
    """A role that can be *in regie* or involved at a stage (COPA, LPA, OKA, ...)."""

    id: str
    region_id: str
    name: str
    organisation: str = ""
    description: str = ""


@dataclass(frozen=True)
class Partner:
    """A partner organisation or meeting table of the region (JES, Doorbraaktafel, ...)."""

    id: str
    region_id: str
    name: str
    kind: str = "organisatie"  # organisatie / overleg / loket
    description: str = ""
    contact: str = ""
    role_ids: tuple[str, ...] = ()


class TriggerKind(StrEnum):
    """What can move a case into a stage."""

    SIGNAL = "signal"  # a national or regional signal code occurred
    LESWEKEN = "lesweken"  # at least ``weeks`` lesweken since the first absence day
    DECISION = "decision"  # a user decision (manual move)
    CRITERION = "criterion"  # a checklist criterion is ticked (e.g. Amsterdam A/B/C)


@dataclass(frozen=True)
class Trigger:
    """An entry trigger of a stage.

    :param kind: the kind of trigger.
    :param value: the signal code, criterion id or decision id (empty for lesweken).
    :param weeks: the number of lesweken for ``LESWEKEN``.
    """

    kind: TriggerKind
    value: str = ""
    weeks: int | None = None


@dataclass(frozen=True)
class ChecklistItem:
    """One item of a stage's action checklist, or of a region checklist."""

    id: str
    text: str
    role_id: str | None = None


@dataclass(frozen=True)
class DeadlineRule:
    """A deadline that follows from entering a stage or from a signal.

    :param id: stable id, stored with the deadline.
    :param what: Dutch description of what must be done.
    :param role_id: the role responsible.
    :param days: calendar days after the anchor; or
    :param schooldays: schooldagen after the anchor; or
    :param weeks: lesweken after the anchor.
    :param anchor: ``stage`` (entering the stage), ``signal:<code>`` or ``first_absence``.
    :param recurring_days: repeat every N days while the stage lasts (e.g. weekly PvA).
    """

    id: str
    region_id: str
    what: str
    role_id: str | None = None
    days: int | None = None
    schooldays: int | None = None
    weeks: int | None = None
    anchor: str = "stage"
    recurring_days: int | None = None
    source: str = ""


@dataclass(frozen=True)
class Outcome:
    """A final outcome of a case (e.g. a *passend aanbod* variant)."""

    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Stage:
    """One step of a region's ladder.

    :param id: stable id (``dh-05-jes``), stored in ``Case.stage_id``.
    :param number: the step number as the protocol shows it (``"10a"``).
    :param name: Dutch display name.
    :param band: id of the ``PhaseBand`` it belongs to.
    :param in_regie: role id *in regie* at this stage.
    :param involved: role ids involved.
    :param partners: partner ids involved (tables, organisations).
    :param actions: the action checklist.
    :param entry_triggers: what brings a case here (any one suffices).
    :param next_stages: ids of the stages a case may move on to (branches included).
    :param deadlines: deadline rules that start when a case enters the stage.
    :param outcomes: outcomes that can close a case at this stage.
    :param decisions: decision values a user must choose from when leaving, if any.
    :param final: True for an end stage (the case can be closed here).
    """

    id: str
    number: str
    name: str
    band: str
    in_regie: str | None
    description: str = ""
    involved: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    actions: tuple[ChecklistItem, ...] = ()
    entry_triggers: tuple[Trigger, ...] = ()
    next_stages: tuple[str, ...] = ()
    deadlines: tuple[DeadlineRule, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    decisions: tuple[str, ...] = ()
    final: bool = False
    source: str = ""


@dataclass(frozen=True)
class Ladder:
    """A region's escalation ladder: its stages and where a case starts."""

    region_id: str
    stages: tuple[Stage, ...]
    start_stage: str

    def stage(self, stage_id: str) -> Stage:
        """Return the stage with this id (KeyError when unknown)."""
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(stage_id)


@dataclass(frozen=True)
class PhaseBand:
    """A band on the timeline (Den Haag: week 1–4 *Verzuim*).

    :param from_week: first leesweek of the band (1-based, counted from the first absence day);
        0 for a band before the absence starts (*Preventie*).
    :param to_week: last lesweek, or None for open-ended.
    :param color: a hex colour for the timeline.
    """

    id: str
    region_id: str
    name: str
    from_week: int
    to_week: int | None
    color: str = "#dde6f0"
    order: int = 0


class FieldType(StrEnum):
    """Field types a form can use."""

    TEXT = "text"
    MULTILINE = "multiline"
    DATE = "date"
    NUMBER = "number"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    BOOLEAN = "boolean"
    EMAIL = "email"
    PHONE = "phone"
    POSTCODE = "postcode"
    BSN = "bsn"
    REPEAT = "repeat"  # a repeated group of sub-fields (e.g. parties involved)


@dataclass(frozen=True)
class Field:
    """A form field.

    :param prefill: a case attribute path to pre-fill from (``pupil.birth_date``,
        ``pupil.full_name``, ``school.name``, ``case.first_absence_on``, ...).
    :param choices: (value, label) pairs for choice fields.
    :param fields: sub-fields of a ``REPEAT`` field.
    """

    id: str
    label: str
    type: FieldType = FieldType.TEXT
    required: bool = False
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    prefill: str | None = None
    fields: tuple[Field, ...] = ()


@dataclass(frozen=True)
class FormDef:
    """A regional form, versioned so that old submissions stay readable."""

    id: str
    region_id: str
    name: str
    version: str
    fields: tuple[Field, ...]
    description: str = ""
    stage_ids: tuple[str, ...] = ()
    source: str = ""


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


@dataclass(frozen=True)
class ReportFormat:
    """A report a region produces (quarterly list, thuiszitter overview, ...)."""

    id: str
    region_id: str
    name: str
    description: str = ""
    columns: tuple[str, ...] = field(default_factory=tuple)
