"""The ladder evaluator: where a case stands on its region's escalation ladder.

Pure Python: it takes plain values (a :class:`CaseState` and a region's
:class:`~verzuimdesk.plugins.api.Ladder`) and returns a :class:`LadderView`; no Qt,
no database session. Services build the ``CaseState`` from a ``Case`` row: the ORM
``CaseEvent`` and ``StoredSignal`` rows can be passed as they are, since only their
attributes are read (duck typing: ``code``/``datum`` for signals,
``kind``/``occurred_on``/``to_stage_id``/``decision`` for events).

Typical use::

    view = evaluate_ladder(registry.ladder(region_id), state, today=today,
                           calendar=school_calendar,
                           region_rules=registry.deadline_rules(region_id),
                           checklists=registry.checklists(region_id))
    view.stage, view.in_regie, view.suggested, view.actions_todo, view.deadlines
    validate_transition(ladder, view.stage.id, "dh-05-jes", state=state)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from verzuimdesk.core.region_spec import (
    Checklist,
    ChecklistItem,
    DeadlineRule,
    Decision,
    Ladder,
    Outcome,
    PhaseBand,
    Stage,
    Trigger,
    TriggerKind,
)

#: Dutch names of the national signal codes, used in suggestion reasons.
SIGNAL_LABELS: dict[str, str] = {
    "duo-16h": "16 uur ongeoorloofd verzuim in 4 lesweken (DUO-melding)",
    "duo-lrv": "langdurig relatief verzuim (4 lesweken aaneengesloten)",
    "duo-luxe": "luxe verzuim",
    "thuiszitter-b2a": "thuiszitter (B2a, langer dan 4 weken)",
    "thuiszitter-b2b": "thuiszitter (B2b, langer dan 3 maanden)",
    "sick-7-days": "zorgwekkend ziekteverzuim: 7e schooldag aaneengesloten ziek",
    "sick-4-in-12": "zorgwekkend ziekteverzuim: 4e ziekmelding in 12 lesweken",
    "sick-po-5-reports": "zorgwekkend ziekteverzuim: 5e ziekmelding dit schooljaar",
    "sick-po-10-days": "zorgwekkend ziekteverzuim: 10e ziektedag dit schooljaar",
}

#: The event kind of a move on the ladder (``CaseEvent.kind``).
STAGE_CHANGE = "stage_change"

_FALSE_STRINGS = frozenset({"", "0", "nee", "no", "false", "onwaar", "n"})


class LadderError(ValueError):
    """The case does not fit the ladder (unknown stage). The message is Dutch."""


class TransitionError(ValueError):
    """A move on the ladder is not allowed. ``errors`` holds every Dutch reason."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__(" ".join(errors))
        self.errors = tuple(errors)


# --------------------------------------------------------------------------- inputs


class SignalLike(Protocol):
    """Anything with a signal code and its date (``Signal``, ``StoredSignal``)."""

    code: str
    datum: dt.date


class EventLike(Protocol):
    """Anything shaped like a ``CaseEvent``."""

    kind: str
    occurred_on: dt.date
    to_stage_id: str | None
    decision: str | None


class CalendarLike(Protocol):
    """A school calendar; only ``add_schooldays`` is required.

    ``add_lesweken(d, n)`` is used when present for ``DeadlineRule.weeks``;
    otherwise a leesweek counts as 7 calendar days.
    """

    def add_schooldays(self, d: dt.date, n: int) -> dt.date:
        """Return the ``n``-th schooldag after ``d``."""
        ...


@dataclass(frozen=True)
class SignalFact:
    """A plain signal occurrence: its code and trigger date."""

    code: str
    datum: dt.date


@dataclass(frozen=True)
class EventFact:
    """A plain case event (what the evaluator reads from a ``CaseEvent``)."""

    kind: str
    occurred_on: dt.date
    to_stage_id: str | None = None
    decision: str | None = None
    from_stage_id: str | None = None
    text: str = ""


