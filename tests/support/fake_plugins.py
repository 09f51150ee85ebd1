"""Fake regional plugins for the manager tests: small, valid, and easy to break."""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

from verzuimdesk.plugins.api import (
    API_VERSION,
    ChecklistItem,
    Field,
    FieldType,
    FormDef,
    Ladder,
    Outcome,
    PhaseBand,
    Region,
    Role,
    Stage,
    hookimpl,
)


def region_data(region_id: str = "zeeland", **overrides: Any) -> dict[str, Any]:
    """The registrations of a minimal valid region, as hook name -> list."""
    stages = (
        Stage(
            id="z-1",
            number="1",
            name="Signaleren",
            band="verzuim",
            in_regie="mentor",
            actions=(ChecklistItem("z1-bellen", "Ouders bellen", "mentor"),),
            next_stages=("z-2",),
        ),
        Stage(
            id="z-2",
            number="2",
            name="Afgerond",
            band="verzuim",
            in_regie="lpa",
            outcomes=(Outcome("klaar", "Klaar"),),
            final=True,
        ),
    )
    data: dict[str, Any] = {
        "register_region": [Region(region_id, "Zeeland", API_VERSION)],
        "register_roles": [
            Role("mentor", region_id, "Mentor"),
            Role("lpa", region_id, "Leerplichtambtenaar"),
        ],
        "register_timeline_bands": [PhaseBand("verzuim", region_id, "Verzuim", 1, None)],
        "register_forms": [
            FormDef(
                "melding",
                region_id,
                "Melding",
                "1",
                (
                    Field("naam", "Naam", prefill="pupil.full_name"),
                    Field(
                        "partijen",
                        "Partijen",
                        FieldType.REPEAT,
                        fields=(Field("organisatie", "Organisatie"),),
                    ),
                ),
            )
        ],
        "register_ladder": [Ladder(region_id, stages, "z-1")],
    }
    data.update(overrides)
    return data


def make_plugin(
    name: str = "zeeland_plugin", data: dict[str, Any] | None = None, **attrs: Any
) -> types.ModuleType:
    """Build a plugin module whose ``@hookimpl`` functions return ``data``."""
    module = types.ModuleType(name)
    for hook_name, items in (data if data is not None else region_data()).items():
        setattr(module, hook_name, _hook(hook_name, items))
    for key, value in attrs.items():
        setattr(module, key, value)
    return module


def _hook(hook_name: str, items: Any) -> Callable[[], Any]:
    def impl() -> Any:
        if callable(items):
            return items()
        return list(items)

    impl.__name__ = hook_name
    return hookimpl(impl)


def raising(exc: Exception) -> Callable[[], Any]:
    """A hook body that raises ``exc``."""

    def body() -> Any:
        raise exc

    return body
