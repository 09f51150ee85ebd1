"""*Monitoringslijsten*: the region's watched pupils without absence records (issue 12).

Absolute verzuimers (B3), vrijgestelden (A2) and 4-year-olds not enrolled at a school have
no absence records and so no signals; a region lists them with a ``MonitoringList``
(Lelystad: the SWV's quarterly list). The dialog shows a list on a date and saves it as
CSV (semicolon separated, for Excel) for the quarterly talk with leerplicht.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import monitoring
from verzuimdesk.core.services.common import today as desk_today
from verzuimdesk.gui.save_dialog import ask_save_path

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

COLUMNS = ("Groep", "Leerling", "Geboortedatum", "Leeftijd", "Gemeente", "Categorie",
           "Toelichting")  # fmt: skip


class MonitoringDialog(QDialog):
    """Choose a monitoring list and a date; see the pupils on it; save it as CSV."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.rows: list[monitoring.MonitoringRow] = []
        self.setWindowTitle("Monitoringslijsten")
        self.list_combo = QComboBox()
        for mlist in monitoring.lists(desk):
            self.list_combo.addItem(mlist.name, mlist.id)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd-MM-yyyy")
        today = desk_today(desk)
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        top = QHBoxLayout()
        list_label = QLabel("&Lijst")
        list_label.setBuddy(self.list_combo)
        date_label = QLabel("&Peildatum")
        date_label.setBuddy(self.date_edit)
        top.addWidget(list_label)
        top.addWidget(self.list_combo, 1)
        top.addWidget(date_label)
        top.addWidget(self.date_edit)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #475569;")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count_label = QLabel()
        self.export_button = QPushButton("Opslaan als &CSV…")
        self.export_button.clicked.connect(self._ask_export)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.description)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(900, 520)
        self.list_combo.currentIndexChanged.connect(self.refresh)
        self.date_edit.dateChanged.connect(self.refresh)
        self.refresh()

    def on(self) -> dt.date:
        """The chosen date."""
        q = self.date_edit.date()
        return dt.date(q.year(), q.month(), q.day())

    def refresh(self) -> None:
        """Fill the table with the chosen list on the chosen date."""
        list_id = self.list_combo.currentData()
        self.rows = []
        if list_id is None:
            self.description.setText("Deze regio heeft geen monitoringslijsten.")
        else:
            mlist, self.rows = monitoring.monitoring_list(self.desk, list_id, self.on())
            keeper = self.desk.registry.role_name(self.desk.region_id, mlist.role_id)
            self.description.setText(
                mlist.description + (f" Bijgehouden door: {keeper}." if keeper else "")
            )
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate(self._cells(row)):
                item = QTableWidgetItem(text)
                if c == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        n = len(self.rows)
        self.count_label.setText("Geen leerlingen op de lijst." if n == 0 else f"{n} leerling(en)")
        self.export_button.setEnabled(n > 0)

    @staticmethod
    def _cells(row: monitoring.MonitoringRow) -> tuple[str, ...]:
        return (row.group_name, row.name, f"{row.birth_date:%d-%m-%Y}", str(row.age),
                row.municipality, row.category, row.detail)  # fmt: skip

    def export(self, path: str | Path) -> Path:
        """Write the list as CSV (``;``, UTF-8 with BOM for Excel); returns the path."""
        target = Path(path)
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(COLUMNS)
            writer.writerows(self._cells(row) for row in self.rows)
        return target

    def _ask_export(self) -> None:
        name = f"{self.list_combo.currentData() or 'monitoring'}-{self.on():%Y-%m-%d}.csv"
        path = ask_save_path(self, "Monitoringslijst opslaan", name, "CSV (*.csv)", suffix=".csv")
        if path is not None:
            self.export(path)
