"""The regional forms of the real plugins in the desk's form window, driven as a user would.

Amsterdam's *Aanmelding doorstroomoverleg thuiszitters* and Kennemerland's *Verslag MDO*:
open from the case, pre-filled, repeat rows, Dutch messages, save, reopen, print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea

from tests.support.gui import TODAY
from verzuimdesk.core.db import create_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.services import cases, pupils, queries
from verzuimdesk.gui import errors
from verzuimdesk.gui.forms_dialog import FormDialog
from verzuimdesk.plugins.manager import create_plugin_manager


@pytest.fixture
def region_window(qtbot: Any, tmp_path: Path) -> Iterator[Callable[[str], Any]]:
    """Make the main window on a fresh case base of a real (installed) region."""
    from verzuimdesk.gui.case_list import settings
    from verzuimdesk.gui.main_window import MainWindow, apply_style

    opened: list[Any] = []

    def make(region: str) -> Any:
        case_base = create_case_base(sqlite_url(tmp_path / f"{region}.sqlite"), region, today=TODAY)
        desk = Desk(case_base, create_plugin_manager(), user="tester", today=TODAY)
        settings().clear()
        apply_style(QApplication.instance())  # type: ignore[arg-type]
        win = MainWindow(desk)
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        opened.append((win, case_base))
        return win

    errors.set_quiet(True)
    errors.shown.clear()
    yield make
    errors.set_quiet(False)
    for win, case_base in opened:
        win.close()
        case_base.close()


def _case(desk: Any, *stages: str) -> int:
    school = pupils.create_school(desk, pupils.SchoolData("Het Amstelcollege", "VO", "noord"))
    pupil = pupils.create_pupil(
        desk, pupils.PupilData("Noor", "Bakker", dt.date(2010, 3, 14), school_id=school)
    )
    case_id = cases.open_case(desk, pupil, opened_on=dt.date(2024, 11, 4))
    ladder = desk.registry.ladder(desk.region_id)
    current = ladder.start_stage
    for stage in stages:
        # A step that declares decisions asks for the one that leads to ``stage``.
        decision = next(
            (d.id for d in ladder.stage(current).decision_defs() if stage in d.next_stages), None
        )
        cases.move_case(
            desk, case_id, stage, reason="Volgende stap", decision=decision,
            on=dt.date(2024, 11, 11),
        )  # fmt: skip
        current = stage
    return case_id


def _open_from_button(qtbot: Any, view: Any, name: str) -> FormDialog:
    buttons = [
        b for b in view.forms.parentWidget().findChildren(QPushButton) if b.text() == f"+ {name}"
    ]
    assert len(buttons) == 1, "geen knop voor het formulier"
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    dialog = view._form_dialog
    assert isinstance(dialog, FormDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _not_clipped(dialog: FormDialog) -> None:
    """Nothing cut off on the left or right: no horizontal scrolling needed on opening."""
    inner = dialog.widget.findChild(QScrollArea)
    assert inner is not None
    assert inner.horizontalScrollBar().maximum() == 0, (dialog.width(), inner.widget().width())


def _save_reopen_print(qtbot: Any, view: Any, dialog: FormDialog, tmp_path: Path) -> Any:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Bewaard."
    saved = dialog.values()
    submission = dialog.submission_id
    assert submission is not None
    dialog.close()
    qtbot.waitUntil(lambda: view.forms_model.rowCount() == 1)
    view.open_submission(0)
    again = view._form_dialog
    assert again is not dialog and again.submission_id == submission
    qtbot.waitExposed(again)
    assert again.values() == saved
    pdf = again.print_to(tmp_path / "formulier.pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000
    assert pdf.read_bytes().startswith(b"%PDF")
    return again


def test_amsterdam_doorstroomoverleg_form_from_the_case(
    qtbot: Any, region_window: Any, tmp_path: Path
) -> None:
    window = region_window("amsterdam")
    view = window.open_case(_case(window.desk, "ams-doorstroomoverleg"))
    dialog = _open_from_button(qtbot, view, "Aanmelding doorstroomoverleg thuiszitters")
    form = dialog.widget
    _not_clipped(dialog)
    values = dialog.values()
    assert values["leerling"] == "Noor Bakker"
    assert values["geboortedatum"] == dt.date(2010, 3, 14)
    assert values["school"] == "Het Amstelcollege"
    assert values["aanmelder"] == "tester"
    assert values["betrokken_partijen"] == []

    assert not dialog.save()
    assert form.error_text("betrokken_partijen") == "Voeg minstens één rij toe."
    assert form.error_text("criteria") == "Dit veld is verplicht."
    assert form.error_text("ouders_ingestemd") == "Vink dit aan om door te gaan."
    assert dialog.message.text() == "Het formulier is niet bewaard: 7 veld(en) kloppen nog niet."

    form.repeat_add_row("betrokken_partijen", {"organisatie": "OKA Noord"})
    form.repeat_add_row("betrokken_partijen", {"organisatie": "Weg"})
    assert form.error_text("betrokken_partijen") == (
        "Rij 1, Contactpersoon: Dit veld is verplicht.\n"
        "Rij 2, Contactpersoon: Dit veld is verplicht."
    )
    repeat = form._rows["betrokken_partijen"].editor
    qtbot.mouseClick(repeat.rows[1][2], Qt.MouseButton.LeftButton)  # ✕ of row 2
    assert len(repeat.rows) == 1
    qtbot.keyClicks(repeat.rows[0][1][1].focus_widget, "Fatima El Amrani")
    assert form.error_text("betrokken_partijen") == ""

    form.editor("criteria").setChecked(True)  # A
    qtbot.keyClicks(form.editor("toelichting_criteria"), "Zorgmelding zonder effect.")
    qtbot.keyClicks(form.editor("geprobeerd"), "OT en UVO.")
    for field_id in ("voorgelegd_aan", "in_regie"):
        form.editor(field_id).setCurrentIndex(1)
    form.editor("ouders_ingestemd").setChecked(True)
    again = _save_reopen_print(qtbot, view, dialog, tmp_path)
    assert again.values()["betrokken_partijen"][0]["contactpersoon"] == "Fatima El Amrani"
    assert again.values()["criteria"] == ["A"]
    assert queries.case_file(window.desk, view.case_id).forms[0].form_id == "ams-doorstroomoverleg"
    again.grab().save(str(tmp_path / "doorstroom.png"))


def test_kennemerland_mdo_verslag_from_the_case(
    qtbot: Any, region_window: Any, tmp_path: Path
) -> None:
    window = region_window("kennemerland")
    view = window.open_case(_case(window.desk, "ken-06-lpa-onderzoek", "ken-07-mdo"))
    dialog = _open_from_button(qtbot, view, "Verslag MDO")
    form = dialog.widget
    _not_clipped(dialog)
    assert "*" in form._rows["aanwezigen"].label.text()  # min 1 row: required
    values = dialog.values()
    assert (values["leerling"], values["school"]) == ("Noor Bakker", "Het Amstelcollege")
    assert values["datum"] == TODAY

    assert not dialog.save()
    assert form.error_text("aanwezigen") == "Voeg minstens één rij toe."
    assert form.error_text("regiehouder") == "Dit veld is verplicht."
    qtbot.mouseClick(form._rows["aanwezigen"].editor.add_button, Qt.MouseButton.LeftButton)
    assert form.error_text("aanwezigen") == (
        "Rij 1, Naam: Dit veld is verplicht.\nRij 1, Organisatie: Dit veld is verplicht."
    )
    row = form._rows["aanwezigen"].editor.rows[0][1]
    qtbot.keyClicks(row[0].focus_widget, "Jan Smit")
    qtbot.keyClicks(row[1].focus_widget, "Leerplicht Kennemerland")
    row[2].focus_widget.setCurrentIndex(row[2].focus_widget.findData("lpa"))
    for field_id, text in (
        ("stand_van_zaken", "Thuis sinds oktober."),
        ("wat_nodig", "Rust."),
        ("doelen", "Terug naar school."),
        ("tijdpad", "Zes weken."),
        ("vervolg", "Evaluatie-MDO."),
    ):
        qtbot.keyClicks(form.editor(field_id), text)
    form.editor("regiehouder").setCurrentIndex(form.editor("regiehouder").findData("lpa"))
    form._rows["evaluatie_op"].editor.set_value(dt.date(2025, 1, 8))
    again = _save_reopen_print(qtbot, view, dialog, tmp_path)
    assert again.values()["aanwezigen"][0]["functie"] == "lpa"
    assert again.values()["evaluatie_op"] == dt.date(2025, 1, 8)
    assert again.values()["regiehouder"] == "lpa"


def test_amsterdam_verzuimgesprek_signal_at_six_hours_suggests_step_2(
    qtbot: Any, region_window: Any
) -> None:
    """Hours typed into the month grid of an Amsterdam VO pupil: 6 counted hours."""
    from verzuimdesk.gui.ladder_model import StepStatus

    window = region_window("amsterdam")
    case_id = _case(window.desk)
    view = window.open_case(case_id)
    qtbot.mouseClick(view.absence_button, Qt.MouseButton.LeftButton)
    grid = window.absence_tabs[view.file.pupil_id]
    model = grid.model
    rows = {d.date: i for i, d in enumerate(model.month.days)}
    column = 2 + model_kinds().index("ongeoorloofd")
    for day in (dt.date(2024, 11, 18), dt.date(2024, 11, 19)):
        assert model.setData(model.index(rows[day], column), "2,5")
    qtbot.wait(50)
    assert not any(s.code == "verzuimgesprek" for s in view.file.signals)  # 5 hours
    index = model.index(rows[dt.date(2024, 11, 20)], column)
    grid.table.setCurrentIndex(index)
    grid.table.edit(index)
    editor = grid.table.focusWidget()
    qtbot.keyClicks(editor, "1")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(s.code == "verzuimgesprek" for s in view.file.signals))
    qtbot.waitUntil(lambda: grid.signals_model.rowCount() >= 1)
    assert any(s.code == "verzuimgesprek" for s in grid.signals_model.rows)
    window.tabs.setCurrentWidget(view)
    suggested = [s for s in view.ladder.display().steps if s.status is StepStatus.SUGGESTED]
    assert [s.id for s in suggested] == ["ams-2-verzuimgesprek"]
    assert suggested[0].name == "Verzuimgesprek"
    assert suggested[0].reason == "6 tot 16 uur verzuim in 4 weken (signaal op 20-11-2024)"


def model_kinds() -> list[str]:
    from verzuimdesk.gui.absences_view import KINDS

    return KINDS
