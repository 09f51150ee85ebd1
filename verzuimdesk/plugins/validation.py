"""Validation of what a plugin registers, against what is already loaded.

Every check adds a Dutch message; a plugin with any message is left out as a
whole (half a region would mislead users). The checks follow the region
specification in :mod:`verzuimdesk.core.region_spec`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from verzuimdesk.core import letters
from verzuimdesk.core.region_spec import (
    PREFILL_PATHS,
    ChecklistKind,
    DeadlineAnchor,
    DeadlineRule,
    Field,
    FieldType,
    Ladder,
    LetterTemplate,
    PartnerKind,
    Region,
    Stage,
    TriggerKind,
)
from verzuimdesk.core.rules.signal_codes import NATIONAL_SIGNAL_CODES
from verzuimdesk.core.rules.types import AbsenceKind
from verzuimdesk.plugins.loading import Contribution, RegionEntries
from verzuimdesk.plugins.validation_conditions import validate_conditions

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_LETTER_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
_ABSENCE_KINDS = frozenset(kind.value for kind in AbsenceKind)


def validate_contribution(c: Contribution, loaded: dict[str, RegionEntries]) -> list[str]:
    """Return Dutch error messages for what ``c`` registers (empty when valid)."""
    errors: list[str] = []
    err = errors.append
    new_regions: dict[str, Region] = {}
    for region in c.items("register_region"):
        if not _ID_RE.match(region.id):
            err(f"regio-id ‘{region.id}’ moet uit kleine letters, cijfers en _ bestaan")
        if region.id in loaded or region.id in new_regions:
            err(f"regio ‘{region.id}’ is al geregistreerd")
        if not region.name.strip():
            err(f"regio ‘{region.id}’ heeft geen naam")
        if region.vacation_region not in {"noord", "midden", "zuid"}:
            err(f"regio ‘{region.id}’: vakantieregio ‘{region.vacation_region}’ is onbekend")
        for kind in region.week_absence_kinds:
            if str(kind) not in _ABSENCE_KINDS:
                err(
                    f"regio ‘{region.id}’: verzuimsoort ‘{kind}’ in week_absence_kinds is "
                    f"onbekend (kies uit {', '.join(sorted(_ABSENCE_KINDS))})"
                )
        new_regions[region.id] = region
    known = set(loaded) | set(new_regions)

    def region_ok(item: Any, what: str) -> bool:
        if item.region_id not in known:
            err(f"{what} ‘{_ident(item)}’ hoort bij onbekende regio ‘{item.region_id}’")
            return False
        return True

    # Gather per region: what is loaded plus what this plugin adds.
    def ids(hook: str, region_id: str, attr: str) -> set[str]:
        existing = set(getattr(loaded[region_id], attr)) if region_id in loaded else set()
        return existing | {i.id for i in c.items(hook) if i.region_id == region_id}

    def dupes(hook: str, attr: str, what: str) -> None:
        seen: set[tuple[str, str]] = set()
        for item in c.items(hook):
            if not region_ok(item, what):
                continue
            key = (item.region_id, item.id)
            if not item.id:
                err(f"{what} zonder id in regio ‘{item.region_id}’")
            if key in seen or (
                item.region_id in loaded and item.id in getattr(loaded[item.region_id], attr)
            ):
                err(f"{what} ‘{item.id}’ is dubbel geregistreerd in regio ‘{item.region_id}’")
            seen.add(key)

    dupes("register_roles", "roles", "rol")
    dupes("register_partners", "partners", "partner")
    dupes("register_timeline_bands", "bands", "tijdlijnband")
    dupes("register_checklists", "checklists", "checklist")
    dupes("register_deadline_rules", "deadline_rules", "termijnregel")
    dupes("register_report_formats", "report_formats", "rapportformaat")
    dupes("register_letter_templates", "letter_templates", "brief")
    _validate_letters(c.items("register_letter_templates"), known, err)

    def roles_of(region_id: str) -> set[str]:
        return ids("register_roles", region_id, "roles")

    for partner in c.items("register_partners"):
        if partner.region_id not in known:
            continue
        if not isinstance(partner.kind, PartnerKind):
            err(f"partner ‘{partner.id}’: soort ‘{partner.kind}’ is onbekend")
        for role_id in partner.role_ids:
            if role_id not in roles_of(partner.region_id):
                err(f"partner ‘{partner.id}’ verwijst naar onbekende rol ‘{role_id}’")

    for band in c.items("register_timeline_bands"):
        if band.region_id not in known:
            continue
        if band.from_week < 0 or (band.to_week is not None and band.to_week < band.from_week):
            err(f"tijdlijnband ‘{band.id}’: weken {band.from_week}–{band.to_week} kloppen niet")

    # Checklist items: unique ids per region, known roles.
    item_ids: dict[str, set[str]] = {}
    for region_id in known:
        item_ids[region_id] = {
            item.id
            for cl in (loaded[region_id].checklists.values() if region_id in loaded else ())
            for item in cl.items
        }
    for checklist in c.items("register_checklists"):
        if checklist.region_id not in known:
            continue
        if not isinstance(checklist.kind, ChecklistKind):
            err(f"checklist ‘{checklist.id}’: soort ‘{checklist.kind}’ is onbekend")
        if not checklist.items:
            err(f"checklist ‘{checklist.id}’ heeft geen items")
        if checklist.min_ticked < 1 or checklist.min_ticked > max(1, len(checklist.items)):
            err(f"checklist ‘{checklist.id}’: min_ticked {checklist.min_ticked} kan niet")
        for item in checklist.items:
            if item.id in item_ids[checklist.region_id]:
                err(f"checklist-item ‘{item.id}’ is dubbel in regio ‘{checklist.region_id}’")
            item_ids[checklist.region_id].add(item.id)
            if item.role_id and item.role_id not in roles_of(checklist.region_id):
                err(f"checklist-item ‘{item.id}’ verwijst naar onbekende rol ‘{item.role_id}’")

    # Forms.
    seen_forms: set[tuple[str, str, str]] = set()
    for form in c.items("register_forms"):
        if not region_ok(form, "formulier"):
            continue
        key = (form.region_id, form.id, form.version)
        if key in seen_forms or (
            form.region_id in loaded and (form.id, form.version) in loaded[form.region_id].forms
        ):
            err(f"formulier ‘{form.id}’ versie {form.version} is dubbel geregistreerd")
        seen_forms.add(key)
        if not form.id or not form.version:
            err(f"formulier ‘{form.name}’ mist een id of versie")
        if not form.fields:
            err(f"formulier ‘{form.id}’ heeft geen velden")
        _validate_fields(form.id, form.fields, err, nested=False)

    # Deadline rules (region-wide).
    for rule in c.items("register_deadline_rules"):
        if rule.region_id in known:
            _validate_rule(rule, roles_of(rule.region_id), err)

    # Regional signals.
    codes_loaded = {code for data in loaded.values() for code in data.signals}
    seen_codes: set[str] = set()
    for signal in c.items("register_signals"):
        if not region_ok(signal, "signaal"):
            continue
        if signal.code in NATIONAL_SIGNAL_CODES:
            err(f"signaalcode ‘{signal.code}’ is een landelijke code")
        if signal.code in codes_loaded or signal.code in seen_codes:
            err(f"signaalcode ‘{signal.code}’ is al geregistreerd")
        seen_codes.add(signal.code)
        if not callable(signal.compute):
            err(f"signaal ‘{signal.code}’: compute is niet aanroepbaar")

    # Ladders: exactly one per region.
    ladders_by_region: dict[str, list[Ladder]] = {}
    for ladder in c.items("register_ladder"):
        if region_ok(ladder, "ladder"):
            ladders_by_region.setdefault(ladder.region_id, []).append(ladder)
    for region_id, ladders in ladders_by_region.items():
        if len(ladders) > 1 or (region_id in loaded and loaded[region_id].ladder is not None):
            err(f"regio ‘{region_id}’ heeft meer dan één ladder")
    for region_id in new_regions:
        if region_id not in ladders_by_region:
            err(f"regio ‘{region_id}’ registreert geen ladder (register_ladder)")

    for region_id, ladders in ladders_by_region.items():
        forms_of = {f.id for f in c.items("register_forms") if f.region_id == region_id}
        if region_id in loaded:
            forms_of |= {fid for fid, _ in loaded[region_id].forms}
        checklists_of = ids("register_checklists", region_id, "checklists")
        rule_ids = ids("register_deadline_rules", region_id, "deadline_rules")
        for ladder in ladders:
            _validate_ladder(
                ladder,
                roles=roles_of(region_id),
                bands=ids("register_timeline_bands", region_id, "bands"),
                partners=ids("register_partners", region_id, "partners"),
                checklists=checklists_of,
                checklist_items=item_ids.get(region_id, set()),
                forms=forms_of,
                region_rule_ids=rule_ids,
                err=err,
            )

    _round_settings(c, loaded, known, ladders_by_region, err)

    # References from checklists and forms to stages.
    for hook, what in (("register_checklists", "checklist"), ("register_forms", "formulier")):
        for item in c.items(hook):
            if item.region_id not in known or not item.stage_ids:
                continue
            ladder = next(iter(ladders_by_region.get(item.region_id, [])), None)
            if ladder is None and item.region_id in loaded:
                ladder = loaded[item.region_id].ladder
            for stage_id in item.stage_ids:
                if ladder is None or not ladder.has_stage(stage_id):
                    err(f"{what} ‘{item.id}’ verwijst naar onbekende stap ‘{stage_id}’")
    validate_conditions(c, loaded, known, item_ids, err)
    return errors


def _validate_letters(
    templates: Sequence[LetterTemplate], known: set[str], err: Callable[[str], None]
) -> None:
    """Letter templates: a name, not a national letter's id, only known fields."""
    for template in templates:
        if template.region_id not in known:
            continue
        if template.id and not _LETTER_ID_RE.match(template.id):
            err(f"brief-id ‘{template.id}’ moet uit kleine letters, cijfers, - en _ bestaan")
        if template.id in letters.NATIONAL_IDS:
            err(f"brief ‘{template.id}’ heeft de id van een landelijke brief; kies een andere id")
        if not template.name.strip():
            err(f"brief ‘{template.id}’ heeft geen naam")
        for problem in letters.template_problems(template.text):
            err(f"brief ‘{template.id}’: {problem}")


