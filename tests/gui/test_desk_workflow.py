"""The regisseur's desk driven through whole tasks with the real widgets (offscreen)."""

from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtCore import Qt

from tests.support.gui import TODAY, modal
from verzuimdesk.core.services import absences, case_forms, cases, pupils, queries
from verzuimdesk.gui import errors


def _school(desk) -> int:  # type: ignore[no-untyped-def]
    return pupils.create_school(
        desk, pupils.SchoolData("Het Testcollege", "VO", "midden", municipality="Teststad")
    )


def test_new_pupil_and_case_through_dialogs(qtbot, window, desk) -> None:  # type: ignore[no-untyped-def]
    """A wrong BSN is refused next to its field; the corrected pupil gets a case."""
    _school(desk)
    state = {}

    def fill_pupil(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.keyClicks(dialog.first_name, "Sanne")
        qtbot.keyClicks(dialog.last_name, "de Vries")
        dialog.birth_date.setDate(dialog.birth_date.date().fromString("14-03-2010", "dd-MM-yyyy"))
        row = dialog.enrolments.add_row()
        dialog.enrolments.rows[row][1].setCurrentIndex(1)
        qtbot.keyClicks(dialog.bsn, "123456789")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        state["bsn_error"] = dialog.errors["bsn"].text()
        dialog.bsn.setText("111222333")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()

    pupil_id = modal(qtbot, window.new_pupil, fill_pupil)
    assert "elfproef" in state["bsn_error"]
    assert pupil_id is not None

    def fill_case(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.keyClicks(dialog.search_field, "Vries")
        qtbot.waitUntil(lambda: dialog.pupils.count() == 1)
        dialog.pupils.setCurrentRow(0)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    case_id = modal(qtbot, window.new_case, fill_case)
    view = window.case_tabs[case_id]
    assert window.tabs.currentWidget() is view
    assert view.name_label.text() == "Sanne de Vries"
    assert "volledig leerplichtig" in view.sub_label.text()
    # The list shows it at once.
    qtbot.waitUntil(lambda: len(window.case_list.model.rows) == 1)


def test_absences_until_duo16h_then_ladder_move_and_form(qtbot, window, desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Enter hours in the month grid: at 16 hours the signal and its deadline appear."""
    pid = pupils.create_pupil(
        desk, pupils.PupilData("Ahmed", "Yilmaz", dt.date(2010, 5, 1), school_id=_school(desk))
    )
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 11))
    view = window.open_case(case_id)
    qtbot.mouseClick(view.absence_button, Qt.MouseButton.LeftButton)
    grid = window.absence_tabs[pid]
    assert window.tabs.currentWidget() is grid
    model = grid.model
    column = 2  # ongeoorloofd
    rows = {d.date: i for i, d in enumerate(model.month.days)}
    # A free day cannot be edited; a schooldag can.
    assert not model.flags(model.index(rows[dt.date(2024, 11, 16)], column)) & (
        Qt.ItemFlag.ItemIsEditable
    )
    # Type into the real editor for Monday.
    index = model.index(rows[dt.date(2024, 11, 18)], column)
    grid.table.setCurrentIndex(index)
    grid.table.edit(index)
    editor = grid.table.focusWidget()
    qtbot.keyClicks(editor, "6")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: model.month.days[rows[dt.date(2024, 11, 18)]].hours.get("ongeoorloofd") == 6
    )
    for day in (dt.date(2024, 11, 19), dt.date(2024, 11, 20)):
        assert model.setData(model.index(rows[day], column), "6")
    qtbot.waitUntil(lambda: any(s.code == "duo-16h" for s in view.file.signals))
    qtbot.waitUntil(lambda: grid.signals_model.rowCount() == 1)
    signal = next(s for s in view.file.signals if s.code == "duo-16h")
    assert signal.deadline == dt.date(2024, 11, 21)
    assert any(d.due_on == dt.date(2024, 11, 21) for d in view.deadlines_model.rows)
    assert "Signalen (1)" in view.tabs.tabText(2)
    # Undo the last entry with Ctrl+Z: the signal is gone; redo brings it back.
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not any(s.code == "duo-16h" for s in view.file.signals))
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: any(s.code == "duo-16h" for s in view.file.signals))

    # The ladder suggests step 2; move there through the stepper's dialog.
    window.tabs.setCurrentWidget(view)
    dialog = view.ladder.open_move_dialog()
    assert dialog is not None
    dialog.set_target("t2")
    dialog.reason_edit.setPlainText("16 uur ongeoorloofd verzuim; gesprek plannen")
    assert dialog.try_accept()
    qtbot.waitUntil(lambda: view.file.ladder.stage.id == "t2")
    assert view.fact_labels["stage"].text().startswith("2.")
    assert view.fact_labels["regie"].text() == "Leerplichtambtenaar"
    assert any(d.what == "Gesprek met leerling en ouders voeren" for d in view.deadlines_model.rows)
    assert view.events_model.rows[0].kind == "stage_change"
    # Tick an action of the new step.
    box = view.ladder.action_checkbox("t2-uitnodigen")
    box.setChecked(True)
    qtbot.waitUntil(lambda: any(a.id == "t2-uitnodigen" for a in view.file.ladder.actions_done))

    # Fill the form: a validation error first, then save.
    view.open_form("melding-thuiszitter")
    form = view._form_dialog
    qtbot.addWidget(form)
    assert not form.save()
    assert form.message.isVisible()
    values = form.values()
    assert values["naam"] == "Ahmed Yilmaz"  # pre-filled from the case
    form.widget.set_values(
        {**values, "soort": "B1", "reden": "Schoolangst", "begin": dt.date(2024, 11, 18)},
        clear=False,
    )
    assert form.save(), form.widget.errors()
    qtbot.waitUntil(lambda: view.forms_model.rowCount() == 1)
    pdf = form.print_to(tmp_path / "formulier.pdf")
    assert pdf.exists() and pdf.read_bytes()[:4] == b"%PDF"
    assert not errors.shown


def test_deadlines_view_mark_done_and_open_case(qtbot, window, desk) -> None:  # type: ignore[no-untyped-def]
    """Overdue deadlines are listed; marking one done with a date removes it."""
    pid = pupils.create_pupil(
        desk, pupils.PupilData("Noa", "Bakker", dt.date(2011, 2, 2), school_id=_school(desk))
    )
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 1))
    cases.move_case(desk, case_id, "t2", reason="r", on=dt.date(2024, 11, 4))  # due 11 Nov
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    deadlines = window.deadlines
    assert window.tabs.currentWidget() is deadlines
    qtbot.waitUntil(lambda: deadlines.model.rowCount() == 1)
    assert "Verlopen  1" in deadlines.buttons["overdue"].text()
    deadlines.table.selectRow(0)

    def set_date(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.on.setDate(dialog.on.date().addDays(-1))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert modal(qtbot, deadlines.mark_selected_done, set_date)
    qtbot.waitUntil(lambda: deadlines.overview.count("overdue") == 0)
    file = queries.case_file(desk, case_id)
    [done] = [d for d in file.deadlines if d.rule_id == "t2-gesprek"]
    assert done.done_on == TODAY - dt.timedelta(days=1)
    # Undo opens it again.
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: deadlines.overview.count("overdue") == 1)
    deadlines.table.selectRow(0)
    deadlines._open_selected()
    assert window.tabs.currentWidget() is window.case_tabs[case_id]


def test_search_filter_and_undo_note(qtbot, window, desk) -> None:  # type: ignore[no-untyped-def]
    """Instant search and filters narrow the list; deleting a note is undone with Ctrl+Z."""
    school = _school(desk)
    other = pupils.create_school(desk, pupils.SchoolData("Lyceum Oost", "VO", "midden"))
    ids = {}
    for first, last, where in (
        ("Sanne", "de Vries", school),
        ("Ahmed", "Yilmaz", other),
        ("Noa", "Bakker", other),
    ):
        pid = pupils.create_pupil(
            desk, pupils.PupilData(first, last, dt.date(2010, 1, 1), school_id=where)
        )
        ids[first] = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    cases.move_case(desk, ids["Ahmed"], "t2", reason="r", on=dt.date(2024, 11, 5))
    listing = window.case_list
    qtbot.waitUntil(lambda: listing.model.rowCount() == 3)
    assert listing.model.rows[0].pupil_name == "Ahmed Yilmaz"  # overdue first
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert listing.search.hasFocus()
    qtbot.keyClicks(listing.search, "lyceum")
    qtbot.waitUntil(lambda: listing.model.rowCount() == 2)
    qtbot.keyClicks(listing.search, " noa")
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    listing.search.clear()
    qtbot.waitUntil(lambda: listing.model.rowCount() == 3)
    listing.overdue.setChecked(True)
    assert [r.pupil_name for r in listing.model.rows] == ["Ahmed Yilmaz"]
    listing.overdue.setChecked(False)
    listing.stage.setCurrentIndex(listing.stage.findData("t1"))
    assert listing.model.rowCount() == 2
    listing.stage.setCurrentIndex(0)
    listing.school.setCurrentIndex(listing.school.findData(other))
    assert listing.model.rowCount() == 2
    listing.save_settings()
    # Sort by pupil name with a header click; the urgency button restores the default.
    listing._header_clicked(1)
    assert [r.pupil_name for r in listing.model.rows] == ["Ahmed Yilmaz", "Noa Bakker"]
    listing.school.setCurrentIndex(0)

    # Open Sanne's case from the list, add a note, delete it, undo.
    listing.select_case(ids["Sanne"])
    listing._activated(listing.table.currentIndex())
    view = window.case_tabs[ids["Sanne"]]
    note = cases.add_event(desk, ids["Sanne"], "note", "Moeder gebeld")
    qtbot.waitUntil(lambda: any(e.id == note for e in view.events_model.rows))
    row = next(i for i, e in enumerate(view.events_model.rows) if e.id == note)
    view.events.selectRow(row)
    qtbot.mouseClick(view.delete_event_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not any(e.id == note for e in view.events_model.rows))
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(e.id == note for e in view.events_model.rows))
    # Ctrl+W closes the case tab and returns to the list it was opened from — not to the
    # neighbouring Overzicht tab, whose charts would start computing for nothing.
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert ids["Sanne"] not in window.case_tabs
    assert window.tabs.currentWidget() is listing
    # Not even for a moment: Qt showed the neighbour of a removed current tab first, and
    # the Overzicht tab then built and computed its charts in the middle of the close.
    assert not window.overview._built


def test_every_table_model_passes_the_model_tester(qtbot, qtmodeltester, window, desk) -> None:  # type: ignore[no-untyped-def]
    """qtmodeltester on the case list, case file, deadlines and absence grid models."""
    pid = pupils.create_pupil(
        desk, pupils.PupilData("Sanne", "de Vries", dt.date(2010, 1, 1), school_id=_school(desk))
    )
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    for day in (dt.date(2024, 11, 18), dt.date(2024, 11, 19), dt.date(2024, 11, 20)):
        absences.record_absence(desk, pid, day, "ongeoorloofd", 6)
    cases.add_event(desk, case_id, "contact", "Gebeld")
    case_forms.save_form(
        desk,
        case_id,
        "melding-thuiszitter",
        {
            "naam": "Sanne de Vries",
            "geboortedatum": dt.date(2010, 1, 1),
            "school": "X",
            "begin": dt.date(2024, 11, 18),
            "soort": "B1",
            "reden": "r",
        },
    )
    window.case_list.refresh()
    view = window.open_case(case_id)
    grid = window.open_absences(pid)
    deadlines = window.deadlines
    deadlines.show_group("week")
    models = [
        window.case_list.model,
        view.events_model,
        view.deadlines_model,
        view.signals_model,
        view.forms_model,
        deadlines.model,
        grid.model,
        grid.signals_model,
    ]
    for model in models:
        assert model.rowCount() > 0, model
        qtmodeltester.check(model)


def test_plugins_and_about_dialogs(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The Plugins dialog lists the region; copying details puts text on the clipboard."""
    from PySide6.QtWidgets import QApplication

    from verzuimdesk.gui.about import AboutDialog, PluginsDialog

    dialog = PluginsDialog(window.desk, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 3).text() == "geladen"
    dialog.copy_details()
    assert QApplication.clipboard().text()
    about = AboutDialog(window.desk, window)
    qtbot.addWidget(about)


def test_unexpected_error_is_logged_and_shown_in_dutch(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The excepthook logs the traceback and shows a short Dutch message with details."""
    from verzuimdesk import paths

    errors.install_excepthook()
    try:
        raise RuntimeError("kapot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    message, details = errors.shown[-1]
    assert message == errors.UNEXPECTED
    assert "RuntimeError: kapot" in details
    assert "kapot" in paths.log_path().read_text(encoding="utf-8")
    dialog = errors.ErrorDialog(message, details)
    qtbot.addWidget(dialog)
    dialog.copy_details()
