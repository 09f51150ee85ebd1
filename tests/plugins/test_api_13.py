"""Plugin API 1.3 (issue 12): what the manager refuses, and what the evaluator and the
forms do with preconditions, answer triggers, form-anchored deadlines, months and
conditional fields — on a small fake region, independent of the bundled regions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.support.fake_plugins import make_plugin, region_data
from verzuimdesk.core import forms
from verzuimdesk.core.ladder import CaseState, check_transition, due_date, evaluate_ladder
from verzuimdesk.plugins import api
from verzuimdesk.plugins.api import (
    DeadlineRule,
    Field,
    FieldType,
    FormDef,
    Ladder,
    MonitoringList,
    Outcome,
    Precondition,
    PreconditionKind,
    Stage,
    Trigger,
    TriggerKind,
    answer_ref,
    field_anchor,
)
from verzuimdesk.plugins.manager import create_plugin_manager
from verzuimdesk.testing import TransitionError

R = "zeeland"
D = dt.date

FORM = FormDef(
    "zl-melding", R, "Melding", "1",
    (
        Field("soort", "Soort", FieldType.CHOICE, choices=(("kort", "Kort"), ("lang", "Lang"))),
        Field("akkoord", "Akkoord", FieldType.BOOLEAN, shown_when="soort", shown_values=("lang",)),
        Field("akkoord_op", "Akkoord op", FieldType.DATE, required=True, shown_when="akkoord"),
        Field("tlv_op", "TLV op", FieldType.DATE),
        Field("afspraken", "Afspraken", FieldType.REPEAT, fields=(
            Field("wat", "Wat"), Field("wie", "Wie"), Field("op", "Op", FieldType.DATE))),
    ),
)  # fmt: skip

LADDER = Ladder(
    R,
    (
        Stage("z-1", "1", "Start", "verzuim", "mentor", next_stages=("z-2",)),
        Stage(
            "z-2", "2", "Lang", "verzuim", "lpa",
            entry_triggers=(Trigger(TriggerKind.ANSWER, answer_ref("zl-melding", "soort"),
                                    answers=("lang",)),),
            preconditions=(Precondition(PreconditionKind.ANSWER, "zl-melding.akkoord", ("ja",),
                                        reason="Leg eerst het akkoord vast."),),
            outcomes=(Outcome("klaar", "Klaar"),), final=True,
        ),
        Stage("z-0", "0", "PO-start", "verzuim", "mentor", next_stages=("z-2",)),
    ),
    "z-1",
    sector_starts=((api.Sector.PO, "z-0"),),
)  # fmt: skip


def _data(**overrides: Any) -> dict[str, Any]:
    return region_data(R, **{"register_forms": [FORM], "register_ladder": [LADDER], **overrides})


def _errors(**overrides: Any) -> str:
    registry = create_plugin_manager(
        load_entrypoints=False, plugins=[make_plugin(data=_data(**overrides))], strict=False
    )
    assert registry.failures, "the plugin should have been refused"
    return str(registry.failures[0].traceback)


def test_a_valid_13_region_loads_and_api_is_13() -> None:
    registry = create_plugin_manager(
        load_entrypoints=False, plugins=[make_plugin(data=_data())], strict=True
    )
    assert registry.ladder(R).start_for("PO") == "z-0"
    assert api.major_minor(api.API_VERSION) >= (1, 3)  # 1.4 added the phone round
    assert api.TransitionError is TransitionError


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"register_deadline_rules": [DeadlineRule("r", R, "x", days=0,
                                                   anchor=field_anchor("zl-melding", "soort"))]},
         "is geen datumveld"),
        ({"register_deadline_rules": [DeadlineRule("r", R, "x", days=0,
                                                   anchor=field_anchor("nee", "x"))]},
         "onbekend formulier ‘nee’"),
        ({"register_deadline_rules": [DeadlineRule(
            "r", R, "x", days=0, anchor=field_anchor("zl-melding", "afspraken", "op"),
            owner_field="baas")]}, "owner_field ‘baas’ is geen subveld"),
        ({"register_deadline_rules": [DeadlineRule("r", R, "x", days=1, months=1)]},
         "precies één van days, schooldays of weeks"),
        ({"register_monitoring_lists": [MonitoringList("m", R, "M", groups=("c9",))]},
         "groep ‘c9’ is onbekend"),
    ],
)  # fmt: skip
def test_the_manager_refuses_bad_13_references(overrides: dict[str, Any], message: str) -> None:
    assert message in _errors(**overrides)


def test_the_manager_refuses_a_precondition_on_an_unknown_form_and_a_bad_shown_when() -> None:
    stage = Stage("z-1", "1", "Start", "verzuim", "mentor", final=True,
                  preconditions=(Precondition("form", "onbekend"),))  # fmt: skip
    bad_form = FormDef("f2", R, "F", "1", (Field("a", "A", shown_when="b"),))
    text = _errors(
        register_ladder=[Ladder(R, (stage,), "z-1", sector_starts=((api.Sector.VO, "z-9"),))],
        register_forms=[FORM, bad_form],
    )
    assert "voorwaarde noemt onbekend formulier ‘onbekend’" in text
    assert "shown_when ‘b’ is geen ander veld" in text
    assert "startstap ‘z-9’ voor VO bestaat niet" in text


def test_answer_trigger_and_precondition_on_the_ladder() -> None:
    base = CaseState("z-1", stage_entered_on=D(2026, 10, 1))
    lang = CaseState("z-1", stage_entered_on=D(2026, 10, 1),
                     form_answers={"zl-melding": {"soort": "lang"}})  # fmt: skip
    assert evaluate_ladder(LADDER, base, today=D(2026, 10, 2)).suggested == ()
    (t,) = evaluate_ladder(LADDER, lang, today=D(2026, 10, 2)).transitions
    assert t.suggested and not t.allowed and t.unmet == ("Leg eerst het akkoord vast.",)
    assert check_transition(LADDER, "z-1", "z-2", state=lang) == [
        "Stap 2 (Lang): Leg eerst het akkoord vast."
    ]
    agreed = CaseState("z-1", form_answers={"zl-melding": {"soort": "lang", "akkoord": True}})
    assert check_transition(LADDER, "z-1", "z-2", state=agreed) == []


def test_field_anchored_deadlines_with_owner_and_months() -> None:
    rules = [
        DeadlineRule("tlv", R, "TLV volgen", "lpa", months=1,
                     anchor=field_anchor("zl-melding", "tlv_op")),
        DeadlineRule("afspraak", R, "Afspraak", "mentor", days=0,
                     anchor=field_anchor("zl-melding", "afspraken", "op"),
                     owner_field="wie", what_field="wat"),
    ]  # fmt: skip
    state = CaseState("z-1", form_answers={"zl-melding": {
        "tlv_op": "2026-01-31",
        "afspraken": [{"wat": "Bellen", "wie": "lpa", "op": "2026-02-02"},
                      {"wat": "Zonder datum", "wie": "mentor", "op": None}],
    }})  # fmt: skip
    view = evaluate_ladder(LADDER, state, today=D(2026, 2, 10), region_rules=rules)
    got = [(d.rule_id, d.what, d.owner, d.due_on, d.overdue) for d in view.deadlines]
    assert got == [
        ("afspraak", "Afspraak: Bellen", "lpa", D(2026, 2, 2), True),
        ("tlv", "TLV volgen", "", D(2026, 2, 28), False),  # 31 Jan + 1 month
    ]
    assert due_date(rules[0], D(2026, 12, 15)) == D(2027, 1, 15)


def test_conditional_fields_validate_store_and_chain() -> None:
    # akkoord_op depends on akkoord, which depends on soort = lang.
    stale = {"soort": "kort", "akkoord": True, "akkoord_op": None}
    assert forms.validate(FORM, stale) == {}  # hidden: not required
    assert forms.normalize(FORM, stale)["akkoord"] is None  # hidden: not stored
    assert not forms.is_shown(FORM.fields[2], stale, FORM.fields)
    assert forms.validate(FORM, {"soort": "lang", "akkoord": True}) == {
        "akkoord_op": "Dit veld is verplicht."
    }
