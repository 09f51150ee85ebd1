"""Import and export entries of the Bestand menu, and the case list as XLSX (issue 13)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.support.gui import modal
from verzuimdesk.core.services import cases, pupils
from verzuimdesk.gui import data_menu
from verzuimdesk.gui.exports import AccessExportDialog, CalendarExportDialog, export_view_xlsx


def _cases(desk: Any) -> None:
    school = pupils.create_school(desk, pupils.SchoolData("Het Testcollege", "VO", "midden"))
    for first, last in (
        ('=HYPERLINK("http://x")', "Jansen"),
        ("Sanne", "de Vries"),
        ("Bo", "Smit"),
    ):
        pupil = pupils.create_pupil(
            desk, pupils.PupilData(first, last, dt.date(2010, 3, 14), school_id=school)
        )
        cases.open_case(desk, pupil, opened_on=dt.date(2024, 11, 4))


def test_bestand_menu_has_import_and_exports(window: Any) -> None:
    """Importeren… on Ctrl+I; an Exporteren submenu with the four exports."""
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "&Importeren…" in texts and "E&xporteren" in texts
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    export_menu = next(a.menu() for a in file_menu.actions() if a.text() == "E&xporteren")
    assert [a.text() for a in export_menu.actions()] == [
        "Casuslijst naar Excel…",
        "Termijnen naar Excel…",
        "Termijnen naar agenda (.ics)…",
        "Inzageverzoek (AVG)…",
    ]


def test_ctrl_i_opens_the_wizard(qtbot: Any, window: Any) -> None:
    """The menu entry opens the import wizard on the window's desk."""
    seen: list[str] = []

    def handle(dialog: QDialog) -> None:
        seen.append(dialog.objectName())
        dialog.reject()

    modal(qtbot, lambda: data_menu.open_import_wizard(window), handle)
    assert seen == ["importWizard"]


def test_case_list_exported_as_shown(qtbot: Any, desk: Any, window: Any, tmp_path: Path) -> None:
    """Rows in the list's order, only the visible columns, a formula name kept as text."""
    _cases(desk)
    window.refresh()
    view = window.case_list.table
    qtbot.waitUntil(lambda: view.model().rowCount() == 3)
    header = view.horizontalHeader()
    hidden = header.logicalIndex(header.count() - 1)
    header.hideSection(hidden)
    path = tmp_path / "casussen.xlsx"
    assert export_view_xlsx(view, path, "Casussen") == 3
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    model = view.model()
    shown = [c for c in range(model.columnCount()) if not header.isSectionHidden(c)]
    assert list(rows[0]) == [
        model.headerData(c, Qt.Orientation.Horizontal)
        for c in sorted(shown, key=header.visualIndex)
    ]
    assert len(rows) == 4
    texts = [str(v) for row in rows[1:] for v in row]
    assert any(t.startswith("=HYPERLINK(") for t in texts)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_export_dialogs_render(qtbot: Any, desk: Any, tmp_path: Path) -> None:
    """The calendar and access dialogs: names off by default; namesakes told apart."""
    _cases(desk)
    calendar = CalendarExportDialog()
    qtbot.addWidget(calendar)
    calendar.show()
    assert calendar.scope == "mine" and not calendar.names.isChecked()
    calendar.grab().save(str(tmp_path / "ics.png"))
    access = AccessExportDialog(desk)
    qtbot.addWidget(access)
    access.show()
    access.search.setText("Vries")
    assert access.results.count() == 1 and "14-03-2010" in access.results.item(0).text()
    access.results.setCurrentRow(0)
    assert access.ok.isEnabled() and access.pupil_id is not None
    access.grab().save(str(tmp_path / "access.png"))


def test_dates_shown_dutch_become_date_cells() -> None:
    """A cell shown as dd-mm-jjjj is written as a date; anything else stays as it is."""
    from verzuimdesk.gui.exports import _as_date

    assert _as_date("04-11-2024") == dt.date(2024, 11, 4)
    assert _as_date("31-02-2024") == "31-02-2024"
    assert _as_date("=04-11-2024") == "=04-11-2024"
    assert _as_date(7) == 7
