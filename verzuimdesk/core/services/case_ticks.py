"""Small, self-contained case edits: tick an action, answer a checklist item, (un)delete
an event.

Their outcome does not depend on what the user saw, so when two colleagues do one at the
same moment and one loses the race on the case's version, it is simply repeated on fresh
data (:func:`verzuimdesk.core.services.conflicts.retrying`): both ticks stand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from verzuimdesk.core.models import Case, CaseEvent, utcnow
from verzuimdesk.core.services import changes
from verzuimdesk.core.services.conflicts import retrying
from verzuimdesk.core.services.errors import NotFoundError, ServiceError
from verzuimdesk.core.services.event_kinds import DELETABLE_EVENT_KINDS

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


def _case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError("Deze casus bestaat niet meer.")
    return case


def set_action_done(desk: Desk, case_id: int, action_id: str, done: bool) -> None:
    """Tick or untick an action of the case's current stage.

    Two colleagues ticking at the same moment both count: the one that loses the race on
    the case's version is repeated on fresh data.
    """
    retrying(lambda: _set_action_done(desk, case_id, action_id, done))
    changes.publish(desk, "case", case_ids=(case_id,))


def _set_action_done(desk: Desk, case_id: int, action_id: str, done: bool) -> None:
    with desk.case_base.transaction(desk.user) as session:
        case = _case(session, case_id)
        current = list(case.actions_done or [])
        if done and action_id not in current:
            current.append(action_id)
        elif not done and action_id in current:
            current.remove(action_id)
        case.actions_done = current


def set_checklist_answer(desk: Desk, case_id: int, item_id: str, value: Any) -> None:
    """Record the answer to a region checklist item (criterion, risk factor).

    Answers to other items saved at the same moment by a colleague stay (retried on a race).
    """
    retrying(lambda: _set_checklist_answer(desk, case_id, item_id, value))
    changes.publish(desk, "case", case_ids=(case_id,))


def _set_checklist_answer(desk: Desk, case_id: int, item_id: str, value: Any) -> None:
    with desk.case_base.transaction(desk.user) as session:
        case = _case(session, case_id)
        answers = dict(case.checklists or {})
        if value:
            answers[item_id] = value
        else:
            answers.pop(item_id, None)
        case.checklists = answers


def _set_event_deleted(desk: Desk, event_id: int, deleted: bool) -> int:
    with desk.case_base.transaction(desk.user) as session:
        event = session.get(CaseEvent, event_id)
        if event is None:
            raise NotFoundError("Deze gebeurtenis bestaat niet meer.")
        if deleted and event.kind not in DELETABLE_EVENT_KINDS:
            raise ServiceError(
                "Alleen notities, contacten, overleggen, besluiten en brieven kunnen weg."
            )
        event.deleted_at = utcnow() if deleted else None
        case_id = event.case_id
    return case_id


def delete_event(desk: Desk, event_id: int) -> int:
    """Soft-delete a user event (undo with :func:`restore_event`); returns its case id."""
    case_id = retrying(lambda: _set_event_deleted(desk, event_id, True))
    changes.publish(desk, "event", case_ids=(case_id,))
    return case_id


def restore_event(desk: Desk, event_id: int) -> int:
    """Bring back a soft-deleted event; returns its case id."""
    case_id = retrying(lambda: _set_event_deleted(desk, event_id, False))
    changes.publish(desk, "event", case_ids=(case_id,))
    return case_id
