"""Services for a case: open, move up the ladder, tick actions, events, deadlines, forms, close.

Each public function is one user action and one transaction
(``desk.case_base.transaction(desk.user)``); after it commits, a
:class:`~verzuimdesk.core.services.changes.Change` is published so every open
view refreshes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from verzuimdesk.core.models import (
    Case,
    CaseEvent,
    Deadline,
    Person,
    Pupil,
    RoleAssignment,
)
from verzuimdesk.core.services import changes, rules_gateway
from verzuimdesk.core.services.case_concurrency import (
    NUMBER_ATTEMPTS,
    is_number_clash,
    move_conflict,
)
from verzuimdesk.core.services.common import clean, today
from verzuimdesk.core.services.conflicts import ConflictError, on_stale, retrying, stale_as_conflict
from verzuimdesk.core.services.errors import NotFoundError, ServiceError, ValidationError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.ladder import CaseState
    from verzuimdesk.core.region_spec import Decision, Ladder, Stage
    from verzuimdesk.core.rules.calendar import SchoolCalendar

# The event kinds live in their own module (case_ticks needs them too); re-exported here.
from verzuimdesk.core.services.event_kinds import DELETABLE_EVENT_KINDS as DELETABLE_EVENT_KINDS
from verzuimdesk.core.services.event_kinds import EVENT_KIND_NAMES as EVENT_KIND_NAMES
from verzuimdesk.core.services.event_kinds import USER_EVENT_KINDS as USER_EVENT_KINDS

#: ``Deadline.done_by`` of a deadline that lapsed because its case left the stage.
LAPSED = "vervallen (stap verlaten)"


def get_case(session: Session, case_id: int) -> Case:
    """The case with ``case_id`` in ``session``; a Dutch NotFoundError when it is gone."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError("Deze casus bestaat niet meer.")
    return case


#: The one case number scheme, used by new cases and the demo: ``VZ-2026-00001``.
CASE_NUMBER_PREFIX = "VZ"


def case_number(year: int, sequence: int) -> str:
    """The case number of the ``sequence``-th case opened in ``year``: ``VZ-2026-00001``."""
    return f"{CASE_NUMBER_PREFIX}-{year}-{sequence:05d}"


def _next_number(session: Session, on: dt.date) -> str:
    prefix = case_number(on.year, 0)[:-5]
    last = session.scalar(select(func.max(Case.number)).where(Case.number.like(prefix + "%")))
    tail = last[len(prefix) :] if last else ""
    return case_number(on.year, int(tail) + 1 if tail.isdigit() else 1)


def _case_calendar(desk: Desk, case: Case) -> SchoolCalendar:
    return rules_gateway.school_calendar(desk, case.pupil.school if case.pupil else None)


def _stage_deadlines(desk: Desk, session: Session, case: Case, stage: Stage, on: dt.date) -> None:
    """Create the deadlines that start when ``case`` enters ``stage`` on ``on``."""
    calendar = _case_calendar(desk, case)
    for rule in stage.deadlines:
        if rule.anchor == "stage":
            anchor = on
        elif rule.anchor == "first_absence":
            anchor = case.first_absence_on or on
        else:
            continue  # signal-anchored rules follow the signals (absences service)
        session.add(
            Deadline(
                case=case,
                due_on=rules_gateway.due_date(rule, anchor, calendar),
                what=rule.what,
                role_id=rule.role_id,
                rule_id=rule.id,
            )
        )


def _municipality(case: Case) -> str | None:
    """The municipality the ladder's variants go by: the pupil's woongemeente (the LPA of
    that municipality acts, wherever the school is). Unknown: None, the default route."""
    pupil = case.pupil
    return pupil.municipality if pupil is not None else None


def _default_regie(case: Case, stage: Stage) -> str | None:
    """The role in regie at ``stage`` by the protocol (municipality variant applied)."""
    variant = stage.variant_for(_municipality(case))
    return variant.in_regie if variant and variant.in_regie else stage.in_regie


def regie_roles(case: Case, stage: Stage) -> tuple[str, ...]:
    """The roles that may hold regie at ``stage``: the default first, then the options."""
    default = _default_regie(case, stage)
    roles = ([default] if default else []) + list(stage.regie_options)
    return tuple(dict.fromkeys(roles))


