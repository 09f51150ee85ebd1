"""Test support for the desk: a small fake region plugin and a desk on a fresh case base.

Shared by ``tests/services`` and ``tests/gui/test_desk_*`` (they put this folder on
``sys.path``). The fake region is registered through the real plugin manager
(``create_plugin_manager(load_entrypoints=False, plugins=[...])``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from verzuimdesk.core.db import create_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.plugins.api import (
    API_VERSION,
    ChecklistItem,
    DeadlineRule,
    Decision,
    Field,
    FieldType,
    FormDef,
    Ladder,
    Outcome,
    PhaseBand,
    Region,
    Role,
    Stage,
    Trigger,
    TriggerKind,
    hookimpl,
)
from verzuimdesk.plugins.manager import create_plugin_manager

REGION = "testregio"
#: A fixed "today" for the tests: a Wednesday in the autumn of school year 2024-2025.
TODAY = dt.date(2024, 11, 20)


class TestRegionPlugin:
    """A compact region with every ladder feature the desk shows."""

    __version__ = "0.9"

    @hookimpl
    def register_region(self) -> list[Region]:
        return [
            Region(
                REGION,
                "Testregio Midden",
                API_VERSION,
                municipalities=("Teststad",),
                vacation_region="midden",
            )
        ]

    @hookimpl
    def register_roles(self) -> list[Role]:
        return [
            Role("zoco", REGION, "Zorgcoördinator", short="Zoco"),
            Role("lpa", REGION, "Leerplichtambtenaar", short="LPA"),
            Role("copa", REGION, "Coördinator passend onderwijs", short="COPA"),
            Role("regisseur", REGION, "Regisseur thuiszitters", short="Regisseur"),
        ]

    @hookimpl
    def register_timeline_bands(self) -> list[PhaseBand]:
        return [
            PhaseBand("preventie", REGION, "Preventie", 0, 0, "#eef2f5", 0),
            PhaseBand("verzuim", REGION, "Verzuim", 1, 4, "#e3edf7", 1),
            PhaseBand("thuiszitters", REGION, "Thuiszittersproces", 5, 12, "#fdf1de", 2),
            PhaseBand("doorbraak", REGION, "Doorbraakproces", 13, None, "#f8e1e1", 3),
        ]

    @hookimpl
    def register_forms(self) -> list[FormDef]:
        return [
            FormDef(
                "melding-thuiszitter",
                REGION,
                "Meldingsformulier thuiszitter",
                "1",
                (
                    Field("naam", "Naam leerling", required=True, prefill="pupil.full_name"),
                    Field(
                        "geboortedatum",
                        "Geboortedatum",
                        FieldType.DATE,
                        required=True,
                        prefill="pupil.birth_date",
                    ),
                    Field("bsn", "BSN", FieldType.BSN, prefill="pupil.bsn"),
                    Field("school", "School", required=True, prefill="school.name"),
                    Field(
                        "begin",
                        "Datum begin verzuim",
                        FieldType.DATE,
                        required=True,
                        prefill="case.first_absence_on",
                    ),
                    Field(
                        "soort",
                        "Soort thuiszitter",
                        FieldType.CHOICE,
                        required=True,
                        choices=(("B1", "B1 relatief verzuim"), ("B2a", "B2a 4 weken–3 maanden")),
                    ),
                    Field("reden", "Specifieke reden", FieldType.MULTILINE, required=True),
                    Field("email", "E-mail contactpersoon", FieldType.EMAIL),
                ),
                stage_ids=("t4",),
            )
        ]

    @hookimpl
    def register_deadline_rules(self) -> list[DeadlineRule]:
        return [
            DeadlineRule(
                "melding-swv",
                REGION,
                "Thuiszitter melden bij het SWV",
                role_id="zoco",
                days=0,
                anchor="signal:thuiszitter-b2a",
            )
        ]

    @hookimpl
    def register_ladder(self) -> list[Ladder]:
        stages = (
            Stage(
                "t1",
                "1",
                "Preventie op school",
                "preventie",
                "zoco",
                actions=(ChecklistItem("t1-mentor", "Verzuim bespreken met mentor", "zoco"),),
                next_stages=("t2",),
            ),
            Stage(
                "t2",
                "2",
                "Gesprek met leerling en ouders",
                "verzuim",
                "lpa",
                involved=("zoco",),
                actions=(
                    ChecklistItem("t2-uitnodigen", "Leerling en ouders uitnodigen", "lpa"),
                    ChecklistItem("t2-verslag", "Verslag in dossier", "lpa"),
                ),
                entry_triggers=(Trigger(TriggerKind.SIGNAL, "duo-16h"),),
                deadlines=(
                    DeadlineRule(
                        "t2-gesprek",
                        REGION,
                        "Gesprek met leerling en ouders voeren",
                        role_id="lpa",
                        schooldays=5,
                    ),
                ),
                next_stages=("t3", "t4"),
            ),
            Stage(
                "t3",
                "3",
                "Verzuim gestopt",
                "verzuim",
                "zoco",
                final=True,
                outcomes=(Outcome("gestopt", "Leerling weer naar school"),),
            ),
            Stage(
                "t4",
                "4",
                "Analyse in het ondersteuningsteam",
                "thuiszitters",
                "copa",
                entry_triggers=(Trigger(TriggerKind.LESWEKEN, weeks=5),),
                deadlines=(
                    DeadlineRule(
                        "t4-evaluatie",
                        REGION,
                        "Plan van aanpak evalueren",
                        role_id="copa",
                        days=7,
                        recurring_days=7,
                    ),
                ),
                forms=("melding-thuiszitter",),
                next_stages=("t5",),
            ),
            Stage(
                "t5",
                "5",
                "Doorbraaktafel",
                "doorbraak",
                "regisseur",
                decisions=(
                    Decision("toegekend", "Toegekend", ("t6",)),
                    Decision("afgewezen", "Afgewezen", ("t6",), note_required=True),
                ),
                next_stages=("t6",),
            ),
            Stage(
                "t6",
                "6",
                "Passend aanbod",
                "doorbraak",
                "regisseur",
                final=True,
                outcomes=(Outcome("onderwijs", "Volledig onderwijs"),),
            ),
        )
        return [Ladder(REGION, stages, "t1", name="Testladder")]


def make_registry():  # type: ignore[no-untyped-def]
    """A plugin registry with only the test region."""
    registry = create_plugin_manager(load_entrypoints=False, plugins=[TestRegionPlugin()])
    assert not registry.failures, [f.reason for f in registry.failures]
    return registry


def make_desk(
    folder: Path, *, today: dt.date = TODAY, user: str = "tester", url: str | None = None
) -> Desk:
    """A desk on a fresh case base of the test region, with a fixed today.

    :param url: an empty database to use; default a SQLite file in ``folder``.
    """
    case_base = create_case_base(url or sqlite_url(folder / "casus.sqlite"), REGION, today=today)
    desk = Desk(case_base, make_registry(), user=user)
    desk.today = today
    return desk


def school_days_before(day: dt.date, count: int) -> list[dt.date]:
    """The ``count`` weekdays up to and including ``day`` (no vacations in Nov 2024)."""
    out = []
    d = day
    while len(out) < count:
        if d.weekday() < 5:
            out.append(d)
        d -= dt.timedelta(days=1)
    return sorted(out)
