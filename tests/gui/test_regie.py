"""*Regie wijzigen…* on the ladder's current-step card, driven through the real widgets.

Amsterdam's doorstroomoverleg: the leerplichtambtenaar or the gezinsmanager is in regie.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.support.gui import TODAY, modal, shown_window
from verzuimdesk.core.db import create_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.models import Person
from verzuimdesk.core.services import cases, pupils, queries
from verzuimdesk.gui.dialogs import RegieDialog
from verzuimdesk.plugins.manager import create_plugin_manager

DOORSTROOM = "ams-doorstroomoverleg"


@pytest.fixture
def ams_window(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    """The main window on a fresh case base of the real (installed) Amsterdam plugin."""

    case_base = create_case_base(sqlite_url(tmp_path / "ams.sqlite"), "amsterdam", today=TODAY)
    desk = Desk(case_base, create_plugin_manager(), user="tester", today=TODAY)
    yield from shown_window(qtbot, desk)
    case_base.close()


def _case(desk: Any, stage: str | None = DOORSTROOM) -> int:
    school = pupils.create_school(desk, pupils.SchoolData("Het Amstelcollege", "VO", "noord"))
    pupil = pupils.create_pupil(
        desk, pupils.PupilData("Noor", "Bakker", dt.date(2010, 3, 14), school_id=school)
    )
    case_id = cases.open_case(desk, pupil, opened_on=dt.date(2024, 11, 4))
    if stage:
        cases.move_case(desk, case_id, stage, reason="Criterium B", on=dt.date(2024, 11, 11))
    with desk.case_base.transaction(desk.user) as session:
        session.add(Person(name="Anna de Wit", organisation="Samen DOEN"))
    return case_id


def test_regie_wijzigen_hands_regie_to_the_gezinsmanager_and_undo_gives_it_back(
    qtbot: Any, ams_window: Any
) -> None:
    window, desk = ams_window, ams_window.desk
    case_id = _case(desk)
    view = window.open_case(case_id)
    assert view.fact_labels["regie"].text() == "Leerplichtambtenaar"
    button = view.ladder.regie_button
    assert button is not None and button.isVisible() and button.text() == "Regie &wijzigen…"

    def refuse_then_fill(dialog: Any) -> None:
        assert isinstance(dialog, RegieDialog)
        roles = [dialog.role.itemText(i) for i in range(dialog.role.count())]
        assert roles == ["Leerplichtambtenaar", "Gezinsmanager"]
        assert dialog.role.currentText() == "Gezinsmanager"  # the other role, pre-chosen
        assert dialog.person.itemText(0) == RegieDialog.NOBODY
        # A person that vanished meanwhile: the message shows next to the person field.
        dialog.person.addItem("Weg", 9999)
        dialog.person.setCurrentIndex(dialog.person.count() - 1)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        assert dialog.errors["person"].text() == "Deze persoon bestaat niet (meer)."
        assert not dialog.errors["person"].isHidden()
        dialog.person.setCurrentIndex(dialog.person.findText("Anna de Wit (Samen DOEN)"))
        qtbot.keyClicks(dialog.reason, "Gezin heeft al een gezinsmanager")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()

    assert modal(qtbot, button.click, refuse_then_fill) is None
    qtbot.waitUntil(lambda: view.fact_labels["regie"].text() == "Gezinsmanager (Anna de Wit)")
    assert view.ladder.regie_text == "In regie: Gezinsmanager (Anna de Wit)"
    assert view.events_model.rows[0].text == (
        "Regie naar Gezinsmanager (Anna de Wit): Gezin heeft al een gezinsmanager"
    )
    row = next(r for r in queries.case_list(desk) if r.case_id == case_id)
    assert row.regie == "Anna de Wit (GM)"

    window.undo_stack.undo()
    qtbot.waitUntil(lambda: view.fact_labels["regie"].text() == "Leerplichtambtenaar")
    assert queries.case_file(desk, case_id).regie_person_id is None
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: view.fact_labels["regie"].text() == "Gezinsmanager (Anna de Wit)")


def test_no_regie_button_where_the_step_has_no_options(qtbot: Any, ams_window: Any) -> None:
    view = ams_window.open_case(_case(ams_window.desk, stage=None))
    assert view.ladder.regie_button is None
    assert view.file is not None and not view.file.regie_changeable