def _regie_for(desk: Desk, case: Case, stage: Stage, left: Stage | None = None) -> str | None:
    """The role in regie once ``case`` enters ``stage`` (coming from ``left``).

    A regie chosen explicitly at the step being left (one that differs from that step's
    default) stays when ``stage`` allows that role; otherwise ``stage``'s default.
    """
    current = case.regie_role_id
    if (
        left is not None
        and current
        and current != _default_regie(case, left)
        and current in regie_roles(case, stage)
    ):
        return current
    return _default_regie(case, stage)


def _regie_person_for(case: Case, role_id: str | None) -> int | None:
    """Who holds ``role_id`` in the case now (latest open role assignment), if anyone."""
    if not role_id:
        return None
    holders = [r for r in case.roles if r.role_id == role_id and r.until is None]
    holders.sort(key=lambda r: (r.since or dt.date.min, r.id or 0))
    return holders[-1].person_id if holders else None


def open_case(
    desk: Desk,
    pupil_id: int,
    *,
    opened_on: dt.date | None = None,
    first_absence_on: dt.date | None = None,
    stage_id: str | None = None,
    note: str = "",
) -> int:
    """Open a case for a pupil at the ladder's start (or ``stage_id``); returns its id.

    The start is the ladder's ``start_stage``, or the start of the pupil's school's sector
    when the ladder has a route per sector (``Ladder.sector_starts``).

    Raises :class:`ValidationError` when the pupil already has an open case.
    """
    opened_on = opened_on or today(desk)
    ladder = desk.registry.ladder(desk.region_id)
    by_sector = stage_id is None and bool(ladder.sector_starts)
    stage_id = stage_id or ladder.start_stage
    try:
        stage = ladder.stage(stage_id)
    except KeyError as exc:
        raise ValidationError({"stage_id": "Deze stap bestaat niet in de regio."}) from exc
    for attempt in range(NUMBER_ATTEMPTS):
        try:
            case_id = _open_case(
                desk, pupil_id, opened_on, first_absence_on, stage, note, by_sector=by_sector
            )
            break
        except IntegrityError as exc:
            # A colleague's new case took the same number between our read of the highest
            # number and our insert: the whole transaction rolled back; take the next one.
            if not is_number_clash(exc) or attempt == NUMBER_ATTEMPTS - 1:
                raise
    changes.publish(desk, "case", case_ids=(case_id,), pupil_ids=(pupil_id,))
    return case_id


def _open_case(
    desk: Desk,
    pupil_id: int,
    opened_on: dt.date,
    first_absence_on: dt.date | None,
    stage: Stage,
    note: str,
    *,
    by_sector: bool,
) -> int:
    """One attempt at :func:`open_case`: one transaction; returns the new case id."""
    ladder = desk.registry.ladder(desk.region_id)
    with desk.case_base.transaction(desk.user) as session:
        pupil = session.get(Pupil, pupil_id)
        if pupil is None:
            raise ValidationError({"pupil_id": "Kies een leerling."})
        if by_sector:  # a route per sector (plugin API 1.3): start where the sector starts
            stage = ladder.stage(ladder.start_for(pupil.school.sector if pupil.school else None))
        existing = session.scalar(
            select(Case.number).where(Case.pupil_id == pupil_id, Case.closed_on.is_(None))
        )
        if existing:
            raise ValidationError(
                {"pupil_id": f"Deze leerling heeft al een open casus ({existing})."}
            )
        if first_absence_on and first_absence_on > opened_on:
            raise ValidationError(
                {"first_absence_on": "De eerste verzuimdag ligt na de openingsdatum."}
            )
        case = Case(
            number=_next_number(session, opened_on),
            pupil=pupil,
            opened_on=opened_on,
            first_absence_on=first_absence_on,
            stage_id=stage.id,
            stage_entered_on=opened_on,
            actions_done=[],
            checklists={},
        )
        session.add(case)
        case.regie_role_id = _regie_for(desk, case, stage)
        session.add(
            CaseEvent(
                case=case,
                occurred_on=opened_on,
                kind="opened",
                author=desk.user,
                text=clean(note) or f"Casus geopend bij stap {stage.number}: {stage.name}.",
                to_stage_id=stage.id,
            )
        )
        session.flush()
        _stage_deadlines(desk, session, case, stage, opened_on)
        from verzuimdesk.core.services import absences

        absences.refresh_case_from_signals(desk, session, case)
        case_id = case.id
    return case_id


