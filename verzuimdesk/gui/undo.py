"""Undoable desk actions (QUndoStack, Ctrl+Z) on top of the services.

Each command performs its action once *before* it is pushed (so a validation
error never lands on the stack); ``redo`` after an undo performs it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from verzuimdesk.core.services import absences, cases

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


class _DoneOnce(QUndoCommand):
    """A command whose first ``redo`` (at push time) is skipped: the action already ran."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.do()

    def do(self) -> None:  # pragma: no cover - overridden
        """Perform the action again."""


class _EventCommand(_DoneOnce):
    """An event added or deleted; deleting is soft, so each direction is the other's undo."""

    def __init__(self, desk: Desk, event_id: int, text: str, *, deletes: bool) -> None:
        super().__init__(text)
        self.desk, self.event_id, self._deletes = desk, event_id, deletes

    def _set_deleted(self, deleted: bool) -> None:
        if deleted:
            cases.delete_event(self.desk, self.event_id)
        else:
            cases.restore_event(self.desk, self.event_id)

    def do(self) -> None:
        self._set_deleted(self._deletes)

    def undo(self) -> None:
        self._set_deleted(not self._deletes)


class DeleteEventCommand(_EventCommand):
    """Delete a note/contact/meeting/decision; undo restores it."""

    def __init__(self, desk: Desk, event_id: int, label: str) -> None:
        super().__init__(desk, event_id, f"{label} verwijderen", deletes=True)


class AddEventCommand(_EventCommand):
    """Add an event; undo deletes it (soft), redo restores it."""

    def __init__(self, desk: Desk, event_id: int, label: str) -> None:
        super().__init__(desk, event_id, f"{label} toevoegen", deletes=False)


class AbsenceCommand(_DoneOnce):
    """Cells of the absence grid set to new values; undo puts the previous values back."""

    def __init__(
        self,
        desk: Desk,
        pupil_id: int,
        new: Sequence[absences.AbsenceEntry],
        previous: Sequence[absences.AbsenceEntry],
        text: str,
    ) -> None:
        super().__init__(text)
        self.desk, self.pupil_id = desk, pupil_id
        self.new, self.previous = list(new), list(previous)

    def do(self) -> None:
        absences.set_absences(self.desk, self.pupil_id, self.new)

    def undo(self) -> None:
        absences.set_absences(self.desk, self.pupil_id, self.previous)


class DeadlineDoneCommand(_DoneOnce):
    """A deadline marked done on a date; undo opens it again."""

    def __init__(
        self, desk: Desk, deadline_id: int, done_on: dt.date | None, previous: dt.date | None
    ) -> None:
        super().__init__("Termijn afhandelen" if done_on else "Termijn heropenen")
        self.desk, self.deadline_id = desk, deadline_id
        self.done_on, self.previous = done_on, previous

    def do(self) -> None:
        cases.set_deadline_done(self.desk, self.deadline_id, self.done_on)

    def undo(self) -> None:
        cases.set_deadline_done(self.desk, self.deadline_id, self.previous)


class ActionToggleCommand(_DoneOnce):
    """A ladder action ticked or unticked; undo flips it back."""

    def __init__(self, desk: Desk, case_id: int, action_id: str, done: bool) -> None:
        super().__init__("Actie afvinken" if done else "Actie terugzetten")
        self.desk, self.case_id, self.action_id, self.done = desk, case_id, action_id, done

    def do(self) -> None:
        cases.set_action_done(self.desk, self.case_id, self.action_id, self.done)

    def undo(self) -> None:
        cases.set_action_done(self.desk, self.case_id, self.action_id, not self.done)


class ChecklistAnswerCommand(_DoneOnce):
    """A region checklist item ticked or unticked; undo puts the previous answer back."""

    def __init__(self, desk: Desk, case_id: int, item_id: str, value: Any, previous: Any) -> None:
        super().__init__("Checklist aanvinken" if value else "Vinkje weghalen")
        self.desk, self.case_id, self.item_id = desk, case_id, item_id
        self.value, self.previous = value, previous

    def do(self) -> None:
        cases.set_checklist_answer(self.desk, self.case_id, self.item_id, self.value)

    def undo(self) -> None:
        cases.set_checklist_answer(self.desk, self.case_id, self.item_id, self.previous)


class RegieCommand(_DoneOnce):
    """Regie handed over (role, person); undo hands it back through the same service."""

    def __init__(
        self,
        desk: Desk,
        case_id: int,
        new: tuple[str, int | None],
        previous: tuple[str, int | None],
    ) -> None:
        super().__init__("Regie wijzigen")
        self.desk, self.case_id = desk, case_id
        self.new, self.previous = new, previous

    def do(self) -> None:
        cases.set_regie(self.desk, self.case_id, self.new[0], self.new[1], reason="opnieuw")

    def undo(self) -> None:
        role, person = self.previous
        cases.set_regie(self.desk, self.case_id, role, person, reason="ongedaan gemaakt")


def push_safely(stack: Any, command: QUndoCommand) -> None:
    """Push ``command`` (its action already ran)."""
    stack.push(command)
