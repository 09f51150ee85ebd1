"""Discovery, safe loading and validation of regional plugins.

Use :func:`create_plugin_manager` to get a :class:`PluginRegistry`; there is no
module-level manager, so tests build one with fake plugins::

    registry = create_plugin_manager(load_entrypoints=False, plugins=[my_plugin])
    ladder = registry.ladder("den_haag")

Loading follows three rules learnt from pluggy, tox, datasette and llm:

1. **One try/except per plugin.** A plugin that fails to import, raises in a hook,
   registers invalid data, declares another API major version or implements a
   misspelled hook is recorded as a :class:`PluginFailure` and left out; every other
   plugin keeps working. ``VERZUIMDESK_STRICT_PLUGINS=1`` (or ``strict=True``) makes
   the first failure raise :class:`PluginLoadError` instead, for plugin developers.
2. **Registrations are attributed per plugin.** Every hook implementation is called
   on its own, so an error names the plugin (and its distribution) that caused it.
3. **Data is selected by region id, never by hook order.** Duplicate ids are refused.

Discovery uses the entry-point group ``verzuimdesk``; the entry-point name is the
region id (``den_haag = "verzuimdesk_den_haag.plugin"``). Explicit ``plugins=`` are
registered first, then entry points. ``VERZUIMDESK_LOAD_PLUGINS=den_haag,amsterdam``
limits which entry points are loaded (an empty value loads none).
"""

from __future__ import annotations

import difflib
import importlib.metadata as metadata
import logging
import os
import re
import sys
import traceback as tb
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pluggy

from verzuimdesk.plugins import hookspecs
from verzuimdesk.plugins.api import (
    API_VERSION,
    PREFILL_PATHS,
    Checklist,
    DeadlineRule,
    Field,
    FieldType,
    FormDef,
    Ladder,
    Partner,
    PhaseBand,
    Region,
    RegionalSignal,
    ReportFormat,
    Role,
    Stage,
    TriggerKind,
    major_minor,
)

log = logging.getLogger(__name__)

#: Entry-point group regional plugins register under.
ENTRYPOINT_GROUP = "verzuimdesk"
#: Environment variable that turns plugin failures into exceptions.
STRICT_ENV = "VERZUIMDESK_STRICT_PLUGINS"
#: Environment variable with a comma-separated allow-list of entry-point names.
ALLOW_ENV = "VERZUIMDESK_LOAD_PLUGINS"

#: National signal codes computed by the core; regional codes must differ.
NATIONAL_SIGNAL_CODES: frozenset[str] = frozenset(
    {
        "duo-16h",
        "duo-lrv",
        "duo-luxe",
        "thuiszitter-b2a",
        "thuiszitter-b2b",
        "sick-7-days",
        "sick-4-in-12",
        "sick-po-5-reports",
        "sick-po-10-days",
    }
)

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_CHECKLIST_KINDS = frozenset({"criteria", "risicofactoren", "advies"})
_PARTNER_KINDS = frozenset({"organisatie", "overleg", "loket"})

#: What each hook must return a list of.
_HOOK_TYPES: dict[str, type] = {
    "register_region": Region,
    "register_roles": Role,
    "register_partners": Partner,
    "register_timeline_bands": PhaseBand,
    "register_checklists": Checklist,
    "register_forms": FormDef,
    "register_deadline_rules": DeadlineRule,
    "register_ladder": Ladder,
    "register_signals": RegionalSignal,
    "register_report_formats": ReportFormat,
}


def strict_from_env() -> bool:
    """True when ``VERZUIMDESK_STRICT_PLUGINS`` is set to a true value."""
    return os.environ.get(STRICT_ENV, "").strip().lower() in {"1", "true", "yes", "ja", "on"}


def distribution_name(region_id: str) -> str:
    """Return the distribution that ships a region: ``den_haag`` -> ``verzuimdesk-den-haag``."""
    return "verzuimdesk-" + region_id.replace("_", "-")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class LoadedPlugin:
    """A plugin that loaded and validated.

    :param name: the plugin name (entry-point name, or the module name).
    :param distribution: the installed distribution, None for a plugin passed directly.
    :param version: the distribution's version (or the module's ``__version__``).
    :param region_id: the region the plugin registers, None for an add-on.
    """

    name: str
    distribution: str | None
    version: str | None
    region_id: str | None


@dataclass(frozen=True)
class PluginFailure:
    """A plugin that was left out, and why.

    :param reason: a one-line Dutch reason for the *Plugins* dialog.
    :param traceback: the traceback or the full list of validation errors, to copy.
    """

    name: str
    distribution: str | None
    version: str | None
    reason: str
    traceback: str = ""


class PluginLoadError(RuntimeError):
    """Raised in strict mode for the first plugin failure."""

    def __init__(self, failure: PluginFailure) -> None:
        super().__init__(f"Plugin '{failure.name}' mislukt: {failure.reason}\n{failure.traceback}")
        self.failure = failure


