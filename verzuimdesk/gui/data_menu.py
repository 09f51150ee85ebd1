"""The *Bestand* menu's import and export entries (issue 13), installed on the main window.

Kept out of ``main_window.py``: the window calls :func:`install_data_menu` once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from verzuimdesk.gui import errors
from verzuimdesk.gui.save_dialog import ask_save_path

if TYPE_CHECKING:
    from verzuimdesk.gui.main_window import MainWindow


def install_data_menu(window: MainWindow, file_menu: QMenu) -> None:
    """Add *Importeren…* (Ctrl+I) and the *Exporteren* submenu to ``file_menu``."""
    import_action = QAction("&Importeren…", window)
    import_action.setShortcut(QKeySequence("Ctrl+I"))
    import_action.setStatusTip("Verzuim, leerlingen of scholen uit een export van de school")
    import_action.triggered.connect(lambda: open_import_wizard(window))
    window.addAction(import_action)
    window.import_action = import_action  # type: ignore[attr-defined]
    export_menu = QMenu("E&xporteren", window)
    export_menu.setObjectName("exportMenu")
    for text, slot in (
        ("Casuslijst naar Excel…", lambda: export_cases(window)),
        ("Termijnen naar Excel…", lambda: export_deadlines(window)),
        ("Termijnen naar agenda (.ics)…", lambda: export_calendar(window)),
        ("Inzageverzoek (AVG)…", lambda: export_access(window)),
    ):
        action = export_menu.addAction(text)
        action.triggered.connect(slot)
    file_menu.addAction(import_action)
    file_menu.addMenu(export_menu)
    file_menu.addSeparator()


def open_import_wizard(window: MainWindow) -> Any:
    """Open the import wizard (modal); refresh the views when something was imported."""
    from verzuimdesk.gui.import_wizard import ImportWizard

    wizard = ImportWizard(window.desk, window)
    wizard.exec()
    if wizard.report is not None and wizard.report.committed:
        window.refresh()
    return wizard


def export_cases(window: MainWindow) -> None:
    """The case list, as filtered and sorted, with the columns shown."""
    from verzuimdesk.gui.exports import ask_and_export_view

    _guarded(
        window,
        lambda: ask_and_export_view(window, window.case_list.table, "Casussen", "casussen.xlsx"),
    )


def export_deadlines(window: MainWindow) -> None:
    """The deadlines list as shown."""
    from verzuimdesk.gui.exports import ask_and_export_view

    view = window.deadlines
    _guarded(window, lambda: ask_and_export_view(window, view.table, "Termijnen", "termijnen.xlsx"))


def _shown_case_ids(window: MainWindow) -> set[int]:
    view = window.case_list.table
    model = window.case_list.model
    return {
        row.case_id
        for r, row in enumerate(model.rows)
        if not view.isRowHidden(r) and hasattr(row, "case_id")
    }


def export_calendar(window: MainWindow) -> None:
    """Open deadlines of my cases / the filter / all as an ``.ics`` file."""
    from verzuimdesk.gui.exports import CalendarExportDialog, write_calendar

    dialog = CalendarExportDialog(window)
    if not dialog.exec():
        return
    path = ask_save_path(window, "Agenda opslaan", "termijnen.ics", "Agenda (*.ics)", suffix=".ics")
    if path is None:
        return

    def write() -> None:
        count = write_calendar(
            window.desk, path, dialog.scope, dialog.names.isChecked(), _shown_case_ids(window)
        )
        window.statusBar().showMessage(f"{count} termijnen opgeslagen in {path.name}.", 8000)

    _guarded(window, write)


def export_access(window: MainWindow) -> None:
    """The AVG access export of one pupil: PDF and JSON."""
    from verzuimdesk.gui.exports import AccessExportDialog, write_access_export

    dialog = AccessExportDialog(window.desk, window)
    if not dialog.exec() or dialog.pupil_id is None:
        return
    path = ask_save_path(
        window, "Inzage opslaan", "inzage.pdf", "Pdf-bestanden (*.pdf)", suffix=".pdf"
    )
    if path is None:
        return
    pupil_id = dialog.pupil_id

    def write() -> None:
        pdf, json_path = write_access_export(window.desk, pupil_id, path)
        QMessageBox.information(
            window, "Inzageverzoek", f"Opgeslagen:\n{pdf.name} (voor de ouders)\n{json_path.name}"
        )

    _guarded(window, write)


def _guarded(window: MainWindow, work: Any) -> None:
    try:
        work()
    except OSError as exc:
        errors.show_error(window, f"Het bestand kan niet worden opgeslagen: {exc.strerror or exc}.")
