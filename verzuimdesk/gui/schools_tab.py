"""The Scholen tab: every school with its contacts, open cases, thuiszitters and last contact.

Type to filter (name, BRIN, contact); Enter or a double-click opens the school's page
(:class:`~verzuimdesk.gui.school_page.SchoolPage`); *Bellen* (Ctrl+B) starts or continues the
phone round at the selected school; *Exporteren…* (Ctrl+Shift+X) writes the list as shown —
filtered, sorted, the columns shown — to Excel, as the case list and the deadlines list are
(issue 13). While hidden, a change only marks the tab stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from verzuimdesk.core.services import changes
from verzuimdesk.core.services.queries.case_rows import fold
from verzuimdesk.core.services.school_views import SchoolOverviewRow, schools_overview
from verzuimdesk.gui.formatting import date_short
from verzuimdesk.gui.table_model import MUTED, Column, RowTableModel, make_row_table

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

REGION_NAMES = {"noord": "Noord", "midden": "Midden", "zuid": "Zuid"}


def school_columns() -> list[Column]:
    """The columns of the Scholen tab."""
    return [
        Column("School", lambda r: r.name, width=200, tooltip=lambda r: r.name),
        Column("BRIN", lambda r: r.brin, width=70, wrap=False),
        Column("Sector", lambda r: r.sector, width=60, wrap=False),
        Column("Vakantieregio", lambda r: REGION_NAMES.get(r.vacation_region, r.vacation_region),
               width=100, wrap=False),
        Column("Contactpersonen", lambda r: r.contacts_text or "geen", width=260,
               foreground=lambda r: None if r.contacts else MUTED,
               tooltip=lambda r: "\n".join(
                   f"{c.name} — {c.role} — {c.phone or c.email}" for c in r.contacts)),
        Column("Open casussen", lambda r: str(r.open_cases), width=110, align_right=True),
        Column("Thuiszitters", lambda r: r.categories_text, width=140,
               tooltip=lambda r: f"{r.thuiszitters} thuiszitters met een open casus"),
        Column("Laatste contact", lambda r: date_short(r.last_contact) if r.last_contact
               else "nog niet", width=110, foreground=lambda r: None if r.last_contact
               else MUTED),
    ]  # fmt: skip


def _haystack(row: SchoolOverviewRow) -> str:
    return fold(" ".join([row.name, row.brin, *(c.name for c in row.contacts)]))


class SchoolsTab(QWidget):
    """Search field, the schools table and *Openen* / *Bellen*."""

    openSchool = Signal(int)
    callSchool = Signal(int)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("schoolsTab")
        self.rows: list[SchoolOverviewRow] = []
        self.search = QLineEdit()
        self.search.setObjectName("schoolSearch")
        self.search.setPlaceholderText("Zoek op school, BRIN of contactpersoon")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.count = QLabel()
        self.open_button = QPushButton("Openen")
        self.open_button.setToolTip("De school openen: leerlingen, contactpersonen, gesprekken")
        self.call_button = QPushButton("&Bellen")
        self.call_button.setToolTip("De belronde bij deze school beginnen of voortzetten (Ctrl+B)")
        self.export_button = QPushButton("E&xporteren…")
        self.export_button.setObjectName("schoolsExport")
        self.export_button.setToolTip("De scholenlijst zoals getoond naar Excel (Ctrl+Shift+X)")
        self.model = RowTableModel(school_columns(), self)
        self.table = make_row_table(self.model, "schoolsTable", row_height=28)
        self.table.setAccessibleName("Scholen")
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        bar.addWidget(self.open_button)
        bar.addWidget(self.call_button)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.search.textChanged.connect(lambda *_: self._filter())
        self.table.activated.connect(lambda *_: self.open_selected())
        self.table.doubleClicked.connect(lambda *_: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)
        self.call_button.clicked.connect(self.call_selected)
        shortcut = QShortcut(QKeySequence("Ctrl+B"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.call_selected)
        self.export_button.clicked.connect(self.export_xlsx)
        export_shortcut = QShortcut(QKeySequence("Ctrl+Shift+X"), self)
        export_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        export_shortcut.activated.connect(self.export_xlsx)
        self.stale = False
        self._pending = False
        self._unsubscribe = changes.bus(desk).subscribe(self._on_change)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.refresh()

    def refresh(self) -> None:
        """Reload the schools from the case base."""
        self.stale = False
        self.rows = schools_overview(self.desk)
        self._filter()

    def _filter(self) -> None:
        selected = self.current_school()
        words = fold(self.search.text()).split()
        rows = [r for r in self.rows if all(w in _haystack(r) for w in words)]
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows)} van {len(self.rows)} scholen")
        index = next((i for i, r in enumerate(rows) if r.id == selected), 0)
        if rows:
            self.table.selectRow(index)

    def current_school(self) -> int | None:
        """The selected school's id."""
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row.id if row is not None else None

    def select_school(self, school_id: int) -> bool:
        """Select ``school_id`` when it is listed."""
        for i, row in enumerate(self.model.rows):
            if row.id == school_id:
                self.table.selectRow(i)
                return True
        return False

    def open_selected(self) -> None:
        """Open the selected school's page."""
        school_id = self.current_school()
        if school_id is not None:
            self.openSchool.emit(school_id)

    def call_selected(self) -> None:
        """Start or continue the round at the selected school."""
        school_id = self.current_school()
        if school_id is not None:
            self.callSchool.emit(school_id)

    def export_xlsx(self) -> Path | None:
        """Ask where to save and write the list as shown to Excel (None: cancelled)."""
        from verzuimdesk.gui import errors
        from verzuimdesk.gui.exports import ask_and_export_view

        try:
            return ask_and_export_view(self, self.table, "Scholen", "scholen.xlsx")
        except OSError as exc:
            errors.show_error(
                self, f"Het bestand kan niet worden opgeslagen: {exc.strerror or exc}."
            )
            return None

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """From the search field: ↓ to the table, Enter opens the selected school."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_selected()
                return True
        return super().eventFilter(watched, event)

    def _on_change(self, change: changes.Change) -> None:
        if change.kind not in ("school", "case", "round", "all"):
            return
        if not self.isVisible():
            self.stale = True
            return
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._apply)

    def _apply(self) -> None:
        self._pending = False
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Reload first when changes arrived while hidden."""
        if self.stale:
            self.refresh()
        super().showEvent(event)
