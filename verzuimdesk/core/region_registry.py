"""What the core needs from the loaded regions: a lookup by region id.

The plugin manager (:class:`verzuimdesk.plugins.manager.PluginRegistry`) loads the
regional plugins and implements this protocol; the desk, the services and the demo
depend only on the protocol, so the core never imports :mod:`verzuimdesk.plugins`.
Tests may pass any object with these methods.
"""

from __future__ import annotations

from typing import Protocol

from verzuimdesk.core.region_conditions import MonitoringList
from verzuimdesk.core.region_spec import (
    Checklist,
    DeadlineRule,
    FormDef,
    Ladder,
    LetterTemplate,
    Partner,
    PhaseBand,
    Region,
    RegionalSignal,
    ReportFormat,
    Role,
    RoundSettings,
)


class RegionRegistry(Protocol):
    """The loaded regions and everything they registered, looked up by region id.

    A lookup of a region without a working plugin raises ``LookupError`` (the plugin
    manager's ``RegionNotInstalled``, with a Dutch message naming the distribution).
    """

    def regions(self) -> list[Region]:
        """Every loaded region, sorted by display name."""
        ...

    def has_region(self, region_id: str) -> bool:
        """True when the region has a working plugin."""
        ...

    def region(self, region_id: str) -> Region:
        """The region's definition."""
        ...

    def ladder(self, region_id: str) -> Ladder:
        """The region's ladder."""
        ...

    def roles(self, region_id: str) -> list[Role]:
        """The region's roles in registration order."""
        ...

    def role(self, region_id: str, role_id: str) -> Role:
        """One role (``LookupError`` when unknown)."""
        ...

    def role_name(self, region_id: str, role_id: str | None) -> str:
        """A role's display name; the id itself when unknown, '' for None."""
        ...

    def partners(self, region_id: str) -> list[Partner]:
        """The region's partner table."""
        ...

    def forms(self, region_id: str) -> list[FormDef]:
        """The newest version of each of the region's forms."""
        ...

    def form(self, region_id: str, form_id: str, version: str | None = None) -> FormDef:
        """A form: the given version, or the newest (``LookupError`` when unknown)."""
        ...

    def form_versions(self, region_id: str, form_id: str) -> list[FormDef]:
        """Every registered version of a form, oldest first."""
        ...

    def deadline_rules(self, region_id: str) -> list[DeadlineRule]:
        """The region-wide deadline rules (stage-bound rules are in the ladder)."""
        ...

    def deadline_rule(self, region_id: str, rule_id: str) -> DeadlineRule:
        """A deadline rule by id, region-wide or from any stage of the ladder."""
        ...

    def regional_signals(self, region_id: str) -> list[RegionalSignal]:
        """The region's own signals."""
        ...

    def bands(self, region_id: str) -> list[PhaseBand]:
        """The region's timeline bands in display order."""
        ...

    def report_formats(self, region_id: str) -> list[ReportFormat]:
        """The region's report formats."""
        ...

    def letter_templates(self, region_id: str) -> list[LetterTemplate]:
        """The region's own letter templates (the national letters come from the core)."""
        ...

    def checklists(self, region_id: str) -> list[Checklist]:
        """The region's checklists (criteria, risk factors, advice)."""
        ...

    def checklist(self, region_id: str, checklist_id: str) -> Checklist:
        """One checklist (``LookupError`` when unknown)."""
        ...

    def monitoring_lists(self, region_id: str) -> list[MonitoringList]:
        """The region's lists of watched pupils without absence records (API 1.3)."""
    def round_settings(self, region_id: str) -> RoundSettings:
        """How the region shapes its quarterly phone round (national defaults when unset)."""
        ...
