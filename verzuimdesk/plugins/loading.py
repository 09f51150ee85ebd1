"""Loading one plugin: call its hooks one by one and check what they return.

Each hook implementation is called on its own (not through pluggy's hook
calling, which would run every plugin's implementation in one call), so that
an exception or a wrong return value names the plugin that caused it and only
that plugin is left out. What one plugin registered is a :class:`Contribution`.
"""

from __future__ import annotations

import difflib
import re
import sys
import traceback as tb
from dataclasses import dataclass, field
from typing import Any

import pluggy

from verzuimdesk.core import region_spec as spec
from verzuimdesk.core.region_conditions import MonitoringList
from verzuimdesk.core.region_spec import major_minor
from verzuimdesk.plugins import hookspecs
from verzuimdesk.plugins.api import API_VERSION


class PluginError(Exception):
    """A plugin failed; ``reason`` is one Dutch line, ``details`` the rest."""

    def __init__(self, reason: str, details: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details


# --------------------------------------------------------------------------- contributions


@dataclass
class Contribution:
    """What one plugin registered, before and after validation."""

    plugin: object
    name: str
    distribution: str | None
    version: str | None
    data: dict[str, list[Any]] = field(default_factory=dict)

    def items(self, hook: str) -> list[Any]:
        return self.data.get(hook, [])

    @property
    def region_ids(self) -> list[str]:
        return [r.id for r in self.items("register_region")]


@dataclass
class RegionEntries:
    """Everything registered for one region, merged over plugins."""

    region: spec.Region
    plugin: str
    ladder: spec.Ladder | None = None
    roles: dict[str, spec.Role] = field(default_factory=dict)
    partners: dict[str, spec.Partner] = field(default_factory=dict)
    bands: dict[str, spec.PhaseBand] = field(default_factory=dict)
    checklists: dict[str, spec.Checklist] = field(default_factory=dict)
    forms: dict[tuple[str, str], spec.FormDef] = field(default_factory=dict)
    deadline_rules: dict[str, spec.DeadlineRule] = field(default_factory=dict)
    signals: dict[str, spec.RegionalSignal] = field(default_factory=dict)
    report_formats: dict[str, spec.ReportFormat] = field(default_factory=dict)
    letter_templates: dict[str, spec.LetterTemplate] = field(default_factory=dict)
    monitoring_lists: dict[str, MonitoringList] = field(default_factory=dict)
    round_settings: spec.RoundSettings | None = None


def plugin_version(plugin: object) -> str | None:
    """``__version__`` of the plugin module or of its top-level package."""
    version = getattr(plugin, "__version__", None)
    if version is None and isinstance(getattr(plugin, "__name__", None), str):
        package = sys.modules.get(str(getattr(plugin, "__name__", "")).split(".")[0])
        version = getattr(package, "__version__", None)
    return str(version) if version is not None else None


def plugin_name(plugin: object) -> str:
    name = getattr(plugin, "__name__", None) or type(plugin).__name__
    return str(name)


def check_undecorated(plugin: object) -> None:
    """Refuse hook-named functions without ``@hookimpl`` (pluggy would ignore them)."""
    for hook_name in hookspecs.HOOK_NAMES:
        func = getattr(plugin, hook_name, None)
        if callable(func) and not hasattr(func, "verzuimdesk_impl"):
            raise PluginError(
                f"de functie ‘{hook_name}’ mist de decorator @hookimpl "
                "(from verzuimdesk.plugins.api import hookimpl)"
            )


def call_hooks(
    pm: pluggy.PluginManager,
    plugin: object,
    name: str,
    distribution: str | None,
    version: str | None,
) -> Contribution:
    """Call each of ``plugin``'s hook implementations on its own and type-check the results."""
    contribution = Contribution(plugin, name, distribution, version)
    for caller in pm.get_hookcallers(plugin) or []:
        if not caller.has_spec():
            guess = difflib.get_close_matches(caller.name, hookspecs.HOOK_NAMES, n=1)
            hint = f" (bedoelde je ‘{guess[0]}’?)" if guess else ""
            raise PluginError(
                f"onbekende hook ‘{caller.name}’{hint}",
                "Bekende hooks: " + ", ".join(hookspecs.HOOK_NAMES),
            )
    for hook_name in hookspecs.HOOK_NAMES:
        caller = getattr(pm.hook, hook_name)
        for impl in caller.get_hookimpls():
            if impl.plugin is not plugin:
                continue
            try:
                result = impl.function()
            except Exception as exc:
                raise PluginError(
                    f"{hook_name}() gaf een fout: {type(exc).__name__}: {exc}", tb.format_exc()
                ) from exc
            contribution.data.setdefault(hook_name, []).extend(as_list(hook_name, result))
    return contribution


def as_list(hook_name: str, result: object) -> list[Any]:
    if result is None:
        return []
    if not isinstance(result, list | tuple):
        raise PluginError(f"{hook_name}() moet een lijst teruggeven, geen {type(result).__name__}")
    expected = hookspecs.HOOK_TYPES[hook_name]
    for item in result:
        if not isinstance(item, expected):
            raise PluginError(
                f"{hook_name}() gaf een {type(item).__name__} terug; verwacht {expected.__name__}"
            )
    return list(result)


def check_api_version(plugin: object, contribution: Contribution) -> None:
    """Refuse a plugin written for another API major version (or a newer minor)."""
    declared: list[str] = [r.api_version for r in contribution.items("register_region")]
    attr = getattr(plugin, "verzuimdesk_api_version", None)
    if attr is not None:
        declared.append(str(attr))
    if not declared:
        raise PluginError(
            "geen API-versie opgegeven / no API version declared: zet Region.api_version "
            "of verzuimdesk_api_version = API_VERSION"
        )
    core = major_minor(API_VERSION)
    for version in declared:
        try:
            wanted = major_minor(version)
        except ValueError as exc:
            raise PluginError(f"ongeldige API-versie / invalid API version {version!r}") from exc
        if wanted[0] != core[0] or wanted[1] > core[1]:
            raise PluginError(
                f"geschreven voor plugin-API {version}, deze VerzuimDesk ondersteunt "
                f"{core[0]}.0–{API_VERSION}; werk de plugin of VerzuimDesk bij / "
                f"written for plugin API {version}, this VerzuimDesk supports "
                f"{core[0]}.0–{API_VERSION}; upgrade the plugin or VerzuimDesk"
            )


def check_entrypoint_name(contribution: Contribution) -> None:
    """An installed region plugin's entry-point name must equal its region id."""
    if contribution.distribution is None:
        return
    ids = contribution.region_ids
    if ids and contribution.name not in ids:
        raise PluginError(
            f"de entry-point-naam ‘{contribution.name}’ moet gelijk zijn aan de regio-id "
            f"(‘{ids[0]}’)"
        )


def version_key(version: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\-]", version))
