"""The ladder evaluator on a small synthetic ladder, every rule with hand-computed dates."""

from __future__ import annotations

import datetime as dt

import pytest

from verzuimdesk.core.ladder import (
    CaseState,
    EventFact,
    LadderError,
    SignalFact,
    TransitionError,
    band_for_week,
    check_transition,
    due_date,
    evaluate_ladder,
    lesweken_since,
    ticked_items,
    validate_transition,
)
from verzuimdesk.plugins.api import (
    Checklist,
    ChecklistItem,
    DeadlineRule,
    Decision,
    Ladder,
    Outcome,
    PhaseBand,
    Sector,
    Stage,
    StageVariant,
    Trigger,
    TriggerKind,
)
from verzuimdesk.testing import SimpleCalendar

R = "test"
D = dt.date

CRITERIA = Checklist(
    "crit",
    R,
    "Criteria",
    (ChecklistItem("a", "A. Zorgmelding zonder effect."), ChecklistItem("b", "B. Stagnatie.")),
)

LADDER = Ladder(
    R,
    (
        Stage(
            "s1",
            "1",
            "Start",
            "v",
            "mentor",
            next_stages=("s2", "s3", "esc"),
            actions=(
                ChecklistItem("bel", "Ouders bellen", "mentor"),
                ChecklistItem("dossier", "Dossier", "mentor", required=False),
                ChecklistItem("mail", "Mail sturen", "mentor"),
            ),
            deadlines=(
                DeadlineRule("s1-bellen", R, "Bellen", "mentor", schooldays=2),
                DeadlineRule("s1-pva", R, "PvA evalueren", "mentor", days=7, recurring_days=7),
            ),
        ),
        Stage(
            "s2",
            "2",
            "Gesprek",
            "v",
            "zoco",
            involved=("mentor",),
            variants=(
                StageVariant(("Rijswijk", "Leidschendam-Voorburg"), in_regie="lpa", note="LP"),
            ),
            entry_triggers=(
                Trigger(TriggerKind.SIGNAL, "duo-16h"),
                Trigger(TriggerKind.LESWEKEN, weeks=5),
            ),
            next_stages=("s3", "end"),
            decisions=(
                Decision("gestopt", "Verzuim gestopt", next_stages=("end",)),
                Decision("houdt-aan", "Verzuim houdt aan", next_stages=("s3",)),
            ),
        ),
        Stage(
            "s3",
            "3",
            "Aanhoudend",
            "v",
            "lpa",
            entry_triggers=(
                Trigger(TriggerKind.SIGNAL, "duo-16h", count=2, reason="Opnieuw 16 uur"),
                Trigger(TriggerKind.SIGNAL, "sick-po-10-days", sectors=(Sector.PO,)),
                Trigger(TriggerKind.DECISION, "houdt-aan"),
            ),
            next_stages=("halt", "end"),
            deadlines=(DeadlineRule("s3-lesweek", R, "Evalueren", "lpa", weeks=2),),
        ),
        Stage(
            "halt",
            "4",
            "HALT",
            "v",
            "lpa",
            min_age=12,
            max_visits=1,
            next_stages=("s3",),
            sectors=(Sector.VO,),
        ),
        Stage(
            "esc",
            "E",
            "Opschalen",
            "v",
            "lpa",
            regie_options=("gm", "lpa"),
            entry_triggers=(Trigger(TriggerKind.CRITERION, "crit"),),
            next_stages=("end",),
            outcomes=(Outcome("terug", "Terug naar school"),),
        ),
        Stage(
            "end",
            "5",
            "Einde",
            "v",
            "zoco",
            final=True,
            outcomes=(Outcome("klaar", "Klaar"),),
            entry_triggers=(Trigger(TriggerKind.CRITERION, "b"),),
            decisions=(Decision("ok", "Akkoord", note_required=True),),
        ),
    ),
    "s1",
)


def state(**kw: object) -> CaseState:
    base: dict[str, object] = {"stage_id": "s1", "stage_entered_on": D(2026, 9, 7)}
    base.update(kw)
    return CaseState(**base)  # type: ignore[arg-type]


def by_id(view: object) -> dict[str, object]:
    return {t.stage_id: t for t in view.transitions}  # type: ignore[attr-defined]


