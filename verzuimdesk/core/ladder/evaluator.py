"""The ladder evaluator: suggestions, guards, deadlines and transition checks.

Pure Python: it takes a :class:`~verzuimdesk.core.ladder.state.CaseState` and a
region's :class:`~verzuimdesk.core.region_spec.Ladder` and returns a
:class:`~verzuimdesk.core.ladder.state.LadderView`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict, Unpack

from verzuimdesk.core.dutch_dates import date_short
from verzuimdesk.core.ladder.conditions import (
    add_months,
    answer_holds,
    field_rows,
    precondition_problem,
)
from verzuimdesk.core.ladder.state import (
    CalendarLike,
    CaseState,
    DueDeadline,
    EventLike,
    LadderError,
    LadderView,
    PathStep,
    Transition,
    TransitionError,
    ticked_items,
)
from verzuimdesk.core.region_spec import (
    Checklist,
    ChecklistItem,
    DeadlineAnchor,
    DeadlineRule,
    Decision,
    Ladder,
    Stage,
    Trigger,
    TriggerKind,
)
from verzuimdesk.core.rules.signal_codes import signal_label


def _fmt(d: dt.date) -> str:
    return date_short(d)


def _in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: ``Zorgwekkend ...`` -> ``zorgwekkend ...``.

    Labels that start with an abbreviation (``DUO-melding``) keep their capitals.
    """
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def _stage_label(stage: Stage) -> str:
    return f"stap {stage.number} ({stage.name})"


def _stage_title(stage: Stage) -> str:
    return f"Stap {stage.number} ({stage.name})"


def _add_weekdays(d: dt.date, n: int) -> dt.date:
    """Fallback for ``add_schooldays`` without a calendar: skip weekends only."""
    step = 1 if n >= 0 else -1
    left = abs(n)
    while left:
        d += dt.timedelta(days=step)
        if d.weekday() < 5:
            left -= 1
    return d


def due_date(rule: DeadlineRule, anchor: dt.date, calendar: CalendarLike | None = None) -> dt.date:
    """Return the first due date of ``rule`` counted from ``anchor``."""
    if rule.schooldays is not None:
        if calendar is not None:
            return calendar.add_schooldays(anchor, rule.schooldays)
        return _add_weekdays(anchor, rule.schooldays)
    if rule.weeks is not None:
        add_lesweken = getattr(calendar, "add_lesweken", None)
        if callable(add_lesweken):
            due: dt.date = add_lesweken(anchor, rule.weeks)
            return due
        return anchor + dt.timedelta(weeks=rule.weeks)
    if rule.months is not None:
        return add_months(anchor, rule.months)
    return anchor + dt.timedelta(days=rule.days or 0)


def _moves(events: Sequence[EventLike]) -> list[EventLike]:
    """The stage changes among ``events`` (``to_stage_id`` set), oldest first."""
    return sorted((e for e in events if e.to_stage_id), key=lambda e: e.occurred_on)


def _visits(ladder: Ladder, stage_id: str, events: Sequence[EventLike]) -> int:
    """How often the case entered ``stage_id`` (the stage it started on counts once)."""
    moves = _moves(events)
    count = sum(1 for e in moves if e.to_stage_id == stage_id)
    first = (getattr(moves[0], "from_stage_id", None) or ladder.start_stage) if moves else None
    return count + (1 if first == stage_id else 0)


