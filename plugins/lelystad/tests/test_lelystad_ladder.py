"""Lelystad/Dronten: *Thuiszitten is geen optie* walked end to end on synthetic cases."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from verzuimdesk.testing import (
    CaseState,
    SignalFact,
    Step,
    TransitionError,
    evaluate_ladder,
    walk_ladder,
)

R = "lelystad"
D = dt.date
MELDING = {"ll-melding-thuiszitter": {"leerling": "Noa Visser", "type": "B2a"}}
KRACHT = {
    "ll-kracht-verslag": {
        "datum": "2026-11-02",
        "afspraken": [
            {"afspraak": "Dagdeel onderwijs op De Regenboog", "eigenaar": "school",
             "uiterlijk": "2026-11-09"},
            {"afspraak": "Gesprek ouders over terugkeer", "eigenaar": "lpa",
             "uiterlijk": "2026-11-06"},
        ],
        "termijn": "2026-11-30",
    }
}  # fmt: skip


def _suggested(registry: Any, state: CaseState, today: dt.date) -> list[str]:
    view = evaluate_ladder(registry.ladder(R), state, today=today)
    return [t.stage_id for t in view.suggested]


def test_whole_route_to_doorzettingsmacht_and_back_to_school(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    rules = plugin_registry.deadline_rules(R)
    base = CaseState(
        stage_id="ll-1-school",
        stage_entered_on=D(2026, 9, 7),
        sector="PO",
        signals=[SignalFact("duo-16h", D(2026, 9, 17))],
    )
    assert _suggested(plugin_registry, base, D(2026, 9, 17)) == ["ll-2-otbt"]
    state, view = walk_ladder(ladder, [Step("ll-2-otbt", D(2026, 9, 18))], base=base)
    assert view.in_regie == "school" and "otbt" in view.involved
    assert view.forms == ("ll-scenario",)
    # The plan van aanpak is evaluated every week; the parents are contacted every week.
    assert {d.rule_id: d.due_on for d in view.deadlines} == {
        "ll-pva-evaluatie": D(2026, 9, 25),
        "ll-contact-ouders-2": D(2026, 9, 25),
    }
    state = dataclasses.replace(state, lesweken=5)
    assert _suggested(plugin_registry, state, D(2026, 10, 12)) == ["ll-3-digidoor"]
    state, view = walk_ladder(ladder, [Step("ll-3-digidoor", D(2026, 10, 12))], base=state)
    assert view.forms == ("ll-melding-thuiszitter",)

    # Step 4 (the SWV) only comes after the melding via Digidoor: the form must exist.
    with pytest.raises(TransitionError, match="vul eerst het Meldingsformulier thuiszitter"):
        walk_ladder(ladder, [Step("ll-4-swv", D(2026, 10, 13))], base=state)
    to_swv = next(t for t in view.transitions if t.stage_id == "ll-4-swv")
    assert not to_swv.allowed and to_swv.unmet
    state = dataclasses.replace(state, form_answers=MELDING)
    state, view = walk_ladder(ladder, [Step("ll-4-swv", D(2026, 10, 13))], base=state)
    assert view.in_regie == "begeleider_po"

    # Stagnation needs a toelichting, then doorzettingskracht.
    with pytest.raises(TransitionError, match="toelichting is verplicht"):
        walk_ladder(ladder, [Step("ll-5-kracht", D(2026, 10, 20), "ll-stagneert")], base=state)
    state, view = walk_ladder(
        ladder,
        [Step("ll-5-kracht", D(2026, 10, 20), "ll-stagneert", "school biedt geen plek")],
        base=state,
    )
    assert set(view.involved) == {"ouders", "school", "lpa", "directeur_swv"}
    # Doorzettingsmacht only after the doorzettingskracht overleg was recorded.
    with pytest.raises(TransitionError, match="doorzettingskracht faalt"):
        walk_ladder(
            ladder,
            [Step("ll-6-macht", D(2026, 12, 1), "ll-kracht-faalt", "termijn verstreken")],
            base=state,
        )
    state = dataclasses.replace(state, form_answers={**MELDING, **KRACHT})
    # Each agreement is a deadline with its owner; the overall term is one too.
    _, view = walk_ladder(ladder, [], base=state, region_rules=rules, today=D(2026, 11, 7))
    agreements = [(d.due_on, d.owner, d.overdue) for d in view.deadlines
                  if d.rule_id == "ll-kracht-afspraak"]  # fmt: skip
    assert agreements == [(D(2026, 11, 6), "lpa", True), (D(2026, 11, 9), "school", False)]
    assert any(d.rule_id == "ll-kracht-termijn" and d.due_on == D(2026, 11, 30)
               for d in view.deadlines)  # fmt: skip
    state, view = walk_ladder(
        ladder,
        [Step("ll-6-macht", D(2026, 12, 1), "ll-kracht-faalt", "termijn verstreken zonder plek"),
         Step("ll-8-afgerond", D(2026, 12, 14))],
        base=state,
    )  # fmt: skip
    assert view.can_close
    assert {o.id for o in view.outcomes} >= {"ll-terug-huidige-school", "ll-sbo-so"}
    assert [p.number for p in view.path] == ["1", "2", "3", "4", "5", "6", "8"]


def test_tlv_date_anchors_the_actions_four_weeks_later(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    base = CaseState(stage_id="ll-4-swv", stage_entered_on=D(2026, 10, 13), form_answers=MELDING)
    state, view = walk_ladder(ladder, [Step("ll-7-tlv", D(2026, 10, 20), "ll-tlv")], base=base)
    assert view.forms == ("ll-tlv",)
    state = dataclasses.replace(
        state, form_answers={**MELDING, "ll-tlv": {"afgegeven_op": "2026-10-16"}}
    )
    _, view = walk_ladder(
        ladder, [], base=state, region_rules=plugin_registry.deadline_rules(R),
        today=D(2026, 11, 16),
    )  # fmt: skip
    tlv = {d.rule_id: (d.due_on, d.role_id, d.overdue) for d in view.deadlines
           if d.rule_id.startswith("ll-tlv-")}  # fmt: skip
    assert tlv == {
        "ll-tlv-bellen-oud": (D(2026, 11, 13), "begeleider_po", True),
        "ll-tlv-bellen-nieuw": (D(2026, 11, 13), "begeleider_po", True),
        "ll-tlv-secretariaat": (D(2026, 11, 13), "secretariaat", True),
    }


def test_thuiszitter_deadlines_after_four_weeks_and_three_months(plugin_registry: Any) -> None:
    # Absent since Mon 7 Sep 2026: Digidoor and the registration at the latest after four
    # lesweken (no vacation: Mon 5 Oct); after three months the pupil is B2b (Mon 7 Dec).
    state = CaseState(
        stage_id="ll-3-digidoor", stage_entered_on=D(2026, 10, 5), first_absence_on=D(2026, 9, 7)
    )
    view = evaluate_ladder(plugin_registry.ladder(R), state, today=D(2026, 10, 5))
    due = {d.rule_id: d.due_on for d in view.deadlines}
    assert due["ll-digidoor"] == D(2026, 10, 5)
    assert due["ll-registratie"] == D(2026, 10, 5)
    assert due["ll-b2b"] == D(2026, 12, 7)


def test_dreigende_thuiszitter_suggests_otbt_not_the_thuiszitter_report(
    plugin_registry: Any,
) -> None:
    state = CaseState(
        stage_id="ll-1-school",
        sector="PO",
        signals=[SignalFact("ll-dreigende-thuiszitter", D(2026, 10, 5))],
    )
    assert _suggested(plugin_registry, state, D(2026, 10, 5)) == ["ll-2-otbt"]
    (rule,) = [r for r in plugin_registry.deadline_rules(R) if r.id == "ll-dreigend-melden"]
    assert rule.anchor == "signal:ll-dreigende-thuiszitter"
    assert "begeleider passend onderwijs" in rule.what and "niet als thuiszitter" in rule.what


def test_roles_partners_and_monitoring_list(plugin_registry: Any) -> None:
    roles = {r.id for r in plugin_registry.roles(R)}
    assert {"school", "otbt", "lpa", "jeugdarts", "begeleider_po", "regisseur", "coordinator",
            "secretariaat", "directeur_swv"} <= roles  # fmt: skip
    assert plugin_registry.role(R, "directeur_swv").name == "Directeur SWV (doorzettingsmacht)"
    (mlist,) = plugin_registry.monitoring_lists(R)
    assert {str(g) for g in mlist.groups} == {"b3", "a2", "vierjarig"}
    assert plugin_registry.region(R).sectors == ("PO", "VO")
