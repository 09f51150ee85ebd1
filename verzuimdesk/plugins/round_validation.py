"""Checks of a region's phone-round settings (``register_round_settings``), in Dutch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from verzuimdesk.core.round_spec import RoundSettings, RoundStatus, RoundStatusKind
from verzuimdesk.core.rules.inspectie_codes import InspectieCategory

__all__ = ["validate_round_settings"]


def validate_round_settings(
    items: list[RoundSettings],
    known_regions: set[str],
    stage_ids: Callable[[str], set[str] | None],
    already: Callable[[str], bool],
    err: Callable[[str], None],
) -> None:
    """Report every problem of ``items`` through ``err``.

    :param stage_ids: the stage ids of a region's ladder (None when it has none yet).
    :param already: True when a region already has round settings from another plugin.
    """
    seen: set[str] = set()
    categories = {c.value for c in InspectieCategory}
    for settings in items:
        where = f"belronde van regio ‘{settings.region_id}’"
        if settings.region_id not in known_regions:
            err(f"belronde hoort bij onbekende regio ‘{settings.region_id}’")
            continue
        if settings.region_id in seen or already(settings.region_id):
            err(f"{where} is dubbel geregistreerd")
        seen.add(settings.region_id)
        for category in settings.categories:
            if category not in categories:
                err(f"{where}: categorie ‘{category}’ is geen inspectiecategorie")
        if not settings.statuses:
            err(f"{where} heeft geen statussen")
        if len(settings.statuses) > 9:
            err(f"{where}: hoogstens 9 statussen (toetsen 1–9)")
        _check_statuses(settings.statuses, where, err)
        for name, pairs in (
            ("contact_before", settings.contact_before),
            ("inspectie_by", settings.inspectie_by),
        ):
            _check_dates(pairs, f"{where}: {name}", err)
        stages = stage_ids(settings.region_id)
        for stage_id in settings.return_stages:
            if stages is not None and stage_id not in stages:
                err(f"{where}: terugkeerstap ‘{stage_id}’ bestaat niet in de ladder")


def _check_statuses(
    statuses: tuple[RoundStatus, ...], where: str, err: Callable[[str], None]
) -> None:
    ids: set[str] = set()
    for status in statuses:
        if not status.id or status.id in ids:
            err(f"{where}: status-id ‘{status.id}’ is leeg of dubbel")
        ids.add(status.id)
        if not status.label.strip():
            err(f"{where}: status ‘{status.id}’ heeft geen label")
        try:
            RoundStatusKind(status.kind)
        except ValueError:
            err(f"{where}: status ‘{status.id}’ heeft onbekende soort ‘{status.kind}’")


def _check_dates(
    pairs: tuple[tuple[int, int], ...], where: str, err: Callable[[str], None]
) -> None:
    if len(pairs) != 4:
        err(f"{where}: geef vier datums (kwartaal 1 tot en met 4)")
        return
    for number, (month, day) in enumerate(pairs, start=1):
        try:
            dt.date(2024, month, day)  # a leap year: 29 February is allowed
        except (TypeError, ValueError):
            err(f"{where}: ({month}, {day}) is geen datum")
            continue
        if not 3 * number - 2 <= month <= 3 * number:
            err(f"{where}: de datum van kwartaal {number} valt niet in dat kwartaal")
