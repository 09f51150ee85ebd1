"""Hook implementations of the Kennemerland plugin: they return the data in :mod:`.data`."""

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
from verzuimdesk_kennemerland import data, signals


@hookimpl
def register_region() -> list[Region]:
    """The region: Zuid-Kennemerland en IJmond."""
    return [data.REGION]


@hookimpl
def register_roles() -> list[Role]:
    """Verzuimcoördinator, mentor, zorgcoördinator, LPA, CJG-coach, jeugdarts, consulent."""
    return list(data.ROLES)


@hookimpl
def register_partners() -> list[Partner]:
    """DUO, Leerplein, GGD, CJG, SWV PO/VO, MDO, Beschermingstafel, HALT, OM."""
    return list(data.PARTNERS)


@hookimpl
def register_timeline_bands() -> list[PhaseBand]:
    """Preventie, verzuim week 1–4, langdurig verzuim."""
    return list(data.BANDS)


@hookimpl
def register_checklists() -> list[Checklist]:
    """Sickness thresholds, MDO agreements, when to bring in the LPA."""
    return list(data.CHECKLISTS)


@hookimpl
def register_forms() -> list[FormDef]:
    """DUO melding, MDO-verslag, thuiszitter report to leerplicht and SWV."""
    return list(data.FORMS)


@hookimpl
def register_deadline_rules() -> list[DeadlineRule]:
    """Follow-ups of the preventief-spreekuur signal and of an LRV."""
    return list(data.DEADLINE_RULES)


@hookimpl
def register_ladder() -> list[Ladder]:
    """The MAS route for PO and VO."""
    return [data.LADDER]


@hookimpl
def register_signals() -> list[RegionalSignal]:
    """``preventief-spreekuur``: 8 hours or 8 times late in a school year (rules.md §8)."""
    return [
        RegionalSignal(
            code=signals.CODE,
            region_id=data.R,
            name="Preventief spreekuur (8 uur verzuim of 8 keer te laat)",
            compute=signals.compute_preventief_spreekuur,
            description="Eerste schooldag van een schooljaar waarop het ongeoorloofd verzuim "
            "8 uur of het aantal keer te laat 8 bereikt; één keer per schooljaar.",
            source=f"{data.SRC}, §2.5, §3.2.1; rules.md §8",
        )
    ]


@hookimpl
def register_report_formats() -> list[ReportFormat]:
    """Absence overview per school; thuiszitters and MDOs."""
    return list(data.REPORT_FORMATS)
