"""Small actions of the case file that other views share: marking a deadline done, and the
stepper's non-modal move dialog seen as an editor with unsaved input."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from verzuimdesk.core.desk import Desk
from verzuimdesk.core.services import cases
from verzuimdesk.gui import undo
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
