"""Plugins shape the phone round (plugin API 1.4): accepted, used, or refused in Dutch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support.fake_plugins import make_plugin, region_data
from verzuimdesk.core.db import create_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.round_spec import Quarter
from verzuimdesk.core.services import region_deadlines
from verzuimdesk.plugins.api import (
    API_VERSION,
    NATIONAL_ROUND_STATUSES,
    RegionData,
    RoundSettings,
    RoundStatus,
    RoundStatusKind,
    major_minor,
    region_hooks,
)
from verzuimdesk.plugins.manager import create_plugin_manager

ZEELAND_ROUND = RoundSettings(
    "zeeland",
    categories=("B2a", "B2b"),
    signal_codes=("duo-lrv",),
    statuses=(*NATIONAL_ROUND_STATUSES, RoundStatus("tlv", "TLV aangevraagd")),
    contact_before=((2, 15), (5, 15), (8, 15), (11, 15)),
    inspectie_by=((3, 1), (6, 1), (9, 1), (12, 1)),
    return_stages=("z-2",),
)


def test_the_api_version_is_1_4() -> None:
    assert major_minor(API_VERSION) >= (1, 4)  # 1.5 kept the round as it was


def test_a_region_shapes_its_round_and_its_deadlines_follow(tmp_path: Path) -> None:
    plugin = make_plugin(data=region_data(register_round_settings=[ZEELAND_ROUND]))
    registry = create_plugin_manager(load_entrypoints=False, plugins=[plugin])
    assert not registry.failures, [f.reason for f in registry.failures]
    settings = registry.round_settings("zeeland")
    assert settings.status("tlv") is not None and len(settings.statuses) == 7
    q4 = Quarter(2024, 4)
    assert q4.contact_due(settings) == dt.date(2024, 11, 14)  # before 15 November
    case_base = create_case_base(sqlite_url(tmp_path / "z.sqlite"), "zeeland")
    desk = Desk(case_base, registry, user="t", today=dt.date(2024, 11, 20))
    region_deadlines.ensure_current_deadlines(desk)
    dues = {r.kind: r.due_on for r in region_deadlines.region_deadlines(desk)}
    assert dues == {"belronde": dt.date(2024, 11, 14), "inspectie": dt.date(2024, 12, 1)}
    case_base.close()


def test_a_region_without_settings_gets_the_national_round() -> None:
    registry = create_plugin_manager(load_entrypoints=False, plugins=[make_plugin()])
    settings = registry.round_settings("zeeland")
    assert settings.region_id == "zeeland"
    assert [s.label for s in settings.statuses] == [
        "Nog thuis",
        "Terug op school per",
        "Passend aanbod gevonden",
        "Ziek / A1",
        "Vrijstelling / A2",
        "Nieuwe (dreigende) thuiszitter",
    ]
    assert settings.status("terug").kind == RoundStatusKind.RETURN


def test_wrong_round_settings_leave_the_plugin_out_with_dutch_reasons() -> None:
    wrong = RoundSettings(
        "zeeland",
        categories=("B9",),
        statuses=(RoundStatus("x", "X"), RoundStatus("x", "Y", "onbekend")),  # type: ignore[arg-type]
        contact_before=((1, 1), (6, 31), (9, 1)),
        return_stages=("z-9",),
    )
    plugin = make_plugin(data=region_data(register_round_settings=[wrong]))
    registry = create_plugin_manager(load_entrypoints=False, plugins=[plugin])
    (failure,) = registry.failures
    details = failure.traceback
    assert "categorie ‘B9’ is geen inspectiecategorie" in details
    assert "status-id ‘x’ is leeg of dubbel" in details
    assert "status ‘x’ heeft onbekende soort ‘onbekend’" in details
    assert "contact_before: geef vier datums" in details
    assert "terugkeerstap ‘z-9’ bestaat niet in de ladder" in details


def test_region_data_feeds_the_round_settings_hook() -> None:
    data = region_data()
    value = RegionData(
        region=data["register_region"][0],
        ladder=data["register_ladder"][0],
        roles=tuple(data["register_roles"]),
        timeline_bands=tuple(data["register_timeline_bands"]),
        round_settings=(ZEELAND_ROUND,),
    )
    hooks = region_hooks(value)
    assert hooks["register_round_settings"]() == [ZEELAND_ROUND]
