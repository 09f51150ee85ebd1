"""One school on the phone round, worked from the keyboard while on the phone.

In the pupils table: **1–9** give the selected pupil a status (the buttons show the keys);
*terug op school per* puts the cursor in the date field (Enter saves), *nieuwe (dreigende)
thuiszitter* opens a new case pre-filled with the pupil and the school. **N** (or typing a
letter) goes to the note field, where Enter saves the note and returns to the next pupil.
The call: **Alt+B** bereikt, **Alt+N** niet bereikt, **Alt+T** terugbellen op the date.
Every save goes through :mod:`verzuimdesk.core.services.round_work` (one transaction with
the case's *Belronde* event).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.round_spec import RoundStatusKind
from verzuimdesk.core.services import round_work
from verzuimdesk.core.services.errors import ServiceError, ValidationError
from verzuimdesk.core.services.region_deadlines import round_settings
from verzuimdesk.core.services.school_views import RoundSchoolPage
from verzuimdesk.gui.date_field import DateField
from verzuimdesk.gui.formatting import date_short
from verzuimdesk.gui.table_model import MUTED, Column, RowTableModel, make_row_table

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


def round_pupil_columns() -> list[Column]:
    """Columns of the round's pupils table."""
    return [
        Column("Leerling", lambda p: p.name, width=160, wrap=False),
        Column("Status", lambda p: p.status_label + (f" {date_short(p.status_on)}"
               if p.status_on else ""), width=170, bold=lambda p: bool(p.status)),
        Column("Notitie", lambda p: p.note, width=220, tooltip=lambda p: p.note),
        Column("Casus", lambda p: p.case_number or "geen casus", width=115, wrap=False,
               foreground=lambda p: None if p.case_id else MUTED),
        Column("Stap", lambda p: p.stage, width=170, tooltip=lambda p: p.stage),
        Column("Cat.", lambda p: p.category, width=46, wrap=False),
        Column("Waarom", lambda p: p.reason, width=170, tooltip=lambda p: p.reason),
        Column("Vorige belronde", lambda p: p.previous, width=170, foreground=lambda p: MUTED,
               tooltip=lambda p: p.previous),
    ]  # fmt: skip