def test_start_stage_view() -> None:
    view = evaluate_ladder(LADDER, state(actions_done=["bel"]), today=D(2026, 9, 8))
    assert view.stage.id == "s1"
    assert [p.stage_id for p in view.path] == ["s1"]
    assert view.stages_done == ()
    assert view.in_regie == "mentor"
    # Optional actions are not "to do"; done ones are listed as done.
    assert [a.id for a in view.actions_todo] == ["mail"]
    assert [a.id for a in view.actions_done] == ["bel"]
    assert view.can_close is False
    assert "5 Einde" in view.close_reason and "E Opschalen" in view.close_reason
    assert not view.suggested


def test_signal_and_lesweken_triggers_suggest_with_dutch_reasons() -> None:
    s = state(signals=[SignalFact("duo-16h", D(2026, 9, 15))])
    view = evaluate_ladder(LADDER, s, today=D(2026, 9, 16))
    t = by_id(view)["s2"]
    assert t.suggested and t.allowed
    assert t.reasons == (
        "Signaal DUO-melding 16 uur ongeoorloofd verzuim in 4 lesweken op 15-09-2026",
    )
    assert view.transitions[0].stage_id == "s2"  # suggested first
    # A signal after 'today' does not count yet.
    assert not by_id(evaluate_ladder(LADDER, s, today=D(2026, 9, 14)))["s2"].suggested
    view = evaluate_ladder(LADDER, state(lesweken=5), today=D(2026, 10, 5))
    assert by_id(view)["s2"].reasons == ("Lesweek 5 van aanhoudend verzuim (vanaf week 5)",)
    assert not by_id(evaluate_ladder(LADDER, state(lesweken=4), today=D(2026, 10, 5)))[
        "s2"
    ].suggested


def test_signal_count_sector_and_decision_triggers() -> None:
    one = [SignalFact("duo-16h", D(2026, 9, 15))]
    two = [*one, SignalFact("duo-16h", D(2026, 9, 29))]
    at_s2 = {"stage_id": "s2", "stage_entered_on": D(2026, 9, 16)}
    assert not by_id(evaluate_ladder(LADDER, state(**at_s2, signals=one)))["s3"].suggested
    view = evaluate_ladder(LADDER, state(**at_s2, signals=two), today=D(2026, 9, 30))
    assert by_id(view)["s3"].reasons == ("Opnieuw 16 uur (signaal op 29-09-2026)",)
    sick = [SignalFact("sick-po-10-days", D(2026, 9, 20))]
    assert by_id(evaluate_ladder(LADDER, state(**at_s2, signals=sick, sector="PO")))["s3"].suggested
    assert not by_id(evaluate_ladder(LADDER, state(**at_s2, signals=sick, sector="VO")))[
        "s3"
    ].suggested
    # A decision counts only when taken since entering the current stage.
    old = EventFact("decision", D(2026, 9, 10), decision="houdt-aan")
    new = EventFact("decision", D(2026, 9, 20), decision="houdt-aan")
    assert not by_id(evaluate_ladder(LADDER, state(**at_s2, events=[old])))["s3"].suggested
    view = evaluate_ladder(LADDER, state(**at_s2, events=[new]), today=D(2026, 9, 21))
    assert by_id(view)["s3"].reasons == ("Besluit ‘houdt-aan’ op 20-09-2026",)


def test_criterion_triggers_by_checklist_and_by_item() -> None:
    view = evaluate_ladder(
        LADDER, state(checklist_answers={"crit": {"a": True, "b": "nee"}}), checklists=[CRITERIA]
    )
    assert by_id(view)["esc"].reasons == ("Criteria: A",)
    assert not by_id(evaluate_ladder(LADDER, state(), checklists=[CRITERIA]))["esc"].suggested
    at_esc = state(stage_id="esc", checklist_answers={"b": "ja"})
    assert by_id(evaluate_ladder(LADDER, at_esc, checklists=[CRITERIA]))["end"].reasons == (
        "Criterium aangevinkt: B. Stagnatie.",
    )
    assert ticked_items({"a": 1, "b": 0, "c": {"value": True}, "lijst": {"d": "ja"}}) == {
        "a",
        "c",
        "d",
    }


def test_municipality_variant_changes_who_is_in_regie() -> None:
    s = {"stage_id": "s2", "stage_entered_on": D(2026, 9, 16)}
    assert evaluate_ladder(LADDER, state(**s, municipality="Den Haag")).in_regie == "zoco"
    view = evaluate_ladder(LADDER, state(**s, municipality="leidschendam voorburg"))
    assert view.in_regie == "lpa" and view.variant_note == "LP"
    assert view.involved == ("mentor",)


