"""The registry of loaded regions: what services and the GUI look regions up in.

:class:`PluginRegistry` implements the core's
:class:`~verzuimdesk.core.region_registry.RegionRegistry` protocol; the plugin
manager (:func:`verzuimdesk.plugins.manager.create_plugin_manager`) fills it.
"""

from __future__ import annotations

import logging
import traceback as tb
from dataclasses import dataclass
from typing import Any, TypeVar

import pluggy

from verzuimdesk.core import region_spec as spec
from verzuimdesk.core.region_conditions import MonitoringList
from verzuimdesk.plugins.loading import (
    Contribution,
    PluginError,
    RegionEntries,
    call_hooks,
    check_api_version,
    check_entrypoint_name,
    check_undecorated,
    version_key,
)
from verzuimdesk.plugins.validation import validate_contribution

_T = TypeVar("_T")

log = logging.getLogger("verzuimdesk.plugins.manager")


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
        self._regions: dict[str, RegionEntries] = {}

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
    ) -> Contribution | None:
        """Register ``plugin`` and call its hooks; None (and a failure) when it breaks."""
        try:
            check_undecorated(plugin)
            try:
                self.pm.register(plugin, name=name)
            except ValueError as exc:  # same object or name twice
                raise PluginError(f"dubbel geregistreerd: {exc}") from exc
            except pluggy.PluginValidationError as exc:
                raise PluginError(f"ongeldige hook-implementatie: {exc}") from exc
            try:
                contribution = call_hooks(self.pm, plugin, name, distribution, version)
                check_api_version(plugin, contribution)
                check_entrypoint_name(contribution)
            except BaseException:
                self.pm.unregister(plugin)
                raise
        except PluginError as exc:
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

    def _accept(self, contribution: Contribution) -> None:
        """Validate ``contribution`` against what is loaded; merge it or record a failure."""
        try:
            errors = validate_contribution(contribution, self._regions)
            if errors:
                reason = (
                    errors[0] if len(errors) == 1 else f"{errors[0]} (en {len(errors) - 1} meer)"
                )
                raise PluginError("ongeldige registratie: " + reason, "\n".join(errors))
            self._merge(contribution)
        except PluginError as exc:
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

    def _merge(self, c: Contribution) -> None:
        for region in c.items("register_region"):
            self._regions[region.id] = RegionEntries(region=region, plugin=c.name)
        for ladder in c.items("register_ladder"):
            self._regions[ladder.region_id].ladder = ladder
        simple: list[tuple[str, str]] = [
            ("register_roles", "roles"),
            ("register_partners", "partners"),
            ("register_timeline_bands", "bands"),
            ("register_checklists", "checklists"),
            ("register_deadline_rules", "deadline_rules"),
            ("register_report_formats", "report_formats"),
            ("register_letter_templates", "letter_templates"),
            ("register_monitoring_lists", "monitoring_lists"),
        ]
        for hook, attr in simple:
            for item in c.items(hook):
                getattr(self._regions[item.region_id], attr)[item.id] = item
        for form in c.items("register_forms"):
            self._regions[form.region_id].forms[(form.id, form.version)] = form
        for signal in c.items("register_signals"):
            self._regions[signal.region_id].signals[signal.code] = signal
        for settings in c.items("register_round_settings"):
            self._regions[settings.region_id].round_settings = settings

    # -- lookups -------------------------------------------------------------------

    def _data(self, region_id: str) -> RegionEntries:
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

    def regions(self) -> list[spec.Region]:
        """Return every loaded region, sorted by display name."""
        return sorted((d.region for d in self._regions.values()), key=lambda r: r.name)

    def has_region(self, region_id: str) -> bool:
        """True when ``region_id`` has a working plugin."""
        return region_id in self._regions

    def region(self, region_id: str) -> spec.Region:
        """Return the region.

        :raises RegionNotInstalled: when no working plugin provides it.
        """
        return self._data(region_id).region

    def plugin_for(self, region_id: str) -> LoadedPlugin:
        """Return the plugin that registered ``region_id``."""
        name = self._data(region_id).plugin
        return next(p for p in self.loaded if p.name == name)

    def ladder(self, region_id: str) -> spec.Ladder:
        """Return the region's ladder (every loaded region has exactly one)."""
        ladder = self._data(region_id).ladder
        assert ladder is not None  # validation guarantees it
        return ladder

    def roles(self, region_id: str) -> list[spec.Role]:
        """Return the region's roles in registration order."""
        return list(self._data(region_id).roles.values())

    def role(self, region_id: str, role_id: str) -> spec.Role:
        """Return one role.

        :raises UnknownItem: when the region has no such role.
        """
        return _known(self._data(region_id).roles, role_id, f"de rol ‘{role_id}’", region_id)

    def role_name(self, region_id: str, role_id: str | None) -> str:
        """Return a role's display name; the id itself when unknown, '' for None."""
        if not role_id:
            return ""
        role = self._data(region_id).roles.get(role_id)
        return role.name if role else role_id

    def partners(self, region_id: str) -> list[spec.Partner]:
        """Return the region's partner table."""
        return list(self._data(region_id).partners.values())

    def forms(self, region_id: str) -> list[spec.FormDef]:
        """Return the newest version of each of the region's forms."""
        newest: dict[str, spec.FormDef] = {}
        for form in self._data(region_id).forms.values():
            current = newest.get(form.id)
            if current is None or version_key(form.version) > version_key(current.version):
                newest[form.id] = form
        return list(newest.values())

    def form(self, region_id: str, form_id: str, version: str | None = None) -> spec.FormDef:
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

    def form_versions(self, region_id: str, form_id: str) -> list[spec.FormDef]:
        """Return every registered version of a form, oldest first."""
        found = [f for f in self._data(region_id).forms.values() if f.id == form_id]
        return sorted(found, key=lambda f: version_key(f.version))

    def deadline_rules(self, region_id: str) -> list[spec.DeadlineRule]:
        """Return the region-wide deadline rules (stage-bound rules are in the ladder)."""
        return list(self._data(region_id).deadline_rules.values())

    def deadline_rule(self, region_id: str, rule_id: str) -> spec.DeadlineRule:
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

    def regional_signals(self, region_id: str) -> list[spec.RegionalSignal]:
        """Return the region's own signals (Amsterdam ``verzuimgesprek``)."""
        return list(self._data(region_id).signals.values())

    def bands(self, region_id: str) -> list[spec.PhaseBand]:
        """Return the region's timeline bands, sorted by ``order`` then ``from_week``."""
        return sorted(self._data(region_id).bands.values(), key=lambda b: (b.order, b.from_week))

    def report_formats(self, region_id: str) -> list[spec.ReportFormat]:
        """Return the region's report formats."""
        return list(self._data(region_id).report_formats.values())

    def letter_templates(self, region_id: str) -> list[spec.LetterTemplate]:
        """Return the region's own letter templates (the national ones are the core's)."""
        return list(self._data(region_id).letter_templates.values())

    def monitoring_lists(self, region_id: str) -> list[MonitoringList]:
        """Return the region's lists of watched pupils without absence records."""
        return list(self._data(region_id).monitoring_lists.values())

    def round_settings(self, region_id: str) -> spec.RoundSettings:
        """Return how the region shapes its phone round (the national defaults when its
        plugin registers nothing)."""
        from verzuimdesk.core.round_spec import national_round_settings

        settings = self._data(region_id).round_settings
        return settings if settings is not None else national_round_settings(region_id)

    def checklists(self, region_id: str) -> list[spec.Checklist]:
        """Return the region's checklists (criteria, risk factors, advice)."""
        return list(self._data(region_id).checklists.values())

    def checklist(self, region_id: str, checklist_id: str) -> spec.Checklist:
        """Return one checklist.

        :raises UnknownItem: when the region has no such checklist.
        """
        checklists = self._data(region_id).checklists
        return _known(checklists, checklist_id, f"de checklist ‘{checklist_id}’", region_id)

    def check_pending(self) -> None:
        """Raise ``pluggy.PluginValidationError`` for any hook implementation without spec.

        Loading already leaves out plugins with misspelled hooks; this is the guard
        for plugins registered on :attr:`pm` directly afterwards.
        """
        self.pm.check_pending()


def _known(items: dict[str, _T], key: str, what: str, region_id: str) -> _T:
    """``items[key]``, or :class:`UnknownItem` saying the region does not know ``what``."""
    try:
        return items[key]
    except KeyError:
        raise UnknownItem(f"Regio ‘{region_id}’ kent {what} niet.") from None
