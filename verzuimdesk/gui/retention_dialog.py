"""*Beheer → Bewaartermijnen…*: the retention terms, and the pupils due for removal.

The terms (years) are edited at the top; the list shows every pupil past all terms with the
term that expired last. *Verwijderen…* removes the ticked pupils after a confirmation that
says it cannot be undone (see :mod:`verzuimdesk.core.services.retention`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import retention
from verzuimdesk.core.services.errors import ServiceError
from verzuimdesk.gui import errors
from verzuimdesk.gui.formatting import date_short

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


class RetentionDialog(QDialog):
    """Terms and the removal list."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("retentionDialog")
        self.setWindowTitle("Bewaartermijnen")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Persoonsgegevens worden bewaard zolang de termijnen het vragen (standaard volgens "
            "de VNG-selectielijst). Daarna staan leerlingen hieronder om te verwijderen; er "
            "blijft alleen een anonieme regel voor de statistiek."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        current = retention.terms(desk)
        self.spins: dict[str, QSpinBox] = {}
        for name, label in retention.TERM_NAMES.items():
            spin = QSpinBox()
            spin.setRange(1, 99)
            spin.setSuffix(" jaar")
            spin.setMaximumWidth(120)
            spin.setValue(getattr(current, name))
            spin.setAccessibleName(label)
            form.addRow(label[0].upper() + label[1:], spin)
            self.spins[name] = spin
        layout.addLayout(form)
        save_row = QHBoxLayout()
        self.save_button = QPushButton("Termijnen &opslaan")
        self.save_button.clicked.connect(self.save_terms)
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        layout.addLayout(save_row)
        self.count = QLabel("")
        layout.addWidget(self.count)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            ["Leerling", "Geboren", "Casussen", "Termijn verstreken", "Sinds"]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.remove_button = QPushButton("Aangevinkte &verwijderen…")
        self.remove_button.clicked.connect(self.ask_remove)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.reject)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.resize(820, 520)
        self.refresh()

    def refresh(self) -> None:
        """List the pupils due for removal (none ticked)."""
        self.candidates = retention.due_for_removal(self.desk)
        self.table.setRowCount(len(self.candidates))
        for row, c in enumerate(self.candidates):
            name = QTableWidgetItem(c.name)
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, name)
            cells = (
                date_short(c.birth_date),
                str(c.cases),
                retention.TERM_NAMES[c.reason],
                date_short(c.due_on),
            )
            for column, value in enumerate(cells, start=1):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.count.setText(
            f"{len(self.candidates)} leerling(en) voorbij de bewaartermijn."
            if self.candidates
            else "Geen leerlingen voorbij de bewaartermijn."
        )
        self.remove_button.setEnabled(bool(self.candidates))

    def save_terms(self) -> None:
        """Store the terms and list again."""
        terms = retention.RetentionTerms(**{n: s.value() for n, s in self.spins.items()})
        try:
            retention.set_terms(self.desk, terms)
        except ServiceError as exc:
            errors.report(self, exc)
            return
        self.refresh()

    def ticked(self) -> list[int]:
        """The pupil ids ticked for removal."""
        return [
            c.pupil_id
            for row, c in enumerate(self.candidates)
            if (item := self.table.item(row, 0)) is not None
            and item.checkState() == Qt.CheckState.Checked
        ]

    def remove(self, pupil_ids: list[int]) -> int:
        """Remove ``pupil_ids`` (no questions); returns how many were removed."""
        done = 0
        for pupil_id in pupil_ids:
            try:
                retention.remove_pupil(self.desk, pupil_id)
            except ServiceError as exc:
                errors.report(self, exc)
                break
            done += 1
        self.refresh()
        return done

    def ask_remove(self) -> None:
        """Confirm, then remove the ticked pupils."""
        ids = self.ticked()
        if not ids:
            self.count.setText("Vink eerst de leerlingen aan die weg mogen.")
            return
        answer = QMessageBox.question(
            self,
            "Verwijderen",
            f"{len(ids)} leerling(en) en al hun casussen, verzuim en documenten definitief "
            "verwijderen? Dit kan niet ongedaan worden gemaakt.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(ids)


def install(window: QMainWindow, desk: Desk, manage_menu: QMenu) -> QAction:
    """Add *Bewaartermijnen…* to the *Beheer* menu."""
    action = QAction("Bewaartermijnen…", window)
    action.triggered.connect(lambda: RetentionDialog(desk, window).exec())
    manage_menu.addAction(action)
    return action
