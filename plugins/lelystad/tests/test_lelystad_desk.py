"""Lelystad on a real desk: the dreigende thuiszitter, the preconditions, form-anchored
deadlines and the SWV's list of pupils without absence records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from verzuimdesk.core.desk import Desk
from verzuimdesk.core.services import absences, case_forms, cases, monitoring, pupils, queries
from verzuimdesk.core.services.absences import AbsenceEntry
from verzuimdesk.core.services.errors import ValidationError
from verzuimdesk.core.services.legal_data import EnrolmentData, ExemptionData

D = dt.date
#: Mon 16 Nov 2026; herfstvakantie noord 2026: 17–25 Oct.
TODAY = D(2026, 11, 16)


def _desk(case_base_factory: Any, plugin_registry: Any) -> Desk:
    desk = Desk(case_base_factory("lelystad"), plugin_registry, user="qa")
    desk.today = TODAY
    return desk


BIRTH = D(2016, 3, 1)


def _pupil(desk: Desk, first: str = "Noa", birth: dt.date = BIRTH) -> tuple[int, int]:
    school = pupils.create_school(
        desk, pupils.SchoolData(name="De Regenboog", sector="PO", vacation_region="noord")
    )
    pupil = pupils.create_pupil(
        desk, pupils.PupilData(first, "Visser", birth, school_id=school, municipality="Lelystad")
    )
    return school, pupil


def test_long_sickness_goes_to_the_begeleider_not_to_leerplicht(
    case_base_factory: Any, plugin_registry: Any
) -> None:
    # Sick every schooldag from Mon 7 Sep 2026: the fourth lesweek after the first is the
    # week of Mon 5 Oct. No thuiszitter signal (sick is geoorloofd); the deadline is the
    # school's report to the begeleider passend onderwijs.
    desk = _desk(case_base_factory, plugin_registry)
    _, pupil = _pupil(desk)
    days = [D(2026, 9, 7) + dt.timedelta(days=i) for i in range(40)]
    entries = [AbsenceEntry(d, "ziek", 5.5, None) for d in absences.school_days(desk, pupil, days)]
    absences.set_absences(desk, pupil, entries)
    case = queries.case_file(desk, cases.open_case(desk, pupil, opened_on=D(2026, 9, 7)))
    codes = {s.code for s in case.signals}
    assert "ll-dreigende-thuiszitter" in codes
    assert not codes & {"thuiszitter-b2a", "thuiszitter-b2b", "duo-lrv"}
    (signal,) = [s for s in case.signals if s.code == "ll-dreigende-thuiszitter"]
    assert signal.datum == D(2026, 10, 5)
    (deadline,) = [d for d in case.deadlines if "begeleider passend onderwijs" in d.what]
    assert deadline.role == "School (casuscoördinator)" and deadline.due_on == D(2026, 10, 5)
    suggested = [t.stage_id for t in case.ladder.suggested]
    assert "ll-2-otbt" in suggested and "ll-3-digidoor" not in suggested


def test_swv_step_refused_until_the_melding_is_saved(
    case_base_factory: Any, plugin_registry: Any
) -> None:
    desk = _desk(case_base_factory, plugin_registry)
    _, pupil = _pupil(desk)
    case_id = cases.open_case(desk, pupil, opened_on=D(2026, 10, 1))
    cases.move_case(desk, case_id, "ll-3-digidoor", reason="vier weken thuis", on=D(2026, 10, 2))
    with pytest.raises(ValidationError) as refused:
        cases.move_case(desk, case_id, "ll-4-swv", reason="melding gedaan", on=D(2026, 10, 5))
    assert "Meldingsformulier thuiszitter" in refused.value.errors["target"]
    case_forms.save_form(
        desk,
        case_id,
        "ll-melding-thuiszitter",
        {
            "leerling": "Noa Visser",
            "geboortedatum": D(2016, 3, 1),
            "school": "De Regenboog",
            "contactpersoon": "J. de Boer",
            "datum_verzuim": D(2026, 9, 7),
            "type": "B2a",
            "reden": "Angst om naar school te gaan.",
            "partijen": [{"organisatie": "GGD Flevoland", "contactpersoon": "dr. Smit"}],
            "acties": "Scenario's besproken in het OT.",
        },
    )
    cases.move_case(desk, case_id, "ll-4-swv", reason="melding gedaan", on=D(2026, 10, 5))
    assert queries.case_file(desk, case_id).ladder.stage.id == "ll-4-swv"


def test_tlv_and_agreement_dates_become_deadlines_with_owners(
    case_base_factory: Any, plugin_registry: Any
) -> None:
    desk = _desk(case_base_factory, plugin_registry)
    _, pupil = _pupil(desk)
    case_id = cases.open_case(desk, pupil, opened_on=D(2026, 10, 1))
    case_forms.save_form(
        desk, case_id, "ll-tlv",
        {"leerling": "Noa Visser", "school": "De Regenboog", "afgegeven_op": D(2026, 10, 16),
         "nieuwe_school": "SBO De Brug"},
    )  # fmt: skip
    form_id = case_forms.save_form(
        desk, case_id, "ll-kracht-verslag",
        {"leerling": "Noa Visser", "school": "De Regenboog", "datum": D(2026, 11, 2),
         "deelnemers": ["ouders", "school", "lpa", "swv"], "uitkomst": "school",
         "afspraken": [{"afspraak": "Dagdeel onderwijs", "eigenaar": "school",
                        "uiterlijk": D(2026, 11, 9)},
                       {"afspraak": "Huisbezoek", "eigenaar": "lpa",
                        "uiterlijk": D(2026, 11, 6)}],
         "termijn": D(2026, 11, 30)},
    )  # fmt: skip
    deadlines = {(d.what, d.role, d.due_on) for d in queries.case_file(desk, case_id).deadlines}
    assert ("4 weken na afgifte TLV: datum plaatsing invoeren", "Secretariaat SWV",
            D(2026, 11, 13)) in deadlines  # fmt: skip
    assert ("Afspraak doorzettingskracht: Huisbezoek", "Leerplichtambtenaar",
            D(2026, 11, 6)) in deadlines  # fmt: skip
    assert ("Afspraak doorzettingskracht: Dagdeel onderwijs", "School (casuscoördinator)",
            D(2026, 11, 9)) in deadlines  # fmt: skip
    # Saving the report again with one agreement moved and one dropped keeps them in step.
    case_forms.save_form(
        desk, case_id, "ll-kracht-verslag",
        {"leerling": "Noa Visser", "school": "De Regenboog", "datum": D(2026, 11, 2),
         "deelnemers": ["ouders", "school", "lpa", "swv"], "uitkomst": "school",
         "afspraken": [{"afspraak": "Dagdeel onderwijs", "eigenaar": "school",
                        "uiterlijk": D(2026, 11, 12)}],
         "termijn": D(2026, 11, 30)},
        submission_id=form_id,
    )  # fmt: skip
    agreements = [
        (d.what, d.due_on)
        for d in queries.case_file(desk, case_id).deadlines
        if d.what.startswith("Afspraak doorzettingskracht")
    ]
    assert agreements == [("Afspraak doorzettingskracht: Dagdeel onderwijs", D(2026, 11, 12))]


def test_quarterly_list_of_pupils_without_absence_records(
    case_base_factory: Any, plugin_registry: Any
) -> None:
    desk = _desk(case_base_factory, plugin_registry)
    school, enrolled = _pupil(desk, "Sam")
    four = pupils.create_pupil(desk, pupils.PupilData("Lina", "Bos", D(2022, 5, 1)))
    four_enrolled = pupils.create_pupil(
        desk, pupils.PupilData("Mo", "Kok", D(2022, 6, 1), school_id=school)
    )
    exempt = pupils.create_pupil(desk, pupils.PupilData("Eva", "Dijk", D(2014, 2, 1)))
    pupils_b3 = pupils.create_pupil(desk, pupils.PupilData("Tim", "Mol", D(2013, 1, 10)))
    from verzuimdesk.core.services import legal_data

    legal_data.set_exemptions(desk, exempt, [ExemptionData("5a", D(2025, 8, 1))])
    legal_data.set_enrolments(
        desk, pupils_b3, [EnrolmentData(school, D(2018, 2, 1), D(2026, 6, 30))]
    )
    mlist, rows = monitoring.monitoring_list(desk, "ll-kwartaallijst")
    assert mlist.role_id == "begeleider_po"
    listed = {(r.name, r.category, r.group) for r in rows}
    assert listed == {
        ("Tim Mol", "B3", "b3"),
        ("Eva Dijk", "A2a", "a2"),
        ("Lina Bos", "", "vierjarig"),
    }
    assert [r.name for r in rows] == ["Tim Mol", "Eva Dijk", "Lina Bos"]  # the list's order
    assert enrolled not in {r.pupil_id for r in rows}
    assert four_enrolled not in {r.pupil_id for r in rows} and four in {r.pupil_id for r in rows}
