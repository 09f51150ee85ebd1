"""The conflict dialog: a colleague saved the same record while the user was editing it.

Shows, field by field, what the user entered and what is stored now (with who saved it
and when), and lets the user choose: keep mine (save again over the colleague's version)
or take theirs (the form shows the stored values). Escape keeps the form as it is,
unsaved.
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services.conflicts import ConflictError

#: The user's choices.
KEEP_MINE, TAKE_THEIRS = "mine", "theirs"


class ConflictDialog(QDialog):
    """Both versions side by side; :attr:`choice` is ``mine``, ``theirs`` or None (cancel)."""

    def __init__(self, conflict: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("Gelijktijdig gewijzigd")
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        who = conflict.changed_by or "Een collega"
        when = (
            f" om {conflict.changed_at.astimezone().strftime('%H:%M')}"
            if conflict.changed_at
            else ""
        )
        intro = QLabel(
            f"{who} heeft {conflict.what}{when} opgeslagen terwijl u die bewerkte. "
            "Deze velden verschillen; kies welke versie blijft."
        )
        intro.setTextFormat(intro.textFormat().PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        differences = conflict.differences
        self.table = QTableWidget(len(differences), 3, self)
        self.table.setHorizontalHeaderLabels(["Veld", "Uw versie", f"Opgeslagen door {who}"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, difference in enumerate(differences):
            for column, value in enumerate(
                (difference.label, difference.mine or "(leeg)", difference.theirs or "(leeg)")
            ):
                item = QTableWidgetItem(value)
                if column == 2:
                    item.setBackground(QColor("#fff4ce"))
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(len(differences)))
        height = self.table.horizontalHeader().sizeHint().height() + rows
        self.table.setFixedHeight(min(height + 2 * self.table.frameWidth() + 2, 320))
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(self)
        self.mine_button = buttons.addButton(
            "&Mijn versie bewaren", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.theirs_button = buttons.addButton(
            "&Versie van collega overnemen", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button = buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.HelpRole)
        self.mine_button.clicked.connect(lambda: self._choose(KEEP_MINE))
        self.theirs_button.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        self.cancel_button.clicked.connect(self.reject)
        self.theirs_button.setDefault(True)
        layout.addWidget(buttons)
        self.resize(720, self.sizeHint().height())

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def ask(conflict: ConflictError, parent: QWidget | None = None) -> str | None:
    """Show the conflict and return the user's choice (``mine``/``theirs``/None)."""
    dialog = ConflictDialog(conflict, parent)
    dialog.exec()
    return dialog.choice