@dataclass(frozen=True)
class CaseState:
    """What the evaluator needs to know about a case.

    :param stage_id: the current stage (``Case.stage_id``).
    :param stage_entered_on: when the case entered it (``Case.stage_entered_on``).
    :param signals: the pupil's signals, national and regional (code + date).
    :param events: the case's events; stage changes (``to_stage_id`` set) give the path,
        decisions (``decision`` set) feed ``DECISION`` triggers.
    :param lesweken: the lesweek number since the first absence day (week 1 is the
        lesweek of that day), see :func:`lesweken_since`.
    :param first_absence_on: anchor of ``first_absence`` deadline rules.
    :param opened_on: the day the case was opened; region-wide signal deadlines before
        it are not listed.
    :param actions_done: ids of the current stage's actions that are done.
    :param checklist_answers: ``Case.checklists``: item id -> answer (truthy = ticked),
        or checklist id -> {item id -> answer}.
    :param municipality: the pupil's municipality, for municipality variants.
    :param sector: the school's sector (``PO``/``VO``/``MBO``), for sector-bound stages.
    :param pupil_age: the pupil's age in years today, for ``Stage.min_age``.
    :param closed: the case is closed: no move is open.
    """

    stage_id: str
    stage_entered_on: dt.date | None = None
    signals: Sequence[SignalLike] = ()
    events: Sequence[EventLike] = ()
    lesweken: int | None = None
    first_absence_on: dt.date | None = None
    opened_on: dt.date | None = None
    actions_done: Collection[str] = frozenset()
    checklist_answers: Mapping[str, Any] = field(default_factory=dict)
    municipality: str | None = None
    sector: str | None = None
    pupil_age: int | None = None
    closed: bool = False


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class PathStep:
    """A stage on the case's path, with when it was entered and left."""

    stage_id: str
    number: str
    name: str
    entered_on: dt.date | None
    left_on: dt.date | None = None
    decision: str | None = None


@dataclass(frozen=True)
class Transition:
    """A move the case may make from its current stage.

    :param suggested: an entry trigger of the target stage holds.
    :param reasons: Dutch reasons for the suggestion (empty when not suggested).
    :param allowed: False when a guard blocks it (sector, age, visits, case closed).
    :param blocked_reason: Dutch reason when not allowed.
    :param decisions: the decisions of the current stage that lead here; one must be
        chosen when non-empty.
    """

    stage_id: str
    number: str
    name: str
    suggested: bool
    reasons: tuple[str, ...] = ()
    allowed: bool = True
    blocked_reason: str = ""
    decisions: tuple[Decision, ...] = ()


@dataclass(frozen=True)
class DueDeadline:
    """A concrete deadline that follows from a :class:`DeadlineRule`.

    :param anchor_on: the date it counts from (stage entry, signal, first absence).
    :param scope: ``stage`` (a deadline of the current stage) or ``region``.
    """

    rule_id: str
    what: str
    role_id: str | None
    due_on: dt.date
    anchor_on: dt.date
    overdue: bool
    scope: str = "stage"
    recurring: bool = False
    source: str = ""


@dataclass(frozen=True)
class LadderView:
    """Where a case stands on its ladder; what the ladder view shows.

    :param stage: the current stage.
    :param path: every stage the case went through, the current one last.
    :param in_regie: the role in regie (municipality variant applied).
    :param involved: the roles involved (municipality variant applied).
    :param variant_note: Dutch note when a municipality variant applies.
    :param transitions: the open moves, suggested ones first.
    :param actions_todo: required actions of the current stage not yet done.
    :param deadlines: concrete deadlines, earliest first.
    :param can_close: the case may be closed at this stage.
    :param close_reason: Dutch explanation of ``can_close``.
    :param outcomes: the outcomes to choose from when closing here.
    :param regie_options: other roles that may take regie at this stage.
    """

    region_id: str
    stage: Stage
    path: tuple[PathStep, ...]
    in_regie: str | None
    involved: tuple[str, ...]
    partners: tuple[str, ...]
    variant_note: str
    transitions: tuple[Transition, ...]
    actions_todo: tuple[ChecklistItem, ...]
    actions_done: tuple[ChecklistItem, ...]
    deadlines: tuple[DueDeadline, ...]
    can_close: bool
    close_reason: str
    outcomes: tuple[Outcome, ...]
    lesweken: int | None = None
    checklists: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    regie_options: tuple[str, ...] = ()

    @property
    def stages_done(self) -> tuple[PathStep, ...]:
        """The path without the current stage."""
        return self.path[:-1]

    @property
    def suggested(self) -> tuple[Transition, ...]:
        """The transitions an entry trigger suggests."""
        return tuple(t for t in self.transitions if t.suggested and t.allowed)

    @property
    def overdue(self) -> tuple[DueDeadline, ...]:
        """The deadlines past due."""
        return tuple(d for d in self.deadlines if d.overdue)


