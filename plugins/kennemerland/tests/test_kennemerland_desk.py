"""Kennemerland on a real desk: what a regisseur sees on a PO and a VO pupil's case."""

from __future__ import annotations

import datetime as dt
from typing import Any

from verzuimdesk.core.desk import Desk
from verzuimdesk.core.services import absences, cases, pupils, queries
from verzuimdesk.core.services.absences import AbsenceEntry

D = dt.date
#: Wed 20 Nov 2024; herfstvakantie noord 2024 is 26 Oct – 3 Nov, none in 7–10 Oct.
TODAY = D(2024, 11, 20)
SPREEKUUR = "Leerling uitnodigen voor het preventief spreekuur"


def _desk(case_base_factory: Any, plugin_registry: Any) -> Desk:
    desk = Desk(case_base_factory("kennemerland"), plugin_registry, user="qa")
    desk.today = TODAY
    return desk


def _case_with_eight_hours(desk: Desk, sector: str) -> Any:
    school = pupils.create_school(
        desk, pupils.SchoolData(name=f"School {sector}", sector=sector, vacation_region="noord")
    )
    pupil = pupils.create_pupil(
        desk, pupils.PupilData("Sam", "de Vries", D(2012, 3, 1), school_id=school)
    )
    # 2 h unauthorised on Mon 7 – Thu 10 Oct 2024: 8 h on Thu 10 Oct.
    days = [D(2024, 10, d) for d in (7, 8, 9, 10)]
    absences.set_absences(desk, pupil, [AbsenceEntry(d, "ongeoorloofd", 2, None) for d in days])
    case_id = cases.open_case(desk, pupil, opened_on=D(2024, 10, 7))
    return queries.case_file(desk, case_id)


def test_po_case_has_no_preventief_spreekuur(case_base_factory: Any, plugin_registry: Any) -> None:
    # Seed 003 §2.5, §3.2.1: the leerplichtambtenaar holds the spreekuur at VO and MBO
    # schools only, so a PO pupil's case shows neither the signal nor the invitation.
    case = _case_with_eight_hours(_desk(case_base_factory, plugin_registry), "PO")
    assert [s.code for s in case.signals if s.code == "preventief-spreekuur"] == []
    assert not [d for d in case.deadlines if d.what.startswith(SPREEKUUR)]


def test_vo_case_shows_preventief_spreekuur(case_base_factory: Any, plugin_registry: Any) -> None:
    case = _case_with_eight_hours(_desk(case_base_factory, plugin_registry), "VO")
    (signal,) = [s for s in case.signals if s.code == "preventief-spreekuur"]
    assert signal.datum == D(2024, 10, 10)
    (deadline,) = [d for d in case.deadlines if d.what.startswith(SPREEKUUR)]
    assert deadline.due_on == D(2024, 10, 11)  # + 1 schooldag


def test_sick_now_and_then_is_no_thuiszitter(case_base_factory: Any, plugin_registry: Any) -> None:
    # A PO pupil sick on five Mondays (2 Sep – 30 Sep 2024) whose case opened on 2 Sep
    # has no weeks of continued (unauthorised) absence on 20 Nov (docs/readings.md); the
    # desk suggests the sickness step, not "thuiszitter melden" or an MDO for long absence:
    # the pupil was never 4 weeks away (seed §2.2.3).
    desk = _desk(case_base_factory, plugin_registry)
    school = pupils.create_school(
        desk, pupils.SchoolData(name="De Zonnewijzer", sector="PO", vacation_region="noord")
    )
    pupil = pupils.create_pupil(
        desk, pupils.PupilData("Pim", "Bakker", D(2016, 4, 2), school_id=school)
    )
    mondays = [D(2024, 9, d) for d in (2, 9, 16, 23, 30)]
    absences.set_absences(desk, pupil, [AbsenceEntry(d, "ziek", 5.5, None) for d in mondays])
    case = queries.case_file(desk, cases.open_case(desk, pupil, opened_on=D(2024, 9, 2)))
    assert case.week is None
    suggested = [t.stage_id for t in case.ladder.suggested]
    assert "ken-04-ziekteverzuim" in suggested
    assert "ken-08-thuiszitter" not in suggested and "ken-07-mdo" not in suggested


def test_four_weeks_away_suggests_thuiszitter(case_base_factory: Any, plugin_registry: Any) -> None:
    # Fully absent (ongeoorloofd, 6 h) every schooldag from Mon 30 Sep 2024: the LRV
    # is due four lesweken later; herfstvakantie noord (28 Oct – 1 Nov) lengthens it.
    desk = _desk(case_base_factory, plugin_registry)
    school = pupils.create_school(
        desk, pupils.SchoolData(name="Coornhert", sector="VO", vacation_region="noord")
    )
    pupil = pupils.create_pupil(
        desk, pupils.PupilData("Vera", "Smit", D(2011, 5, 1), school_id=school)
    )
    days = [D(2024, 9, 30) + dt.timedelta(days=i) for i in range(40)]
    entries = [
        AbsenceEntry(d, "ongeoorloofd", 6, None) for d in absences.school_days(desk, pupil, days)
    ]
    absences.set_absences(desk, pupil, entries)
    case = queries.case_file(desk, cases.open_case(desk, pupil, opened_on=D(2024, 9, 30)))
    assert "duo-lrv" in {s.code for s in case.signals}
    assert "ken-08-thuiszitter" in [t.stage_id for t in case.ladder.suggested]
