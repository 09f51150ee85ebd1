"""Scholen en schoolkalenders through the real widgets (offscreen).

The test region is *midden*, today is Wed 20 Nov 2024: school year 2024-2025 has 207
schooldagen on the built-in calendar (see tests/services/test_schools.py).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from tests.support.gui import modal
from verzuimdesk.core.services import absences, pupils, schools
from verzuimdesk.gui import errors
from verzuimdesk.gui.school_calendar import KIND_COLOURS, SchoolCalendarWindow

D = dt.date


def _school(desk, name: str = "Het Testcollege", brin: str = "12AB") -> int:  # type: ignore[no-untyped-def]
    return schools.create_school(
        desk, schools.SchoolData(name, "VO", "midden", brin=brin, municipality="Teststad")
    )


def _open(qtbot, window) -> SchoolCalendarWindow:  # type: ignore[no-untyped-def]
    """Open the window with its shortcut from the main window."""
    window.activateWindow()
    qtbot.keyClick(
        window,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: getattr(window, "_schools_window", None) is not None)
    win = window._schools_window
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def _pick(qtbot, win: SchoolCalendarWindow, name: str) -> None:  # type: ignore[no-untyped-def]
    items = win.school_list.findItems(name, Qt.MatchFlag.MatchExactly)
    assert items, name
    rect = win.school_list.visualItemRect(items[0])
    qtbot.mouseClick(win.school_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: win.title.text() == name)


def _click_day(qtbot, win: SchoolCalendarWindow, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    rect = win.grid._cells[day]
    qtbot.mouseClick(win.grid, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert win.grid.selected == day


def _pixel(win: SchoolCalendarWindow, day: dt.date) -> str:
    """The colour painted inside a day's cell, left of its number."""
    rect = win.grid._cells[day]
    image = win.grid.grab().toImage()
    ratio = image.devicePixelRatio()
    point = QPoint(int((rect.left() + 4) * ratio), int(rect.center().y() * ratio))
    return QColor(image.pixel(point)).name()


def test_add_a_studiedag_in_the_year_overview_and_undo_it(qtbot, window, desk) -> None:  # type: ignore[no-untyped-def]
    """Choose a day, Enter, OK: the day is greyed and listed, one schooldag less; Ctrl+Z."""
    school_id = _school(desk)
    _school(desk, "Basisschool De Linde", "34CD")
    pid = pupils.create_pupil(
        desk, pupils.PupilData("Sanne", "de Vries", D(2010, 3, 14), school_id=school_id)
    )
    for day in (D(2024, 11, 18), D(2024, 11, 19), D(2024, 11, 20)):
        absences.record_absence(desk, pid, day, "ongeoorloofd", 6)
    win = _open(qtbot, window)
    assert win.isVisible() and not win.isModal()
    assert win.windowTitle().startswith("Scholen en schoolkalenders")
    # The search narrows the list; the list shows the schools by name.
    qtbot.keyClicks(win.search, "testcol")
    qtbot.waitUntil(lambda: win.school_list.count() == 1)
    _pick(qtbot, win, "Het Testcollege")
    assert "BRIN 12AB" in win.subtitle.text() and "1 leerling" in win.subtitle.text()
    assert win.year_combo.currentText() == "2024-2025"
    assert win.schooldagen_label.text() == "207"
    assert win.lesweken_label.text() == "42"
    assert win.grid.kind_of(D(2024, 10, 28)) == "vakantie"
    assert _pixel(win, D(2024, 10, 28)) == KIND_COLOURS["vakantie"][0]
    assert "Herfstvakantie" in win.grid.describe(D(2024, 10, 28))
    assert _pixel(win, D(2024, 11, 21)) == KIND_COLOURS["schooldag"][0]

    # Thu 21 Nov 2024: click it, press Enter, the dialog opens on that day.
    _click_day(qtbot, win, D(2024, 11, 21))
    seen = {}

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        seen["start"] = dialog.start.date().toString("dd-MM-yyyy")
        dialog.name.clear()
        qtbot.keyClicks(dialog.name, "Studiedag team")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    modal(qtbot, lambda: qtbot.keyClick(win.grid, Qt.Key.Key_Return), fill)
    assert seen["start"] == "21-11-2024"
    qtbot.waitUntil(lambda: win.schooldagen_label.text() == "206")
    assert "Studiedag toegevoegd" in win.status.text()
    assert "1 leerling opnieuw berekend" in win.status.text()
    names = [e.name for e in win.model.rows]
    assert "Studiedag team" in names
    entry = win._selected_entry()
    assert entry is not None and entry.name == "Studiedag team" and entry.editable
    assert win.delete_button.isEnabled()
    # Greyed (in the studiedag colour) once another day is chosen.
    _click_day(qtbot, win, D(2024, 11, 22))
    assert win.grid.kind_of(D(2024, 11, 21)) == "studiedag"
    assert _pixel(win, D(2024, 11, 21)) == KIND_COLOURS["studiedag"][0]
    # The pupil's duo-16h report (Wed 20 Nov) is now due Fri 22 Nov instead of Thu 21.
    signal = next(s for s in _signals(desk, pid) if s.code == "duo-16h")
    assert signal.deadline == D(2024, 11, 22)
    # The desk's one undo stack has the change; Ctrl+Z in this window undoes it.
    assert window.undo_stack.undoText() == "Studiedag toevoegen"
    win.activateWindow()  # the offscreen platform hands activation back to the main window
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.schooldagen_label.text() == "207")
    assert "Studiedag team" not in [e.name for e in win.model.rows]
    assert win.grid.kind_of(D(2024, 11, 21)) == "schooldag"
    assert next(s for s in _signals(desk, pid) if s.code == "duo-16h").deadline == D(2024, 11, 21)
    # Redo brings it back; Delete on the list removes it again.
    qtbot.keyClick(win, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.schooldagen_label.text() == "206")
    row = next(i for i, e in enumerate(win.model.rows) if e.name == "Studiedag team")
    win.table.selectRow(row)
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: win.schooldagen_label.text() == "207")
    assert "verwijderd" in win.status.text()