class RegionNotInstalled(LookupError):
    """The case base's region has no (working) plugin. The message is Dutch, for users."""

    def __init__(self, region_id: str, failure: PluginFailure | None = None) -> None:
        self.region_id = region_id
        self.distribution = distribution_name(region_id)
        self.failure = failure
        if failure is None:
            message = (
                f"De regio ‘{region_id}’ is niet geïnstalleerd. Installeer de regio-plugin "
                f"‘{self.distribution}’ (pip install {self.distribution}) en start "
                "VerzuimDesk opnieuw."
            )
        else:
            message = (
                f"De plugin voor regio ‘{region_id}’ ({failure.distribution or failure.name}) "
                f"is geïnstalleerd maar kon niet worden geladen: {failure.reason}"
            )
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownItem(LookupError):
    """A role, form, checklist or rule id that the region does not have (Dutch message)."""

    def __str__(self) -> str:
        return str(self.args[0])


class _PluginError(Exception):
    """Internal: a plugin failed; ``reason`` is one Dutch line, ``details`` the rest."""

    def __init__(self, reason: str, details: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details


# --------------------------------------------------------------------------- contributions


@dataclass
class _Contribution:
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
class _RegionData:
    """Everything registered for one region, merged over plugins."""

    region: Region
    plugin: str
    ladder: Ladder | None = None
    roles: dict[str, Role] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    bands: dict[str, PhaseBand] = field(default_factory=dict)
    checklists: dict[str, Checklist] = field(default_factory=dict)
    forms: dict[tuple[str, str], FormDef] = field(default_factory=dict)
    deadline_rules: dict[str, DeadlineRule] = field(default_factory=dict)
    signals: dict[str, RegionalSignal] = field(default_factory=dict)
    report_formats: dict[str, ReportFormat] = field(default_factory=dict)


# --------------------------------------------------------------------------- the registry


class PluginRegistry:
    """The loaded regions and everything they registered; what services and the GUI use.

    Build it with :func:`create_plugin_manager`. Lookups take a region id and raise
    :class:`RegionNotInstalled` (Dutch message naming the distribution to install) when
    that region has no working plugin.
    """

    def __init__(self, pm: pluggy.PluginManager, *, strict: bool = False) -> None:
        self.pm = pm
        self.strict = strict
        #: Plugins that loaded, in load order.
        self.loaded: list[LoadedPlugin] = []
        #: Plugins that were left out, with the reason.
        self.failures: list[PluginFailure] = []
        self._regions: dict[str, _RegionData] = {}

    # -- loading -------------------------------------------------------------------

    @property
    def hook(self) -> Any:
        """The pluggy hook relay, for callers that want the raw hooks."""
        return self.pm.hook

    def _fail(
        self, name: str, distribution: str | None, version: str | None, reason: str, details: str
    ) -> None:
        failure = PluginFailure(name, distribution, version, reason, details)
        log.warning("Plugin %s (%s) niet geladen: %s", name, distribution or "-", reason)
        self.failures.append(failure)
        if self.strict:
            raise PluginLoadError(failure)

    def _collect(
        self, plugin: object, name: str, distribution: str | None, version: str | None
    ) -> _Contribution | None:
        """Register ``plugin`` and call its hooks; None (and a failure) when it breaks."""
        try:
            _check_undecorated(plugin)
            try:
                self.pm.register(plugin, name=name)
            except ValueError as exc:  # same object or name twice
                raise _PluginError(f"dubbel geregistreerd: {exc}") from exc
            except pluggy.PluginValidationError as exc:
                raise _PluginError(f"ongeldige hook-implementatie: {exc}") from exc
            try:
                contribution = _call_hooks(self.pm, plugin, name, distribution, version)
                _check_api_version(plugin, contribution)
                _check_entrypoint_name(contribution)
            except BaseException:
                self.pm.unregister(plugin)
                raise
        except _PluginError as exc:
            self._fail(name, distribution, version, exc.reason, exc.details)
            return None
        except Exception as exc:
            self._fail(
                name,
                distribution,
                version,
                f"fout in de plugin: {type(exc).__name__}: {exc}",
                tb.format_exc(),
            )
            return None
        return contribution

    def _accept(self, contribution: _Contribution) -> None:
        """Validate ``contribution`` against what is loaded; merge it or record a failure."""
        try:
            errors = _validate(contribution, self._regions)
            if errors:
                reason = (
                    errors[0] if len(errors) == 1 else f"{errors[0]} (en {len(errors) - 1} meer)"
                )
                raise _PluginError("ongeldige registratie: " + reason, "\n".join(errors))
            self._merge(contribution)
        except _PluginError as exc:
            self.pm.unregister(contribution.plugin)
            self._fail(
                contribution.name,
                contribution.distribution,
                contribution.version,
                exc.reason,
                exc.details,
            )
            return
        region_ids = contribution.region_ids
        self.loaded.append(
            LoadedPlugin(
                contribution.name,
                contribution.distribution,
                contribution.version,
                region_ids[0] if region_ids else None,
            )
        )

    def _merge(self, c: _Contribution) -> None:
        for region in c.items("register_region"):
            self._regions[region.id] = _RegionData(region=region, plugin=c.name)
        for ladder in c.items("register_ladder"):
            self._regions[ladder.region_id].ladder = ladder
        simple: list[tuple[str, str]] = [
            ("register_roles", "roles"),
            ("register_partners", "partners"),
            ("register_timeline_bands", "bands"),
            ("register_checklists", "checklists"),
            ("register_deadline_rules", "deadline_rules"),
            ("register_report_formats", "report_formats"),
        ]
        for hook, attr in simple:
            for item in c.items(hook):
                getattr(self._regions[item.region_id], attr)[item.id] = item
        for form in c.items("register_forms"):
            self._regions[form.region_id].forms[(form.id, form.version)] = form
        for signal in c.items("register_signals"):
            self._regions[signal.region_id].signals[signal.code] = signal

    # -- lookups -------------------------------------------------------------------

    def _data(self, region_id: str) -> _RegionData:
        try:
            return self._regions[region_id]
        except KeyError:
            failure = next(
                (
                    f
                    for f in self.failures
                    if f.name == region_id or f.distribution == distribution_name(region_id)
                ),
                None,
            )
            raise RegionNotInstalled(region_id, failure) from None

    def regions(self) -> list[Region]:
        """Return every loaded region, sorted by display name."""
        return sorted((d.region for d in self._regions.values()), key=lambda r: r.name)

    def has_region(self, region_id: str) -> bool:
        """True when ``region_id`` has a working plugin."""
        return region_id in self._regions

    def region(self, region_id: str) -> Region:
        """Return the region.

        :raises RegionNotInstalled: when no working plugin provides it.
        """
        return self._data(region_id).region

    def plugin_for(self, region_id: str) -> LoadedPlugin:
        """Return the plugin that registered ``region_id``."""
        name = self._data(region_id).plugin
        return next(p for p in self.loaded if p.name == name)

    def ladder(self, region_id: str) -> Ladder:
        """Return the region's ladder (every loaded region has exactly one)."""
        ladder = self._data(region_id).ladder
        assert ladder is not None  # validation guarantees it
        return ladder

    def roles(self, region_id: str) -> list[Role]:
        """Return the region's roles in registration order."""
        return list(self._data(region_id).roles.values())

    def role(self, region_id: str, role_id: str) -> Role:
        """Return one role.

        :raises UnknownItem: when the region has no such role.
        """
        try:
            return self._data(region_id).roles[role_id]
        except KeyError:
            raise UnknownItem(f"Regio ‘{region_id}’ kent de rol ‘{role_id}’ niet.") from None

    def role_name(self, region_id: str, role_id: str | None) -> str:
        """Return a role's display name; the id itself when unknown, '' for None."""
        if not role_id:
            return ""
        role = self._data(region_id).roles.get(role_id)
        return role.name if role else role_id

    def partners(self, region_id: str) -> list[Partner]:
        """Return the region's partner table."""
        return list(self._data(region_id).partners.values())

    def forms(self, region_id: str) -> list[FormDef]:
        """Return the newest version of each of the region's forms."""
        newest: dict[str, FormDef] = {}
        for form in self._data(region_id).forms.values():
            current = newest.get(form.id)
            if current is None or _version_key(form.version) > _version_key(current.version):
                newest[form.id] = form
        return list(newest.values())

    def form(self, region_id: str, form_id: str, version: str | None = None) -> FormDef:
        """Return a form: the given version, or the newest.

        :raises UnknownItem: when the region has no such form (or version).
        """
        data = self._data(region_id)
        if version is not None:
            found = data.forms.get((form_id, version))
            if found is None:
                raise UnknownItem(
                    f"Regio ‘{region_id}’ kent formulier ‘{form_id}’ versie {version} niet."
                )
            return found
        for form in self.forms(region_id):
            if form.id == form_id:
                return form
        raise UnknownItem(f"Regio ‘{region_id}’ kent het formulier ‘{form_id}’ niet.")

    def form_versions(self, region_id: str, form_id: str) -> list[FormDef]:
        """Return every registered version of a form, oldest first."""
        found = [f for f in self._data(region_id).forms.values() if f.id == form_id]
        return sorted(found, key=lambda f: _version_key(f.version))

    def deadline_rules(self, region_id: str) -> list[DeadlineRule]:
        """Return the region-wide deadline rules (stage-bound rules are in the ladder)."""
        return list(self._data(region_id).deadline_rules.values())

    def deadline_rule(self, region_id: str, rule_id: str) -> DeadlineRule:
        """Return a deadline rule by id, region-wide or from any stage of the ladder.

        :raises UnknownItem: when neither has it.
        """
        data = self._data(region_id)
        if rule_id in data.deadline_rules:
            return data.deadline_rules[rule_id]
        for stage in self.ladder(region_id).stages:
            for rule in stage.deadlines:
                if rule.id == rule_id:
                    return rule
        raise UnknownItem(f"Regio ‘{region_id}’ kent de termijnregel ‘{rule_id}’ niet.")

    def regional_signals(self, region_id: str) -> list[RegionalSignal]:
        """Return the region's own signals (Amsterdam ``verzuimgesprek``)."""
        return list(self._data(region_id).signals.values())

    def bands(self, region_id: str) -> list[PhaseBand]:
        """Return the region's timeline bands, sorted by ``order`` then ``from_week``."""
        return sorted(self._data(region_id).bands.values(), key=lambda b: (b.order, b.from_week))

    def report_formats(self, region_id: str) -> list[ReportFormat]:
        """Return the region's report formats."""
        return list(self._data(region_id).report_formats.values())

    def checklists(self, region_id: str) -> list[Checklist]:
        """Return the region's checklists (criteria, risk factors, advice)."""
        return list(self._data(region_id).checklists.values())

    def checklist(self, region_id: str, checklist_id: str) -> Checklist:
        """Return one checklist.

        :raises UnknownItem: when the region has no such checklist.
        """
        try:
            return self._data(region_id).checklists[checklist_id]
        except KeyError:
            raise UnknownItem(
                f"Regio ‘{region_id}’ kent de checklist ‘{checklist_id}’ niet."
            ) from None

    def check_pending(self) -> None:
        """Raise ``pluggy.PluginValidationError`` for any hook implementation without spec.

        Loading already leaves out plugins with misspelled hooks; this is the guard
        for plugins registered on :attr:`pm` directly afterwards.
        """
        self.pm.check_pending()


# --------------------------------------------------------------------------- factory


def create_plugin_manager(
    load_entrypoints: bool = True,
    plugins: Iterable[object] = (),
    *,
    strict: bool | None = None,
) -> PluginRegistry:
    """Create a plugin registry: register ``plugins``, then the installed entry points.

    :param load_entrypoints: discover installed plugins in the ``verzuimdesk``
        entry-point group (tests pass False and give ``plugins`` instead).
    :param plugins: plugin objects (modules, classes or instances with ``@hookimpl``
        functions) to register before the entry points.
    :param strict: raise :class:`PluginLoadError` on the first failure; None reads
        ``VERZUIMDESK_STRICT_PLUGINS``.
    :returns: the registry, with ``loaded`` and ``failures`` filled in.
    """
    pm = pluggy.PluginManager(ENTRYPOINT_GROUP)
    pm.add_hookspecs(hookspecs)
    registry = PluginRegistry(pm, strict=strict_from_env() if strict is None else strict)

    contributions: list[_Contribution] = []
    for plugin in plugins:
        name = _plugin_name(plugin)
        version = _plugin_version(plugin)
        contribution = registry._collect(plugin, name, None, version)
        if contribution is not None:
            contributions.append(contribution)
    if load_entrypoints:
        for ep, dist_name, dist_version in _entry_points():
            if pm.get_plugin(ep.name) is not None or any(c.name == ep.name for c in contributions):
                registry._fail(
                    ep.name,
                    dist_name,
                    dist_version,
                    "een plugin met deze naam is al geladen",
                    "",
                )
                continue
            try:
                plugin = ep.load()
            except Exception as exc:
                registry._fail(
                    ep.name,
                    dist_name,
                    dist_version,
                    f"kan niet worden geïmporteerd: {type(exc).__name__}: {exc}",
                    tb.format_exc(),
                )
                continue
            contribution = registry._collect(plugin, ep.name, dist_name, dist_version)
            if contribution is not None:
                contributions.append(contribution)

    # Region plugins first, then add-ons that extend a region.
    contributions.sort(key=lambda c: 0 if c.region_ids else 1)
    for contribution in contributions:
        registry._accept(contribution)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:  # pragma: no cover - guarded above
        registry._fail(str(exc.plugin), None, None, f"onbekende hook: {exc}", tb.format_exc())
    return registry


def _plugin_version(plugin: object) -> str | None:
    """``__version__`` of the plugin module or of its top-level package."""
    version = getattr(plugin, "__version__", None)
    if version is None and isinstance(getattr(plugin, "__name__", None), str):
        package = sys.modules.get(plugin.__name__.split(".")[0])  # type: ignore[attr-defined]
        version = getattr(package, "__version__", None)
    return str(version) if version is not None else None


def _plugin_name(plugin: object) -> str:
    name = getattr(plugin, "__name__", None) or type(plugin).__name__
    return str(name)


def _entry_points() -> Iterator[tuple[metadata.EntryPoint, str | None, str | None]]:
    """Yield the group's entry points once each, honouring ``VERZUIMDESK_LOAD_PLUGINS``."""
    allow: set[str] | None = None
    raw = os.environ.get(ALLOW_ENV)
    if raw is not None:
        allow = {part.strip() for part in raw.split(",") if part.strip()}
    seen: set[tuple[str, str | None]] = set()
    for ep in sorted(metadata.entry_points(group=ENTRYPOINT_GROUP), key=lambda e: e.name):
        dist = getattr(ep, "dist", None)
        dist_name = dist.metadata["Name"] if dist is not None else None
        dist_version = dist.version if dist is not None else None
        key = (ep.name, dist_name)
        if key in seen or (allow is not None and ep.name not in allow):
            continue
        seen.add(key)
        yield ep, dist_name, dist_version


# --------------------------------------------------------------------------- loading checks


def _check_undecorated(plugin: object) -> None:
    """Refuse hook-named functions without ``@hookimpl`` (pluggy would ignore them)."""
    for hook_name in hookspecs.HOOK_NAMES:
        func = getattr(plugin, hook_name, None)
        if callable(func) and not hasattr(func, "verzuimdesk_impl"):
            raise _PluginError(
                f"de functie ‘{hook_name}’ mist de decorator @hookimpl "
                "(from verzuimdesk.plugins.api import hookimpl)"
            )


def _call_hooks(
    pm: pluggy.PluginManager,
    plugin: object,
    name: str,
    distribution: str | None,
    version: str | None,
) -> _Contribution:
    """Call each of ``plugin``'s hook implementations on its own and type-check the results."""
    contribution = _Contribution(plugin, name, distribution, version)
    for caller in pm.get_hookcallers(plugin) or []:
        if not caller.has_spec():
            guess = difflib.get_close_matches(caller.name, hookspecs.HOOK_NAMES, n=1)
            hint = f" (bedoelde je ‘{guess[0]}’?)" if guess else ""
            raise _PluginError(
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
                raise _PluginError(
                    f"{hook_name}() gaf een fout: {type(exc).__name__}: {exc}", tb.format_exc()
                ) from exc
            contribution.data.setdefault(hook_name, []).extend(_as_list(hook_name, result))
    return contribution


def _as_list(hook_name: str, result: object) -> list[Any]:
    if result is None:
        return []
    if not isinstance(result, list | tuple):
        raise _PluginError(f"{hook_name}() moet een lijst teruggeven, geen {type(result).__name__}")
    expected = _HOOK_TYPES[hook_name]
    for item in result:
        if not isinstance(item, expected):
            raise _PluginError(
                f"{hook_name}() gaf een {type(item).__name__} terug; verwacht {expected.__name__}"
            )
    return list(result)


def _check_api_version(plugin: object, contribution: _Contribution) -> None:
    """Refuse a plugin written for another API major version (or a newer minor)."""
    declared: list[str] = [r.api_version for r in contribution.items("register_region")]
    attr = getattr(plugin, "verzuimdesk_api_version", None)
    if attr is not None:
        declared.append(str(attr))
    if not declared:
        raise _PluginError(
            "geen API-versie opgegeven / no API version declared: zet Region.api_version "
            "of verzuimdesk_api_version = API_VERSION"
        )
    core = major_minor(API_VERSION)
    for version in declared:
        try:
            wanted = major_minor(version)
        except ValueError as exc:
            raise _PluginError(f"ongeldige API-versie / invalid API version {version!r}") from exc
        if wanted[0] != core[0] or wanted[1] > core[1]:
            raise _PluginError(
                f"geschreven voor plugin-API {version}, deze VerzuimDesk ondersteunt "
                f"{core[0]}.0–{API_VERSION}; werk de plugin of VerzuimDesk bij / "
                f"written for plugin API {version}, this VerzuimDesk supports "
                f"{core[0]}.0–{API_VERSION}; upgrade the plugin or VerzuimDesk"
            )


def _check_entrypoint_name(contribution: _Contribution) -> None:
    """An installed region plugin's entry-point name must equal its region id."""
    if contribution.distribution is None:
        return
    ids = contribution.region_ids
    if ids and contribution.name not in ids:
        raise _PluginError(
            f"de entry-point-naam ‘{contribution.name}’ moet gelijk zijn aan de regio-id "
            f"(‘{ids[0]}’)"
        )


def _version_key(version: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\-]", version))


# --------------------------------------------------------------------------- validation


def _validate(c: _Contribution, loaded: dict[str, _RegionData]) -> list[str]:
    """Return Dutch error messages for what ``c`` registers (empty when valid)."""
    errors: list[str] = []
    err = errors.append
    new_regions: dict[str, Region] = {}
    for region in c.items("register_region"):
        if not _ID_RE.match(region.id):
            err(f"regio-id ‘{region.id}’ moet uit kleine letters, cijfers en _ bestaan")
        if region.id in loaded or region.id in new_regions:
            err(f"regio ‘{region.id}’ is al geregistreerd")
        if not region.name.strip():
            err(f"regio ‘{region.id}’ heeft geen naam")
        if region.vacation_region not in {"noord", "midden", "zuid"}:
            err(f"regio ‘{region.id}’: vakantieregio ‘{region.vacation_region}’ is onbekend")
        new_regions[region.id] = region
    known = set(loaded) | set(new_regions)

    def region_ok(item: Any, what: str) -> bool:
        if item.region_id not in known:
            err(f"{what} ‘{_ident(item)}’ hoort bij onbekende regio ‘{item.region_id}’")
            return False
        return True

    # Gather per region: what is loaded plus what this plugin adds.
    def ids(hook: str, region_id: str, attr: str) -> set[str]:
        existing = set(getattr(loaded[region_id], attr)) if region_id in loaded else set()
        return existing | {i.id for i in c.items(hook) if i.region_id == region_id}

    def dupes(hook: str, attr: str, what: str) -> None:
        seen: set[tuple[str, str]] = set()
        for item in c.items(hook):
            if not region_ok(item, what):
                continue
            key = (item.region_id, item.id)
            if not item.id:
                err(f"{what} zonder id in regio ‘{item.region_id}’")
            if key in seen or (
                item.region_id in loaded and item.id in getattr(loaded[item.region_id], attr)
            ):
                err(f"{what} ‘{item.id}’ is dubbel geregistreerd in regio ‘{item.region_id}’")
            seen.add(key)

    dupes("register_roles", "roles", "rol")
    dupes("register_partners", "partners", "partner")
    dupes("register_timeline_bands", "bands", "tijdlijnband")
    dupes("register_checklists", "checklists", "checklist")
    dupes("register_deadline_rules", "deadline_rules", "termijnregel")
    dupes("register_report_formats", "report_formats", "rapportformaat")

    def roles_of(region_id: str) -> set[str]:
        return ids("register_roles", region_id, "roles")

    for partner in c.items("register_partners"):
        if partner.region_id not in known:
            continue
        if partner.kind not in _PARTNER_KINDS:
            err(f"partner ‘{partner.id}’: soort ‘{partner.kind}’ is onbekend")
        for role_id in partner.role_ids:
            if role_id not in roles_of(partner.region_id):
                err(f"partner ‘{partner.id}’ verwijst naar onbekende rol ‘{role_id}’")

    for band in c.items("register_timeline_bands"):
        if band.region_id not in known:
            continue
        if band.from_week < 0 or (band.to_week is not None and band.to_week < band.from_week):
            err(f"tijdlijnband ‘{band.id}’: weken {band.from_week}–{band.to_week} kloppen niet")

    # Checklist items: unique ids per region, known roles.
    item_ids: dict[str, set[str]] = {}
    for region_id in known:
        item_ids[region_id] = {
            item.id
            for cl in (loaded[region_id].checklists.values() if region_id in loaded else ())
            for item in cl.items
        }
    for checklist in c.items("register_checklists"):
        if checklist.region_id not in known:
            continue
        if checklist.kind not in _CHECKLIST_KINDS:
            err(f"checklist ‘{checklist.id}’: soort ‘{checklist.kind}’ is onbekend")
        if not checklist.items:
            err(f"checklist ‘{checklist.id}’ heeft geen items")
        if checklist.min_ticked < 1 or checklist.min_ticked > max(1, len(checklist.items)):
            err(f"checklist ‘{checklist.id}’: min_ticked {checklist.min_ticked} kan niet")
        for item in checklist.items:
            if item.id in item_ids[checklist.region_id]:
                err(f"checklist-item ‘{item.id}’ is dubbel in regio ‘{checklist.region_id}’")
            item_ids[checklist.region_id].add(item.id)
            if item.role_id and item.role_id not in roles_of(checklist.region_id):
                err(f"checklist-item ‘{item.id}’ verwijst naar onbekende rol ‘{item.role_id}’")

    # Forms.
    seen_forms: set[tuple[str, str, str]] = set()
    for form in c.items("register_forms"):
        if not region_ok(form, "formulier"):
            continue
        key = (form.region_id, form.id, form.version)
        if key in seen_forms or (
            form.region_id in loaded and (form.id, form.version) in loaded[form.region_id].forms
        ):
            err(f"formulier ‘{form.id}’ versie {form.version} is dubbel geregistreerd")
        seen_forms.add(key)
        if not form.id or not form.version:
            err(f"formulier ‘{form.name}’ mist een id of versie")
        if not form.fields:
            err(f"formulier ‘{form.id}’ heeft geen velden")
        _validate_fields(form.id, form.fields, err, nested=False)

    # Deadline rules (region-wide).
    for rule in c.items("register_deadline_rules"):
        if rule.region_id in known:
            _validate_rule(rule, roles_of(rule.region_id), err)

    # Regional signals.
    codes_loaded = {code for data in loaded.values() for code in data.signals}
    seen_codes: set[str] = set()
    for signal in c.items("register_signals"):
        if not region_ok(signal, "signaal"):
            continue
        if signal.code in NATIONAL_SIGNAL_CODES:
            err(f"signaalcode ‘{signal.code}’ is een landelijke code")
        if signal.code in codes_loaded or signal.code in seen_codes:
            err(f"signaalcode ‘{signal.code}’ is al geregistreerd")
        seen_codes.add(signal.code)
        if not callable(signal.compute):
            err(f"signaal ‘{signal.code}’: compute is niet aanroepbaar")

    # Ladders: exactly one per region.
    ladders_by_region: dict[str, list[Ladder]] = {}
    for ladder in c.items("register_ladder"):
        if region_ok(ladder, "ladder"):
            ladders_by_region.setdefault(ladder.region_id, []).append(ladder)
    for region_id, ladders in ladders_by_region.items():
        if len(ladders) > 1 or (region_id in loaded and loaded[region_id].ladder is not None):
            err(f"regio ‘{region_id}’ heeft meer dan één ladder")
    for region_id in new_regions:
        if region_id not in ladders_by_region:
            err(f"regio ‘{region_id}’ registreert geen ladder (register_ladder)")

    for region_id, ladders in ladders_by_region.items():
        forms_of = {f.id for f in c.items("register_forms") if f.region_id == region_id}
        if region_id in loaded:
            forms_of |= {fid for fid, _ in loaded[region_id].forms}
        checklists_of = ids("register_checklists", region_id, "checklists")
        rule_ids = ids("register_deadline_rules", region_id, "deadline_rules")
        for ladder in ladders:
            _validate_ladder(
                ladder,
                roles=roles_of(region_id),
                bands=ids("register_timeline_bands", region_id, "bands"),
                partners=ids("register_partners", region_id, "partners"),
                checklists=checklists_of,
                checklist_items=item_ids.get(region_id, set()),
                forms=forms_of,
                region_rule_ids=rule_ids,
                err=err,
            )

    # References from checklists and forms to stages.
    for hook, what in (("register_checklists", "checklist"), ("register_forms", "formulier")):
        for item in c.items(hook):
            if item.region_id not in known or not item.stage_ids:
                continue
            ladder = next(iter(ladders_by_region.get(item.region_id, [])), None)
            if ladder is None and item.region_id in loaded:
                ladder = loaded[item.region_id].ladder
            for stage_id in item.stage_ids:
                if ladder is None or not ladder.has_stage(stage_id):
                    err(f"{what} ‘{item.id}’ verwijst naar onbekende stap ‘{stage_id}’")
    return errors


def _ident(item: Any) -> str:
    return str(getattr(item, "id", None) or getattr(item, "code", "?"))


def _validate_fields(
    form_id: str, fields: Sequence[Field], err: Callable[[str], None], *, nested: bool
) -> None:
    seen: set[str] = set()
    for f in fields:
        where = f"formulier ‘{form_id}’, veld ‘{f.id}’"
        if not f.id or not re.match(r"^[a-z][a-z0-9_]*$", f.id):
            err(f"formulier ‘{form_id}’: veld-id ‘{f.id}’ moet uit kleine letters, cijfers, _")
        if f.id in seen:
            err(f"{where} komt dubbel voor")
        seen.add(f.id)
        if not f.label.strip():
            err(f"{where} heeft geen label")
        if not isinstance(f.type, FieldType):
            err(f"{where}: type ‘{f.type}’ is onbekend")
            continue
        if f.type in (FieldType.CHOICE, FieldType.MULTICHOICE):
            values = [value for value, _ in f.choices]
            if not values:
                err(f"{where}: een keuzeveld heeft keuzes nodig")
            if len(values) != len(set(values)):
                err(f"{where}: keuzes zijn niet uniek")
        elif f.choices:
            err(f"{where}: alleen keuzevelden hebben keuzes")
        if f.type is FieldType.REPEAT:
            if nested:
                err(f"{where}: een herhaalgroep kan geen herhaalgroep bevatten")
            if not f.fields:
                err(f"{where}: een herhaalgroep heeft subvelden nodig")
            if f.prefill:
                err(f"{where}: een herhaalgroep kan niet worden voorgevuld")
            _validate_fields(form_id, f.fields, err, nested=True)
        elif f.fields:
            err(f"{where}: alleen een herhaalgroep heeft subvelden")
        if f.prefill and f.prefill not in PREFILL_PATHS:
            err(f"{where}: onbekend prefill-pad ‘{f.prefill}’")


def _validate_rule(rule: DeadlineRule, roles: set[str], err: Callable[[str], None]) -> None:
    where = f"termijnregel ‘{rule.id}’"
    if not rule.id:
        err("termijnregel zonder id")
    set_units = [u for u in (rule.days, rule.schooldays, rule.weeks) if u is not None]
    if len(set_units) != 1:
        err(f"{where}: geef precies één van days, schooldays of weeks")
    elif set_units[0] < 0:
        err(f"{where}: de termijn kan niet negatief zijn")
    if rule.role_id and rule.role_id not in roles:
        err(f"{where} verwijst naar onbekende rol ‘{rule.role_id}’")
    anchor_ok = rule.anchor in {"stage", "first_absence"} or (
        rule.anchor.startswith("signal:") and len(rule.anchor) > len("signal:")
    )
    if not anchor_ok:
        err(f"{where}: anker ‘{rule.anchor}’ is onbekend (stage, first_absence, signal:<code>)")
    if rule.recurring_days is not None and rule.recurring_days < 1:
        err(f"{where}: recurring_days moet minstens 1 zijn")


def _validate_ladder(
    ladder: Ladder,
    *,
    roles: set[str],
    bands: set[str],
    partners: set[str],
    checklists: set[str],
    checklist_items: set[str],
    forms: set[str],
    region_rule_ids: set[str],
    err: Callable[[str], None],
) -> None:
    stage_ids = [s.id for s in ladder.stages]
    if not ladder.stages:
        err(f"de ladder van ‘{ladder.region_id}’ heeft geen stappen")
        return
    for stage_id in {s for s in stage_ids if stage_ids.count(s) > 1}:
        err(f"stap ‘{stage_id}’ komt dubbel voor")
    known = set(stage_ids)
    if ladder.start_stage not in known:
        err(f"startstap ‘{ladder.start_stage}’ bestaat niet")
    rule_ids = set(region_rule_ids)

    def role(role_id: str | None, where: str) -> None:
        if role_id is not None and role_id not in roles:
            err(f"{where} verwijst naar onbekende rol ‘{role_id}’")

    for stage in ladder.stages:
        w = f"stap ‘{stage.id}’"
        if not stage.name.strip():
            err(f"{w} heeft geen naam")
        if stage.band not in bands:
            err(f"{w} verwijst naar onbekende tijdlijnband ‘{stage.band}’")
        role(stage.in_regie, f"{w} (in regie)")
        for role_id in stage.regie_options:
            role(role_id, f"{w} (regie-optie)")
        for role_id in stage.involved:
            role(role_id, f"{w} (betrokken)")
        for partner_id in stage.partners:
            if partner_id not in partners:
                err(f"{w} verwijst naar onbekende partner ‘{partner_id}’")
        for variant in stage.variants:
            if not variant.municipalities:
                err(f"{w}: een gemeentevariant noemt geen gemeente")
            role(variant.in_regie, f"{w} (variant in regie)")
            for role_id in variant.involved or ():
                role(role_id, f"{w} (variant betrokken)")
        action_ids = [a.id for a in stage.actions]
        for action_id in {a for a in action_ids if action_ids.count(a) > 1}:
            err(f"{w}: actie ‘{action_id}’ komt dubbel voor")
        for action in stage.actions:
            role(action.role_id, f"{w}, actie ‘{action.id}’")
        for target in stage.next_stages:
            if target not in known:
                err(f"{w} verwijst naar onbekende volgende stap ‘{target}’")
            if target == stage.id:
                err(f"{w} verwijst naar zichzelf")
        if not stage.next_stages and not stage.final and not stage.outcomes:
            err(f"{w} is een doodlopende stap: geef next_stages, outcomes of final=True")
        decisions = stage.decision_defs()
        decision_ids = [d.id for d in decisions]
        if len(decision_ids) != len(set(decision_ids)):
            err(f"{w}: besluiten zijn niet uniek")
        for decision in decisions:
            for target in decision.next_stages:
                if target not in stage.next_stages:
                    err(f"{w}: besluit ‘{decision.id}’ leidt naar ‘{target}’, geen volgende stap")
        outcome_ids = [o.id for o in stage.outcomes]
        if len(outcome_ids) != len(set(outcome_ids)):
            err(f"{w}: uitkomsten zijn niet uniek")
        for trigger in stage.entry_triggers:
            if not isinstance(trigger.kind, TriggerKind):
                err(f"{w}: trigger-soort ‘{trigger.kind}’ is onbekend")
            elif trigger.kind is TriggerKind.LESWEKEN:
                if trigger.weeks is None or trigger.weeks < 0:
                    err(f"{w}: een lesweken-trigger heeft weeks >= 0 nodig")
            elif not trigger.value:
                err(f"{w}: een {trigger.kind.value}-trigger heeft een waarde nodig")
            elif (
                trigger.kind is TriggerKind.CRITERION
                and trigger.value not in checklist_items
                and trigger.value not in checklists
            ):
                err(f"{w}: criterium ‘{trigger.value}’ bestaat in geen checklist")
            if trigger.count < 1:
                err(f"{w}: trigger-aantal moet minstens 1 zijn")
        for rule in stage.deadlines:
            _validate_rule(rule, roles, err)
            if rule.id in rule_ids:
                err(f"termijnregel ‘{rule.id}’ komt dubbel voor")
            rule_ids.add(rule.id)
        for checklist_id in stage.checklists:
            if checklist_id not in checklists:
                err(f"{w} verwijst naar onbekende checklist ‘{checklist_id}’")
        for form_id in stage.forms:
            if form_id not in forms:
                err(f"{w} verwijst naar onbekend formulier ‘{form_id}’")
        if stage.min_age is not None and stage.min_age < 0:
            err(f"{w}: min_age kan niet negatief zijn")
        if stage.max_visits is not None and stage.max_visits < 1:
            err(f"{w}: max_visits moet minstens 1 zijn")
    _check_reachable(ladder, err)


def _check_reachable(ladder: Ladder, err: Callable[[str], None]) -> None:
    by_id: dict[str, Stage] = {s.id: s for s in ladder.stages}
    if ladder.start_stage not in by_id:
        return
    seen = {ladder.start_stage}
    todo = [ladder.start_stage]
    while todo:
        for target in by_id[todo.pop()].next_stages:
            if target in by_id and target not in seen:
                seen.add(target)
                todo.append(target)
    for stage in ladder.stages:
        if stage.id not in seen:
            err(f"stap ‘{stage.id}’ is vanaf de startstap niet bereikbaar")
