"""Dialogs of the phone round: *Nieuwe belronde* and what to do when a pupil is back."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.round_spec import Quarter
from verzuimdesk.core.services import cases, round_planning, round_work
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.errors import ServiceError, ValidationError
from verzuimdesk.gui.dialogs import ValidatingDialog
from verzuimdesk.gui.formatting import date_short

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


def default_quarter(desk: Desk) -> Quarter:
    """The quarter a new round is for: today's, or the next when today's has one."""
    quarter = Quarter.of(today(desk))
    if round_work.round_of_quarter(desk, quarter) is not None:
        quarter = quarter.next()
    return quarter


class NewRoundDialog(ValidatingDialog):
    """*Nieuwe belronde*: the quarter, and the proposed schools to tick on or off."""

    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, school_id: int | None = None
    ) -> None:
        super().__init__("Nieuwe belronde", parent)
        self.desk = desk
        self.extra_school = school_id
        self.quarter = self.add_field("quarter", "&Kwartaal", QLineEdit(str(default_quarter(desk))))
        self.quarter.setToolTip("Bijvoorbeeld 2026Q4 (oktober tot en met december 2026)")
        self.propose_button = QPushButton("&Voorstel vernieuwen")
        self.propose_button.clicked.connect(self.propose)
        self.quarter.returnPressed.connect(self.propose)
        self.schools = self.add_field("schools", "&Scholen", QListWidget())
        self.schools.setObjectName("roundSchools")
        self.schools.setMinimumHeight(300)
        # The reasons wrap under the school's name instead of running off to the right.
        self.schools.setWordWrap(True)
        self.schools.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.schools.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        all_button = QPushButton("Alle")
        none_button = QPushButton("Geen")
        all_button.clicked.connect(lambda: self._check_all(True))
        none_button.clicked.connect(lambda: self._check_all(False))
        row = QHBoxLayout()
        row.addWidget(self.propose_button)
        row.addStretch(1)
        row.addWidget(all_button)
        row.addWidget(none_button)
        self.form.addRow("", self._wrap(row))
        self.form.addRow("", self.summary)
        self.schools.itemChanged.connect(lambda *_: self._count())
        self.ok_button.setText("Belronde maken")
        self.setMinimumWidth(640)
        self.propose()

    @staticmethod
    def _wrap(layout: QHBoxLayout) -> QWidget:
        box = QWidget()
        layout.setContentsMargins(0, 0, 0, 0)
        box.setLayout(layout)
        return box

    def propose(self) -> None:
        """Fill the list with the desk's proposal for the typed quarter."""
        try:
            proposal = round_planning.propose_round(self.desk, self.quarter.text())
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self.show_errors({})
        self.schools.blockSignals(True)
        self.schools.clear()
        for school in proposal:
            pupils = f"{school.pupils} leerling{'en' if school.pupils != 1 else ''}"
            why = f" ({'; '.join(school.reasons)})" if school.reasons else ""
            item = QListWidgetItem(f"{school.name} — {pupils}{why}")
            item.setData(Qt.ItemDataRole.UserRole, school.school_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = school.proposed or school.school_id == self.extra_school
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.schools.addItem(item)
        self.schools.blockSignals(False)
        self._count()

    def _check_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for i in range(self.schools.count()):
            self.schools.item(i).setCheckState(state)

    def chosen(self) -> list[int]:
        """The ticked schools' ids, in the list's order."""
        out = []
        for i in range(self.schools.count()):
            item = self.schools.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def _count(self) -> None:
        self.summary.setText(
            f"{len(self.chosen())} van {self.schools.count()} scholen gekozen. Voorgesteld: "
            "scholen met open casussen, met leerlingen met een signaal of inspectiecategorie "
            "dit kwartaal, en de scholen van de vorige belronde."
        )

    def save(self) -> int:
        """Make the round (ValidationError keeps the dialog open with the message)."""
        try:
            return round_planning.create_round(self.desk, self.quarter.text(), self.chosen())
        except ServiceError as exc:
            if isinstance(exc, ValidationError):
                raise
            raise ValidationError({"quarter": exc.message}) from None


class ReturnDialog(QDialog):
    """A pupil is back at school: move the case to the return step, close it, or leave it."""

    LEAVE = "leave"
    CLOSE = "close"

    def __init__(
        self,
        desk: Desk,
        case_id: int,
        pupil_name: str,
        back_on: dt.date,
        quarter: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.case_id, self.back_on, self.quarter = desk, case_id, back_on, quarter
        self.setWindowTitle("Terug op school")
        text = QLabel(
            f"<b>{pupil_name}</b> is terug op school per {date_short(back_on)}. "
            "Wat gebeurt er met de casus?"
        )
        text.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.choices: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        for stage_id, label in round_work.return_options(desk, case_id):
            self._choice(layout, stage_id, f"Naar stap {label}")
        self._choice(
            layout, self.CLOSE, "Casus sluiten: verzuim gestopt, leerling weer naar school"
        )
        self._choice(layout, self.LEAVE, "Casus laten zoals hij is")
        next(iter(self.choices.values())).setChecked(True)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("OK", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _choice(self, layout: QVBoxLayout, key: str, label: str) -> None:
        button = QRadioButton(label)
        self.group.addButton(button)
        self.choices[key] = button
        layout.addWidget(button)

    def chosen(self) -> str:
        """The chosen key: a stage id, :data:`CLOSE` or :data:`LEAVE`."""
        return next(k for k, b in self.choices.items() if b.isChecked())

    def choose(self, key: str) -> None:
        """Choose ``key`` (tests, and the keyboard through the radio buttons)."""
        self.choices[key].setChecked(True)

    def apply(self) -> None:
        """Carry out the choice through the case services; stays open on a Dutch error."""
        key = self.chosen()
        reason = f"Belronde {self.quarter}: terug op school per {date_short(self.back_on)}."
        on = min(self.back_on, today(self.desk))
        try:
            if key == self.CLOSE:
                cases.close_case(self.desk, self.case_id, "verzuim-gestopt", note=reason, on=on)
            elif key != self.LEAVE:
                cases.move_case(self.desk, self.case_id, key, reason=reason)
        except ServiceError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        self.accept()