@dataclass(frozen=True)
class MoveResult:
    """What moving a case did: the new stage and the event that records it."""

    case_id: int
    from_stage_id: str
    to_stage_id: str
    event_id: int


def move_case(
    desk: Desk,
    case_id: int,
    target_stage_id: str,
    *,
    reason: str,
    decision: str | None = None,
    on: dt.date | None = None,
    from_stage_id: str | None = None,
    over_stage_id: str | None = None,
) -> MoveResult:
    """Move a case to ``target_stage_id``: validate, record a stage-change event, new deadlines.

    The move must be one of the current stage's next stages; a stage with
    decisions needs one, and a decision marked ``note_required`` needs a reason.
    Raises :class:`ValidationError` with Dutch messages. ``from_stage_id``: the step the
    user saw; when a colleague moved the case meanwhile (or moves it at the same moment)
    a :class:`ConflictError` says so and nothing is saved.

    ``over_stage_id``: "keep mine" after that conflict. A colleague moved the case from
    ``from_stage_id`` (what the user saw and decided on) to ``over_stage_id``; the user's
    move is checked as one from ``from_stage_id`` and made from where the case is now
    (the history keeps both step changes). When the case moved again meanwhile, it is
    a conflict again.
    """
    on = on or today(desk)
    ladder = desk.registry.ladder(desk.region_id)

    def conflict() -> ConflictError:
        return move_conflict(desk, case_id, from_stage_id, target_stage_id)

    with stale_as_conflict(conflict), desk.case_base.transaction(desk.user) as session:
        case = get_case(session, case_id)
        if case.closed_on is not None:
            raise ServiceError("Deze casus is afgesloten.")
        expected = over_stage_id if over_stage_id is not None else from_stage_id
        if expected is not None and case.stage_id != expected:
            raise conflict()
        current = _stage_or_start(ladder, case.stage_id)
        decided_at = current
        if over_stage_id is not None and from_stage_id is not None:
            if target_stage_id == over_stage_id:
                raise ValidationError(
                    {"target": "Uw collega heeft de casus al naar deze stap gezet."}
                )
            decided_at = _stage_or_start(ladder, from_stage_id)
        errors = validate_move(desk, session, case, decided_at, target_stage_id, reason, decision)
        if on < (case.stage_entered_on or case.opened_on):
            errors["date"] = "De datum ligt vóór het begin van de huidige stap."
        if errors:
            raise ValidationError(errors)
        target = ladder.stage(target_stage_id)
        event = CaseEvent(
            case=case,
            occurred_on=on,
            kind="stage_change",
            author=desk.user,
            text=clean(reason) or "",
            from_stage_id=current.id,
            to_stage_id=target.id,
            decision=decision,
        )
        session.add(event)
        # Deadlines of the stage being left that are still open lapse: closed on the move's
        # date and marked as lapsed, so the file keeps showing what was due (and missed).
        left_rules = {rule.id for rule in current.deadlines if rule.anchor != "first_absence"}
        for deadline in list(case.deadlines):
            if deadline.done_on is None and deadline.rule_id in left_rules:
                deadline.done_on = on
                deadline.done_by = LAPSED
        case.stage_id = target.id
        case.stage_entered_on = on
        case.actions_done = []
        regie = _regie_for(desk, case, target, left=current)
        if regie != case.regie_role_id:
            case.regie_role_id = regie
            case.regie_person_id = _regie_person_for(case, regie)
        session.flush()
        _stage_deadlines(desk, session, case, target, on)
        result = MoveResult(case.id, current.id, target.id, event.id)
    changes.publish(desk, "case", case_ids=(case_id,))
    return result


def _stage_or_start(ladder: Ladder, stage_id: str | None) -> Stage:
    """The stage ``stage_id`` of ``ladder``; its start stage for an unknown id."""
    try:
        return ladder.stage(stage_id or "")
    except KeyError:
        return ladder.stage(ladder.start_stage)


