"""Hook implementations of the Den Haag plugin: they return the data in :mod:`.data`."""

from __future__ import annotations

from verzuimdesk.plugins.api import (
    Checklist,
    DeadlineRule,
    FormDef,
    Ladder,
    Partner,
    PhaseBand,
    Region,
    RegionalSignal,
    ReportFormat,
    Role,
    hookimpl,
)
from verzuimdesk_den_haag import data


@hookimpl
def register_region() -> list[Region]:
    """The region: Den Haag, Leidschendam-Voorburg and Rijswijk."""
    return [data.REGION]


@hookimpl
def register_roles() -> list[Role]:
    """COPA, consulent, LP, SMW, CJG/JGZ and variants, Regisseur JMO, directors, ..."""
    return list(data.ROLES)


@hookimpl
def register_partners() -> list[Partner]:
    """JES, Expertisetafel, MWTA, OPDC, VSO, Analysetafel, Doorbraaktafel, DUO, ..."""
    return list(data.PARTNERS)


@hookimpl
def register_timeline_bands() -> list[PhaseBand]:
    """Preventie, verzuim week 1–4, thuiszittersproces 5–12, doorbraakproces 13+."""
    return list(data.BANDS)


@hookimpl
def register_checklists() -> list[Checklist]:
    """Step 2's signals and step 9's criteria for a case that is stuck."""
    return list(data.CHECKLISTS)


@hookimpl
def register_forms() -> list[FormDef]:
    """DUO melding, aanmelding JES, aanmelding Expertisetafel, casus Doorbraaktafel."""
    return list(data.FORMS)


@hookimpl
def register_deadline_rules() -> list[DeadlineRule]:
    """Region-wide follow-ups of national signals."""
    return list(data.DEADLINE_RULES)


@hookimpl
def register_ladder() -> list[Ladder]:
    """Steps 1–12 of the routeboek."""
    return [data.LADDER]


@hookimpl
def register_signals() -> list[RegionalSignal]:
    """Den Haag uses the national signals only (routeboek stap 2)."""
    return []


@hookimpl
def register_report_formats() -> list[ReportFormat]:
    """Thuiszitters per fase; Doorbraaktafel decisions."""
    return list(data.REPORT_FORMATS)
