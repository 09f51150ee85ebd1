"""The Verzuimmelding DUO and its signal (issue 9, items 4 and 5).

One source of truth: a report is *gemeld* when its deadline is done. Saving the DUO form
for a signal marks that deadline done (undoable), and the form opens pre-filled with the
signal's start, end and hours.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.gui import test_regional_forms as _regional
from verzuimdesk.core.services import absences, queries
from verzuimdesk.gui.forms_dialog import FormDialog

_case = _regional._case
region_window = _regional.region_window  # the fixture: a main window on a real region

DAYS = [dt.date(2024, 11, 11), dt.date(2024, 11, 12), dt.date(2024, 11, 13)]


def _duo_case(desk: Any) -> int:
    case_id = _case(desk)
    pupil_id = queries.case_file(desk, case_id).pupil_id
    for day in DAYS:
        absences.record_absence(desk, pupil_id, day, "ongeoorloofd", 6)
    return case_id


def _duo_signal(file: Any) -> Any:
    (signal,) = [s for s in file.signals if s.code == "duo-16h"]
    return signal


def _open_duo_form(qtbot: Any, view: Any) -> FormDialog:
    (button,) = [
        b
        for b in view.forms.parentWidget().findChildren(QPushButton)
        if b.text() == "+ Verzuimmelding DUO"
    ]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = view._form_dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_duo_form_is_prefilled_from_its_signal(qtbot: Any, region_window: Any) -> None:
    window = region_window("den_haag")
    view = window.open_case(_duo_case(window.desk))
    signal = _duo_signal(view.file)
    dialog = _open_duo_form(qtbot, view)
    values = dialog.values()
    assert values["soort"] == "16-uur"
    assert values["startdatum"] == signal.start
    assert values["einddatum"] == signal.eind
    assert values["uren"] in (signal.uren, f"{signal.uren:g}".replace(".", ","))
    dialog.discard()


def test_saving_the_duo_form_marks_its_deadline_done_undoably(
    qtbot: Any, region_window: Any
) -> None:
    window = region_window("den_haag")
    view = window.open_case(_duo_case(window.desk))
    signal = _duo_signal(view.file)
    assert signal.reported_on is None
    dialog = _open_duo_form(qtbot, view)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text().startswith("Bewaard")

    def reported() -> dt.date | None:
        file = queries.case_file(window.desk, view.case_id)
        deadline = next(d for d in file.deadlines if d.rule_id == signal.rule_id)
        assert _duo_signal(file).reported_on == deadline.done_on  # one source of truth
        return deadline.done_on

    assert reported() == window.desk.today
    view.undo_stack.undo()
    assert reported() is None
    view.undo_stack.redo()
    assert reported() == window.desk.today


def test_gemeld_follows_the_deadline(qtbot: Any, region_window: Any) -> None:
    """A signal stored as reported while its deadline is open is not *gemeld*."""
    from sqlalchemy import update

    from verzuimdesk.core.models import StoredSignal

    window = region_window("den_haag")
    desk = window.desk
    case_id = _duo_case(desk)
    with desk.case_base.transaction(desk.user) as session:
        session.execute(update(StoredSignal).values(reported_on=DAYS[-1]))
    file = queries.case_file(desk, case_id)
    signal = _duo_signal(file)
    deadline = next(d for d in file.deadlines if d.rule_id == signal.rule_id)
    assert deadline.done_on is None
    assert signal.reported_on is None


def test_double_click_on_a_signal_opens_its_report(qtbot: Any, region_window: Any) -> None:
    window = region_window("den_haag")
    view = window.open_case(_duo_case(window.desk))
    signal = _duo_signal(view.file)
    row = view.signals_model.rows.index(signal)
    view.report_signal(row)
    dialog = view._form_dialog
    qtbot.waitExposed(dialog)
    assert dialog.signal == signal
    assert dialog.values()["startdatum"] == signal.start
    dialog.discard()
