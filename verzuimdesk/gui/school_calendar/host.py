"""What the calendar tab and the period dialogs need of the schools window.

The window (:mod:`.window`) builds on :class:`SchoolsHost`, so the tab and the dialogs
depend on this small base rather than on the window that uses them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from verzuimdesk.core.services import schools

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

T = TypeVar("T")

#: A recompute shows a progress dialog when it takes longer than this (ms).
PROGRESS_AFTER_MS = 500


class SchoolsHost(QWidget):
    """A widget of the schools window: it has the desk and runs slow recomputes."""

    desk: Desk

    def run_with_progress(self, call: Callable[[schools.Progress], T]) -> T:
        """Run a service call that recomputes pupils, with a progress dialog when it is slow.

        ``call`` gets a ``progress(done, total)`` callback for the service.
        """
        dialog: QProgressDialog | None = None
        label = "Signalen van de leerlingen opnieuw berekenen…"

        def progress(done: int, total: int) -> None:
            nonlocal dialog
            if dialog is None:
                dialog = QProgressDialog(label, "", 0, max(total, 1), self)
                dialog.setWindowTitle("Schoolkalender")
                dialog.setCancelButton(None)
                dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
                dialog.setMinimumDuration(PROGRESS_AFTER_MS)
                dialog.setAutoClose(False)
                dialog.setAutoReset(False)
                dialog.setValue(0)
            dialog.setMaximum(max(total, 1))
            dialog.setLabelText(f"{label}\n{done} van {total} leerlingen")
            dialog.setValue(done)

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return call(progress)
        finally:
            QApplication.restoreOverrideCursor()
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()