def test_path_from_stage_change_events_with_decisions() -> None:
    events = [
        EventFact("note", D(2026, 9, 9)),
        EventFact("stage_change", D(2026, 9, 21), "s3", "houdt-aan", "s2"),
        EventFact("stage_change", D(2026, 9, 14), "s2", None, "s1"),
    ]
    view = evaluate_ladder(
        LADDER, state(stage_id="s3", stage_entered_on=D(2026, 9, 21), events=events)
    )
    assert [(p.stage_id, p.entered_on, p.left_on, p.decision) for p in view.path] == [
        ("s1", None, D(2026, 9, 14), None),
        ("s2", D(2026, 9, 14), D(2026, 9, 21), "houdt-aan"),
        ("s3", D(2026, 9, 21), None, None),
    ]
    assert [p.stage_id for p in view.stages_done] == ["s1", "s2"]


def test_guards_age_visits_sector_and_closed() -> None:
    at_s3 = {"stage_id": "s3", "stage_entered_on": D(2026, 10, 1)}
    halt = by_id(evaluate_ladder(LADDER, state(**at_s3, pupil_age=11)))["halt"]
    assert not halt.allowed
    assert halt.blocked_reason == "Stap 4 (HALT) kan pas vanaf 12 jaar (de leerling is 11)."
    been = [EventFact("stage_change", D(2026, 9, 20), "halt", None, "s3")]
    halt = by_id(evaluate_ladder(LADDER, state(**at_s3, pupil_age=13, events=been)))["halt"]
    assert halt.blocked_reason == "Stap 4 (HALT) kan maar één keer en is al gedaan."
    assert by_id(evaluate_ladder(LADDER, state(**at_s3, pupil_age=13)))["halt"].allowed
    po = by_id(evaluate_ladder(LADDER, state(**at_s3, sector="PO")))["halt"]
    assert po.blocked_reason == "Stap 4 (HALT) geldt alleen voor VO."
    closed = evaluate_ladder(LADDER, state(**at_s3, closed=True))
    assert not any(t.allowed for t in closed.transitions)
    assert closed.can_close is False


def test_stage_deadlines_with_calendar_and_recurrence() -> None:
    # Entered Friday 2026-10-09; the next week (12–16 Oct) is a vacation.
    cal = SimpleCalendar([D(2026, 10, 12) + dt.timedelta(days=i) for i in range(5)])
    s = state(stage_entered_on=D(2026, 10, 9))
    view = evaluate_ladder(LADDER, s, today=D(2026, 10, 20), calendar=cal)
    deadlines = {d.rule_id: d for d in view.deadlines}
    # 2 schooldagen after Fri 9 Oct, skipping the vacation week: Mon 19, Tue 20 Oct.
    assert deadlines["s1-bellen"].due_on == D(2026, 10, 20)
    assert not deadlines["s1-bellen"].overdue
    # Weekly from 9 Oct: 16 Oct (past), next on or after 20 Oct is 23 Oct.
    assert deadlines["s1-pva"].due_on == D(2026, 10, 23) and deadlines["s1-pva"].recurring
    # Without a calendar schooldagen are weekdays: Mon 12, Tue 13 Oct -> overdue on 20 Oct.
    plain = {d.rule_id: d for d in evaluate_ladder(LADDER, s, today=D(2026, 10, 20)).deadlines}
    assert plain["s1-bellen"].due_on == D(2026, 10, 13) and plain["s1-bellen"].overdue
    # Lesweken skip the vacation week: 2 lesweken after Fri 9 Oct is Fri 30 Oct.
    rule = LADDER.stage("s3").deadlines[0]
    assert due_date(rule, D(2026, 10, 9), cal) == D(2026, 10, 30)
    assert due_date(rule, D(2026, 10, 9)) == D(2026, 10, 23)


