"""The Scholen list as XLSX, and the Leerlingen list of every pupil (issue 13)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from sqlalchemy import insert

from tests.support.gui import shown_window
from verzuimdesk.core.models import Pupil
from verzuimdesk.core.services import pupils
from verzuimdesk.gui import exports, pupils_tab


def test_schools_list_exported_as_shown(
    qtbot: Any, desk: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """Ctrl+Shift+X on the Scholen tab writes the visible rows, in the list's order, with
    the columns shown; a school name that looks like a formula stays text."""
    for name in ("Het Lyceum", "De Linde", '=HYPERLINK("x") College', "Lyceum Noord"):
        pupils.create_school(desk, pupils.SchoolData(name, "VO", "midden"))
    path = tmp_path / "scholen.xlsx"
    asked: list[str] = []

    def ask(_parent: Any, title: str, name: str, *_args: Any, **_kw: Any) -> Path:
        asked.append(name)
        return path

    monkeypatch.setattr(exports, "ask_save_path", ask)
    for window in shown_window(qtbot, desk):
        tab = window.round_features.show_schools()
        tab.search.setText("lyceum")
        qtbot.waitUntil(lambda tab=tab: tab.model.rowCount() == 2)
        header = tab.table.horizontalHeader()
        header.hideSection(1)  # BRIN not shown
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        tab.table.setFocus()
        qtbot.keyClick(tab.table, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
        qtbot.waitUntil(path.exists)
        assert asked == ["scholen.xlsx"]
        sheet = load_workbook(path).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert rows[0][:2] == ["School", "Sector"] and "BRIN" not in rows[0]
        assert [r[0] for r in rows[1:]] == [r.name for r in tab.model.rows]
        assert len(rows) == 3
        # the button does the same; now with every school and the formula-like name
        tab.search.clear()
        qtbot.waitUntil(lambda tab=tab: tab.model.rowCount() == 4)
        path.unlink()
        qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
        sheet = load_workbook(path).active
        names = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
        assert names == [r.name for r in tab.model.rows] and len(names) == 4
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def _many_pupils(desk: Any, count: int) -> None:
    """``count`` pupils written in bulk (the list must not care how many there are)."""
    with desk.case_base.transaction("test") as session:
        session.execute(
            insert(Pupil),
            [
                {
                    "first_name": "Kind",
                    "last_name": f"Achternaam {i:06d}",
                    "birth_date": dt.date(2010, 1, 1) + dt.timedelta(days=i % 2000),
                }
                for i in range(count)
            ],
        )


def test_every_pupil_is_listed_page_by_page(qtbot: Any, desk: Any, window: Any) -> None:
    """160,000 pupils: the first page shows at once, the count says all of them, scrolling
    reads more pages, the last pupil can be selected and searched; Beeld → Leerlingen."""
    _many_pupils(desk, 160_000)
    view = window.pupils_view
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Beel&d")
    assert isinstance(view_menu, QMenu)
    entries = [a.text() for a in view_menu.actions()]
    assert entries[entries.index("Termijnen") + 1] == "Leerlingen"
    started = time.perf_counter()
    window.pupils_action.trigger()
    assert window.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.model.rowCount() == pupils_tab.PAGE_SIZE)
    shown_in = time.perf_counter() - started
    assert view.count.text() == "160.000 leerlingen"
    assert view.model.total == 160_000
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() >= 2 * pupils_tab.PAGE_SIZE)
    names = [r.name for r in view.model.rows]
    assert names == sorted(names) and len(set(names)) == len(names)
    assert view.select_pupil(160_000)  # the last pupil by id: "Achternaam 159999"
    assert view.model.rows[view.table.currentIndex().row()].name == "Kind Achternaam 159999"
    assert view.model.rowCount() == 160_000
    view.search.setText("159998")
    qtbot.waitUntil(lambda: [r.name for r in view.model.rows] == ["Kind Achternaam 159998"])
    assert view.count.text() == "1 leerling"
    assert shown_in < 10  # generous for a loaded machine; a few hundred ms on a quiet one