def _signals(desk, pupil_id: int):  # type: ignore[no-untyped-def]
    from verzuimdesk.core.services import queries

    return queries.pupil_absences(desk, pupil_id, D(2024, 11, 1)).signals


def test_a_bad_brin_shows_its_dutch_message(qtbot, window, desk) -> None:  # type: ignore[no-untyped-def]
    """The details form refuses a bad BRIN number next to the field and saves nothing."""
    school_id = _school(desk)
    win = _open(qtbot, window)
    _pick(qtbot, win, "Het Testcollege")
    tab_bar = win.tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(1).center())
    assert win.tabs.currentIndex() == 1
    win.form.brin.clear()
    qtbot.keyClicks(win.form.brin, "1234")
    qtbot.mouseClick(win.form.save_button, Qt.MouseButton.LeftButton)
    error = win.form.errors["brin"]
    assert error.isVisible()
    assert error.text().startswith("Een BRIN-nummer bestaat uit 2 cijfers en 2 letters")
    assert schools.school_details(desk, school_id).data.brin == "12AB"
    # Corrected and saved with Ctrl+S: the header follows.
    win.form.brin.clear()
    qtbot.keyClicks(win.form.brin, "12ab01")
    win.form.brin.setFocus()
    qtbot.keyClick(win.form.brin, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "BRIN 12AB01" in win.subtitle.text())
    assert not win.form.errors["brin"].isVisible()
    assert schools.school_details(desk, school_id).data.brin == "12AB01"


def test_calendar_file_import_and_revert(qtbot, window, desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A bad file is refused with its line number; a good one replaces the vacations."""
    _school(desk)
    errors.shown.clear()
    win = _open(qtbot, window)
    _pick(qtbot, win, "Het Testcollege")
    bad = tmp_path / "fout.csv"
    bad.write_text("start,eind,naam\n2024-12-23,2025-01-03,Kerst\nmorgen,2025-03-01,x\n")
    assert win.import_file(str(bad)) is None
    [(message, _details)] = errors.shown
    assert "niets gewijzigd" in message and "regel 3" in message
    assert win.schooldagen_label.text() == "207" and not win.warning.isVisible()
    good = tmp_path / "kalender.csv"
    good.write_text("start,eind,naam\n2024-12-23,2025-01-03,Kerstvakantie\n")
    win.import_file(str(good))
    qtbot.waitUntil(lambda: win.warning.isVisible())
    # Only the file's ten weekdays are free: 261 - 10 = 251 schooldagen.
    assert win.schooldagen_label.text() == "251"
    assert win.grid.kind_of(D(2024, 10, 28)) == "schooldag"
    assert not win.vacation_button.isEnabled() and not win.goede_vrijdag.isEnabled()
    assert win.revert_button.isEnabled()
    qtbot.mouseClick(win.revert_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.schooldagen_label.text() == "207")
    assert not win.warning.isVisible()
    assert window.undo_stack.undoText() == "Ingebouwde kalender herstellen"
