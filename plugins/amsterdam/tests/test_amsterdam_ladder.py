"""Amsterdam: from the verzuimgesprek to the doorstroomoverleg, on synthetic cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

from verzuimdesk.core.ladder import CaseState, SignalFact, evaluate_ladder
from verzuimdesk.plugins.api import FieldType
from verzuimdesk.testing import Step, walk_ladder

R = "amsterdam"
D = dt.date
DOORSTROOM = "ams-doorstroomoverleg"


def view_of(registry: Any, state: CaseState, today: dt.date) -> Any:
    return evaluate_ladder(
        registry.ladder(R),
        state,
        today=today,
        checklists=registry.checklists(R),
        region_rules=registry.deadline_rules(R),
        signal_names={s.code: s.name for s in registry.regional_signals(R)},
    )


def test_six_situations_each_with_who_is_in_regie(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    regie = [(s.number, s.name, s.in_regie) for s in ladder.stages]
    assert regie == [
        ("1", "Leerling is op school", "mentor"),
        ("2", "Verzuimgesprek", "zorgcoordinator"),
        ("3", "M@ZL (ziekteverzuim)", "zorgcoordinator"),
        ("4", "Melden in DUO", "lpa"),
        ("5", "Aanhoudend verzuim melden in DUO", "lpa"),
        ("6", "Thuiszitter melden", "zorgcoordinator"),
        ("D", "Doorstroomoverleg thuiszitters", "lpa"),
    ]
    # Opschalen is possible from every situation.
    assert all(DOORSTROOM in s.next_stages for s in ladder.stages if s.id != DOORSTROOM)
    assert ladder.stage(DOORSTROOM).regie_options == ("gezinsmanager",)
    assert {r.id for r in plugin_registry.roles(R)} >= {
        "mentor", "zorgcoordinator", "verzuimcoordinator", "lpa", "oka", "jeugdarts",
        "onderwijsadviseur", "gezinsmanager",
    }  # fmt: skip
    assert {p.id for p in plugin_registry.partners(R)} >= {"ot", "uvo", "lisa", "duo"}
    ot = next(p for p in plugin_registry.partners(R) if p.id == "ot")
    assert ot.role_ids == ("zorgcoordinator", "lpa", "oka", "jeugdarts")


def test_checklists_criteria_risk_factors_advice(plugin_registry: Any) -> None:
    lists = {c.id: c for c in plugin_registry.checklists(R)}
    criteria = lists["ams-doorstroom-criteria"]
    assert [i.text[:2] for i in criteria.items] == ["A.", "B.", "C."]
    assert criteria.min_ticked == 1
    assert len(lists["ams-risicofactoren"].items) == 10
    assert lists["ams-risicofactoren"].kind == "risicofactoren"
    assert len(lists["ams-advies"].items) == 12
    form = plugin_registry.form(R, "ams-doorstroomoverleg")
    fields = {f.id: f for f in form.fields}
    assert fields["criteria"].type is FieldType.MULTICHOICE
    assert [v for v, _ in fields["criteria"].choices] == ["A", "B", "C"]
    assert fields["betrokken_partijen"].type is FieldType.REPEAT
    assert fields["geprobeerd"].required
    assert [v for v, _ in fields["in_regie"].choices] == ["lpa", "gezinsmanager"]


def test_from_verzuimgesprek_to_doorstroomoverleg(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    signals = [SignalFact("verzuimgesprek", D(2026, 9, 14))]
    start = CaseState(stage_id="ams-1-op-school", signals=signals, opened_on=D(2026, 9, 1))
    view = view_of(plugin_registry, start, D(2026, 9, 14))
    assert [t.stage_id for t in view.suggested] == ["ams-2-verzuimgesprek"]
    assert view.suggested[0].reasons == ("6 tot 16 uur verzuim in 4 weken (signaal op 14-09-2026)",)
    # The mentor acts on the verzuimgesprek signal the next schooldag.
    mentor = [d for d in view.deadlines if d.rule_id == "ams-verzuimgesprek-mentor"]
    assert [(d.due_on, d.role_id) for d in mentor] == [(D(2026, 9, 15), "mentor")]

    state, view = walk_ladder(ladder, [Step("ams-2-verzuimgesprek", D(2026, 9, 14))], base=start)
    assert view.in_regie == "zorgcoordinator"
    assert [a.role_id for a in view.actions_todo] == ["mentor", "mentor", "mentor"]

    # 16 hours: DUO report, the leerplichtambtenaar takes regie.
    state = CaseState(
        **{**state.__dict__, "signals": (*signals, SignalFact("duo-16h", D(2026, 9, 25)))}
    )
    assert "ams-4-melden-duo" in [
        t.stage_id for t in view_of(plugin_registry, state, D(2026, 9, 25)).suggested
    ]
    state, view = walk_ladder(ladder, [Step("ams-4-melden-duo", D(2026, 9, 25))], base=state)
    assert view.in_regie == "lpa"
    assert [d.rule_id for d in view.deadlines] == ["ams-overleg-zoco-lpa"]

    # A second 16-hour report: aanhoudend verzuim (every 16 hours a DUO report).
    state = CaseState(
        **{**state.__dict__, "signals": (*state.signals, SignalFact("duo-16h", D(2026, 10, 5)))}
    )
    view = view_of(plugin_registry, state, D(2026, 10, 5))
    assert [t.stage_id for t in view.suggested] == ["ams-5-aanhoudend"]
    state, view = walk_ladder(ladder, [Step("ams-5-aanhoudend", D(2026, 10, 5))], base=state)
    assert set(view.partners) == {"ot", "uvo", "duo"}

    # Criterion B ticked: opschalen to the doorstroomoverleg is suggested.
    state = CaseState(**{**state.__dict__, "checklist_answers": {"ams-crit-b": True}})
    view = view_of(plugin_registry, state, D(2026, 10, 12))
    assert [t.stage_id for t in view.suggested] == [DOORSTROOM]
    assert view.suggested[0].reasons[0].startswith("Criteria doorstroomoverleg thuiszitters: B")
    state, view = walk_ladder(ladder, [Step(DOORSTROOM, D(2026, 10, 12))], base=state)
    assert view.in_regie == "lpa" and view.regie_options == ("gezinsmanager",)
    assert view.forms == ("ams-doorstroomoverleg",)
    assert view.can_close and view.outcomes[0].id == "reguliere-schoolgang"
    assert [p.number for p in view.path] == ["1", "2", "4", "5", "D"]


def test_mazl_on_sickness_and_thuiszitter_after_four_weeks(plugin_registry: Any) -> None:
    sick = CaseState(
        stage_id="ams-1-op-school", signals=[SignalFact("sick-4-in-12", D(2026, 11, 2))]
    )
    assert [t.stage_id for t in view_of(plugin_registry, sick, D(2026, 11, 2)).suggested] == [
        "ams-3-mazl"
    ]
    lrv = CaseState(
        stage_id="ams-4-melden-duo",
        opened_on=D(2026, 9, 1),
        signals=[SignalFact("duo-16h", D(2026, 9, 10)), SignalFact("duo-lrv", D(2026, 10, 6))],
    )
    view = view_of(plugin_registry, lrv, D(2026, 10, 6))
    assert "ams-6-thuiszitter" in [t.stage_id for t in view.suggested]
    lisa = [d for d in view.deadlines if d.rule_id == "ams-lisa-advies"]
    assert [d.due_on for d in lisa] == [D(2026, 10, 6)]
    _, view = walk_ladder(
        plugin_registry.ladder(R), [Step("ams-6-thuiszitter", D(2026, 10, 6))], base=lrv
    )
    assert view.in_regie == "zorgcoordinator"
    assert {a.role_id for a in view.actions_todo} == {
        "verzuimcoordinator",
        "lpa",
        "zorgcoordinator",
    }
