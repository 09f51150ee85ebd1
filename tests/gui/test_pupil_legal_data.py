"""Issue 9 in the desk: the pupil dialog enters the legal data, the case file shows it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.support.gui import TODAY, modal
from verzuimdesk.core.services import cases, legal_data, pupils
from verzuimdesk.core.services.legal_data import EnrolmentData, ExemptionData
from verzuimdesk.gui.formatting import to_qdate
from verzuimdesk.gui.pupil_dialog import PupilDialog

D = dt.date


def _school(desk: Any) -> int:
    return pupils.create_school(
        desk, pupils.SchoolData("Het Testcollege", "VO", "midden", municipality="Teststad")
    )


def test_the_pupil_dialog_enters_woongemeente_enrolments_exemptions_and_startkwalificatie(
    qtbot: Any, window: Any, desk: Any
) -> None:
    school = _school(desk)
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        qtbot.keyClicks(dialog.first_name, "Sanne")
        qtbot.keyClicks(dialog.last_name, "de Vries")
        dialog.birth_date.setDate(to_qdate(D(2008, 3, 14)))
        seen["choices"] = [
            dialog.municipality.itemText(i) for i in range(dialog.municipality.count())
        ]
        dialog.municipality.setCurrentIndex(dialog.municipality.findData("anders"))
        qtbot.keyClicks(dialog.other_municipality, "Zoetermeer")
        dialog.startkwalificatie.setDate(to_qdate(D(2024, 7, 1)))
        row = dialog.enrolments.add_row(school, D(2013, 4, 1))
        seen["schools"] = dialog.enrolments.rows[row][1].count()
        row = dialog.exemptions.add_row("11g", D(2024, 10, 8), D(2024, 10, 1))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        seen["error"] = dialog.errors["exemptions"].text()
        seen["error_shown"] = dialog.errors["exemptions"].isVisible()
        dialog.exemptions.rows[row][3].setDate(to_qdate(D(2024, 10, 11)))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()

    pupil_id = modal(qtbot, window.new_pupil, fill)
    assert seen["choices"] == ["— onbekend —", "Teststad", "anders, namelijk…"]
    assert seen["schools"] == 2  # "not in the desk" and the one school
    assert seen["error_shown"]
    assert seen["error"] == "Vrijstelling 1: de einddatum ligt vóór de begindatum."
    data = pupils.pupil_data(desk, pupil_id)
    assert data.municipality == "Zoetermeer"
    assert data.startkwalificatie_on == D(2024, 7, 1)
    assert data.enrolments == (EnrolmentData(school, D(2013, 4, 1), None),)
    assert data.exemptions == (ExemptionData("11g", D(2024, 10, 8), D(2024, 10, 11)),)
    assert data.school_id == school

    # Reopened, the dialog shows what was saved and closes without asking.
    dialog = PupilDialog(desk, window, pupil_id=pupil_id)
    qtbot.addWidget(dialog)
    assert dialog.municipality_value() == "Zoetermeer"
    assert dialog.enrolments.items() == data.enrolments
    assert dialog.exemptions.items() == data.exemptions
    assert not dialog.has_unsaved_input()


def test_a_date_typed_into_an_empty_until_field_is_that_date(qtbot: Any, desk: Any) -> None:
    """Typing 26-11-2026 into an empty optional date must give 26-11-2026, not today."""
    dialog = PupilDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    row = dialog.enrolments.add_row(None, D(2015, 4, 1))
    until = dialog.enrolments.rows[row][3]
    assert dialog.enrolments.items()[0].end is None  # starts empty
    qtbot.keyClicks(until.line_edit, "26-11-2026")
    assert dialog.enrolments.items()[0].end == D(2026, 11, 26)
    dialog.discard()  # closing would ask "Wijzigingen opslaan?"


def test_the_leerling_page_lists_the_legal_data_and_marks_a_gap(
    qtbot: Any, window: Any, desk: Any
) -> None:
    school = _school(desk)
    pid = pupils.create_pupil(
        desk,
        pupils.PupilData(
            "Noa",
            "Bakker",
            D(2010, 3, 14),
            municipality="Teststad",
            enrolments=(EnrolmentData(school, D(2015, 4, 1), D(2024, 10, 31)),),
            exemptions=(ExemptionData("15", D(2023, 9, 1), D(2023, 12, 22)),),
        ),
    )
    case_id = cases.open_case(desk, pid, opened_on=D(2024, 11, 4))
    view = window.open_case(case_id)
    assert "woongemeente Teststad" in view.sub_label.text()
    assert view.fact_labels["category"].text() == "B3"
    view.tabs.setCurrentWidget(view.pupil_page)
    panel = view.pupil_panel
    assert panel.municipality.text() == "Teststad"
    texts = " ".join(label.text() for label in panel.findChildren(type(panel.municipality)))
    assert "Het Testcollege: 01-04-2015 t/m 31-10-2024" in texts
    assert "art. 15" in texts
    assert "Absoluut verzuim</b> vanaf 01-11-2024" in texts
    (button,) = panel.gap_buttons
    assert button.text() == "Markeer als administratieve onvolkomenheid"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: panel.gap_buttons and panel.gap_buttons[0].text() == "Markering intrekken"
    )
    qtbot.waitUntil(lambda: view.fact_labels["category"].text() != "B3")
    assert [g.excused_id is not None for g in legal_data.legal_overview(desk, pid).gaps] == [True]
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.gap_buttons[0].text().startswith("Markeer"))
    qtbot.waitUntil(lambda: view.fact_labels["category"].text() == "B3")
    assert D(2024, 11, 20) == TODAY


def test_render_the_pupil_dialog(qtbot: Any, desk: Any, tmp_path: Path) -> None:
    """The dialog with data opens wide enough for its rows, and renders."""
    school = _school(desk)
    pid = pupils.create_pupil(
        desk,
        pupils.PupilData(
            "Noa",
            "Bakker",
            D(2010, 3, 14),
            municipality="Teststad",
            enrolments=(
                EnrolmentData(None, D(2015, 4, 1), D(2022, 7, 31)),
                EnrolmentData(school, D(2022, 8, 29)),
            ),
            exemptions=(ExemptionData("5a", D(2023, 9, 1), D(2023, 12, 22)),),
        ),
    )
    dialog = PupilDialog(desk, pupil_id=pid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.grab().save(str(tmp_path / "leerling.png"))
    assert dialog.width() >= dialog.minimumSizeHint().width()
