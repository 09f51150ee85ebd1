"""A whole region as one value, and the hook implementations that hand it out.

Most regional plugins only return data from their hooks: eleven functions of the
same shape. :class:`RegionData` holds that data in one value and
:func:`region_hooks` writes the eleven ``@hookimpl`` functions for it, so a
plugin's ``plugin.py`` is three lines::

    from verzuimdesk.plugins.api import region_hooks
    from verzuimdesk_zeeland.data import REGION_DATA

    globals().update(region_hooks(REGION_DATA))

The hooks stay the contract (a plugin may still write them by hand, or add an
add-on's hooks next to these); this is only a shorter way to implement them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace

from verzuimdesk.core import region_spec as spec
from verzuimdesk.core.region_conditions import MonitoringList
from verzuimdesk.core.round_spec import national_round_settings
from verzuimdesk.plugins.markers import hookimpl


@dataclass(frozen=True)
class RegionData:
    """Everything one regional plugin registers, as one value.

    Each field feeds the hook of the same name (``roles`` -> ``register_roles``,
    ``timeline_bands`` -> ``register_timeline_bands``, ``ladder`` ->
    ``register_ladder``, ...).

    :param region: the region (``register_region``).
    :param ladder: the region's one ladder (``register_ladder``).
    :param roles: who can be *in regie* or involved.
    :param partners: organisations, meeting tables and desks.
    :param timeline_bands: the bands on the timeline.
    :param checklists: criteria, risk factors and advice.
    :param forms: the region's forms (every version).
    :param deadline_rules: region-wide deadline rules (stage deadlines are in the ladder).
    :param signals: regional signals with their computations.
    :param report_formats: the reports the region produces.
    :param letter_templates: the region's own letters (next to the national ones).
    :param monitoring_lists: lists of watched pupils without absence records (API 1.3).
    :param round_settings: how the region shapes its phone round (empty: national).
    """

    region: spec.Region
    ladder: spec.Ladder
    roles: tuple[spec.Role, ...] = ()
    partners: tuple[spec.Partner, ...] = ()
    timeline_bands: tuple[spec.PhaseBand, ...] = ()
    checklists: tuple[spec.Checklist, ...] = ()
    forms: tuple[spec.FormDef, ...] = ()
    deadline_rules: tuple[spec.DeadlineRule, ...] = ()
    signals: tuple[spec.RegionalSignal, ...] = ()
    report_formats: tuple[spec.ReportFormat, ...] = ()
    letter_templates: tuple[spec.LetterTemplate, ...] = ()
    monitoring_lists: tuple[MonitoringList, ...] = ()
    round_settings: tuple[spec.RoundSettings, ...] = ()

    def items(self, name: str) -> list[object]:
        """The registrations of field ``name`` as a list (one item for region and ladder)."""
        value = getattr(self, name)
        return list(value) if isinstance(value, tuple) else [value]


def national_round_with(
    region_id: str,
    *signals: str | spec.RegionalSignal,
    return_stages: tuple[str, ...] = (),
    description: str = "",
    source: str = "",
) -> spec.RoundSettings:
    """The national phone round of ``region_id``, with the region's own signals on it too.

    Most regions keep the national categories, statuses and quarter dates and only add
    their own signals (codes, or the :class:`RegionalSignal` objects themselves) and the
    step *terug op school* moves a case to (API 1.5)::

        round_settings=(national_round_with(R, *SIGNALS, return_stages=("zl-9-terug",)),)

    :param source: where the round comes from; empty: the national round's source.
    """
    codes = tuple(s if isinstance(s, str) else s.code for s in signals)
    national = national_round_settings(region_id)
    return replace(
        national,
        signal_codes=(
            *national.signal_codes,
            *(c for c in codes if c not in national.signal_codes),
        ),
        return_stages=return_stages,
        description=description,
        source=source or national.source,
    )


def region_hooks(data: RegionData) -> dict[str, Callable[[], list[object]]]:
    """Return ``register_<field>`` hook implementations that hand out ``data``.

    Put them into the plugin module's namespace (``globals().update(...)``): pluggy
    finds hook implementations by name on the module the entry point names.
    """
    hooks: dict[str, Callable[[], list[object]]] = {}
    for f in fields(RegionData):
        hooks[f"register_{f.name}"] = _hook(data, f.name)
    return hooks


def _hook(data: RegionData, name: str) -> Callable[[], list[object]]:
    def register() -> list[object]:
        return data.items(name)

    register.__name__ = register.__qualname__ = f"register_{name}"
    register.__doc__ = f"The region's {name.replace('_', ' ')} from its RegionData."
    return hookimpl(register)