def validate_move(
    desk: Desk,
    session: Session,
    case: Case,
    current: Stage,
    target_id: str,
    reason: str | None,
    decision: str | None,
) -> dict[str, str]:
    """Dutch errors (field -> message) for moving ``case`` from ``current`` to ``target_id``."""
    from verzuimdesk.core.ladder import check_transition

    ladder = desk.registry.ladder(desk.region_id)
    state = _state(desk, session, case)
    errors: dict[str, str] = {}
    problems = check_transition(ladder, current.id, target_id, decision, note=reason, state=state)
    if problems:
        errors["target"] = " ".join(problems)
    if not clean(reason):
        errors["reason"] = "Vul de reden in."
    return errors


def _state(desk: Desk, session: Session, case: Case) -> CaseState:
    from verzuimdesk.core.models import StoredSignal
    from verzuimdesk.core.services.common import age_on

    pupil = case.pupil
    school = pupil.school
    calendar = rules_gateway.school_calendar(desk, school)
    now = today(desk)
    signals = session.scalars(select(StoredSignal).where(StoredSignal.pupil_id == pupil.id)).all()
    return rules_gateway.case_state(
        case,
        signals=signals,
        events=case.events,
        lesweken=_continued_absence(desk, session, case, calendar, now),
        municipality=_municipality(case),
        sector=school.sector if school else None,
        pupil_age=age_on(pupil.birth_date, now),
    )


def _continued_absence(
    desk: Desk, session: Session, case: Case, calendar: SchoolCalendar, now: dt.date
) -> int | None:
    """Today's week of continued absence of the case's pupil (the header's "lesweek")."""
    from verzuimdesk.core.services import absences

    kinds = absences.week_absence_kinds(desk)
    days = absences.unauthorised_days(session, [case.pupil_id], now, kinds).get(case.pupil_id, [])
    return rules_gateway.continued_absence(calendar, days, now)


@on_stale("deze casus")
def set_regie(
    desk: Desk,
    case_id: int,
    role_id: str,
    person_id: int | None = None,
    *,
    reason: str = "",
    on: dt.date | None = None,
) -> int:
    """Hand regie over: ``role_id`` (and optionally ``person_id``) is *in regie* from ``on``.

    The role must be one the current step allows (its default or one of its
    ``regie_options``); the person, when given, must exist. One transaction: the case,
    a *Regie gewijzigd* event and the person's role assignment (audited). Returns the
    event id. Raises :class:`ValidationError` with Dutch messages per field.
    """
    on = on or today(desk)
    ladder = desk.registry.ladder(desk.region_id)
    role_names = {r.id: r.name for r in desk.registry.roles(desk.region_id)}
    with desk.case_base.transaction(desk.user) as session:
        case = get_case(session, case_id)
        if case.closed_on is not None:
            raise ServiceError("Deze casus is afgesloten.")
        try:
            stage = ladder.stage(case.stage_id)
        except KeyError:
            raise ServiceError("De huidige stap van deze casus bestaat niet (meer).") from None
        allowed = regie_roles(case, stage)
        errors: dict[str, str] = {}
        if not role_id:
            errors["role"] = "Kies wie de regie krijgt."
        elif role_id not in allowed:
            names = [role_names.get(r, r) for r in allowed]
            if len(names) > 1:
                who = ", ".join(names[:-1]) + " of " + names[-1]
            else:
                who = names[0] if names else "niemand"
            errors["role"] = f"Bij deze stap kan alleen {who} de regie hebben."
        person = None
        if person_id is not None:
            person = session.get(Person, person_id)
            if person is None:
                errors["person"] = "Deze persoon bestaat niet (meer)."
        if on < (case.stage_entered_on or case.opened_on):
            errors["date"] = "De datum ligt vóór het begin van de huidige stap."
        if on > today(desk):
            errors["date"] = "De datum ligt in de toekomst."
        if not errors and role_id == case.regie_role_id and person_id == case.regie_person_id:
            errors["role"] = "Deze regie is al zo vastgelegd."
        if errors:
            raise ValidationError(errors)
        case.regie_role_id = role_id
        case.regie_person_id = person_id
        if person is not None and not any(
            r.person_id == person_id and r.role_id == role_id and r.until is None
            for r in case.roles
        ):
            session.add(RoleAssignment(case=case, person=person, role_id=role_id, since=on))
        who = role_names.get(role_id, role_id) + (f" ({person.name})" if person else "")
        event = CaseEvent(
            case=case,
            occurred_on=on,
            kind="regie",
            author=desk.user,
            text=f"Regie naar {who}" + (f": {clean(reason)}" if clean(reason) else "."),
            from_stage_id=case.stage_id,
        )
        session.add(event)
        session.flush()
        event_id = event.id
    changes.publish(desk, "case", case_ids=(case_id,))
    return event_id


