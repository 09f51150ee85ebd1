"""Taking a school off a round once the round is made, and putting it back (undo).

A school may have been proposed for a round that turns out not to need a call (its only
pupil moved, the school was called outside the round). :func:`remove_school_from_round`
takes it off with its pupils and returns what it removed; :func:`restore_school_to_round`
puts exactly that back (same place, state, statuses and notes, its calls linked again), so
the desk can offer *Ongedaan maken*. What a call already wrote on a case (the *Belronde*
events) stays on the case either way: it happened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update

from verzuimdesk.core.models import School
from verzuimdesk.core.models_round import CallRound, RoundPupil, RoundSchool, SchoolCall
from verzuimdesk.core.services import changes
from verzuimdesk.core.services.errors import ServiceError
from verzuimdesk.core.services.round_work import claimed_by_other

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = ["RemovedSchool", "remove_school_from_round", "restore_school_to_round"]

#: The columns of a round pupil kept for the undo.
_PUPIL_FIELDS = (
    "pupil_id",
    "case_id",
    "reason",
    "status",
    "status_on",
    "note",
    "event_id",
    "updated_by",
    "updated_at",
)


@dataclass(frozen=True)
class RemovedSchool:
    """A school taken off a round, with everything needed to put it back."""

    round_id: int
    school_id: int
    school_name: str
    position: int
    state: str
    call_result: str | None
    callback_on: dt.date | None
    reason: str
    pupils: tuple[dict[str, Any], ...]
    call_ids: tuple[int, ...]

    @property
    def discussed(self) -> int:
        """How many of its pupils had a status already."""
        return sum(1 for p in self.pupils if p["status"])


def remove_school_from_round(desk: Desk, entry_id: int) -> RemovedSchool:
    """Take the school ``entry_id`` (a round entry) off its round, with its pupils.

    Raises :class:`ServiceError` when it is no longer on the round, or when a colleague
    is calling it right now (a shared case base).
    """
    with desk.case_base.transaction(desk.user) as session:
        entry = session.get(RoundSchool, entry_id)
        if entry is None:
            raise ServiceError("Deze school staat niet meer op de belronde.")
        other = claimed_by_other(entry, desk.user)
        if other is not None:
            raise ServiceError(
                f"{other} belt deze school nu; haal haar van de belronde als het gesprek klaar is."
            )
        name = session.scalar(select(School.name).where(School.id == entry.school_id)) or ""
        call_ids = tuple(
            session.scalars(select(SchoolCall.id).where(SchoolCall.round_school_id == entry_id))
        )
        removed = RemovedSchool(
            round_id=entry.round_id,
            school_id=entry.school_id,
            school_name=name,
            position=entry.position,
            state=entry.state,
            call_result=entry.call_result,
            callback_on=entry.callback_on,
            reason=entry.reason,
            pupils=tuple({f: getattr(p, f) for f in _PUPIL_FIELDS} for p in entry.pupils),
            call_ids=call_ids,
        )
        if call_ids:  # the school's call history stays, no longer tied to the round
            session.execute(
                update(SchoolCall).where(SchoolCall.id.in_(call_ids)).values(round_school_id=None)
            )
        session.delete(entry)
    changes.publish(desk, "round", case_ids=())
    return removed


def restore_school_to_round(desk: Desk, removed: RemovedSchool) -> int:
    """Put a removed school back as it was (undo); returns its new entry id.

    When the school is on the round again already (a colleague added it), that entry is
    returned and left as it is.
    """
    with desk.case_base.transaction(desk.user) as session:
        if session.get(CallRound, removed.round_id) is None:
            raise ServiceError("Deze belronde bestaat niet meer.")
        existing = session.scalar(
            select(RoundSchool.id).where(
                RoundSchool.round_id == removed.round_id,
                RoundSchool.school_id == removed.school_id,
            )
        )
        if existing is not None:
            return int(existing)
        entry = RoundSchool(
            round_id=removed.round_id,
            school_id=removed.school_id,
            position=removed.position,
            state=removed.state,
            call_result=removed.call_result,
            callback_on=removed.callback_on,
            reason=removed.reason,
        )
        session.add(entry)
        for values in removed.pupils:
            session.add(RoundPupil(round_school=entry, **values))
        session.flush()
        if removed.call_ids:
            session.execute(
                update(SchoolCall)
                .where(SchoolCall.id.in_(removed.call_ids))
                .values(round_school_id=entry.id)
            )
        entry_id = entry.id
    changes.publish(desk, "round", case_ids=())
    return entry_id