def _ident(item: Any) -> str:
    return str(getattr(item, "id", None) or getattr(item, "code", "?"))


def _validate_fields(
    form_id: str, fields: Sequence[Field], err: Callable[[str], None], *, nested: bool
) -> None:
    seen: set[str] = set()
    for f in fields:
        where = f"formulier ‘{form_id}’, veld ‘{f.id}’"
        if not f.id or not re.match(r"^[a-z][a-z0-9_]*$", f.id):
            err(f"formulier ‘{form_id}’: veld-id ‘{f.id}’ moet uit kleine letters, cijfers, _")
        if f.id in seen:
            err(f"{where} komt dubbel voor")
        seen.add(f.id)
        if not f.label.strip():
            err(f"{where} heeft geen label")
        if not isinstance(f.type, FieldType):
            err(f"{where}: type ‘{f.type}’ is onbekend")
            continue
        if f.type in (FieldType.CHOICE, FieldType.MULTICHOICE):
            values = [value for value, _ in f.choices]
            if not values:
                err(f"{where}: een keuzeveld heeft keuzes nodig")
            if len(values) != len(set(values)):
                err(f"{where}: keuzes zijn niet uniek")
        elif f.choices:
            err(f"{where}: alleen keuzevelden hebben keuzes")
        if f.type is FieldType.REPEAT:
            if nested:
                err(f"{where}: een herhaalgroep kan geen herhaalgroep bevatten")
            if not f.fields:
                err(f"{where}: een herhaalgroep heeft subvelden nodig")
            if f.prefill:
                err(f"{where}: een herhaalgroep kan niet worden voorgevuld")
            _validate_fields(form_id, f.fields, err, nested=True)
        elif f.fields:
            err(f"{where}: alleen een herhaalgroep heeft subvelden")
        if f.prefill and f.prefill not in PREFILL_PATHS:
            err(f"{where}: onbekend prefill-pad ‘{f.prefill}’")


