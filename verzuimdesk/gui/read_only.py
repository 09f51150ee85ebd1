"""A case base opened read-only (issue 11): said at once, and the saving actions disabled.

The core refuses every change to such a case base with a Dutch message
(:class:`verzuimdesk.core.db.ReadOnlyCaseBase`); this module makes the window say so
before the user tries: a yellow bar under the toolbar with the reason, "(alleen-lezen)"
in the title, and the actions that save greyed out with the reason as tooltip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from verzuimdesk.gui.main_window import MainWindow


def _saving_actions(window: MainWindow) -> list[QAction]:
    names = (
        "new_case_action",
        "new_pupil_action",
        "edit_pupil_action",
        "absences_action",
        "move_action",
        "close_case_action",
        "letter_action",
        "undo_action",
        "redo_action",
    )
    actions = [getattr(window, name) for name in names if hasattr(window, name)]
    return actions + list(getattr(window, "event_actions", {}).values())


def apply(window: MainWindow) -> None:
    """Show the read-only bar and disable saving, when the case base is read-only."""
    message = window.desk.case_base.read_only_message
    if message is None:
        return
    window.setWindowTitle(f"{window.windowTitle()} (alleen-lezen)")
    bar = QToolBar("Alleen-lezen", window)
    bar.setObjectName("readOnlyBar")
    bar.setMovable(False)
    bar.setStyleSheet("QToolBar#readOnlyBar { background: #fff4ce; border: none; }")
    label = QLabel(message)
    label.setObjectName("readOnlyText")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    label.setContentsMargins(8, 4, 8, 4)
    bar.addWidget(label)
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    disable_saving(window)


def disable_saving(window: MainWindow) -> None:
    """Grey out every action that saves, with the reason as tooltip (read-only only)."""
    message = window.desk.case_base.read_only_message
    if message is None:
        return
    for action in _saving_actions(window):
        action.setEnabled(False)
        action.setToolTip(message)
