"""Deadlines counted from dates the user entered in a form (plugin API 1.3, issue 12).

A :class:`~verzuimdesk.core.region_spec.DeadlineRule` anchored ``field:<form>.<field>``
(a TLV date, a court date) or ``field:<form>.<group>.<date>`` (every agreement of a
doorbraakoverleg, each with its own date and owner) becomes stored ``Deadline`` rows when
the form is saved: one per anchor date, ``rule_id`` ``form:<rule>@<date>#<row>``. Saving
the form again keeps the rows in step: a changed date moves the open deadline, a removed
row removes it, a deadline already done stays as it was.

The rules read are the region-wide ones and those of the case's current stage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from verzuimdesk.core.ladder.conditions import field_rows
from verzuimdesk.core.models import Case, Deadline
from verzuimdesk.core.services import rules_gateway

if TYPE_CHECKING:
    import datetime as dt

    from verzuimdesk.core.desk import Desk

PREFIX = "form:"


def deadline_key(rule_id: str, on: dt.date, index: int) -> str:
    """The stored ``Deadline.rule_id`` of one anchor date of a form-anchored rule."""
    return f"{PREFIX}{rule_id}@{on.isoformat()}#{index}"[:64]


def refresh_form_deadlines(desk: Desk, session: Session, case: Case) -> bool:
    """Bring the case's form-anchored deadlines in line with its latest forms.

    Returns True when a deadline was added, moved or removed.
    """
    ladder = desk.registry.ladder(desk.region_id)
    rules = list(desk.registry.deadline_rules(desk.region_id))
    if ladder.has_stage(case.stage_id):
        rules += list(ladder.stage(case.stage_id).deadlines)
    rules = [r for r in rules if r.anchor_field is not None]
    role_ids = {r.id for r in desk.registry.roles(desk.region_id)}
    answers = rules_gateway.latest_form_answers(case)
    calendar = rules_gateway.school_calendar(desk, case.pupil.school) if rules else None
    wanted: dict[str, tuple[dt.date, str, str | None]] = {}
    for rule in rules:
        for row in field_rows(rule, answers):
            owner_is_role = row.owner in role_ids
            what = f"{rule.what}: {row.text}" if row.text else rule.what
            if row.owner and not owner_is_role:
                what = f"{what} (eigenaar: {row.owner})"
            role = row.owner if owner_is_role else rule.role_id
            due = rules_gateway.due_date(rule, row.on, calendar)
            wanted[deadline_key(rule.id, row.on, row.index)] = (due, what, role)
    changed = False
    existing = session.scalars(
        select(Deadline).where(Deadline.case_id == case.id, Deadline.rule_id.like(f"{PREFIX}%"))
    ).all()
    have = set()
    considered = {r.id for r in rules}
    for deadline in existing:
        have.add(deadline.rule_id)
        rule_id = str(deadline.rule_id)[len(PREFIX) :].partition("@")[0]
        if deadline.done_on is not None or rule_id not in considered:
            continue  # done, or a rule of another stage: left as it is
        if deadline.rule_id not in wanted:
            session.delete(deadline)
            changed = True
            continue
        due, what, role = wanted[str(deadline.rule_id)]
        if (deadline.due_on, deadline.what, deadline.role_id) != (due, what, role):
            deadline.due_on, deadline.what, deadline.role_id = due, what, role
            changed = True
    for key, (due, what, role) in wanted.items():
        if key not in have:
            session.add(Deadline(case_id=case.id, due_on=due, what=what, role_id=role, rule_id=key))
            changed = True
    return changed
