"""Undo (Ctrl+Z) for taking a school off a round: it comes back as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from verzuimdesk.core.services import round_removal

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

__all__ = ["RemoveRoundSchoolCommand"]


class RemoveRoundSchoolCommand(QUndoCommand):
    """A school taken off a round (already done when pushed); undo puts it back."""

    def __init__(self, desk: Desk, removed: round_removal.RemovedSchool) -> None:
        super().__init__(f"{removed.school_name} van de belronde halen")
        self.desk, self.removed = desk, removed
        self.entry_id: int | None = None
        self._first = True

    def redo(self) -> None:
        """Take it off again (skipped at push time: the removal already ran)."""
        if self._first:
            self._first = False
            return
        if self.entry_id is not None:
            self.removed = round_removal.remove_school_from_round(self.desk, self.entry_id)

    def undo(self) -> None:
        """Put the school back with its pupils, statuses and notes."""
        self.entry_id = round_removal.restore_school_to_round(self.desk, self.removed)