def test_region_rules_anchored_on_signals_and_first_absence() -> None:
    rules = [
        DeadlineRule("r-lrv", R, "Melden bij SWV", "zoco", days=0, anchor="signal:duo-lrv"),
        DeadlineRule("r-16", R, "Gesprek", "mentor", schooldays=1, anchor="signal:duo-16h"),
        DeadlineRule("r-first", R, "Week 4", "zoco", days=28, anchor="first_absence"),
    ]
    s = state(
        opened_on=D(2026, 9, 10),
        first_absence_on=D(2026, 9, 1),
        signals=[
            SignalFact("duo-16h", D(2026, 9, 4)),  # before the case was opened: left out
            SignalFact("duo-16h", D(2026, 9, 18)),  # a Friday -> Monday 21 Sep
            SignalFact("duo-lrv", D(2026, 10, 6)),
        ],
    )
    view = evaluate_ladder(LADDER, s, today=D(2026, 9, 30), region_rules=rules)
    region = [(d.rule_id, d.due_on, d.overdue) for d in view.deadlines if d.scope == "region"]
    assert region == [
        ("r-16", D(2026, 9, 21), True),
        ("r-first", D(2026, 9, 29), True),
        ("r-lrv", D(2026, 10, 6), False),
    ]
    assert [d.rule_id for d in view.overdue][:2] == ["s1-bellen", "r-16"]


def test_final_stage_can_close_and_regie_options() -> None:
    view = evaluate_ladder(LADDER, state(stage_id="end"))
    assert view.can_close and [o.id for o in view.outcomes] == ["klaar"]
    assert view.transitions == ()
    esc = evaluate_ladder(LADDER, state(stage_id="esc"))
    assert esc.can_close and esc.regie_options == ("gm",)


def test_unknown_current_stage_raises_dutch_error() -> None:
    with pytest.raises(LadderError, match="bestaat niet \\(meer\\) in de ladder"):
        evaluate_ladder(LADDER, state(stage_id="weg"))


def test_validate_transition_messages() -> None:
    validate_transition(LADDER, "s1", "s2")
    assert check_transition(LADDER, "s1", "end") == [
        "Vanaf stap 1 (Start) kan een casus niet naar stap 5 (Einde); toegestaan: 2, 3, E."
    ]
    assert check_transition(LADDER, "s2", "s3") == [
        "Kies een besluit bij het verlaten van stap 2 (Gesprek): ‘Verzuim gestopt’ of "
        "‘Verzuim houdt aan’."
    ]
    assert check_transition(LADDER, "s2", "s3", "gestopt") == [
        "Bij besluit ‘Verzuim gestopt’ gaat de casus naar stap 5, niet naar stap 3 (Aanhoudend)."
    ]
    assert "hoort niet bij stap 2" in check_transition(LADDER, "s2", "s3", "misschien")[0]
    assert check_transition(LADDER, "s2", "s3", "houdt-aan") == []
    assert check_transition(LADDER, "x", "s2")[0].startswith("Stap ‘x’ bestaat niet")
    young = state(stage_id="s3", pupil_age=10)
    with pytest.raises(TransitionError) as info:
        validate_transition(LADDER, "s3", "halt", state=young)
    assert info.value.errors == ("Stap 4 (HALT) kan pas vanaf 12 jaar (de leerling is 10).",)


def test_note_required_by_decision() -> None:
    ladder = Ladder(
        R,
        (
            Stage(
                "a",
                "1",
                "Tafel",
                "v",
                None,
                next_stages=("b",),
                decisions=(Decision("toegekend", "Toegekend", note_required=True),),
            ),
            Stage("b", "2", "Klaar", "v", None, final=True),
        ),
        "a",
    )
    assert check_transition(ladder, "a", "b", "toegekend") == [
        "Een toelichting is verplicht bij besluit ‘Toegekend’."
    ]
    assert check_transition(ladder, "a", "b", "toegekend", note="  ") != []
    assert check_transition(ladder, "a", "b", "toegekend", note="Maatwerk") == []


def test_helpers() -> None:
    cal = SimpleCalendar()
    assert lesweken_since(D(2026, 9, 2), D(2026, 9, 2), cal.lesweek_index) == 1
    assert lesweken_since(D(2026, 9, 2), D(2026, 9, 28), cal.lesweek_index) == 5
    bands = [
        PhaseBand("p", R, "Preventie", 0, 0),
        PhaseBand("v", R, "Verzuim", 1, 4),
        PhaseBand("t", R, "Thuis", 5, None),
    ]
    assert [band_for_week(bands, w).id for w in (0, 1, 4, 5, 40)] == ["p", "v", "v", "t", "t"]
    assert band_for_week(bands, None) is None
