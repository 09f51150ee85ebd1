"""Den Haag: the routeboek's ladder walked end to end on synthetic cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from verzuimdesk.core.ladder import (
    CaseState,
    SignalFact,
    TransitionError,
    band_for_week,
    evaluate_ladder,
)
from verzuimdesk.plugins.api import FieldType
from verzuimdesk.testing import Step, walk_ladder

R = "den_haag"
D = dt.date


def suggested(view: Any) -> list[str]:
    return [t.stage_id for t in view.suggested]


def test_whole_route_is_registered(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    assert [s.number for s in ladder.stages] == [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10a", "10b", "11", "12",
    ]  # fmt: skip
    assert [b.name for b in plugin_registry.bands(R)] == [
        "Preventie",
        "Verzuim (week 1–4)",
        "Thuiszittersproces (week 5–12)",
        "Doorbraakproces (vanaf week 13)",
    ]
    roles = {r.id for r in plugin_registry.roles(R)}
    assert {"copa", "consulent", "lp", "smw", "cjg_jgz", "jeugdteam_jgz", "jeugdconsulent_jgz",
            "regisseur_jmo", "zorgcoordinator", "directeur_jeugd",
            "directeur_swvzhw"} <= roles  # fmt: skip
    partners = {p.id for p in plugin_registry.partners(R)}
    assert {"jes", "expertisetafel", "mwta", "opdc", "vso", "analysetafel",
            "doorbraaktafel"} <= partners  # fmt: skip
    passend = ladder.stage("dh-08-passend-aanbod")
    assert [o.name for o in passend.outcomes] == [
        "Volledig onderwijsaanbod",
        "Onderwijs in combinatie met behandeling",
        "Combinatie van jeugdhulp en onderwijs",
        "Vrijstelling van onderwijs",
    ]
    assert all(s.source.startswith("Routeboek") for s in ladder.stages)


def test_forms_use_every_field_type(plugin_registry: Any) -> None:
    forms = {f.id: f for f in plugin_registry.forms(R)}
    assert {"duo-melding", "dh-aanmelding-jes", "dh-aanmelding-expertisetafel",
            "dh-doorbraaktafel"} <= set(forms)  # fmt: skip
    types = {f.type for form in forms.values() for f in form.fields}
    assert types == set(FieldType)
    besluit = next(f for f in forms["dh-doorbraaktafel"].fields if f.id == "besluit")
    assert [v for v, _ in besluit.choices] == ["toegekend", "afgewezen"]
    jes = {f.id: f for f in forms["dh-aanmelding-jes"].fields}
    assert jes["betrokken_partijen"].type is FieldType.REPEAT
    assert jes["leerling"].prefill == "pupil.full_name"
    assert jes["eerste_verzuimdag"].prefill == "case.first_absence_on"


def test_case_that_stops_at_step_4(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    signals = [SignalFact("duo-16h", D(2026, 9, 24))]
    start = CaseState(
        stage_id="dh-01-school",
        stage_entered_on=D(2026, 9, 1),
        signals=signals,
        municipality="Den Haag",
        lesweken=4,
    )
    view = evaluate_ladder(ladder, start, today=D(2026, 9, 25))
    assert suggested(view) == ["dh-02-verzuim"]
    reasons = view.transitions[0].reasons
    assert "Ten minste 16 uur in 4 weken: wettelijke meldplicht (signaal op 24-09-2026)" in reasons

    state, view = walk_ladder(
        ladder,
        [Step("dh-02-verzuim", D(2026, 9, 25)), Step("dh-03-gesprek", D(2026, 9, 28))],
        base=start,
    )
    assert view.in_regie == "zorgcoordinator" and view.involved == ("smw",)
    with pytest.raises(TransitionError, match="Kies een besluit"):
        walk_ladder(ladder, [Step("dh-04-verzuim-stopt", D(2026, 10, 2))], base=state)
    state, view = walk_ladder(
        ladder,
        [Step("dh-04-verzuim-stopt", D(2026, 10, 2), decision="verzuim-gestopt")],
        base=state,
    )
    assert view.stage.number == "4"
    assert [p.number for p in view.path] == ["1", "2", "3", "4"]
    assert view.can_close and [o.id for o in view.outcomes] == ["verzuim-gestopt"]
    assert [a.id for a in view.actions_todo] == ["dh4-vastleggen"]


def test_case_that_reaches_the_doorbraaktafel(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    base = CaseState(stage_id="dh-01-school", municipality="Den Haag", lesweken=13)
    state, view = walk_ladder(
        ladder,
        [
            Step("dh-02-verzuim", D(2026, 9, 14)),
            Step("dh-03-gesprek", D(2026, 9, 21)),
            Step("dh-05-jes", D(2026, 10, 5), decision="verzuim-houdt-aan"),
        ],
        base=base,
    )
    assert view.involved == ("copa", "consulent", "lp", "smw", "cjg_jgz")
    assert [d.rule_id for d in view.deadlines] == ["dh-pva-evaluatie"]
    assert view.deadlines[0].due_on == D(2026, 10, 12)
    # Week 13: the doorbraakproces begins, step 9 is suggested.
    assert "dh-09-casus-loopt-vast" in suggested(view)
    state, view = walk_ladder(
        ladder, [Step("dh-09-casus-loopt-vast", D(2026, 12, 7), "casus-loopt-vast")], base=state
    )
    assert {t.stage_id: [d.id for d in t.decisions] for t in view.transitions} == {
        "dh-10a-expertisetafel": ["jeugdhulp-dominant"],
        "dh-10b-maatwerkadvies": ["onderwijsvraag-dominant"],
    }
    with pytest.raises(TransitionError, match="gaat de casus naar stap 10a, niet naar stap 10b"):
        walk_ladder(
            ladder,
            [Step("dh-10b-maatwerkadvies", D(2026, 12, 14), decision="jeugdhulp-dominant")],
            base=state,
        )
    state, view = walk_ladder(
        ladder,
        [
            Step("dh-10a-expertisetafel", D(2026, 12, 14), decision="jeugdhulp-dominant"),
            Step("dh-11-analysetafel", D(2027, 1, 11), "jeugdhulp-niet-ingekocht"),
            Step("dh-12-doorbraaktafel", D(2027, 2, 1), "naar-doorbraaktafel"),
        ],
        base=state,
    )
    assert view.stage.name == "Doorbraaktafel"
    assert view.in_regie == "directeur_jeugd"
    assert "directeur_swvzhw" in view.involved
    assert [p.number for p in view.path] == ["1", "2", "3", "5", "9", "10a", "11", "12"]
    assert view.path[4].decision == "jeugdhulp-dominant"
    with pytest.raises(TransitionError, match="toelichting is verplicht"):
        walk_ladder(ladder, [Step("dh-08-passend-aanbod", D(2027, 2, 8), "toegekend")], base=state)
    with pytest.raises(TransitionError, match="gaat de casus naar stap 8"):
        walk_ladder(ladder, [Step("dh-05-jes", D(2027, 2, 8), "toegekend", "x")], base=state)
    _, view = walk_ladder(
        ladder,
        [Step("dh-08-passend-aanbod", D(2027, 2, 8), "toegekend", "Maatwerkplek bekostigd")],
        base=state,
    )
    assert view.can_close and len(view.outcomes) == 4
    # Refused: the case goes back to the JES.
    _, view = walk_ladder(
        ladder, [Step("dh-05-jes", D(2027, 2, 8), "afgewezen", "Geen grond")], base=state
    )
    assert view.stage.number == "5"


def test_maatwerkadvies_branch_opdc_vso_other(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    at_10b = CaseState(stage_id="dh-10b-maatwerkadvies", stage_entered_on=D(2026, 12, 14))
    labels = [d.label for d in ladder.stage("dh-10b-maatwerkadvies").decision_defs()]
    assert labels[:3] == [
        "Advies: verwijzing naar het OPDC",
        "Advies: verwijzing naar het VSO",
        "Advies: een andere oplossing",
    ]
    _, view = walk_ladder(
        ladder, [Step("dh-08-passend-aanbod", D(2027, 1, 4), "advies-opdc")], base=at_10b
    )
    assert view.stage.number == "8"
    _, view = walk_ladder(
        ladder,
        [Step("dh-12-doorbraaktafel", D(2027, 1, 4), "geen-oplossing", "OPDC vol")],
        base=at_10b,
    )
    assert view.stage.number == "12"


@pytest.mark.parametrize(
    ("municipality", "talk_regie", "jgz", "table"),
    [
        ("Den Haag", "zorgcoordinator", "cjg_jgz", "directeur_jeugd"),
        ("Rijswijk", "lp", "jeugdteam_jgz", "directeur_sociaal_domein"),
        ("Leidschendam-Voorburg", "lp", "jeugdconsulent_jgz", "directeur_sociaal_domein"),
    ],
)
def test_municipality_variants(
    plugin_registry: Any, municipality: str, talk_regie: str, jgz: str, table: str
) -> None:
    ladder = plugin_registry.ladder(R)

    def at(stage_id: str) -> Any:
        return evaluate_ladder(ladder, CaseState(stage_id=stage_id, municipality=municipality))

    talk = at("dh-03-gesprek")
    assert talk.in_regie == talk_regie
    if talk_regie == "lp":
        assert "Leerplicht" in talk.variant_note
    assert jgz in at("dh-01-school").involved
    assert jgz in at("dh-05-jes").involved
    assert at("dh-12-doorbraaktafel").in_regie == table


def test_bands_follow_the_weeks(plugin_registry: Any) -> None:
    bands = plugin_registry.bands(R)
    assert [band_for_week(bands, w).id for w in (0, 1, 4, 5, 12, 13, 30)] == [
        "preventie", "verzuim", "verzuim", "thuiszittersproces", "thuiszittersproces",
        "doorbraakproces", "doorbraakproces",
    ]  # fmt: skip


def test_stuck_case_criteria_suggest_step_9(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    state = CaseState(
        stage_id="dh-05-jes",
        lesweken=8,
        checklist_answers={"dh-vast-niet-terug": True, "dh-vast-meerdere-jes": True},
    )
    view = evaluate_ladder(ladder, state, checklists=plugin_registry.checklists(R))
    assert suggested(view) == ["dh-09-casus-loopt-vast"]
    one = CaseState(stage_id="dh-05-jes", lesweken=8, checklist_answers={"dh-vast-niet-terug": 1})
    assert suggested(evaluate_ladder(ladder, one, checklists=plugin_registry.checklists(R))) == []


def test_case_base_for_the_region(case_base_factory: Any) -> None:
    case_base = case_base_factory(R)
    assert case_base.region_id == R