def offered_decisions(desk: Desk, case_id: int) -> tuple[Decision, ...]:
    """The decisions a *Besluit* on the case can record at its current step.

    What the step's transitions accept (:func:`verzuimdesk.core.ladder.offered_decisions`):
    recording one makes the ladder suggest the step it leads to. Empty for a closed case.
    """
    with desk.case_base.sessions() as session:
        case = get_case(session, case_id)
        stage_id, closed = case.stage_id, case.closed_on is not None
    return () if closed else _offered(desk, stage_id)


def _offered(desk: Desk, stage_id: str) -> tuple[Decision, ...]:
    from verzuimdesk.core.ladder import offered_decisions as ladder_offers

    return ladder_offers(desk.registry.ladder(desk.region_id), stage_id)


@on_stale("deze casus")
def add_event(
    desk: Desk,
    case_id: int,
    kind: str,
    text: str,
    *,
    on: dt.date | None = None,
    decision: str | None = None,
) -> int:
    """Add a note, contact, meeting or decision to a case; returns the event id.

    ``decision`` (kind ``decision`` only) must be one of :func:`offered_decisions` at the
    case's current step; with a decision the text may be left empty (it becomes the
    decision's label).
    """
    errors: dict[str, str] = {}
    decision = clean(decision)
    if kind not in USER_EVENT_KINDS:
        errors["kind"] = "Kies notitie, contact, overleg of besluit."
    elif decision and kind != "decision":
        errors["decision"] = "Alleen een besluit legt een besluit vast."
    if not clean(text) and not decision:
        errors["text"] = "Vul de tekst in."
    on = on or today(desk)
    if on > today(desk) + dt.timedelta(days=366):
        errors["date"] = "De datum ligt te ver in de toekomst."
    if errors:
        raise ValidationError(errors)
    with desk.case_base.transaction(desk.user) as session:
        case = get_case(session, case_id)
        label = ""
        if decision:
            offered = {d.id: d for d in _offered(desk, case.stage_id)}
            if case.closed_on is not None or decision not in offered:
                names = ", ".join(f"‘{d.label}’" for d in offered.values()) or "geen"
                raise ValidationError(
                    {"decision": f"Dit besluit hoort niet bij de huidige stap; kies uit {names}."}
                )
            label = offered[decision].label
        event = CaseEvent(
            case=case,
            occurred_on=on,
            kind=kind,
            author=desk.user,
            text=clean(text) or label,
            decision=decision,
        )
        session.add(event)
        session.flush()
        event_id = event.id
    changes.publish(desk, "event", case_ids=(case_id,))
    return event_id


def set_deadline_done(desk: Desk, deadline_id: int, done_on: dt.date | None) -> int:
    """Mark a deadline done on ``done_on`` (None: open again); returns its case id.

    A recurring stage deadline (e.g. weekly evaluation) gets its next occurrence.
    """
    now = today(desk)
    if done_on is not None and done_on > now:
        raise ValidationError({"done_on": "De datum ligt in de toekomst."})
    case_id = retrying(lambda: _set_deadline_done(desk, deadline_id, done_on))
    changes.publish(desk, "deadline", case_ids=(case_id,))
    return case_id