# --------------------------------------------------------------------------- helpers


def lesweken_since(first_absence_on: dt.date, today: dt.date, lesweek_index: Any) -> int:
    """Return the lesweek number of ``today`` counted from ``first_absence_on`` (week 1).

    :param lesweek_index: the calendar's ``lesweek_index(date) -> int``.
    """
    return int(lesweek_index(today)) - int(lesweek_index(first_absence_on)) + 1


def band_for_week(bands: Iterable[PhaseBand], week: int | None) -> PhaseBand | None:
    """Return the timeline band that contains lesweek ``week`` (week 0: before absence)."""
    if week is None:
        return None
    for band in bands:
        if band.from_week <= week and (band.to_week is None or week <= band.to_week):
            return band
    return None


def is_ticked(value: Any) -> bool:
    """Whether a checklist answer counts as ticked (True, 1, ``"ja"``; not ``"nee"``)."""
    if isinstance(value, str):
        return value.strip().lower() not in _FALSE_STRINGS
    if isinstance(value, Mapping):
        return is_ticked(value.get("value", value.get("ticked")))
    return bool(value)


def ticked_items(answers: Mapping[str, Any]) -> set[str]:
    """Return the ids of ticked items from flat or per-checklist nested answers."""
    ticked: set[str] = set()
    for key, value in answers.items():
        if isinstance(value, Mapping) and "value" not in value and "ticked" not in value:
            ticked |= {k for k, v in value.items() if is_ticked(v)}
        elif is_ticked(value):
            ticked.add(key)
    return ticked


def _fmt(d: dt.date) -> str:
    return d.strftime("%d-%m-%Y")


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
            return add_lesweken(anchor, rule.weeks)
        return anchor + dt.timedelta(weeks=rule.weeks)
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
        label = signal_names.get(trigger.value) or SIGNAL_LABELS.get(trigger.value, trigger.value)
        if trigger.reason:
            return f"{trigger.reason} (signaal op {_fmt(when)})"
        times = f"{trigger.count}e keer " if trigger.count > 1 else ""
        return f"Signaal {times}{label} op {_fmt(when)}"
    if kind is TriggerKind.LESWEKEN:
        if state.lesweken is None or trigger.weeks is None or state.lesweken < trigger.weeks:
            return None
        return trigger.reason or (
            f"Lesweek {state.lesweken} sinds het eerste verzuim (vanaf week {trigger.weeks})"
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
    return None


def _guard(ladder: Ladder, target: Stage, state: CaseState | None) -> str:
    """Return a Dutch reason why ``state`` may not enter ``target`` ('' when it may)."""
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
        blocked = _guard(ladder, target, state)
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
            for anchor in _anchors(rule, state, floor):
                due = due_date(rule, anchor, calendar)
                if rule.recurring_days:
                    while due < today:
                        due += dt.timedelta(days=rule.recurring_days)
                out.append(
                    DueDeadline(
                        rule_id=rule.id,
                        what=rule.what,
                        role_id=rule.role_id,
                        due_on=due,
                        anchor_on=anchor,
                        overdue=due < today,
                        scope=scope,
                        recurring=bool(rule.recurring_days),
                        source=rule.source,
                    )
                )
    out.sort(key=lambda d: (d.due_on, d.rule_id))
    return tuple(out)


def _anchors(rule: DeadlineRule, state: CaseState, floor: dt.date | None) -> list[dt.date]:
    if rule.anchor == "stage":
        return [state.stage_entered_on] if state.stage_entered_on else []
    if rule.anchor == "first_absence":
        return [state.first_absence_on] if state.first_absence_on else []
    if rule.anchor.startswith("signal:"):
        code = rule.anchor.removeprefix("signal:")
        dates = sorted({s.datum for s in state.signals if s.code == code})
        return [d for d in dates if floor is None or d >= floor]
    return []


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


def validate_transition(
    ladder: Ladder,
    from_id: str,
    to_id: str,
    decision: str | None = None,
    *,
    note: str | None = None,
    state: CaseState | None = None,
) -> None:
    """Raise :class:`TransitionError` (Dutch message) when the move is not allowed.

    Same parameters as :func:`check_transition`.
    """
    errors = check_transition(ladder, from_id, to_id, decision, note=note, state=state)
    if errors:
        raise TransitionError(errors)
