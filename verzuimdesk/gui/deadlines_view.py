"""Deadlines across all open cases: overdue, today, this week, later.

Double-click (or Enter) opens the case; *Afgehandeld…* marks a deadline done
with a date (undoable). While the view is hidden (another tab is in front) a
change only marks it stale; it reloads when it is shown again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import changes, queries
from verzuimdesk.core.services.common import today
from verzuimdesk.gui.formatting import date_short, relative_due
from verzuimdesk.gui.table_model import OVERDUE, Column, RowTableModel, make_row_table

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


def deadline_row_columns(today_fn: Callable[[], dt.date]) -> list[Column]:
    """Columns of the deadlines table."""

    def overdue(row: queries.DeadlineRow) -> bool:
        return row.due_on < today_fn()

    return [
        Column("Uiterlijk", lambda r: date_short(r.due_on), width=92, wrap=False,
               foreground=lambda r: OVERDUE if overdue(r) else None, bold=overdue),
        Column("Status", lambda r: relative_due(r.due_on, today_fn()), width=120,
               foreground=lambda r: OVERDUE if overdue(r) else None),
        Column("Casus", lambda r: r.case_number, width=118, wrap=False),
        Column("Leerling", lambda r: r.pupil_name, width=165, tooltip=lambda r: r.pupil_name),
        Column("School", lambda r: r.school_name, width=145, tooltip=lambda r: r.school_name),
        Column("Wat", lambda r: r.what, width=320, tooltip=lambda r: r.what),
        Column("Wie", lambda r: r.role, width=150, tooltip=lambda r: r.role),
        Column("Stap", lambda r: r.stage, width=190, tooltip=lambda r: r.stage),
    ]  # fmt: skip


class DeadlinesView(QWidget):
    """Group buttons with counts and one table; emits ``openCase(case_id)``."""

    openCase = Signal(int)

    def __init__(self, desk: Desk, undo_stack: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.undo_stack = desk, undo_stack
        self.setObjectName("deadlinesView")
        self.overview: queries.DeadlinesOverview | None = None
        self.group = "overdue"
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        bar.setSpacing(6)
        group = QButtonGroup(self)
        group.setExclusive(True)
        for key, title in queries.DEADLINE_GROUPS:
            button = QPushButton(title)
            button.setCheckable(True)
            button.setObjectName("segment")
            button.clicked.connect(lambda _=False, k=key: self.show_group(k))
            group.addButton(button)
            self.buttons[key] = button
            bar.addWidget(button)
        bar.addStretch(1)
        self.done_button = QPushButton("Afgehandeld…")
        self.done_button.clicked.connect(self.mark_selected_done)
        self.open_button = QPushButton("Casus openen")
        self.open_button.clicked.connect(self._open_selected)
        bar.addWidget(self.open_button)
        bar.addWidget(self.done_button)
        self.model = RowTableModel(deadline_row_columns(lambda: today(self.desk)), self)
        self.table = make_row_table(self.model, "allDeadlines", row_height=28)
        self.table.doubleClicked.connect(lambda *_: self._open_selected())
        self.table.activated.connect(lambda *_: self._open_selected())
        self.empty = QLabel()
        self.empty.setObjectName("hintLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self._pending = False
        #: A change arrived while hidden: reload on the next show.
        self.stale = False
        #: How often the overview was loaded (tests check that hidden changes cost nothing).
        self.loads = 0
        self._unsubscribe = changes.bus(desk).subscribe(self._on_change)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.refresh()

    def refresh(self) -> None:
        """Reload every group from the service."""
        self.stale = False
        self.loads += 1
        self.overview = queries.deadlines_overview(self.desk)
        for key, title in queries.DEADLINE_GROUPS:
            self.buttons[key].setText(f"{title}  {self.overview.count(key)}")
        self.buttons["overdue"].setProperty("alert", self.overview.count("overdue") > 0)
        self.buttons["overdue"].style().unpolish(self.buttons["overdue"])
        self.buttons["overdue"].style().polish(self.buttons["overdue"])
        self.show_group(self.group)

    def show_group(self, key: str) -> None:
        """Show one group (overdue, today, week, later)."""
        self.group = key
        self.buttons[key].setChecked(True)
        rows = self.overview.groups.get(key, []) if self.overview else []
        self.model.set_rows(rows)
        self.empty.setText("" if rows else "Geen termijnen in deze groep.")

    def selected(self) -> queries.DeadlineRow | None:
        """The selected deadline."""
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _open_selected(self) -> None:
        row = self.selected()
        if row is not None and row.region_deadline_id is not None:  # the round (issue 10)
            from verzuimdesk.gui.round_features import open_region_deadline

            open_region_deadline(self, row.stage.rsplit(" ", 1)[-1])
        elif row is not None:
            self.openCase.emit(row.case_id)

    def mark_selected_done(self) -> bool:
        """Mark the selected deadline done with a date."""
        from verzuimdesk.gui.case_file_actions import mark_done

        row = self.selected()
        if row is None:
            return False
        if row.region_deadline_id is not None:  # a region deadline (issue 10)
            from verzuimdesk.gui.round_features import mark_region_deadline_done

            return mark_region_deadline_done(self, self.desk, row.region_deadline_id, row.what)
        return mark_done(self, self.desk, self.undo_stack, row.deadline_id, row.what)

    def _on_change(self, _change: changes.Change) -> None:
        if not self.isVisible():
            self.stale = True
            return
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._apply_change)

    def _apply_change(self) -> None:
        self._pending = False
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        """Reload first when changes arrived while hidden."""
        if self.stale:
            self.refresh()
        super().showEvent(event)
