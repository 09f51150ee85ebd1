"""The Leerlingen tab: a pupil added without a case is found again (issue 13)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from verzuimdesk.core.importing import run_import
from verzuimdesk.core.services import absences, pupils


def _pupil(
    desk: Any, first: str, last: str, bsn: str | None = None, school: int | None = None
) -> int:
    return pupils.create_pupil(
        desk, pupils.PupilData(first, last, dt.date(2010, 3, 14), school_id=school, bsn=bsn)
    )


def test_pupil_without_case_is_found_and_a_case_started(
    qtbot: Any, desk: Any, window: Any, tmp_path: Path
) -> None:
    """Ctrl+3 shows every pupil; search by name, school, BSN's last digits; start a case."""
    school = pupils.create_school(desk, pupils.SchoolData("Het Testcollege", "VO", "midden"))
    bo = _pupil(desk, "Bo", "Smit", bsn="111222333", school=school)
    _pupil(desk, "Sanne", "de Vries")
    absences.record_absence(desk, bo, dt.date(2024, 11, 18), "ziek", 3.5)
    view = window.pupils_view
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert view.count.text() == "2 leerlingen"
    for text, expected in (
        ("smit", ["Bo Smit"]),
        ("testcollege", ["Bo Smit"]),
        ("2333", ["Bo Smit"]),
        ("vries", ["Sanne de Vries"]),
    ):
        view.search.setText(text)
        qtbot.waitUntil(lambda expected=expected: [r.name for r in view.model.rows] == expected)
    view.search.setText("2333")
    qtbot.waitUntil(lambda: [r.name for r in view.model.rows] == ["Bo Smit"])
    assert view.model.rows[0].bsn_end == "•••••2333"  # never the whole BSN in the list
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.page is not None and view.page.pupil_id == bo)
    assert view.title.text() == "Bo Smit"
    assert (
        view.enrolments.rowCount() == 1 and view.enrolments.item(0, 0).text() == "Het Testcollege"
    )
    assert (
        view.absences.item(0, 0).text() == "18-11-2024" and view.absences.item(0, 2).text() == "3,5"
    )
    assert view.cases.rowCount() == 0 and view.start_case.isEnabled()
    window.resize(1280, 800)
    first_value = view.data_form.itemAt(0, view.data_form.ItemRole.FieldRole).widget()
    qtbot.waitUntil(first_value.isVisible)
    assert first_value.text() == "Bo Smit"
    view.grab().save(str(tmp_path / "leerlingen.png"))
    qtbot.mouseClick(view.start_case, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.cases.rowCount() == 1)
    assert not view.start_case.isEnabled() and view.open_case.isEnabled()
    assert window.tabs.currentWidget() is not view  # the new case's file is shown
    # Ctrl+W does not close the Leerlingen tab.
    window.tabs.setCurrentWidget(view)
    window.close_current_tab()
    assert window.tabs.indexOf(view) == 2


def test_new_pupil_appears_without_refresh(qtbot: Any, desk: Any, window: Any) -> None:
    """A pupil added elsewhere (an import, the dialog) is listed: at once while the tab is
    shown, and when the tab is next shown otherwise (the list is not read while hidden)."""
    view = window.pupils_view
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.count.text() == "0 leerlingen")
    _pupil(desk, "Daan", "Bakker")
    qtbot.waitUntil(lambda: [r.name for r in view.model.rows] == ["Daan Bakker"])
    window.tabs.setCurrentIndex(0)
    _pupil(desk, "Bo", "Smit")
    assert [r.name for r in view.model.rows] == ["Daan Bakker"]  # hidden: not read yet
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: [r.name for r in view.model.rows] == ["Daan Bakker", "Bo Smit"])
    assert view.select_pupil(view.model.rows[0].pupil_id)


def test_search_by_school_number(qtbot: Any, desk: Any, window: Any) -> None:
    """The school's pupil number (from an import) finds the pupil."""
    from tests.importing.support import SAMPLES, mapping_for

    run_import(desk, SAMPLES / "scholen.csv", mapping_for("scholen.csv", "schools"))
    run_import(
        desk,
        SAMPLES / "magister_leerlingen.csv",
        mapping_for("magister_leerlingen.csv", "pupils", desk, "12AB00"),
    )
    view = window.pupils_view
    view.search.setText("1004")
    qtbot.waitUntil(lambda: [r.name for r in view.model.rows] == ["Bram van der Berg"])
    assert view.model.rows[0].numbers == "1004"
