"""Hook implementations of the Amsterdam plugin: they return the data in :mod:`.data`."""

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
from verzuimdesk_amsterdam import data, signals


@hookimpl
def register_region() -> list[Region]:
    """The region: Amsterdam-Diemen."""
    return [data.REGION]


@hookimpl
def register_roles() -> list[Role]:
    """Mentor, zorgcoördinator, verzuimcoördinator, LPA, OKA, jeugdarts, ..."""
    return list(data.ROLES)


@hookimpl
def register_partners() -> list[Partner]:
    """OT, UVO, doorstroomoverleg, SWV, Leerplicht, OKT, GGD, DUO, LISA."""
    return list(data.PARTNERS)


@hookimpl
def register_timeline_bands() -> list[PhaseBand]:
    """Op school, verzuim (tot 4 weken), thuiszitter (langer dan 4 weken)."""
    return list(data.BANDS)


@hookimpl
def register_checklists() -> list[Checklist]:
    """Criteria A/B/C of the doorstroomoverleg, risk factors and advice."""
    return list(data.CHECKLISTS)


@hookimpl
def register_forms() -> list[FormDef]:
    """DUO melding, aanmelding doorstroomoverleg, verslag verzuimgesprek."""
    return list(data.FORMS)


@hookimpl
def register_deadline_rules() -> list[DeadlineRule]:
    """Follow-ups of the verzuimgesprek signal and of an LRV."""
    return list(data.DEADLINE_RULES)


@hookimpl
def register_ladder() -> list[Ladder]:
    """The six situations and the doorstroomoverleg."""
    return [data.LADDER]


@hookimpl
def register_signals() -> list[RegionalSignal]:
    """``verzuimgesprek``: 6 counted hours in 4 lesweken (rules.md §8)."""
    return [
        RegionalSignal(
            code=signals.CODE,
            region_id=data.R,
            name="Verzuimgesprek (6 tot 16 uur verzuim in 4 weken)",
            compute=signals.compute_verzuimgesprek,
            description="Eerste schooldag waarop de getelde uren voor de 16-uursmelding 6 "
            "bereiken; één keer per telperiode (tot de volgende DUO-melding).",
            source=f"{data.SRC}, situatie 2; rules.md §8",
        )
    ]


@hookimpl
def register_report_formats() -> list[ReportFormat]:
    """Quarterly absence analysis; thuiszitters and doorstroomoverleg."""
    return list(data.REPORT_FORMATS)