class RoundPanel(QWidget):
    """The school being called. Signals ask the view for what needs the window."""

    #: The pupil (round pupil id, pupil id) needs a new case (status *nieuwe thuiszitter*).
    newCaseFor = Signal(int, int)
    #: A case's pupil is back (case id, pupil name, date): offer the return step.
    pupilBack = Signal(int, str, object)
    #: The call was recorded (result): the view moves on.
    callRecorded = Signal(str)
    #: A short Dutch message for the status bar.
    message = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("roundPanel")
        self.page: RoundSchoolPage | None = None
        self.settings = round_settings(desk)
        #: The *terug op school* status the date field saves (the first of that kind).
        self._pending_return = next(
            (s.id for s in self.settings.statuses if s.kind == RoundStatusKind.RETURN), ""
        )
        self.title = QLabel()
        self.title.setObjectName("caseTitle")
        self.state = QLabel()
        self.claimed = QLabel()
        self.claimed.setObjectName("fieldError")
        self.claimed.hide()
        self.contact = QComboBox()
        self.contact.setObjectName("roundContact")
        self.contact.setToolTip("Met wie u belt")
        self.contact_line = QLabel()
        self.contact_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contact.currentIndexChanged.connect(lambda *_: self._contact_changed())
        self.changes = QListWidget()
        self.changes.setObjectName("roundChanges")
        self.changes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.model = RowTableModel(round_pupil_columns(), self)
        self.table = make_row_table(self.model, "roundPupils", row_height=28)
        self.table.installEventFilter(self)
        self.status_buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for i, status in enumerate(self.settings.statuses):
            button = QPushButton(f"{i + 1}  {status.label}")
            button.setObjectName("roundStatus")
            button.setToolTip(f"Toets {i + 1} in de lijst met leerlingen")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, s=status.id: self.choose_status(s))
            self.status_buttons[status.id] = button
            grid.addWidget(button, i // 3, i % 3)
        self.new_pupil_button = QPushButton("Nieuwe thuiszitter…")
        self.new_pupil_button.setObjectName("roundNewPupil")
        self.new_pupil_button.setToolTip(
            "Een leerling die de school nu noemt: casus openen en op de belronde zetten"
        )
        self.new_pupil_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        grid.addWidget(self.new_pupil_button, (len(self.settings.statuses) + 2) // 3, 2)
        self.back_on = DateField(optional=True)
        self.back_on.setObjectName("roundBackOn")
        self.back_on.setToolTip("De datum bij ‘terug op school per’ (Enter slaat op)")
        self.back_on.line_edit.returnPressed.connect(self._save_return)
        self.note = QLineEdit()
        self.note.setObjectName("roundNote")
        self.note.setPlaceholderText("Notitie bij de leerling (N) — Enter slaat op")
        self.note.returnPressed.connect(self.save_note)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.reached = QPushButton("&Bereikt")
        self.not_reached = QPushButton("&Niet bereikt")
        self.callback = QPushButton("&Terugbellen op")
        self.callback_on = DateField(optional=True)
        self.callback_on.setObjectName("roundCallbackOn")
        self.call_note = QLineEdit()
        self.call_note.setPlaceholderText("Notitie bij het gesprek")
        self.reached.clicked.connect(lambda: self.record_call("bereikt"))
        self.not_reached.clicked.connect(lambda: self.record_call("niet-bereikt"))
        self.callback.clicked.connect(self._callback_clicked)
        self.callback_on.line_edit.returnPressed.connect(lambda: self.record_call("terugbellen"))

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.state)
        titles.addWidget(self.claimed)
        head.addLayout(titles, 1)
        contact_box = QVBoxLayout()
        contact_box.addWidget(self.contact)
        contact_box.addWidget(self.contact_line)
        head.addLayout(contact_box)
        self.changes_box = QGroupBox("Sinds de vorige belronde")
        box = QVBoxLayout(self.changes_box)
        box.setContentsMargins(6, 4, 6, 6)
        box.addWidget(self.changes)
        pupils = QWidget()
        pupil_box = QVBoxLayout(pupils)
        pupil_box.setContentsMargins(0, 0, 0, 0)
        pupil_box.addWidget(self.table, 1)
        pupil_box.addLayout(grid)
        entry = QHBoxLayout()
        entry.addWidget(QLabel("Terug per"))
        entry.addWidget(self.back_on)
        entry.addWidget(self.note, 1)
        pupil_box.addLayout(entry)
        pupil_box.addWidget(self.error)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.changes_box)
        split.addWidget(pupils)
        split.setSizes([120, 420])
        call = QGroupBox("Het gesprek met de school")
        calls = QHBoxLayout(call)
        for widget in (self.reached, self.not_reached, self.callback, self.callback_on):
            calls.addWidget(widget)
        calls.addWidget(self.call_note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        layout.addWidget(call)

    # ------------------------------------------------------------------ showing

    def show_page(self, page: RoundSchoolPage, claimed_by: str | None = None) -> None:
        """Show ``page``; the selection stays on the same pupil when it is reloaded."""
        same = self.page is not None and self.page.id == page.id
        selected = self.current_pupil().id if same and self.current_pupil() else None
        self.page = page
        self.title.setText(f"{page.name}  ·  BRIN {page.brin or '–'}  ·  {page.sector}")
        state = round_work.STATE_NAMES.get(page.state, page.state)
        if page.call_result:
            state += f" — laatste gesprek: {round_work.CALL_RESULTS[page.call_result].lower()}"
        if page.callback_on:
            state += f" (terugbellen op {date_short(page.callback_on)})"
        self.state.setText(state)
        self.show_claim(claimed_by)
        self.contact.blockSignals(True)
        self.contact.clear()
        for contact in page.contacts:
            self.contact.addItem(f"{contact.name} ({contact.role})" if contact.role
                                 else contact.name, contact.id)  # fmt: skip
        if not page.contacts:
            self.contact.addItem("Geen contactpersoon bekend", None)
        self.contact.blockSignals(False)
        self._contact_changed()
        self.changes.clear()
        self.changes.addItems(
            [f"{date_short(c.on)}  {c.pupil_name}: {c.text}" for c in page.changes]
            or ["Niets veranderd."]
        )
        shown = (
            f" (de {len(page.changes)} laatste hieronder)"
            if len(page.changes) < sum(page.change_counts.values())
            else ""
        )
        self.changes_box.setTitle(
            f"Sinds de vorige belronde ({date_short(page.since)}): {page.changes_text}{shown}"
        )
        self.model.set_rows(page.pupils)
        row = next((i for i, p in enumerate(page.pupils) if p.id == selected), 0)
        if page.pupils:
            self.table.selectRow(row)
        if not same:
            self.note.clear()
            self.back_on.clear()
            self.callback_on.clear()
            self.call_note.clear()
            self.error.hide()

    def show_claim(self, claimed_by: str | None) -> None:
        """Warn that a colleague is calling this school right now (None: nobody else)."""
        self.claimed.setVisible(bool(claimed_by))
        self.claimed.setText(f"Let op: {claimed_by} belt deze school nu." if claimed_by else "")

    def _contact_changed(self) -> None:
        contact_id = self.contact.currentData()
        contact = next((c for c in (self.page.contacts if self.page else ())
                        if c.id == contact_id), None)  # fmt: skip
        self.contact_line.setText(
            "  ·  ".join(x for x in (contact.phone, contact.email) if x) if contact else ""
        )

    def current_pupil(self) -> Any:
        """The selected pupil row."""
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_error(self, exc: ServiceError) -> None:
        text = "\n".join(exc.errors.values()) if isinstance(exc, ValidationError) else exc.message
        self.error.setText(text)
        self.error.show()

    def _reload(self) -> None:
        from verzuimdesk.core.services.school_views import round_school_page

        if self.page is not None:
            self.show_page(round_school_page(self.desk, self.page.id))

    # ------------------------------------------------------------------ pupils

    def choose_status(self, status_id: str) -> bool:
        """Give the selected pupil ``status_id`` (keys 1–9); True when saved."""
        pupil = self.current_pupil()
        status = self.settings.status(status_id)
        if pupil is None or status is None:
            return False
        kind = RoundStatusKind(status.kind)
        if kind == RoundStatusKind.RETURN:
            self._pending_return = status_id
            if self.back_on.value() is None:
                self.back_on.setFocus(Qt.FocusReason.ShortcutFocusReason)
                self.message.emit("Vul de datum in waarop de leerling terug is en druk op Enter.")
                return False
            return self._save_return()
        if not self._save(pupil.id, status_id):
            return False
        if kind == RoundStatusKind.NEW_CASE and pupil.case_id is None:
            self.newCaseFor.emit(pupil.id, pupil.pupil_id)
        return True

    def _save_return(self) -> bool:
        pupil = self.current_pupil()
        if pupil is None:
            return False
        back_on = self.back_on.value()
        if not self._save(pupil.id, self._pending_return, status_on=back_on):
            return False
        self.back_on.clear()
        if pupil.case_id is not None and back_on is not None:
            self.pupilBack.emit(pupil.case_id, pupil.name, back_on)
        return True

    def _save(self, round_pupil_id: int, status_id: str | None, **kw: Any) -> bool:
        note = self.note.text() if self.note.text().strip() else None
        try:
            round_work.set_pupil_status(self.desk, round_pupil_id, status_id, note=note, **kw)
        except ServiceError as exc:
            self._show_error(exc)
            return False
        self.error.hide()
        self.note.clear()
        self._reload()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def save_note(self) -> bool:
        """Enter in the note field: save the note, back to the table on the next pupil."""
        pupil = self.current_pupil()
        if pupil is None or not self.note.text().strip():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        if not self._save(pupil.id, None):
            return False
        index = self.table.currentIndex()
        if index.isValid() and index.row() + 1 < len(self.model.rows):
            self.table.selectRow(index.row() + 1)
        return True

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Keys in the pupils table: 1–9 statuses, N or a letter to the note field."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            text = event.text()
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if text.isdigit() and text != "0" and modifiers == Qt.KeyboardModifier.NoModifier:
                index = int(text) - 1
                if index < len(self.settings.statuses):
                    self.choose_status(self.settings.statuses[index].id)
                return True
            if (
                text
                and text.isalpha()
                and modifiers
                in (
                    Qt.KeyboardModifier.NoModifier,
                    Qt.KeyboardModifier.ShiftModifier,
                )
            ):
                self.note.setFocus(Qt.FocusReason.ShortcutFocusReason)
                if text.lower() != "n":
                    self.note.insert(text)
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ the call

    def _callback_clicked(self) -> None:
        if self.callback_on.value() is None:
            self.callback_on.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.message.emit("Vul de datum in waarop u terugbelt en druk op Enter.")
            return
        self.record_call("terugbellen")

    def record_call(self, result: str) -> bool:
        """Record the call (*bereikt*, *niet bereikt*, *terugbellen*); True when saved."""
        if self.page is None:
            return False
        on: dt.date | None = self.callback_on.value() if result == "terugbellen" else None
        try:
            round_work.record_call(
                self.desk,
                self.page.id,
                result,
                callback_on=on,
                note=self.call_note.text(),
                contact_id=self.contact.currentData(),
            )
        except ServiceError as exc:
            self._show_error(exc)
            return False
        self.error.hide()
        self.call_note.clear()
        self.callback_on.clear()
        self.callRecorded.emit(result)
        return True