def _path(ladder: Ladder, state: CaseState) -> tuple[PathStep, ...]:
    by_id = {s.id: s for s in ladder.stages}
    rows: list[dict[str, Any]] = []

    def enter(stage_id: str, on: dt.date | None) -> None:
        rows.append({"stage_id": stage_id, "entered_on": on, "left_on": None, "decision": None})

    def leave(on: dt.date | None, decision: str | None) -> None:
        rows[-1]["left_on"] = on
        rows[-1]["decision"] = decision

    moves = _moves(state.events)
    if moves:
        enter(getattr(moves[0], "from_stage_id", None) or ladder.start_stage, None)
    for move in moves:
        if rows[-1]["stage_id"] == move.to_stage_id:
            continue
        leave(move.occurred_on, move.decision)
        enter(str(move.to_stage_id), move.occurred_on)
    if not rows or rows[-1]["stage_id"] != state.stage_id:
        if rows:
            leave(state.stage_entered_on, None)
        enter(state.stage_id, state.stage_entered_on)
    elif rows[-1]["entered_on"] is None:
        rows[-1]["entered_on"] = state.stage_entered_on
    out: list[PathStep] = []
    for row in rows:
        stage = by_id.get(row["stage_id"])
        out.append(
            PathStep(
                stage_id=row["stage_id"],
                number=stage.number if stage else "?",
                name=stage.name if stage else row["stage_id"],
                entered_on=row["entered_on"],
                left_on=row["left_on"],
                decision=row["decision"],
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------- triggers


def _trigger_reason(
    trigger: Trigger,
    state: CaseState,
    today: dt.date,
    items: Mapping[str, ChecklistItem],
    checklists: Mapping[str, Checklist],
    ticked: set[str],
    signal_names: Mapping[str, str],
) -> str | None:
    """Return a Dutch reason when ``trigger`` holds for ``state``, else None."""
    if trigger.sectors and (
        state.sector is None or state.sector not in {str(s) for s in trigger.sectors}
    ):
        return None
    kind = trigger.kind
    if kind is TriggerKind.SIGNAL:
        dates = sorted(
            s.datum for s in state.signals if s.code == trigger.value and s.datum <= today
        )
        if len(dates) < trigger.count:
            return None
        when = dates[trigger.count - 1]
        label = signal_names.get(trigger.value) or _in_sentence(signal_label(trigger.value))
        if trigger.reason:
            return f"{trigger.reason} (signaal op {_fmt(when)})"
        times = f"{trigger.count}e keer " if trigger.count > 1 else ""
        return f"Signaal {times}{label} op {_fmt(when)}"
    if kind is TriggerKind.LESWEKEN:
        if state.lesweken is None or trigger.weeks is None or state.lesweken < trigger.weeks:
            return None
        return trigger.reason or (
            f"Lesweek {state.lesweken} van aanhoudend verzuim (vanaf week {trigger.weeks})"
        )
    if kind is TriggerKind.DECISION:
        since = state.stage_entered_on
        for event in sorted(state.events, key=lambda e: e.occurred_on):
            if event.decision == trigger.value and (since is None or event.occurred_on >= since):
                if event.occurred_on > today:
                    continue
                return trigger.reason or f"Besluit ‘{trigger.value}’ op {_fmt(event.occurred_on)}"
        return None
    if kind is TriggerKind.CRITERION:
        if trigger.value in checklists:
            checklist = checklists[trigger.value]
            hits = [i for i in checklist.items if i.id in ticked]
            if len(hits) < checklist.min_ticked:
                return None
            names = ", ".join(i.text.split(".")[0] for i in hits)
            return trigger.reason or f"{checklist.name}: {names}"
        if trigger.value not in ticked:
            return None
        item = items.get(trigger.value)
        return trigger.reason or f"Criterium aangevinkt: {item.text if item else trigger.value}"
    if kind is TriggerKind.ANSWER:
        if not answer_holds(state.form_answers, trigger.value, trigger.answers):
            return None
        wanted = " of ".join(trigger.answers) or "ingevuld"
        return trigger.reason or f"Formulier: {trigger.value.split('.', 1)[-1]} is {wanted}"
    return None


def _unmet(target: Stage, state: CaseState) -> tuple[str, ...]:
    """The Dutch reasons of ``target``'s preconditions that ``state`` does not meet."""
    if not target.preconditions:
        return ()
    ticked = ticked_items(state.checklist_answers)
    problems = (precondition_problem(p, state.form_answers, ticked) for p in target.preconditions)
    return tuple(p for p in problems if p)


def _guard(
    ladder: Ladder, target: Stage, state: CaseState | None, *, preconditions: bool = True
) -> str:
    """Return a Dutch reason why ``state`` may not enter ``target`` ('' when it may).

    :param preconditions: also check ``target.preconditions`` (consent, forms, answers).
    """
    if state is None:
        return ""
    if state.closed:
        return "De casus is gesloten."
    if target.sectors and state.sector and state.sector not in {str(s) for s in target.sectors}:
        sectors = "/".join(str(s) for s in target.sectors)
        return f"{_stage_title(target)} geldt alleen voor {sectors}."
    too_young = (
        target.min_age is not None
        and state.pupil_age is not None
        and state.pupil_age < target.min_age
    )
    if too_young:
        return (
            f"{_stage_title(target)} kan pas vanaf {target.min_age} jaar "
            f"(de leerling is {state.pupil_age})."
        )
    if target.max_visits is not None and (
        _visits(ladder, target.id, state.events) >= target.max_visits
    ):
        times = "één keer" if target.max_visits == 1 else f"{target.max_visits} keer"
        return f"{_stage_title(target)} kan maar {times} en is al gedaan."
    problems = _unmet(target, state) if preconditions else ()
    if problems:
        return f"{_stage_title(target)}: " + " ".join(problems)
    return ""


# --------------------------------------------------------------------------- evaluate


def evaluate_ladder(
    ladder: Ladder,
    state: CaseState,
    *,
    today: dt.date | None = None,
    calendar: CalendarLike | None = None,
    region_rules: Sequence[DeadlineRule] = (),
    checklists: Sequence[Checklist] = (),
    signal_names: Mapping[str, str] | None = None,
) -> LadderView:
    """Evaluate where ``state`` stands on ``ladder``.

    :param ladder: the region's ladder (``registry.ladder(region_id)``).
    :param state: the case.
    :param today: the evaluation date (default: today).
    :param calendar: the school calendar, for ``schooldays``/``weeks`` deadlines; without
        it schooldagen are weekdays and a lesweek is 7 days.
    :param region_rules: region-wide deadline rules (``registry.deadline_rules``).
    :param checklists: the region's checklists, to resolve ``CRITERION`` triggers that
        name a checklist and to word reasons.
    :param signal_names: Dutch names of regional signal codes, for reasons.
    :returns: the :class:`LadderView`.
    :raises LadderError: when the case's stage is not on the ladder.
    """
    today = today or dt.date.today()
    try:
        stage = ladder.stage(state.stage_id)
    except KeyError:
        raise LadderError(
            f"De casus staat op stap ‘{state.stage_id}’, maar die bestaat niet (meer) in de "
            f"ladder van regio ‘{ladder.region_id}’. Kies de huidige stap opnieuw."
        ) from None

    variant = stage.variant_for(state.municipality)
    in_regie = stage.in_regie
    involved = stage.involved
    note = ""
    if variant is not None:
        if variant.in_regie is not None:
            in_regie = variant.in_regie
        if variant.involved is not None:
            involved = variant.involved
        note = variant.note

    checklist_map = {c.id: c for c in checklists}
    items = {i.id: i for c in checklists for i in c.items}
    ticked = ticked_items(state.checklist_answers)
    names = dict(signal_names or {})

    by_id = {s.id: s for s in ladder.stages}
    transitions: list[Transition] = []
    for target_id in stage.next_stages:
        target = by_id[target_id]
        reasons = tuple(
            r
            for r in (
                _trigger_reason(t, state, today, items, checklist_map, ticked, names)
                for t in target.entry_triggers
            )
            if r
        )
        hard = _guard(ladder, target, state, preconditions=False)
        unmet = () if hard else _unmet(target, state)
        blocked = hard or (f"{_stage_title(target)}: " + " ".join(unmet) if unmet else "")
        decisions = tuple(
            d for d in stage.decision_defs() if not d.next_stages or target_id in d.next_stages
        )
        transitions.append(
            Transition(
                target.id,
                target.number,
                target.name,
                suggested=bool(reasons),
                reasons=reasons,
                allowed=not blocked,
                blocked_reason=blocked,
                decisions=decisions,
                unmet=unmet,
            )
        )
    transitions.sort(key=lambda t: (not (t.suggested and t.allowed), not t.allowed))

    done_ids = set(state.actions_done)
    actions_done = tuple(a for a in stage.actions if a.id in done_ids)
    actions_todo = tuple(a for a in stage.actions if a.id not in done_ids and a.required)

    deadlines = _deadlines(stage, state, today, calendar, region_rules)

    closable = [s for s in ladder.stages if s.final or s.outcomes]
    if state.closed:
        can_close, reason = False, "De casus is al gesloten."
    elif stage.final or stage.outcomes:
        can_close = True
        reason = "Eindstap: de casus kan worden gesloten" + (
            " met een van de uitkomsten." if stage.outcomes else "."
        )
    else:
        can_close = False
        where = ", ".join(f"{s.number} {s.name}" for s in closable) or "geen stap"
        reason = f"Sluiten kan pas bij een eindstap: {where}."

    return LadderView(
        region_id=ladder.region_id,
        stage=stage,
        path=_path(ladder, state),
        in_regie=in_regie,
        involved=tuple(involved),
        partners=stage.partners,
        variant_note=note,
        transitions=tuple(transitions),
        actions_todo=actions_todo,
        actions_done=actions_done,
        deadlines=deadlines,
        can_close=can_close,
        close_reason=reason,
        outcomes=stage.outcomes,
        lesweken=state.lesweken,
        checklists=stage.checklists,
        forms=stage.forms,
        regie_options=tuple(r for r in stage.regie_options if r != in_regie),
    )


def _deadlines(
    stage: Stage,
    state: CaseState,
    today: dt.date,
    calendar: CalendarLike | None,
    region_rules: Sequence[DeadlineRule],
) -> tuple[DueDeadline, ...]:
    out: list[DueDeadline] = []
    for scope, rules in (("stage", stage.deadlines), ("region", tuple(region_rules))):
        for rule in rules:
            floor = state.stage_entered_on if scope == "stage" else state.opened_on
            anchors = (
                [(row.on, row.owner, row.text) for row in field_rows(rule, state.form_answers)]
                if rule.anchor_field is not None
                else [(a, "", "") for a in _anchors(rule, state, floor)]
            )
            for anchor, owner, text in anchors:
                due = due_date(rule, anchor, calendar)
                if rule.recurring_days:
                    while due < today:
                        due += dt.timedelta(days=rule.recurring_days)
                out.append(
                    DueDeadline(
                        rule_id=rule.id,
                        what=f"{rule.what}: {text}" if text else rule.what,
                        role_id=rule.role_id,
                        due_on=due,
                        anchor_on=anchor,
                        overdue=due < today,
                        scope=scope,
                        recurring=bool(rule.recurring_days),
                        source=rule.source,
                        owner=owner,
                    )
                )
    out.sort(key=lambda d: (d.due_on, d.rule_id))
    return tuple(out)


def _anchors(rule: DeadlineRule, state: CaseState, floor: dt.date | None) -> list[dt.date]:
    if rule.anchor == DeadlineAnchor.STAGE:
        return [state.stage_entered_on] if state.stage_entered_on else []
    if rule.anchor == DeadlineAnchor.FIRST_ABSENCE:
        return [state.first_absence_on] if state.first_absence_on else []
    code = rule.anchor_signal
    if code is not None:
        dates = sorted({s.datum for s in state.signals if s.code == code})
        return [d for d in dates if floor is None or d >= floor]
    return []


# --------------------------------------------------------------------------- decisions


def decision_label(ladder: Ladder, decision_id: str) -> str:
    """The Dutch label of ``decision_id``: the label a stage declares for it, else the id
    made readable (``jeugdhulp-onduidelijk`` -> ``Jeugdhulp onduidelijk``)."""
    for stage in ladder.stages:
        for decision in stage.decision_defs():
            if decision.id == decision_id and decision.label != decision.id:
                return decision.label
    words = decision_id.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def offered_decisions(ladder: Ladder, stage_id: str) -> tuple[Decision, ...]:
    """The decisions a *Besluit* at ``stage_id`` can record: what its transitions accept.

    A stage that declares decisions (:meth:`Stage.decision_defs`) offers exactly those,
    with their labels and next stages: leaving it asks for one of them anyway. Any other
    stage offers the ``DECISION`` trigger values of the stages it leads to, labelled by
    :func:`decision_label`, each with the stages it would make the ladder suggest.
    An unknown stage offers nothing.
    """
    by_id = {s.id: s for s in ladder.stages}
    stage = by_id.get(stage_id)
    if stage is None:
        return ()
    declared = stage.decision_defs()
    if declared:
        return declared
    targets: dict[str, list[str]] = {}
    for target_id in stage.next_stages:
        target = by_id.get(target_id)
        for trigger in target.entry_triggers if target else ():
            if trigger.kind is TriggerKind.DECISION and trigger.value:
                leads = targets.setdefault(trigger.value, [])
                if target_id not in leads:
                    leads.append(target_id)
    return tuple(
        Decision(value, decision_label(ladder, value), next_stages=tuple(leads))
        for value, leads in targets.items()
    )


# --------------------------------------------------------------------------- transitions


def check_transition(
    ladder: Ladder,
    from_id: str,
    to_id: str,
    decision: str | None = None,
    *,
    note: str | None = None,
    state: CaseState | None = None,
) -> list[str]:
    """Return the Dutch reasons why a move is not allowed (empty when it is).

    :param decision: the decision taken when leaving ``from_id`` (``CaseEvent.decision``).
    :param note: the toelichting, required by some decisions.
    :param state: the case, to check guards (sector, age, visits, closed).
    """
    by_id = {s.id: s for s in ladder.stages}
    errors: list[str] = []
    source = by_id.get(from_id)
    target = by_id.get(to_id)
    if source is None:
        errors.append(f"Stap ‘{from_id}’ bestaat niet in de ladder van regio ‘{ladder.region_id}’.")
    if target is None:
        errors.append(f"Stap ‘{to_id}’ bestaat niet in de ladder van regio ‘{ladder.region_id}’.")
    if source is None or target is None:
        return errors
    if to_id not in source.next_stages:
        allowed = ", ".join(by_id[s].number for s in source.next_stages) or "geen"
        errors.append(
            f"Vanaf {_stage_label(source)} kan een casus niet naar {_stage_label(target)}; "
            f"toegestaan: {allowed}."
        )
        return errors
    decisions = {d.id: d for d in source.decision_defs()}
    if decisions:
        if not decision:
            options = " of ".join(f"‘{d.label}’" for d in decisions.values())
            errors.append(
                f"Kies een besluit bij het verlaten van {_stage_label(source)}: {options}."
            )
        elif decision not in decisions:
            options = ", ".join(f"‘{d.label}’" for d in decisions.values())
            errors.append(
                f"Besluit ‘{decision}’ hoort niet bij {_stage_label(source)}; kies uit {options}."
            )
        else:
            chosen = decisions[decision]
            if chosen.next_stages and to_id not in chosen.next_stages:
                goes = ", ".join(by_id[s].number for s in chosen.next_stages)
                errors.append(
                    f"Bij besluit ‘{chosen.label}’ gaat de casus naar stap {goes}, "
                    f"niet naar {_stage_label(target)}."
                )
            if chosen.note_required and not (note or "").strip():
                errors.append(f"Een toelichting is verplicht bij besluit ‘{chosen.label}’.")
    guard = _guard(ladder, target, state)
    if guard:
        errors.append(guard)
    return errors


class _TransitionOptions(TypedDict, total=False):
    """The keyword arguments of :func:`check_transition`."""

    note: str | None
    state: CaseState | None


def validate_transition(
    ladder: Ladder, from_id: str, to_id: str, decision: str | None = None,
    **options: Unpack[_TransitionOptions],
) -> None:  # fmt: skip
    """Raise :class:`TransitionError` (Dutch message) when the move is not allowed.

    Same parameters as :func:`check_transition`.
    """
    errors = check_transition(ladder, from_id, to_id, decision, **options)
    if errors:
        raise TransitionError(errors)