def _validate_rule(rule: DeadlineRule, roles: set[str], err: Callable[[str], None]) -> None:
    where = f"termijnregel ‘{rule.id}’"
    if not rule.id:
        err("termijnregel zonder id")
    units = (rule.days, rule.schooldays, rule.weeks, rule.months)
    set_units = [u for u in units if u is not None]
    if len(set_units) != 1:
        err(f"{where}: geef precies één van days, schooldays of weeks (of months)")
    elif set_units[0] < 0:
        err(f"{where}: de termijn kan niet negatief zijn")
    if rule.role_id and rule.role_id not in roles:
        err(f"{where} verwijst naar onbekende rol ‘{rule.role_id}’")
    anchor_ok = rule.anchor in (DeadlineAnchor.STAGE, DeadlineAnchor.FIRST_ABSENCE)
    if not anchor_ok and rule.anchor_signal is None and rule.anchor_field is None:
        err(
            f"{where}: anker ‘{rule.anchor}’ is onbekend "
            "(stage, first_absence, signal:<code>, field:<formulier>.<veld>)"
        )
    if rule.recurring_days is not None and rule.recurring_days < 1:
        err(f"{where}: recurring_days moet minstens 1 zijn")


def _validate_ladder(
    ladder: Ladder,
    *,
    roles: set[str],
    bands: set[str],
    partners: set[str],
    checklists: set[str],
    checklist_items: set[str],
    forms: set[str],
    region_rule_ids: set[str],
    err: Callable[[str], None],
) -> None:
    stage_ids = [s.id for s in ladder.stages]
    if not ladder.stages:
        err(f"de ladder van ‘{ladder.region_id}’ heeft geen stappen")
        return
    for stage_id in {s for s in stage_ids if stage_ids.count(s) > 1}:
        err(f"stap ‘{stage_id}’ komt dubbel voor")
    known = set(stage_ids)
    if ladder.start_stage not in known:
        err(f"startstap ‘{ladder.start_stage}’ bestaat niet")
    rule_ids = set(region_rule_ids)

    def role(role_id: str | None, where: str) -> None:
        if role_id is not None and role_id not in roles:
            err(f"{where} verwijst naar onbekende rol ‘{role_id}’")

    for stage in ladder.stages:
        w = f"stap ‘{stage.id}’"
        if not stage.name.strip():
            err(f"{w} heeft geen naam")
        if stage.band not in bands:
            err(f"{w} verwijst naar onbekende tijdlijnband ‘{stage.band}’")
        role(stage.in_regie, f"{w} (in regie)")
        for role_id in stage.regie_options:
            role(role_id, f"{w} (regie-optie)")
        for role_id in stage.involved:
            role(role_id, f"{w} (betrokken)")
        for partner_id in stage.partners:
            if partner_id not in partners:
                err(f"{w} verwijst naar onbekende partner ‘{partner_id}’")
        for variant in stage.variants:
            if not variant.municipalities:
                err(f"{w}: een gemeentevariant noemt geen gemeente")
            role(variant.in_regie, f"{w} (variant in regie)")
            for role_id in variant.involved or ():
                role(role_id, f"{w} (variant betrokken)")
        action_ids = [a.id for a in stage.actions]
        for action_id in {a for a in action_ids if action_ids.count(a) > 1}:
            err(f"{w}: actie ‘{action_id}’ komt dubbel voor")
        for action in stage.actions:
            role(action.role_id, f"{w}, actie ‘{action.id}’")
        for target in stage.next_stages:
            if target not in known:
                err(f"{w} verwijst naar onbekende volgende stap ‘{target}’")
            if target == stage.id:
                err(f"{w} verwijst naar zichzelf")
        if not stage.next_stages and not stage.final and not stage.outcomes:
            err(f"{w} is een doodlopende stap: geef next_stages, outcomes of final=True")
        decisions = stage.decision_defs()
        decision_ids = [d.id for d in decisions]
        if len(decision_ids) != len(set(decision_ids)):
            err(f"{w}: besluiten zijn niet uniek")
        for decision in decisions:
            for target in decision.next_stages:
                if target not in stage.next_stages:
                    err(f"{w}: besluit ‘{decision.id}’ leidt naar ‘{target}’, geen volgende stap")
        outcome_ids = [o.id for o in stage.outcomes]
        if len(outcome_ids) != len(set(outcome_ids)):
            err(f"{w}: uitkomsten zijn niet uniek")
        for trigger in stage.entry_triggers:
            if not isinstance(trigger.kind, TriggerKind):
                err(f"{w}: trigger-soort ‘{trigger.kind}’ is onbekend")
            elif trigger.kind is TriggerKind.LESWEKEN:
                if trigger.weeks is None or trigger.weeks < 0:
                    err(f"{w}: een lesweken-trigger heeft weeks >= 0 nodig")
            elif not trigger.value:
                err(f"{w}: een {trigger.kind.value}-trigger heeft een waarde nodig")
            elif (
                trigger.kind is TriggerKind.CRITERION
                and trigger.value not in checklist_items
                and trigger.value not in checklists
            ):
                err(f"{w}: criterium ‘{trigger.value}’ bestaat in geen checklist")
            if trigger.count < 1:
                err(f"{w}: trigger-aantal moet minstens 1 zijn")
        for rule in stage.deadlines:
            _validate_rule(rule, roles, err)
            if rule.id in rule_ids:
                err(f"termijnregel ‘{rule.id}’ komt dubbel voor")
            rule_ids.add(rule.id)
        for checklist_id in stage.checklists:
            if checklist_id not in checklists:
                err(f"{w} verwijst naar onbekende checklist ‘{checklist_id}’")
        for form_id in stage.forms:
            if form_id not in forms:
                err(f"{w} verwijst naar onbekend formulier ‘{form_id}’")
        if stage.min_age is not None and stage.min_age < 0:
            err(f"{w}: min_age kan niet negatief zijn")
        if stage.max_visits is not None and stage.max_visits < 1:
            err(f"{w}: max_visits moet minstens 1 zijn")
    _check_reachable(ladder, err)


