"""Small actions of the case file that other views share: marking a deadline done, moving a
case when a colleague moved it first, and the stepper's non-modal move dialog seen as an
editor with unsaved input."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from verzuimdesk.core.desk import Desk
from verzuimdesk.core.services import cases
from verzuimdesk.core.services.case_concurrency import MoveConflict
from verzuimdesk.core.services.errors import ServiceError
from verzuimdesk.gui import conflict_dialog, errors, undo
from verzuimdesk.gui.dialogs import DoneDialog


class MoveEditor:
    """The stepper's (non-modal) move dialog as an editor: unsaved once a reason is typed."""

    def __init__(self, dialog: Any) -> None:
        self.dialog = dialog

    def has_unsaved_input(self) -> bool:
        """True when a reason is typed."""
        return bool(self.dialog.reason_edit.toPlainText().strip())

    def save_changes(self) -> bool:
        """Move the case (the dialog validates); False when it stays open with messages."""
        return bool(self.dialog.try_accept())

    def discard(self) -> None:
        """Close without moving."""
        self.dialog.reject()


def mark_done(parent: QWidget, desk: Desk, stack: Any, deadline_id: int, what: str) -> bool:
    """Ask for the date and mark a deadline done (undoable). True when done."""
    dialog = DoneDialog(
        desk, what, parent, apply=lambda on: cases.set_deadline_done(desk, deadline_id, on)
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    undo.push_safely(stack, undo.DeadlineDoneCommand(desk, deadline_id, dialog.value(), None))
    return True


def move_case(
    parent: QWidget,
    desk: Desk,
    case_id: int,
    target: str,
    *,
    seen: str | None,
    **move: Any,
) -> bool:
    """Move the case from the step the user ``seen`` to ``target``; True when it moved.

    When a colleague moved it meanwhile the conflict dialog shows both steps: *Mijn versie
    bewaren* moves it on to ``target`` from where the colleague put it (checked as a move
    from ``seen``), *Versie van collega overnemen* leaves it there. Errors get a Dutch message.
    """
    try:
        cases.move_case(desk, case_id, target, from_stage_id=seen, **move)
    except MoveConflict as conflict:
        if conflict_dialog.ask(conflict, parent) != conflict_dialog.KEEP_MINE:
            return False
        try:
            cases.move_case(
                desk,
                case_id,
                target,
                from_stage_id=seen,
                over_stage_id=conflict.their_stage_id,
                **move,
            )
        except ServiceError as exc:
            errors.report(parent, exc)
            return False
    except ServiceError as exc:
        errors.report(parent, exc)
        return False
    return True
