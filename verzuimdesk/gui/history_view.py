"""The *Geschiedenis* of a case or a pupil, and the audit export, from the audit trail.

A dialog with one row per audit entry, newest first: when, who, what happened to which
record, and the changed fields (personal fields show as *(afgeschermd)*: the trail keeps the
fact of a change, not the value). Also the *Audittrail exporteren…* dialog (a period, CSV or
XLSX) and the menu entries that open them (:func:`install`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import history
from verzuimdesk.core.services.errors import ServiceError
from verzuimdesk.gui import errors
from verzuimdesk.gui.dialogs import date_edit, optional_date

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

HEADERS = ("Tijdstip", "Wie", "Actie", "Record", "Wijziging")


class HistoryDialog(QDialog):
    """The audit entries of one case or pupil, newest first."""

    def __init__(
        self, title: str, items: list[history.HistoryItem], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{len(items)} regels uit de audittrail. Persoonsgegevens staan er afgeschermd in: "
            "alleen dát ze gewijzigd zijn."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(items), len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for row, item in enumerate(items):
            cells = (
                item.at.astimezone().strftime("%d-%m-%Y %H:%M"),
                item.user,
                item.action,
                item.record,
                item.changes,
            )
            for column, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                self.table.setItem(row, column, cell)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1000, 520)

    def showEvent(self, event: Any) -> None:
        """Fit the rows to their wrapped text once the columns have their widths."""
        super().showEvent(event)
        self.table.resizeRowsToContents()


def case_history_dialog(
    desk: Desk, case_id: int, number: str, parent: QWidget | None
) -> HistoryDialog:
    """The *Geschiedenis* of a case (the viewing itself is logged)."""
    items = history.case_history(desk, case_id)
    history.audit_read(desk, "report", case_id, {"soort": "geschiedenis casus"})
    return HistoryDialog(f"Geschiedenis van casus {number}", items, parent)


def pupil_history_dialog(desk: Desk, pupil_id: int, parent: QWidget | None) -> HistoryDialog:
    """The *Geschiedenis* of a pupil (the viewing itself is logged)."""
    items = history.pupil_history(desk, pupil_id)
    history.audit_read(desk, "report", pupil_id, {"soort": "geschiedenis leerling"})
    return HistoryDialog("Geschiedenis van de leerling", items, parent)


def log_search(desk: Desk, text: str, results: int, logged: str) -> str:
    """Log a new search of the case list (its number of results, never the words typed);
    ``logged`` is the last search logged. Returns the search now logged."""
    text = text.strip()
    if text and text != logged:
        history.audit_read(desk, "search", None, {"resultaten": results})
    return text


class AuditExportDialog(QDialog):
    """Choose a period; the trail of that period is saved as CSV or XLSX."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle("Audittrail exporteren")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        today = dt.date.today()
        self.start = date_edit(today.replace(day=1))
        self.end = date_edit(today)
        form.addRow("Van", self.start)
        form.addRow("Tot en met", self.end)
        layout.addLayout(form)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton(
            "Exporteren…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._ask_path)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _ask_path(self) -> None:
        from verzuimdesk.gui.save_dialog import ask_save_path

        path = ask_save_path(
            self, "Audittrail opslaan", "audittrail.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if path is not None:
            self.export(Path(path))

    def export(self, path: Path) -> int | None:
        """Write the chosen period to ``path``; the count, or None (message shown)."""
        start, end = optional_date(self.start), optional_date(self.end)
        if start is None or end is None:
            self.message.setText("Vul beide datums in.")
            return None
        try:
            count = history.export_audit(self.desk, start, end, path)
        except ServiceError as exc:
            self.message.setText(exc.message)
            return None
        self.message.setText(f"{count} regels opgeslagen in {path.name}.")
        self.accept()
        return count


def install(
    window: QMainWindow, desk: Desk, case_menu: QMenu, manage_menu: QMenu
) -> dict[str, QAction]:
    """Add *Geschiedenis…* to the case menu and *Audittrail exporteren…* to *Beheer*;
    returns the actions by their text."""

    def current() -> Any:
        view = window._current_case_view()  # type: ignore[attr-defined]
        if view is None or view.file is None:
            window.statusBar().showMessage("Open eerst een casus (Enter in de casuslijst).", 4000)
        return view

    def case_history() -> None:
        view = current()
        if view is not None:
            run(lambda: case_history_dialog(desk, view.case_id, view.file.number, window))

    def pupil_history() -> None:
        view = current()
        if view is not None:
            run(lambda: pupil_history_dialog(desk, view.file.pupil_id, window))

    def run(make: Any) -> None:
        try:
            make().exec()
        except ServiceError as exc:
            errors.report(window, exc)

    actions = (
        ("Geschiedenis van de casus…", case_history, "Ctrl+Shift+H", case_menu),
        ("Geschiedenis van de leerling…", pupil_history, None, case_menu),
        (
            "Audittrail exporteren…",
            lambda: AuditExportDialog(desk, window).exec(),
            None,
            manage_menu,
        ),
    )
    case_menu.addSeparator()
    made: dict[str, QAction] = {}
    for text, slot, shortcut, menu in actions:
        action = QAction(text, window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        made[text] = action
    return made
