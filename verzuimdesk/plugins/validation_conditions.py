"""Validation of the plugin API 1.3 additions: form references, preconditions, routes, lists.

Called by :func:`verzuimdesk.plugins.validation.validate_contribution`; every problem is a
Dutch message. Checks that

- ``field:`` deadline anchors name a date field (or a date sub-field of a repeated group,
  with ``owner_field``/``what_field`` sub-fields of the same group) of a known form;
- ``ANSWER`` triggers and ``answer`` preconditions name a known form field, and their
  ``answers`` are among a choice field's values;
- preconditions are of a known kind and name a known checklist item or form;
- ``Field.shown_when`` names another field of the same form (or repeat row);
- ``Ladder.sector_starts`` name known stages and sectors;
- monitoring lists have known groups and roles and unique ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from verzuimdesk.core.region_conditions import (
    MonitoringGroup,
    Precondition,
    PreconditionKind,
    split_ref,
)
from verzuimdesk.core.region_spec import DeadlineRule, Field, FieldType, FormDef, TriggerKind
from verzuimdesk.core.rules.types import Sector
from verzuimdesk.plugins.loading import Contribution, RegionEntries

Err = Callable[[str], None]


def _forms_of(
    c: Contribution, loaded: Mapping[str, RegionEntries], region: str
) -> dict[str, FormDef]:
    """The newest registered version of each form of ``region`` (loaded and new)."""
    out: dict[str, FormDef] = {}
    if region in loaded:
        out.update({fid: f for (fid, _), f in loaded[region].forms.items()})
    out.update({f.id: f for f in c.items("register_forms") if f.region_id == region})
    return out


def _field(forms: Mapping[str, FormDef], ref: str) -> tuple[Field | None, Field | None, str]:
    """``(field, sub_field, problem)`` for a ``<form>.<field>[.<sub>]`` reference."""
    parts = split_ref(ref)
    if parts is None:
        return None, None, f"‘{ref}’ is geen <formulier>.<veld>[.<subveld>]"
    form_id, field_id, sub_id = parts
    form = forms.get(form_id)
    if form is None:
        return None, None, f"onbekend formulier ‘{form_id}’"
    field = next((f for f in form.fields if f.id == field_id), None)
    if field is None:
        return None, None, f"formulier ‘{form_id}’ heeft geen veld ‘{field_id}’"
    if sub_id is None:
        return field, None, ""
    sub = next((f for f in field.fields if f.id == sub_id), None)
    if sub is None:
        return field, None, f"veld ‘{field_id}’ heeft geen subveld ‘{sub_id}’"
    return field, sub, ""


def _check_answers(target: Field | None, answers: Iterable[str], where: str, err: Err) -> None:
    if target is None or target.type not in (FieldType.CHOICE, FieldType.MULTICHOICE):
        return
    values = {v for v, _ in target.choices}
    for answer in answers:
        if answer not in values:
            err(f"{where}: antwoord ‘{answer}’ is geen keuze van veld ‘{target.id}’")


def _check_rule(rule: DeadlineRule, forms: Mapping[str, FormDef], err: Err) -> None:
    if rule.anchor_field is None:
        if rule.owner_field or rule.what_field:
            err(f"termijnregel ‘{rule.id}’: owner_field/what_field horen bij een field:-anker")
        return
    where = f"termijnregel ‘{rule.id}’"
    form_id, field_id, sub_id = rule.anchor_field
    field, sub, problem = _field(forms, ".".join(p for p in (form_id, field_id, sub_id) if p))
    if problem:
        err(f"{where}: {problem}")
        return
    date_field = sub or field
    if date_field is not None and date_field.type is not FieldType.DATE:
        err(f"{where}: het anker ‘{date_field.id}’ is geen datumveld")
    for attr in ("owner_field", "what_field"):
        name = getattr(rule, attr)
        if not name:
            continue
        subs = {f.id for f in field.fields} if field is not None and sub is not None else set()
        if name not in subs:
            err(f"{where}: {attr} ‘{name}’ is geen subveld van de herhaalgroep van het anker")


def _check_precondition(
    pre: Precondition, forms: Mapping[str, FormDef], items: set[str], where: str, err: Err
) -> None:
    if not isinstance(pre.kind, PreconditionKind):
        err(f"{where}: voorwaarde-soort ‘{pre.kind}’ is onbekend (ticked, form, answer)")
    elif pre.kind is PreconditionKind.TICKED and pre.value not in items:
        err(f"{where}: voorwaarde noemt onbekend checklist-item ‘{pre.value}’")
    elif pre.kind is PreconditionKind.FORM and pre.value not in forms:
        err(f"{where}: voorwaarde noemt onbekend formulier ‘{pre.value}’")
    elif pre.kind is PreconditionKind.ANSWER:
        field, sub, problem = _field(forms, pre.value)
        if problem:
            err(f"{where}: voorwaarde: {problem}")
        _check_answers(sub or field, pre.answers, where, err)


def _check_shown_when(form: FormDef, fields: Iterable[Field], err: Err) -> None:
    fields = tuple(fields)
    ids = {f.id for f in fields}
    for f in fields:
        if f.shown_when and (f.shown_when not in ids or f.shown_when == f.id):
            err(
                f"formulier ‘{form.id}’, veld ‘{f.id}’: shown_when ‘{f.shown_when}’ "
                "is geen ander veld van hetzelfde formulier"
            )
        elif f.shown_values and not f.shown_when:
            err(f"formulier ‘{form.id}’, veld ‘{f.id}’: shown_values zonder shown_when")
        elif f.shown_when:
            other = next(o for o in fields if o.id == f.shown_when)
            _check_answers(other, f.shown_values, f"formulier ‘{form.id}’, veld ‘{f.id}’", err)
        if f.type is FieldType.REPEAT:
            _check_shown_when(form, f.fields, err)


def validate_conditions(
    c: Contribution,
    loaded: Mapping[str, RegionEntries],
    known: set[str],
    item_ids: Mapping[str, set[str]],
    err: Err,
) -> None:
    """Add a Dutch message to ``err`` for every bad API 1.3 reference ``c`` registers."""
    for form in c.items("register_forms"):
        if form.region_id in known:
            _check_shown_when(form, form.fields, err)
    for rule in c.items("register_deadline_rules"):
        if rule.region_id in known:
            _check_rule(rule, _forms_of(c, loaded, rule.region_id), err)
    for ladder in c.items("register_ladder"):
        if ladder.region_id not in known:
            continue
        forms = _forms_of(c, loaded, ladder.region_id)
        items = set(item_ids.get(ladder.region_id, set()))
        stage_ids = {s.id for s in ladder.stages}
        for sector, stage_id in ladder.sector_starts:
            if str(sector) not in {s.value for s in Sector}:
                err(f"ladder: sector ‘{sector}’ is onbekend (PO, VO, MBO)")
            if stage_id not in stage_ids:
                err(f"ladder: startstap ‘{stage_id}’ voor {sector} bestaat niet")
        for stage in ladder.stages:
            w = f"stap ‘{stage.id}’"
            for rule in stage.deadlines:
                _check_rule(rule, forms, err)
            for trigger in stage.entry_triggers:
                if trigger.kind is TriggerKind.ANSWER and trigger.value:
                    field, sub, problem = _field(forms, trigger.value)
                    if problem:
                        err(f"{w}: antwoord-trigger: {problem}")
                    _check_answers(sub or field, trigger.answers, w, err)
            for pre in stage.preconditions:
                _check_precondition(pre, forms, items, w, err)
    seen: set[tuple[str, str]] = set()
    for mlist in c.items("register_monitoring_lists"):
        _check_list(mlist, c, loaded, known, seen, err)


def _check_list(
    mlist: Any,
    c: Contribution,
    loaded: Mapping[str, RegionEntries],
    known: set[str],
    seen: set[tuple[str, str]],
    err: Err,
) -> None:
    w = f"monitoringslijst ‘{mlist.id}’"
    if mlist.region_id not in known:
        err(f"{w} hoort bij onbekende regio ‘{mlist.region_id}’")
        return
    key = (mlist.region_id, mlist.id)
    if key in seen or (
        mlist.region_id in loaded and mlist.id in loaded[mlist.region_id].monitoring_lists
    ):
        err(f"{w} is dubbel geregistreerd in regio ‘{mlist.region_id}’")
    seen.add(key)
    if not mlist.groups:
        err(f"{w} noemt geen groepen")
    for group in mlist.groups:
        if str(group) not in {g.value for g in MonitoringGroup}:
            err(f"{w}: groep ‘{group}’ is onbekend (b3, a2, vierjarig)")
    roles = {r.id for r in c.items("register_roles") if r.region_id == mlist.region_id}
    if mlist.region_id in loaded:
        roles |= set(loaded[mlist.region_id].roles)
    if mlist.role_id and mlist.role_id not in roles:
        err(f"{w} verwijst naar onbekende rol ‘{mlist.role_id}’")
