"""Amstelland en de Meerlanden: the melding drives the route, consent is a precondition."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from verzuimdesk.testing import CaseState, Step, TransitionError, evaluate_ladder, walk_ladder

R = "amstelland"
D = dt.date


def melding(soort: str, instemming: bool | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {"soort": soort, "kanaal": "regioloket"}
    if instemming is not None:
        values.update(instemming=instemming, instemming_van=["ouders"],
                      instemming_op="2026-10-12")  # fmt: skip
    return {"am-melding": values}


def suggested(registry: Any, state: CaseState) -> list[str]:
    view = evaluate_ladder(registry.ladder(R), state, today=D(2026, 10, 13))
    return [t.stage_id for t in view.suggested]


def test_a_route_per_sector(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    assert ladder.start_for("PO") == "am-1-po"
    assert ladder.start_for("VO") == "am-1-vo"
    assert ladder.start_for(None) == "am-1-vo"
    po = CaseState(stage_id="am-1-po", sector="PO", municipality="Haarlemmermeer")
    view = evaluate_ladder(ladder, po, today=D(2026, 10, 13))
    assert "Passend Onderwijs Haarlemmermeer" in view.variant_note
    amstelveen = dataclasses.replace(po, municipality="Amstelveen")
    assert "Amstelronde" in evaluate_ladder(ladder, amstelveen, today=D(2026, 10, 13)).variant_note


def test_the_choice_on_the_melding_drives_the_ladder(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    base = CaseState(stage_id="am-1-vo", stage_entered_on=D(2026, 10, 12), sector="VO")
    assert suggested(plugin_registry, base) == []  # no melding yet: nothing to suggest
    beperkt = dataclasses.replace(base, form_answers=melding("beperkt"))
    assert suggested(plugin_registry, beperkt) == ["am-2-beperkt"]
    # The form answered the question: the Regioloket's step is refused, not asked again.
    with pytest.raises(TransitionError, match="alleen actie bij een uitgebreide melding"):
        walk_ladder(ladder, [Step("am-3-regioloket", D(2026, 10, 13))], base=beperkt)
    _, view = walk_ladder(ladder, [Step("am-2-beperkt", D(2026, 10, 13))], base=beperkt)
    assert view.in_regie == "school" and view.involved == ("orthopedagoog",)

    uitgebreid = dataclasses.replace(base, form_answers=melding("uitgebreid", True))
    assert suggested(plugin_registry, uitgebreid) == ["am-3-regioloket"]
    with pytest.raises(TransitionError, match="Monitoring past bij een beperkte melding"):
        walk_ladder(ladder, [Step("am-2-beperkt", D(2026, 10, 13))], base=uitgebreid)


def test_no_step_of_the_swv_without_consent(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    base = CaseState(
        stage_id="am-1-vo", stage_entered_on=D(2026, 10, 12), sector="VO",
        form_answers=melding("uitgebreid", False),
    )  # fmt: skip
    view = evaluate_ladder(ladder, base, today=D(2026, 10, 13))
    regioloket = next(t for t in view.transitions if t.stage_id == "am-3-regioloket")
    assert not regioloket.allowed and regioloket not in view.suggested
    assert "medeweten en instemming" in regioloket.blocked_reason
    with pytest.raises(TransitionError, match="medeweten en instemming"):
        walk_ladder(ladder, [Step("am-3-regioloket", D(2026, 10, 13))], base=base)


def test_uitgebreid_to_doorbraakoverleg_and_back_to_school(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    base = CaseState(
        stage_id="am-1-po", stage_entered_on=D(2026, 10, 12), sector="PO",
        form_answers=melding("uitgebreid", True),
    )  # fmt: skip
    state, view = walk_ladder(
        ladder,
        [Step("am-3-regioloket", D(2026, 10, 13)),
         Step("am-5-doorbraakaanpak", D(2026, 10, 27), "am-doorbraak",
              "proces gestagneerd na MDO")],
        base=base,
    )  # fmt: skip
    assert view.in_regie == "casemanager"
    state, view = walk_ladder(
        ladder, [Step("am-6-doorbraakoverleg", D(2026, 11, 3), "am-overleg")], base=state
    )
    assert set(view.involved) >= {"lpa", "ggd", "hulpverlening"}
    assert view.forms == ("am-doorbraakverslag",)
    answers = {
        **state.form_answers,
        "am-doorbraakverslag": {
            "afspraken": [
                {"actie": "Plek op het Plein-college regelen", "eigenaar": "casemanager",
                 "uiterlijk": "2026-11-10"},
                {"actie": "Intake jeugdhulp", "eigenaar": "hulpverlening",
                 "uiterlijk": "2026-11-05"},
            ]
        },
    }  # fmt: skip
    state = dataclasses.replace(state, form_answers=answers)
    _, view = walk_ladder(
        ladder, [], base=state, region_rules=plugin_registry.deadline_rules(R),
        today=D(2026, 11, 6),
    )  # fmt: skip
    agreements = [(d.what, d.owner, d.due_on, d.overdue) for d in view.deadlines
                  if d.rule_id == "am-afspraak"]  # fmt: skip
    assert agreements == [
        ("Afspraak doorbraakoverleg: Intake jeugdhulp", "hulpverlening", D(2026, 11, 5), True),
        ("Afspraak doorbraakoverleg: Plek op het Plein-college regelen", "casemanager",
         D(2026, 11, 10), False),
    ]  # fmt: skip
    _, view = walk_ladder(ladder, [Step("am-8-hervat", D(2026, 11, 23))], base=state)
    assert view.can_close
    assert [p.number for p in view.path] == ["1a", "3", "5", "6", "8"]