def _set_deadline_done(desk: Desk, deadline_id: int, done_on: dt.date | None) -> int:
    with desk.case_base.transaction(desk.user) as session:
        deadline = session.get(Deadline, deadline_id)
        if deadline is None:
            raise NotFoundError("Deze termijn bestaat niet meer.")
        case = deadline.case
        was_open = deadline.done_on is None
        deadline.done_on = done_on
        deadline.done_by = desk.user if done_on else None
        if done_on is not None and was_open:
            _schedule_recurrence(desk, session, case, deadline, done_on)
        if deadline.rule_id and deadline.rule_id.startswith("signal:") and deadline.case:
            from verzuimdesk.core.services import absences

            absences.mark_signal_reported(session, case.pupil_id, deadline.rule_id, done_on)
        case_id = case.id
    return case_id


def _schedule_recurrence(
    desk: Desk, session: Session, case: Case, deadline: Deadline, done_on: dt.date
) -> None:
    stage = rules_gateway.stage_of(desk, case.stage_id)
    if stage is None:
        return
    rule = next((r for r in stage.deadlines if r.id == deadline.rule_id), None)
    if rule is None or not rule.recurring_days:
        return
    session.add(
        Deadline(
            case=case,
            due_on=max(deadline.due_on, done_on) + dt.timedelta(days=rule.recurring_days),
            what=deadline.what,
            role_id=deadline.role_id,
            rule_id=deadline.rule_id,
        )
    )


@on_stale("deze casus")
def close_case(
    desk: Desk, case_id: int, outcome: str, *, note: str = "", on: dt.date | None = None
) -> None:
    """Close a case with an outcome (an ``Outcome`` id of the stage, or a general one)."""
    on = on or today(desk)
    if not clean(outcome):
        raise ValidationError({"outcome": "Kies de uitkomst."})
    with desk.case_base.transaction(desk.user) as session:
        case = get_case(session, case_id)
        if case.closed_on is not None:
            raise ServiceError("Deze casus is al afgesloten.")
        if on < case.opened_on:
            raise ValidationError({"date": "De datum ligt vóór de opening van de casus."})
        case.closed_on = on
        case.outcome = outcome
        case.outcome_note = clean(note)
        session.add(
            CaseEvent(
                case=case,
                occurred_on=on,
                kind="outcome",
                author=desk.user,
                text=clean(note) or "",
                decision=outcome,
                from_stage_id=case.stage_id,
            )
        )
        pupil_id = case.pupil_id
    changes.publish(desk, "case", case_ids=(case_id,), pupil_ids=(pupil_id,))


@on_stale("deze casus")
def reopen_case(desk: Desk, case_id: int, *, note: str = "", on: dt.date | None = None) -> None:
    """Reopen a closed case: one transaction, recorded as a *Heropend* event (and audited).

    Raises :class:`ServiceError` when the case is not closed, and
    :class:`ValidationError` when the pupil meanwhile has another open case.
    """
    on = on or today(desk)
    with desk.case_base.transaction(desk.user) as session:
        case = get_case(session, case_id)
        if case.closed_on is None:
            raise ServiceError("Deze casus is niet afgesloten.")
        other = session.scalar(
            select(Case.number).where(
                Case.pupil_id == case.pupil_id, Case.closed_on.is_(None), Case.id != case_id
            )
        )
        if other:
            raise ValidationError(
                {"case": f"Deze leerling heeft inmiddels een andere open casus ({other})."}
            )
        outcome = case.outcome
        case.closed_on = None
        case.outcome = None
        case.outcome_note = None
        session.add(
            CaseEvent(
                case=case,
                occurred_on=max(on, case.opened_on),
                kind="reopened",
                author=desk.user,
                text=clean(note) or "Casus heropend.",
                decision=outcome,
                to_stage_id=None,
            )
        )
        pupil_id = case.pupil_id
    changes.publish(desk, "case", case_ids=(case_id,), pupil_ids=(pupil_id,))




# The small self-contained edits live in their own module (retried on a race); re-exported.
from verzuimdesk.core.services.case_ticks import delete_event as delete_event  # noqa: E402
from verzuimdesk.core.services.case_ticks import restore_event as restore_event  # noqa: E402
from verzuimdesk.core.services.case_ticks import (  # noqa: E402
    set_action_done as set_action_done,
)
from verzuimdesk.core.services.case_ticks import (  # noqa: E402
    set_checklist_answer as set_checklist_answer,
)
