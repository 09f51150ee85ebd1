"""A school's page: its facts, contact persons, pupils with cases or signals, and its calls.

Contact persons are added (Ins), changed (Enter / double-click) and removed (Del, undoable
with Ctrl+Z); a pupil's row opens the case; *Bellen* (Ctrl+B) starts or continues the phone
round at this school.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import school_contacts
from verzuimdesk.core.services.errors import ServiceError
from verzuimdesk.core.services.round_work import CALL_RESULTS
from verzuimdesk.core.services.school_views import SchoolPage as PageData
from verzuimdesk.core.services.school_views import school_page
from verzuimdesk.gui import undo
from verzuimdesk.gui.change_refresh import CoalescedRefresh, listen
from verzuimdesk.gui.contact_dialog import ContactDialog
from verzuimdesk.gui.formatting import date_short
from verzuimdesk.gui.table_model import MUTED, Column, RowTableModel, make_row_table

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

SECTORS = {"PO": "primair onderwijs", "VO": "voortgezet onderwijs", "MBO": "mbo"}


def contact_columns() -> list[Column]:
    """Columns of the contacts table."""
    return [
        Column("Naam", lambda c: c.name, width=180),
        Column("Functie", lambda c: c.role, width=160),
        Column("Telefoon", lambda c: c.phone, width=130, wrap=False),
        Column("E-mail", lambda c: c.email, width=220),
    ]


def pupil_columns() -> list[Column]:
    """Columns of the pupils table."""
    return [
        Column("Leerling", lambda p: p.name, width=170),
        Column("Casus", lambda p: p.case_number or "geen casus", width=120, wrap=False,
               foreground=lambda p: None if p.case_id else MUTED),
        Column("Stap", lambda p: p.stage, width=200),
        Column("Cat.", lambda p: p.category, width=50, wrap=False),
        Column("Signalen (12 maanden)", lambda p: p.signals, width=260,
               tooltip=lambda p: p.signals),
        Column("Laatste signaal", lambda p: date_short(p.last_signal_on)
               if p.last_signal_on else "", width=110),
    ]  # fmt: skip


def call_columns() -> list[Column]:
    """Columns of the call history."""
    return [
        Column("Datum", lambda c: date_short(c.called_on), width=90, wrap=False),
        Column("Belronde", lambda c: c.quarter, width=80, wrap=False),
        Column("Resultaat", lambda c: CALL_RESULTS.get(c.result, c.result)
               + (f" op {date_short(c.callback_on)}" if c.callback_on else ""), width=170),
        Column("Met", lambda c: c.contact, width=150),
        Column("Door", lambda c: c.author, width=100),
        Column("Notitie", lambda c: c.note, width=240, tooltip=lambda c: c.note),
    ]  # fmt: skip


class ContactDeleteCommand(undo._DoneOnce):
    """A contact person removed; undo brings it back at its place."""

    def __init__(self, desk: Desk, item: school_contacts.ContactItem) -> None:
        super().__init__(f"Contactpersoon {item.name} verwijderen")
        self.desk, self.item = desk, item

    def do(self) -> None:
        """Remove it again."""
        self.item = school_contacts.delete_contact(self.desk, self.item.id)

    def undo(self) -> None:
        """Bring it back (with a new id)."""
        new_id = school_contacts.restore_contact(self.desk, self.item)
        self.item = school_contacts.ContactItem(**{**self.item.__dict__, "id": new_id})


def _section(title: str, body: QWidget, *buttons: QPushButton) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(8, 6, 8, 8)
    if buttons:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
    layout.addWidget(body, 1)
    return box


class SchoolPage(QWidget):
    """One school. Emits ``openCase(case_id)`` and ``callSchool(school_id)``."""

    openCase = Signal(int)
    callSchool = Signal(int)
    titleChanged = Signal(str)

    def __init__(
        self, desk: Desk, school_id: int, undo_stack: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.desk, self.school_id, self.undo_stack = desk, school_id, undo_stack
        self.setObjectName("schoolPage")
        self.data: PageData | None = None
        self.title = QLabel()
        self.title.setObjectName("caseTitle")
        self.facts = QLabel()
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.call_button = QPushButton("&Bellen")
        self.call_button.setObjectName("callSchool")
        self.call_button.setToolTip("De belronde bij deze school beginnen of voortzetten (Ctrl+B)")
        self.call_button.clicked.connect(lambda: self.callSchool.emit(self.school_id))
        self.contacts = RowTableModel(contact_columns(), self)
        self.contact_table = make_row_table(self.contacts, "schoolContacts", row_height=26)
        self.add_contact_button = QPushButton("Toevoegen…")
        self.edit_contact_button = QPushButton("Wijzigen…")
        self.delete_contact_button = QPushButton("Verwijderen")
        self.add_contact_button.setToolTip("Een contactpersoon toevoegen (Ins)")
        self.delete_contact_button.setToolTip("De gekozen contactpersoon verwijderen (Del)")
        self.add_contact_button.clicked.connect(self.add_contact)
        self.edit_contact_button.clicked.connect(self.edit_contact)
        self.delete_contact_button.clicked.connect(self.delete_contact)
        self.contact_table.activated.connect(lambda *_: self.edit_contact())
        self.contact_table.doubleClicked.connect(lambda *_: self.edit_contact())
        for key, slot in (("Ins", self.add_contact), ("Del", self.delete_contact)):
            shortcut = QShortcut(QKeySequence(key), self.contact_table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.pupils = RowTableModel(pupil_columns(), self)
        self.pupil_table = make_row_table(self.pupils, "schoolPupils", row_height=26)
        self.pupil_table.activated.connect(self._open_pupil)
        self.pupil_table.doubleClicked.connect(self._open_pupil)
        self.calls = RowTableModel(call_columns(), self)
        self.call_table = make_row_table(self.calls, "schoolCalls", row_height=26)
        shortcut = QShortcut(QKeySequence("Ctrl+B"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.call_button.click)

        head = QHBoxLayout()
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.facts)
        head.addLayout(text, 1)
        head.addWidget(self.call_button, 0, Qt.AlignmentFlag.AlignTop)
        self.pupils_box = _section("Leerlingen met een casus of signaal", self.pupil_table)
        self.calls_box = _section("Gesprekken (belrondes)", self.call_table)
        self.contacts_box = _section(
            "Contactpersonen",
            self.contact_table,
            self.add_contact_button,
            self.edit_contact_button,
            self.delete_contact_button,
        )
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.contacts_box)
        split.addWidget(self.pupils_box)
        split.addWidget(self.calls_box)
        split.setSizes([170, 330, 170])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        self._refresher = CoalescedRefresh(self, self.refresh)
        listen(self, desk, lambda _change: self._refresher.request())
        self.refresh()

    @property
    def tab_title(self) -> str:
        """The tab's title: ``School · Het Baken``."""
        return f"School · {self.data.name}" if self.data else "School"

    def refresh(self) -> None:
        """Reload the page from the case base (a removed school shows a message)."""
        try:
            self.data = school_page(self.desk, self.school_id)
        except ServiceError as exc:
            self.data = None
            self.title.setText(exc.message)
            return
        data = self.data
        self.title.setText(data.name)
        parts = [f"BRIN {data.brin}" if data.brin else "geen BRIN-nummer",
                 SECTORS.get(data.sector, data.sector),
                 f"vakantieregio {data.vacation_region}"]  # fmt: skip
        if data.municipality:
            parts.append(data.municipality)
        self.facts.setText("  ·  ".join(parts))
        self.contacts.set_rows(data.contacts)
        self.pupils.set_rows(data.pupils)
        self.calls.set_rows(data.calls)
        self.contacts_box.setTitle(f"Contactpersonen ({len(data.contacts)})")
        self.pupils_box.setTitle(f"Leerlingen met een casus of signaal ({len(data.pupils)})")
        self.calls_box.setTitle(f"Gesprekken ({len(data.calls)})")
        has_contact = bool(data.contacts)
        self.edit_contact_button.setEnabled(has_contact)
        self.delete_contact_button.setEnabled(has_contact)
        if has_contact and not self.contact_table.currentIndex().isValid():
            self.contact_table.selectRow(0)
        self.titleChanged.emit(self.tab_title)

    def current_contact(self) -> school_contacts.ContactItem | None:
        """The selected contact person."""
        index = self.contact_table.currentIndex()
        return self.contacts.row_at(index.row()) if index.isValid() else None

    def add_contact(self) -> int | None:
        """Ins: add a contact person; its id, or None when cancelled."""
        dialog = ContactDialog(self.desk, self.school_id, None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return int(dialog.result_value)

    def edit_contact(self) -> bool:
        """Enter: change the selected contact person."""
        contact = self.current_contact()
        if contact is None:
            return False
        dialog = ContactDialog(self.desk, self.school_id, contact, self)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def delete_contact(self) -> bool:
        """Del: remove the selected contact person (Ctrl+Z brings it back)."""
        contact = self.current_contact()
        if contact is None:
            return False
        removed = school_contacts.delete_contact(self.desk, contact.id)
        undo.push_safely(self.undo_stack, ContactDeleteCommand(self.desk, removed))
        return True

    def _open_pupil(self, index: Any) -> None:
        row = self.pupils.row_at(index.row())
        if row is not None and row.case_id is not None:
            self.openCase.emit(row.case_id)
