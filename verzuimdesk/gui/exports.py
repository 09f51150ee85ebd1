"""Exports from the desk's lists and pupils: XLSX, an ``.ics`` of deadlines, the AVG access.

:func:`export_view_xlsx` writes any table view as the user sees it — rows as filtered and
sorted, the columns shown in their order — so the case list, the deadlines list and the
Scholen list share it. The calendar and access dialogs ask the few things they need.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.exporting.xlsx import write_xlsx
from verzuimdesk.gui.save_dialog import ask_save_path
from verzuimdesk.gui.table_model import RowTableModel

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

XLSX_FILTER = "Excel-werkmappen (*.xlsx)"


def view_table(view: QTableView) -> tuple[list[str], list[list[Any]]]:
    """The headers and rows of ``view`` as shown: visible columns in their visual order,
    rows in the view's (sorted, filtered) order, cells as their display text."""
    model = view.model()
    header = view.horizontalHeader()
    columns = [
        header.logicalIndex(visual)
        for visual in range(header.count())
        if not header.isSectionHidden(header.logicalIndex(visual))
    ]
    names = [
        str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        for c in columns
    ]
    rows: list[list[Any]] = []
    if isinstance(model, RowTableModel):
        # The desk's own lists: the whole texts (not the short forms of a narrow table)
        # straight from the row objects, without a QModelIndex per cell.
        shown = [model.columns[c] for c in columns]
        for r, item in enumerate(model.rows):
            if not view.isRowHidden(r):
                rows.append([column.text(item) for column in shown])
        return names, rows
    for r in range(model.rowCount()):
        if view.isRowHidden(r):
            continue
        row = []
        for c in columns:
            value = model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole)
            if isinstance(value, QDate):
                value = value.toPython()
            row.append(value if isinstance(value, int | float | dt.date) else str(value or ""))
        rows.append(row)
    return names, rows


_DUTCH_DATE = re.compile(r"^(\d{2})-(\d{2})-(\d{4})$")


def _as_date(value: Any) -> Any:
    """A cell shown as ``dd-mm-jjjj`` becomes a date cell (Excel sorts and filters it)."""
    if isinstance(value, str) and len(value) == 10:
        match = _DUTCH_DATE.match(value)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                return value
    return value


def export_view_xlsx(view: QTableView, path: Path | str, title: str) -> int:
    """Write ``view`` as shown to an XLSX file; returns the number of rows.

    Dates shown as ``dd-mm-jjjj`` are written as dates in that format.
    """
    names, rows = view_table(view)
    rows = [[_as_date(value) for value in row] for row in rows]
    widths = [min(max(len(n), 10) + 2, 60) for n in names]
    return write_xlsx(path, title, names, rows, widths=widths)


def ask_and_export_view(parent: QWidget, view: QTableView, title: str, name: str) -> Path | None:
    """Ask where to save and write ``view`` as XLSX; the path written (None: cancelled)."""
    path = ask_save_path(parent, f"{title} exporteren", name, XLSX_FILTER, suffix=".xlsx")
    if path is None:
        return None
    started = time.perf_counter()
    count = export_view_xlsx(view, path, title)
    window = parent.window()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(
            f"{count} rijen geëxporteerd naar {path.name} ({time.perf_counter() - started:.1f} s).",
            8000,
        )
    return path


class CalendarExportDialog(QDialog):
    """Which deadlines go into the ``.ics``, and whether names are included."""

    def __init__(self, parent: QWidget | None = None, *, has_filter: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle("Termijnen naar agenda (.ics)")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Welke open termijnen?"))
        self.mine = QRadioButton("Van &mijn casussen (in regie of betrokken)")
        self.filtered = QRadioButton("Van de casussen in de casuslijst (huidig &filter)")
        self.all = QRadioButton("Van &alle open casussen")
        self.mine.setChecked(True)
        self.filtered.setEnabled(has_filter)
        for button in (self.mine, self.filtered, self.all):
            layout.addWidget(button)
        self.names = QCheckBox("&Namen opnemen (anders alleen het casusnummer)")
        self.names.setObjectName("includeNames")
        layout.addWidget(self.names)
        hint = QLabel(
            "Een agenda wordt vaak gedeeld of op een telefoon gezet: zonder namen noemt elke "
            "afspraak alleen het casusnummer."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #64748b;")
        layout.addWidget(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Opslaan…")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def scope(self) -> str:
        """``mine``, ``filter`` or ``all``."""
        return "mine" if self.mine.isChecked() else "filter" if self.filtered.isChecked() else "all"


def write_calendar(
    desk: Desk, path: Path | str, scope: str, include_names: bool, case_ids: set[int] | None
) -> int:
    """Write the open deadlines of ``scope`` to ``path``; returns how many."""
    from verzuimdesk.core.exporting.ics import deadlines_ics, open_deadlines

    deadlines = open_deadlines(
        desk, mine=scope == "mine", case_ids=case_ids if scope == "filter" else None
    )
    Path(path).write_bytes(deadlines_ics(deadlines, include_names=include_names))
    return len(deadlines)


class AccessExportDialog(QDialog):
    """Choose the pupil of an *inzageverzoek*: search by name; namesakes told apart by
    birth date and school."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle("Inzageverzoek (AVG)")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Alle gegevens over één leerling, als pdf voor de ouders en als JSON-bestand. "
            "Zoek de leerling:"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.search = QLineEdit()
        self.search.setPlaceholderText("naam van de leerling")
        self.search.setAccessibleName("Leerling zoeken")
        layout.addWidget(self.search)
        self.results = QListWidget()
        self.results.setObjectName("accessPupils")
        layout.addWidget(self.results)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Opslaan…")
        self.ok.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._search)
        self.results.currentItemChanged.connect(
            lambda *_: self.ok.setEnabled(self.pupil_id is not None)
        )
        self.results.itemDoubleClicked.connect(lambda *_: self.accept())
        self.resize(480, 360)

    def _search(self, text: str) -> None:
        from verzuimdesk.core.services.pupils import search_pupils

        self.results.clear()
        if len(text.strip()) < 2:
            return
        for choice in search_pupils(self.desk, text):
            item = QListWidgetItem(
                f"{choice.name} — geboren {choice.birth_date:%d-%m-%Y}"
                + (f", {choice.school_name}" if choice.school_name else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            self.results.addItem(item)

    @property
    def pupil_id(self) -> int | None:
        """The chosen pupil (None: none yet)."""
        item = self.results.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))


def write_access_export(desk: Desk, pupil_id: int, pdf_path: Path) -> tuple[Path, Path]:
    """Write the access export of ``pupil_id`` as PDF and as JSON beside it.

    Both go to the parents: for a pupil (16+) who objected, the reason for absence is left
    out of both (:func:`verzuimdesk.core.privacy.access_for_parents`).
    """
    from verzuimdesk.core.exporting.access import access_export, to_json
    from verzuimdesk.core.privacy import access_for_parents
    from verzuimdesk.gui.access_pdf import write_access_pdf

    data = access_for_parents(access_export(desk, pupil_id))
    write_access_pdf(data, pdf_path)
    json_path = pdf_path.with_suffix(".json")
    json_path.write_text(to_json(data), encoding="utf-8")
    return pdf_path, json_path
