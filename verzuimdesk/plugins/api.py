"""Everything a regional plugin may import.

A regional plugin depends on this module and nothing else of VerzuimDesk. It
describes its region with the frozen dataclasses re-exported here (they are
defined in :mod:`verzuimdesk.core.region_spec`, because the core reads them too)
and hands them to the desk through the ``register_*`` hooks of
:mod:`verzuimdesk.plugins.hookspecs`. The core selects a region's data by
``region_id``, never by hook order.

The short way is one value: put the whole region in a :class:`RegionData` and
let :func:`region_hooks` write the hook implementations::

    from verzuimdesk.plugins.api import region_hooks
    from verzuimdesk_zeeland.data import REGION_DATA

    globals().update(region_hooks(REGION_DATA))

Ladders are data first: stages with entry triggers, who is *in regie*, who is
involved, an action checklist, deadlines relative to entering the stage and the
allowed next stages. A callable (``RegionalSignal.compute``) is the escape
hatch, not the norm.

Building blocks for regional signals are re-exported from the core's rules engine:
:func:`counted_hours_by_day` and :func:`counted_hours_from_context` (the ``duo-16h``
counted hours of rules.md §3 per schooldag), :func:`verzuimgesprek_signals` and
:func:`preventief_spreekuur_signals` (rules.md §8, with the thresholds as keyword
arguments) and :func:`school_year_of`. Form building blocks: :func:`duo_melding_form`,
:func:`pupil_fields` and :func:`inspectie_field`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from verzuimdesk.core.ladder.state import TransitionError
from verzuimdesk.core.region_conditions import (
    MonitoringGroup,
    MonitoringList,
    Precondition,
    PreconditionKind,
    answer_ref,
    field_anchor,
)
from verzuimdesk.core.region_spec import (
    LETTER_FIELDS,
    PREFILL_PATHS,
    Checklist,
    ChecklistItem,
    ChecklistKind,
    DeadlineAnchor,
    DeadlineRule,
    Decision,
    Field,
    FieldType,
    FormDef,
    Ladder,
    LetterTemplate,
    Outcome,
    Partner,
    PartnerKind,
    PhaseBand,
    Region,
    RegionalSignal,
    ReportFormat,
    Role,
    SignalContext,
    Stage,
    StageVariant,
    Trigger,
    TriggerKind,
    major_minor,
    normalize_municipality,
    signal_anchor,
)
from verzuimdesk.core.round_spec import (
    NATIONAL_ROUND,
    NATIONAL_ROUND_STATUSES,
    RoundSettings,
    RoundStatus,
    RoundStatusKind,
)
from verzuimdesk.core.rules.signal_codes import SignalCode
from verzuimdesk.core.rules.types import Absence, AbsenceKind, Sector, Signal
from verzuimdesk.plugins.form_blocks import (
    INSPECTIE_CHOICES,
    duo_melding_form,
    inspectie_field,
    pupil_fields,
)
from verzuimdesk.plugins.markers import hookimpl
from verzuimdesk.plugins.region_data import RegionData, national_round_with, region_hooks

if TYPE_CHECKING:
    from verzuimdesk.core.rules.regional_building_blocks import (
        CountedDay,
        counted_hours_by_day,
        counted_hours_from_context,
        preventief_spreekuur_signals,
        school_year_of,
        verzuimgesprek_signals,
    )

#: Building blocks re-exported lazily from the rules engine: importing the school
#: calendar costs time, and plugins that do not compute signals should not pay for it.
_BUILDING_BLOCKS = frozenset(
    {
        "CountedDay",
        "counted_hours_by_day",
        "counted_hours_from_context",
        "preventief_spreekuur_signals",
        "school_year_of",
        "verzuimgesprek_signals",
    }
)


def __getattr__(name: str) -> Any:
    """Resolve the rules engine's building blocks on first use (PEP 562)."""
    if name in _BUILDING_BLOCKS:
        from verzuimdesk.core.rules import regional_building_blocks

        value = getattr(regional_building_blocks, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: The plugin API version this core implements. A plugin declares the version
#: it was written for in ``Region.api_version``; a different major is refused.
#: 1.1 added :class:`RegionData`, :func:`region_hooks`, :func:`pupil_fields`,
#: :func:`inspectie_field`, the kind enums and :func:`signal_anchor`.
#: 1.3 added :class:`Precondition`, ``TriggerKind.ANSWER``, :func:`field_anchor` and
#: ``DeadlineRule.months``/``owner_field``/``what_field``, ``Field.shown_when``,
#: ``Ladder.sector_starts``, :class:`MonitoringList` (hook ``register_monitoring_lists``)
#: and exports :class:`TransitionError`.
#: 1.4 added the phone round: ``register_round_settings`` with :class:`RoundSettings`,
#: :class:`RoundStatus`, :class:`RoundStatusKind`, :data:`NATIONAL_ROUND` and
#: :data:`NATIONAL_ROUND_STATUSES`.
#: 1.5 added ``Region.week_absence_kinds`` (which absence counts for the region's weeks and
#: timeline bands; default: unauthorised absence, as before) and
#: :func:`national_round_with` (the national round plus the region's own signals).
API_VERSION = "1.5"

__all__ = [
    "API_VERSION",
    "INSPECTIE_CHOICES",
    "LETTER_FIELDS",
    "NATIONAL_ROUND",
    "NATIONAL_ROUND_STATUSES",
    "PREFILL_PATHS",
    "Absence",
    "AbsenceKind",
    "Checklist",
    "ChecklistItem",
    "ChecklistKind",
    "CountedDay",
    "DeadlineAnchor",
    "DeadlineRule",
    "Decision",
    "Field",
    "FieldType",
    "FormDef",
    "Ladder",
    "LetterTemplate",
    "MonitoringGroup",
    "MonitoringList",
    "Outcome",
    "Partner",
    "PartnerKind",
    "PhaseBand",
    "Precondition",
    "PreconditionKind",
    "Region",
    "RegionData",
    "RegionalSignal",
    "ReportFormat",
    "Role",
    "RoundSettings",
    "RoundStatus",
    "RoundStatusKind",
    "Sector",
    "Signal",
    "SignalCode",
    "SignalContext",
    "Stage",
    "StageVariant",
    "TransitionError",
    "Trigger",
    "TriggerKind",
    "answer_ref",
    "counted_hours_by_day",
    "counted_hours_from_context",
    "duo_melding_form",
    "field_anchor",
    "hookimpl",
    "inspectie_field",
    "major_minor",
    "national_round_with",
    "normalize_municipality",
    "preventief_spreekuur_signals",
    "pupil_fields",
    "region_hooks",
    "school_year_of",
    "signal_anchor",
    "verzuimgesprek_signals",
]
