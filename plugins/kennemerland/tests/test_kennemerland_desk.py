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
