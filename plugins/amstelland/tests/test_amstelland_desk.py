"""Amstelland on a real desk: a start per sector, the month-long absence signal, the
melding that drives the ladder and the consent the SWV needs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from verzuimdesk.core.desk import Desk
from verzuimdesk.core.services import absences, case_forms, cases, pupils, queries
from verzuimdesk.core.services.absences import AbsenceEntry
from verzuimdesk.core.services.errors import ValidationError

D = dt.date
TODAY = D(2026, 11, 16)


def _desk(case_base_factory: Any, plugin_registry: Any) -> Desk:
    desk = Desk(case_base_factory("amstelland"), plugin_registry, user="qa")
    desk.today = TODAY
    return desk


def _pupil(desk: Desk, sector: str, municipality: str = "Amstelveen") -> int:
    school = pupils.create_school(
        desk, pupils.SchoolData(name=f"School {sector}", sector=sector, vacation_region="noord")
    )
    birth = D(2016, 4, 2) if sector == "PO" else D(2012, 4, 2)
    return pupils.create_pupil(
        desk,
        pupils.PupilData("Sara", "Jansen", birth, school_id=school, municipality=municipality),
    )


MELDING = {
    "leerling": "Sara Jansen",
    "geboortedatum": D(2012, 4, 2),
    "school": "School VO",
    "kanaal": "regioloket",
    "verzuim_sinds": D(2026, 9, 8),
    "soort_verzuim": ["ziek", "ongeoorloofd"],
    "situatie": "Sinds september niet op school; huisarts betrokken.",
    "soort": "uitgebreid",
}


def test_a_po_case_starts_at_the_po_samenwerkingsverband(
    case_base_factory: Any, plugin_registry: Any
) -> None:
    desk = _desk(case_base_factory, plugin_registry)
    po = queries.case_file(desk, cases.open_case(desk, _pupil(desk, "PO", "Haarlemmermeer")))
    vo = queries.case_file(desk, cases.open_case(desk, _pupil(desk, "VO")))
    assert po.ladder.stage.id == "am-1-po" and vo.ladder.stage.id == "am-1-vo"
    assert "Haarlemmermeer" in po.ladder.variant_note


def test_a_month_of_sickness_is_langdurig_verzuim(
    case_base_factory: Any, plugin_registry: Any
) -> None:
    # Sick every schooldag from Tue 8 Sep 2026 (no vacation before 17 Oct): a month is
    # reached on Thu 8 Oct; the school reports it that day. Sick is no thuiszitter for the
    # national rules, but it is long absence here.
    desk = _desk(case_base_factory, plugin_registry)
    pupil = _pupil(desk, "VO")
    days = [D(2026, 9, 8) + dt.timedelta(days=i) for i in range(33)]
    absences.set_absences(
        desk, pupil, [AbsenceEntry(d, "ziek", 6, None) for d in days if d.weekday() < 5]
    )
    case = queries.case_file(desk, cases.open_case(desk, pupil, opened_on=D(2026, 9, 8)))
    (signal,) = [s for s in case.signals if s.code == "am-langdurig-verzuim"]
    assert signal.datum == D(2026, 10, 8)
    (deadline,) = [d for d in case.deadlines if d.what.startswith("Langdurig verzuim melden")]
    assert deadline.due_on == D(2026, 10, 8) and deadline.role == "School"


def test_saved_melding_drives_the_move_and_consent_is_enforced(
    case_base_factory: Any, plugin_registry: Any
) -> None:
    desk = _desk(case_base_factory, plugin_registry)
    case_id = cases.open_case(desk, _pupil(desk, "VO"), opened_on=D(2026, 11, 2))
    submission = case_forms.save_form(desk, case_id, "am-melding", dict(MELDING))
    case = queries.case_file(desk, case_id)
    regioloket = next(t for t in case.ladder.transitions if t.stage_id == "am-3-regioloket")
    assert regioloket.unmet and "instemming" in regioloket.blocked_reason
    with pytest.raises(ValidationError) as refused:
        cases.move_case(desk, case_id, "am-3-regioloket", reason="uitgebreide melding")
    assert "medeweten en instemming" in refused.value.errors["target"]
    consent = {**MELDING, "instemming": True, "instemming_van": ["ouders", "leerling"],
               "instemming_op": D(2026, 11, 10)}  # fmt: skip
    case_forms.save_form(desk, case_id, "am-melding", consent, submission_id=submission)
    case = queries.case_file(desk, case_id)
    assert [t.stage_id for t in case.ladder.suggested] == ["am-3-regioloket"]
    cases.move_case(desk, case_id, "am-3-regioloket", reason="uitgebreide melding")
    assert queries.case_file(desk, case_id).ladder.in_regie == "regioloket"


def test_hidden_consent_fields_are_not_required_for_a_beperkte_melding(
    case_base_factory: Any, plugin_registry: Any
) -> None:
    desk = _desk(case_base_factory, plugin_registry)
    case_id = cases.open_case(desk, _pupil(desk, "VO"), opened_on=D(2026, 11, 2))
    beperkt = {**MELDING, "soort": "beperkt", "instemming": True}  # stale input from the GUI
    case_forms.save_form(desk, case_id, "am-melding", beperkt)
    cases.move_case(desk, case_id, "am-2-beperkt", reason="beperkte melding")
    # A stale tick on a field that does not apply is not stored.
    with desk.case_base.sessions() as session:
        from verzuimdesk.core.models import FormSubmission

        (stored,) = session.query(FormSubmission).all()
        assert stored.values["instemming"] is None
    with pytest.raises(ValidationError):
        case_forms.save_form(desk, case_id, "am-melding", {**MELDING, "instemming": True})


def test_a_month_of_absence_puts_the_pupil_on_the_quarterly_phone_round(
    case_base_factory: Any, plugin_registry: Any
) -> None:
    """The orthopedagogen's quarterly calls (seed 004) use the desk's round: a pupil with the
    region's own month-long absence signal, without a case, puts the school on the round."""
    from verzuimdesk.core.services.round_planning import propose_round

    settings = plugin_registry.round_settings("amstelland")
    assert "am-langdurig-verzuim" in settings.signal_codes
    assert settings.return_stages == ("am-8-hervat",)
    desk = _desk(case_base_factory, plugin_registry)
    pupil = _pupil(desk, "VO")
    days = [D(2026, 9, 8) + dt.timedelta(days=i) for i in range(33)]  # to Sat 10 Oct
    absences.set_absences(
        desk, pupil, [AbsenceEntry(d, "ziek", 6, None) for d in days if d.weekday() < 5]
    )
    (school,) = [s for s in propose_round(desk, "2026Q4") if s.proposed]
    # The national sick-7-days signal fell in September (2026Q3): only the region's own
    # signal (8 October) puts the pupil on the 2026Q4 round.
    assert school.pupils == 1 and school.reasons == ("1× signaal",)
