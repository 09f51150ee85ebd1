"""Saving a regional form on a case: validation, the stored values, and the report it makes.

Saving the form that reports a signal (the DUO report) marks that signal's deadline done in
the same transaction, so a report is *gemeld* in one place only.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verzuimdesk.core import forms
from verzuimdesk.core.models import Case, CaseEvent, Deadline, FormSubmission, utcnow
from verzuimdesk.core.services import absences, changes, form_deadlines
from verzuimdesk.core.services.cases import get_case
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


def save_form(
    desk: Desk,
    case_id: int,
    form_id: str,
    values: dict[str, Any],
    *,
    submission_id: int | None = None,
    report: str | None = None,
) -> int:
    """Validate and save a form submission (new or an update); returns its id.

    ``report``: the ``rule_id`` of the signal deadline this form reports (a DUO form filled
    in for its signal). Its open deadline is marked done today in the same transaction,
    which makes the signal *gemeld*; undo with :func:`set_deadline_done` (None).

    Deadlines anchored on a date of this form (``field:`` anchors: a TLV date, the agreements
    of an overleg with their owners) are added, moved or removed in the same transaction
    (:mod:`verzuimdesk.core.services.form_deadlines`).

    Raises :class:`ValidationError` with Dutch messages per field id.
    """
    definition = desk.registry.form(desk.region_id, form_id)
    errors = _validate_form(definition, values)
    if errors:
        raise ValidationError(errors)

    plain = _jsonable(forms.to_json(definition, forms.normalize(definition, values)))
    with desk.case_base.transaction(desk.user) as session:
        case = get_case(session, case_id)
        if submission_id is not None:
            submission = session.get(FormSubmission, submission_id)
            if submission is None or submission.case_id != case_id:
                raise NotFoundError("Dit ingevulde formulier bestaat niet meer.")
            submission.values = plain
            submission.updated_at = utcnow()
            submission.author = desk.user
        else:
            submission = FormSubmission(
                case=case,
                form_id=definition.id,
                form_version=definition.version,
                values=plain,
                author=desk.user,
            )
            session.add(submission)
            session.add(
                CaseEvent(
                    case=case,
                    occurred_on=today(desk),
                    kind="form",
                    author=desk.user,
                    text=f"Formulier ingevuld: {definition.name}",
                )
            )
        if report is not None:
            _mark_reported(desk, session, case, report)
        session.flush()
        session.refresh(case, ["forms"])
        dated = form_deadlines.refresh_form_deadlines(desk, session, case)
        result = submission.id
    changes.publish(desk, "form", case_ids=(case_id,))
    if report is not None or dated:
        changes.publish(desk, "deadline", case_ids=(case_id,))
    return result


def _mark_reported(desk: Desk, session: Session, case: Case, rule_id: str) -> None:
    """Mark the open report deadline ``rule_id`` of ``case`` done today (a saved report)."""
    deadline = session.scalar(
        select(Deadline).where(
            Deadline.case_id == case.id,
            Deadline.rule_id == rule_id,
            Deadline.done_on.is_(None),
        )
    )
    if deadline is None:
        return
    deadline.done_on = today(desk)
    deadline.done_by = desk.user

    absences.mark_signal_reported(session, case.pupil_id, rule_id, deadline.done_on)


def _validate_form(definition: Any, values: dict[str, Any]) -> dict[str, str]:

    return dict(forms.validate(definition, values) or {})


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
