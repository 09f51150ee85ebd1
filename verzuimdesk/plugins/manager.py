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

import importlib.metadata as metadata
import os
import traceback as tb
from collections.abc import Iterable, Iterator

import pluggy

from verzuimdesk.core.rules.signal_codes import NATIONAL_SIGNAL_CODES
from verzuimdesk.plugins import hookspecs
from verzuimdesk.plugins.loading import Contribution, plugin_name, plugin_version
from verzuimdesk.plugins.markers import PROJECT
from verzuimdesk.plugins.registry import (
    LoadedPlugin,
    PluginFailure,
    PluginLoadError,
    PluginRegistry,
    RegionNotInstalled,
    UnknownItem,
    distribution_name,
)

__all__ = [
    "ALLOW_ENV",
    "ENTRYPOINT_GROUP",
    "NATIONAL_SIGNAL_CODES",
    "STRICT_ENV",
    "LoadedPlugin",
    "PluginFailure",
    "PluginLoadError",
    "PluginRegistry",
    "RegionNotInstalled",
    "UnknownItem",
    "create_plugin_manager",
    "distribution_name",
    "strict_from_env",
]

#: Entry-point group regional plugins register under.
ENTRYPOINT_GROUP = PROJECT
#: Environment variable that turns plugin failures into exceptions.
STRICT_ENV = "VERZUIMDESK_STRICT_PLUGINS"
#: Environment variable with a comma-separated allow-list of entry-point names.
ALLOW_ENV = "VERZUIMDESK_LOAD_PLUGINS"


def strict_from_env() -> bool:
    """True when ``VERZUIMDESK_STRICT_PLUGINS`` is set to a true value."""
    return os.environ.get(STRICT_ENV, "").strip().lower() in {"1", "true", "yes", "ja", "on"}


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

    contributions: list[Contribution] = []
    for plugin in plugins:
        name = plugin_name(plugin)
        version = plugin_version(plugin)
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
