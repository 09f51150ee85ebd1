"""Plugin API 1.5: a region says which absence counts for its weeks and timeline bands
(``Region.week_absence_kinds``), and ``national_round_with`` builds the usual round.

Amstelland counts every kind of absence (seed 004: "niet alleen om ongeoorloofd verzuim");
before 1.5 the timeline's bands counted unauthorised absence only, so a pupil sick for six
weeks stayed in *Preventie* on Amstelland's timeline. Den Haag keeps the national rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.support.fake_plugins import make_plugin, region_data
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.services import absences, cases, pupils, queries
from verzuimdesk.core.services.absences import AbsenceEntry
from verzuimdesk.gui.case_file_data import timeline_data
from verzuimdesk.plugins import api
from verzuimdesk.plugins.manager import create_plugin_manager

D = dt.date


@pytest.fixture
def verzuimdesk_plugins() -> list[object]:
    """The five bundled regions (the strict registry of ``verzuimdesk.testing``)."""
    from verzuimdesk_amstelland import plugin as amstelland
    from verzuimdesk_amsterdam import plugin as amsterdam
    from verzuimdesk_den_haag import plugin as den_haag
    from verzuimdesk_kennemerland import plugin as kennemerland
    from verzuimdesk_lelystad import plugin as lelystad

    return [den_haag, amsterdam, kennemerland, lelystad, amstelland]


TODAY = D(2026, 10, 7)  # a Wednesday in the sixth lesweek since Tuesday 1 September
FIRST = D(2026, 9, 1)


def test_the_api_version_is_15_and_the_default_is_the_national_rule() -> None:
    assert api.API_VERSION == "1.5"
    assert "national_round_with" in api.__all__
    region = api.Region("zeeland", "Zeeland", api.API_VERSION)
    assert region.week_absence_kinds == ()
    assert region.counted_absence_kinds == {"ongeoorloofd", "luxe"}
    sick = api.Region("z", "Z", "1.5", week_absence_kinds=(api.AbsenceKind.ZIEK, "schorsing"))
    assert sick.counted_absence_kinds == {"ziek", "schorsing"}


def test_the_manager_refuses_an_unknown_absence_kind() -> None:
    bad = api.Region("zeeland", "Zeeland", api.API_VERSION, week_absence_kinds=("verlof",))
    plugin = make_plugin(data=region_data(register_region=[bad]))
    registry = create_plugin_manager(load_entrypoints=False, plugins=[plugin], strict=False)
    (failed,) = registry.failures
    text = failed.reason + failed.traceback
    assert "verzuimsoort ‘verlof’ in week_absence_kinds is onbekend" in text


def test_national_round_with_adds_the_regions_signals_once() -> None:
    signal = api.RegionalSignal("zl-lang", "zeeland", "Lang", compute=lambda ctx: [])
    settings = api.national_round_with(
        "zeeland", signal, "duo-lrv", return_stages=("zl-9",), description="Bellen."
    )
    national = api.NATIONAL_ROUND
    assert settings.region_id == "zeeland"
    assert settings.signal_codes == (*national.signal_codes, "zl-lang")
    assert settings.return_stages == ("zl-9",) and settings.description == "Bellen."
    assert settings.statuses == national.statuses and settings.source == national.source
    assert settings.categories == national.categories


def test_amstelland_and_lelystad_use_it_for_their_round(plugin_registry: Any) -> None:
    amstelland = plugin_registry.round_settings("amstelland")
    lelystad = plugin_registry.round_settings("lelystad")
    assert amstelland.signal_codes[-1] == "am-langdurig-verzuim"
    assert amstelland.return_stages == ("am-8-hervat",)
    assert lelystad.return_stages == ("ll-8-afgerond",)
    assert lelystad.signal_codes[: len(api.NATIONAL_ROUND.signal_codes)] == (
        api.NATIONAL_ROUND.signal_codes
    )
    assert plugin_registry.region("amstelland").week_absence_kinds
    for older in ("den_haag", "amsterdam", "kennemerland"):
        assert plugin_registry.region(older).week_absence_kinds == ()


def _sick_case(
    case_base_factory: Any, plugin_registry: Any, region: str
) -> tuple[Desk, queries.CaseFile]:
    """A pupil sick every schooldag since 1 September, with a case; today 7 October."""
    desk = Desk(case_base_factory(region), plugin_registry, user="qa")
    desk.today = TODAY
    school = pupils.create_school(
        desk, pupils.SchoolData(name="Het College", sector="VO", vacation_region="noord")
    )
    pupil = pupils.create_pupil(
        desk, pupils.PupilData("Sara", "Jansen", D(2012, 4, 2), school_id=school)
    )
    days = [FIRST + dt.timedelta(days=i) for i in range((TODAY - FIRST).days + 1)]
    entries = [AbsenceEntry(d, "ziek", 6, None) for d in days if d.weekday() < 5]
    absences.set_absences(desk, pupil, entries)
    case_id = cases.open_case(desk, pupil, opened_on=FIRST, first_absence_on=FIRST)
    return desk, queries.case_file(desk, case_id)


def _band_today(file: queries.CaseFile) -> tuple[int, str]:
    """Today's week on the timeline: its number and the band it is drawn in."""
    data = timeline_data(file)
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    (week,) = [w for w in data.weeks if w.monday == monday]
    return week.index, next(b.name for b in data.bands if b.contains(week.index))


def test_six_weeks_of_sickness_reach_amstellands_long_absence_band(
    case_base_factory: Any, plugin_registry: Any
) -> None:
    desk, file = _sick_case(case_base_factory, plugin_registry, "amstelland")
    assert file.week == 6  # lesweek 6 of continued absence (Herfstvakantie from 10 October)
    assert _band_today(file) == (6, "Langdurig verzuim (een maand of langer)")
    # The case list counts the same weeks as the header and the timeline.
    assert [row.week for row in queries.case_list(desk)] == [6]


def test_den_haag_keeps_counting_unauthorised_absence_only(
    case_base_factory: Any, plugin_registry: Any
) -> None:
    desk, file = _sick_case(case_base_factory, plugin_registry, "den_haag")
    assert [row.week for row in queries.case_list(desk)] == [file.week]
    assert not file.week  # sick is no verzuim for the national rule: no weeks counted
    assert _band_today(file) == (0, "Preventie")
