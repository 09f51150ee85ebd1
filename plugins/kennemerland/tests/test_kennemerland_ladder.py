"""Kennemerland: the MAS route for PO and VO, walked on synthetic cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from verzuimdesk.core.ladder import CaseState, SignalFact, TransitionError, evaluate_ladder
from verzuimdesk.testing import Step, walk_ladder

R = "kennemerland"
D = dt.date
SICK = "ken-04-ziekteverzuim"
TODAY = D(2026, 12, 1)


def suggested(registry: Any, state: CaseState, today: dt.date = TODAY) -> list[str]:
    view = evaluate_ladder(
        registry.ladder(R), state, today=today, checklists=registry.checklists(R)
    )
    return [t.stage_id for t in view.suggested]


@pytest.mark.parametrize(
    ("sector", "code", "expected"),
    [
        ("PO", "sick-po-5-reports", True),
        ("PO", "sick-po-10-days", True),
        ("PO", "sick-7-days", False),
        ("PO", "sick-4-in-12", False),
        ("VO", "sick-7-days", True),
        ("VO", "sick-4-in-12", True),
        ("VO", "sick-po-10-days", False),
        ("MBO", "sick-4-in-12", True),
    ],
)
def test_po_and_vo_sickness_thresholds(
    plugin_registry: Any, sector: str, code: str, expected: bool
) -> None:
    state = CaseState(
        stage_id="ken-01-signalering", sector=sector, signals=[SignalFact(code, D(2026, 11, 9))]
    )
    assert (SICK in suggested(plugin_registry, state)) is expected


def test_po_reason_names_the_po_threshold(plugin_registry: Any) -> None:
    state = CaseState(
        stage_id="ken-01-signalering",
        sector="PO",
        signals=[SignalFact("sick-po-10-days", D(2026, 11, 9))],
    )
    view = evaluate_ladder(plugin_registry.ladder(R), state, today=D(2026, 11, 9))
    sick = next(t for t in view.transitions if t.stage_id == SICK)
    assert sick.reasons == ("PO: 10e schooldag ziek dit schooljaar (signaal op 09-11-2026)",)


def test_preventief_spreekuur_is_for_vo_and_mbo(plugin_registry: Any) -> None:
    signal = [SignalFact("preventief-spreekuur", D(2026, 10, 1))]
    vo = CaseState(stage_id="ken-01-signalering", sector="VO", signals=signal)
    po = CaseState(stage_id="ken-01-signalering", sector="PO", signals=signal)
    assert "ken-03-spreekuur" in suggested(plugin_registry, vo)
    assert "ken-03-spreekuur" not in suggested(plugin_registry, po)
    with pytest.raises(TransitionError, match="geldt alleen voor VO/MBO"):
        walk_ladder(plugin_registry.ladder(R), [Step("ken-03-spreekuur", D(2026, 10, 2))], base=po)
    rules = {r.id: r for r in plugin_registry.deadline_rules(R)}
    assert rules["ken-spreekuur-duo-overig"].anchor == "signal:preventief-spreekuur"


def test_sick_pupil_to_jeugdarts_and_mdo(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    base = CaseState(
        stage_id="ken-01-signalering",
        sector="VO",
        signals=[SignalFact("sick-7-days", D(2026, 11, 9))],
    )
    state, view = walk_ladder(
        ladder,
        [Step(SICK, D(2026, 11, 9)), Step("ken-05-jeugdarts", D(2026, 11, 12))],
        base=base,
    )
    assert view.in_regie == "jeugdarts" and view.involved == ("zorgcoordinator",)
    _, view = walk_ladder(ladder, [Step("ken-07-mdo", D(2026, 11, 26))], base=state)
    assert view.in_regie == "zorgcoordinator"
    assert set(view.regie_options) == {"lpa", "jeugdarts", "cjg_coach", "consulent"}
    assert view.forms == ("ken-mdo-verslag",)
    mdo = {f.id: f for f in plugin_registry.form(R, "ken-mdo-verslag").fields}
    assert {"regiehouder", "doelen", "tijdpad", "vervolg", "aanwezigen"} <= set(mdo)


def test_lpa_route_halt_once_from_12_then_proces_verbaal(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    base = CaseState(
        stage_id="ken-01-signalering",
        sector="VO",
        pupil_age=13,
        signals=[SignalFact("duo-16h", D(2026, 10, 8))],
    )
    assert "ken-06-lpa-onderzoek" in suggested(plugin_registry, base)
    state, view = walk_ladder(ladder, [Step("ken-06-lpa-onderzoek", D(2026, 10, 9))], base=base)
    assert view.in_regie == "lpa"
    options = {t.stage_id for t in view.transitions}
    assert {"ken-09-cjg", "ken-10-beschermingstafel", "ken-11-halt",
            "ken-13-proces-verbaal"} <= options  # fmt: skip
    young = CaseState(**{**state.__dict__, "pupil_age": 11})
    with pytest.raises(TransitionError, match="kan pas vanaf 12 jaar"):
        walk_ladder(ladder, [Step("ken-11-halt", D(2026, 11, 2), "verzuim-houdt-aan")], base=young)
    state, view = walk_ladder(
        ladder,
        [Step("ken-11-halt", D(2026, 11, 2), "verzuim-houdt-aan"),
         Step("ken-06-lpa-onderzoek", D(2026, 12, 1), "halt-positief")],
        base=state,
    )  # fmt: skip
    halt = next(t for t in view.transitions if t.stage_id == "ken-11-halt")
    assert not halt.allowed and "maar één keer" in halt.blocked_reason
    # A second time around HALT is refused; a negative HALT outcome leads to proces-verbaal.
    with pytest.raises(TransitionError, match="maar één keer"):
        walk_ladder(ladder, [Step("ken-11-halt", D(2027, 1, 11), "verzuim-houdt-aan")], base=state)
    first_halt = CaseState(stage_id="ken-11-halt", sector="VO", pupil_age=13)
    _, view = walk_ladder(
        ladder, [Step("ken-13-proces-verbaal", D(2027, 1, 11), "halt-negatief")], base=first_halt
    )
    assert view.can_close and view.outcomes[0].id == "proces-verbaal"


def test_thuiszitter_after_four_weeks_report_and_mdo(plugin_registry: Any) -> None:
    ladder = plugin_registry.ladder(R)
    base = CaseState(
        stage_id="ken-01-signalering",
        sector="PO",
        lesweken=5,
        opened_on=D(2026, 9, 1),
        signals=[SignalFact("duo-lrv", D(2026, 10, 6))],
    )
    assert "ken-08-thuiszitter" in suggested(plugin_registry, base)
    state, view = walk_ladder(ladder, [Step("ken-08-thuiszitter", D(2026, 10, 6))], base=base)
    view = evaluate_ladder(
        ladder, state, today=D(2026, 10, 7), region_rules=plugin_registry.deadline_rules(R)
    )
    report = [d for d in view.deadlines if d.rule_id == "ken-thuiszitter-melden"]
    assert [(d.due_on, d.overdue) for d in report] == [(D(2026, 10, 6), True)]
    assert "ken-thuiszitter-melding" in view.forms
    assert [t.stage_id for t in view.suggested] == ["ken-07-mdo"]
    form = {f.id: f for f in plugin_registry.form(R, "ken-thuiszitter-melding").fields}
    assert [v for v, _ in form["gemeld_aan"].choices] == ["leerplicht", "swv"]
    state, view = walk_ladder(ladder, [Step("ken-07-mdo", D(2026, 10, 13))], base=state)
    assert [d.rule_id for d in view.deadlines] == ["ken-mdo-voortgang"]
    _, view = walk_ladder(ladder, [Step("ken-12-schoolgang-hersteld", D(2026, 12, 1))], base=state)
    assert view.can_close
    assert [p.number for p in view.path] == ["1", "8", "7", "12"]


def test_roles_of_the_handreiking(plugin_registry: Any) -> None:
    roles = {r.id for r in plugin_registry.roles(R)}
    assert {"verzuimcoordinator", "mentor", "zorgcoordinator", "lpa", "cjg_coach", "jeugdarts",
            "consulent"} <= roles  # fmt: skip
