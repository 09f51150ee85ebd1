"""Saving a regional form on a case: validation, the stored values, and the report it makes.

Saving the form that reports a signal (the DUO report) marks that signal's deadline done in
the same transaction, so a report is *gemeld* in one place only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verzuimdesk.core import forms
from verzuimdesk.core.models import Case, CaseEvent, Deadline, FormSubmission, utcnow
from verzuimdesk.core.services import absences, changes, form_deadlines
from verzuimdesk.core.services.cases import get_case
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.conflicts import ConflictError, last_change, stale_as_conflict
from verzuimdesk.core.services.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


@dataclass(frozen=True)
class SavedForm:
    """A saved form submission: its id and the version it has now (to save it again)."""

    id: int
    version: int


def save_form(
    desk: Desk, case_id: int, form_id: str, values: dict[str, Any], **options: Any
) -> int:
    """Validate and save a form submission (new or an update); returns its id.

    The options and checks are those of :func:`save_form_checked`, which also returns the
    submission's new version.
    """
    return save_form_checked(desk, case_id, form_id, values, **options).id


@dataclass(frozen=True)
class LoadedForm:
    """A saved form submission as a form dialog loads it, with the version to save against."""

    form_id: str
    form_version: str
    values: dict[str, Any]
    version: int


def load_submission(desk: Desk, submission_id: int) -> LoadedForm:
    """A saved form submission's values and record version, read together."""
    with desk.case_base.sessions() as session:
        submission = session.get(FormSubmission, submission_id)
        if submission is None:
            raise NotFoundError("Dit ingevulde formulier bestaat niet meer.")
        return LoadedForm(
            submission.form_id,
            submission.form_version,
            dict(submission.values or {}),
            submission.version,
        )


def _conflict(
    desk: Desk, definition: Any, submission_id: int, values: dict[str, Any]
) -> ConflictError:
    """The conflict of saving ``values`` over the submission a colleague saved meanwhile."""
    with desk.case_base.sessions() as session:
        submission = session.get(FormSubmission, submission_id)
        if submission is None:
            raise NotFoundError("Dit ingevulde formulier bestaat niet meer.")
        stored, version = dict(submission.values or {}), submission.version
        author = submission.author
    theirs = forms.from_json(definition, stored)
    labels = {f.id: f.label for f in definition.fields}
    fields = {f.id: f for f in definition.fields}

    def shown(data: dict[str, Any]) -> dict[str, str]:
        return {k: forms.display_value(fields[k], data.get(k)) for k in labels}

    who, when = last_change(desk, "form_submission", submission_id)
    return ConflictError(
        f"het formulier ‘{definition.name}’",
        mine=shown(forms.normalize(definition, values)),
        theirs=shown(theirs),
        labels=labels,
        their_version=version,
        changed_by=who or author,
        changed_at=when,
    )


def save_form_checked(
    desk: Desk,
    case_id: int,
    form_id: str,
    values: dict[str, Any],
    *,
    submission_id: int | None = None,
    report: str | None = None,
    version: int | None = None,
) -> SavedForm:
    """Validate and save a form submission (new or an update); returns its id and version.

    ``version``: the version of the submission the form was loaded with (see
    :func:`load_submission`). When a colleague saved it since, a :class:`ConflictError`
    shows both versions and nothing is saved; saving again with its ``their_version``
    keeps the user's values. None: no check.

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

    def conflict() -> ConflictError:
        if submission_id is None:  # a new submission only loses a race on its case
            return ConflictError("dit formulier", mine={}, theirs={}, labels={}, their_version=0)
        return _conflict(desk, definition, submission_id, values)

    with stale_as_conflict(conflict), desk.case_base.transaction(desk.user) as session:
        case = get_case(session, case_id)
        if submission_id is not None:
            submission = session.get(FormSubmission, submission_id)
            if submission is None or submission.case_id != case_id:
                raise NotFoundError("Dit ingevulde formulier bestaat niet meer.")
            if version is not None and version != submission.version:
                raise conflict()
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
        session.flush()
        result = SavedForm(submission.id, submission.version)
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