def _check_reachable(ladder: Ladder, err: Callable[[str], None]) -> None:
    by_id: dict[str, Stage] = {s.id: s for s in ladder.stages}
    if ladder.start_stage not in by_id:
        return
    starts = {ladder.start_stage} | {s for _, s in ladder.sector_starts if s in by_id}
    seen = set(starts)
    todo = list(starts)
    while todo:
        for target in by_id[todo.pop()].next_stages:
            if target in by_id and target not in seen:
                seen.add(target)
                todo.append(target)
    for stage in ladder.stages:
        if stage.id not in seen:
            err(f"stap ‘{stage.id}’ is vanaf de startstap niet bereikbaar")


def _round_settings(
    c: Contribution,
    loaded: dict[str, RegionEntries],
    known: set[str],
    ladders_by_region: dict[str, list[Ladder]],
    err: Callable[[str], None],
) -> None:
    """The phone-round settings (plugin API 1.3), checked in :mod:`.round_validation`."""
    from verzuimdesk.plugins.round_validation import validate_round_settings

    def stage_ids(region_id: str) -> set[str] | None:
        ladder = next(iter(ladders_by_region.get(region_id, [])), None)
        if ladder is None and region_id in loaded:
            ladder = loaded[region_id].ladder
        return None if ladder is None else {s.id for s in ladder.stages}

    validate_round_settings(
        c.items("register_round_settings"),
        known,
        stage_ids,
        lambda region_id: region_id in loaded and loaded[region_id].round_settings is not None,
        err,
    )
