"""Concurrency helpers of the case services: case-number clashes and move conflicts.

Two desks opening a case at the same moment read the same highest number; the unique
constraint on ``case.number`` refuses the second insert and :func:`verzuimdesk.core.services.
cases.open_case` retries with the next number. Two desks moving the same case: the second
gets a :class:`MoveConflict` made by :func:`move_conflict`; choosing "keep mine" moves the
case on with ``over_stage_id`` (see :func:`verzuimdesk.core.services.cases.move_case`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError

from verzuimdesk.core.models import Case
from verzuimdesk.core.services.conflicts import ConflictError, last_change
from verzuimdesk.core.services.errors import NotFoundError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


#: How often opening a case is retried when its number was taken at the same moment.
NUMBER_ATTEMPTS = 10


def is_number_clash(exc: IntegrityError) -> bool:
    """True when ``exc`` is the unique case number being taken (SQLite or PostgreSQL text)."""
    text = str(exc.orig)
    return "case.number" in text or "uq_case_number" in text


class MoveConflict(ConflictError):
    """A colleague moved the case after the user saw it; :attr:`their_stage_id` is where it is
    now (pass it as ``over_stage_id`` to keep the user's move)."""

    their_stage_id: str | None = None


def move_conflict(desk: Desk, case_id: int, seen: str | None, target: str) -> MoveConflict:
    """The conflict of moving ``case_id`` from step ``seen`` to ``target``."""
    ladder = desk.registry.ladder(desk.region_id)

    def name(stage_id: str | None) -> str:
        try:
            stage = ladder.stage(stage_id or "")
        except KeyError:
            return stage_id or ""
        return f"{stage.number}. {stage.name}"

    with desk.case_base.sessions() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise NotFoundError("Deze casus bestaat niet meer.")
        number, now, version = case.number, case.stage_id, case.version
    who, when = last_change(desk, "case", case_id)
    conflict = MoveConflict(
        f"casus {number}",
        mine={"stage": f"{name(seen)} → {name(target)}"},
        theirs={"stage": name(now)},
        labels={"stage": "Stap"},
        their_version=version,
        changed_by=who,
        changed_at=when,
    )
    conflict.their_stage_id = now
    return conflict
