"""A *Besluit* in the case file records a decision, and the ladder suggests where it leads.

Den Haag stap 7 (advies van de Expertisetafel) waits for the JES's decision that it is
unclear which jeugdhulp fits; before the Besluit dialog could record a decision, the
desk never suggested it. Driven through the real dialog on the real Den Haag plugin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.support.gui import TODAY, modal, shown_window
from verzuimdesk.core.db import create_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.services import cases, pupils, queries
from verzuimdesk.core.services.errors import ValidationError
from verzuimdesk.gui import errors
from verzuimdesk.gui.dialogs import EventDialog
from verzuimdesk.gui.ladder_model import StepStatus

JES = "dh-05-jes"
EXPERTISETAFEL = "dh-07-advies-expertisetafel"


@pytest.fixture
def dh_window(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    """The main window on a fresh case base of the installed Den Haag plugin."""
    from verzuimdesk_den_haag import plugin

    from verzuimdesk.plugins.manager import create_plugin_manager

    registry = create_plugin_manager(load_entrypoints=False, plugins=[plugin])
    case_base = create_case_base(sqlite_url(tmp_path / "dh.sqlite"), "den_haag", today=TODAY)
    desk = Desk(case_base, registry, user="tester", today=TODAY)
    yield from shown_window(qtbot, desk)
    case_base.close()


def _case_at_jes(desk: Desk) -> int:
    school = pupils.create_school(
        desk, pupils.SchoolData("Het Haagse Lyceum", "VO", "midden", municipality="Den Haag")
    )
    pupil = pupils.create_pupil(
        desk, pupils.PupilData("Sanne", "de Vries", dt.date(2010, 3, 14), school_id=school)
    )
    case_id = cases.open_case(desk, pupil, opened_on=dt.date(2024, 11, 4))
    on = dt.date(2024, 11, 11)
    for stage, decision in (
        ("dh-02-verzuim", None),
        ("dh-03-gesprek", None),
        (JES, "verzuim-houdt-aan"),
    ):
        cases.move_case(desk, case_id, stage, reason="Volgende stap", decision=decision, on=on)
    return case_id


def test_besluit_records_a_decision_and_the_ladder_suggests_its_step(
    qtbot: Any, dh_window: Any, tmp_path: Path
) -> None:
    window, desk = dh_window, dh_window.desk
    case_id = _case_at_jes(desk)
    view = window.open_case(case_id)
    assert view.ladder.step_status(EXPERTISETAFEL) is StepStatus.NEXT
    seen: dict[str, Any] = {}

    def choose(dialog: QDialog) -> None:
        assert isinstance(dialog, EventDialog)
        assert dialog.windowTitle() == "Besluit toevoegen"
        combo = dialog.decision
        assert combo.isVisibleTo(dialog)
        seen["options"] = [combo.itemText(i) for i in range(combo.count())]
        # A note has no decision to choose.
        dialog.kind.setCurrentIndex(dialog.kind.findData("note"))
        assert not combo.isVisibleTo(dialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData("decision"))
        assert combo.isVisibleTo(dialog) and combo.currentIndex() == 0
        assert not dialog.leads_to.isVisibleTo(dialog)
        dialog.set_decision("jeugdhulp-onduidelijk")
        assert dialog.leads_to.isVisibleTo(dialog)
        assert dialog.leads_to.text() == (
            "Daarna voorgesteld: stap 7 (Advies Expertisetafel Complexe Zorg)."
        )
        qtbot.keyClicks(dialog.text, "JES 18-11: passende jeugdhulp is onduidelijk.")
        dialog.grab().save(str(tmp_path / "besluit_dialog.png"))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    modal(qtbot, lambda: view.event_buttons["decision"].click(), choose)
    assert seen["options"] == [
        "geen (alleen notitie)",
        "Zorgwekkend (ziekte)verzuim: advies van de jeugdarts",
        "Onduidelijk welke jeugdhulp passend is: advies Expertisetafel",
        "Passend aanbod gevonden",
        "Casus loopt vast: opschalen",
    ]
    qtbot.waitUntil(lambda: view.ladder.step_status(EXPERTISETAFEL) is StepStatus.SUGGESTED)
    assert "Het JES weet niet welke jeugdhulp passend is" in view.ladder.step_tag(EXPERTISETAFEL)
    event = queries.case_file(desk, case_id).events[-1]
    assert (event.kind, event.decision) == (
        "decision",
        "Onduidelijk welke jeugdhulp passend is: advies Expertisetafel",
    )
    assert view.events_model.rows[0].text == "JES 18-11: passende jeugdhulp is onduidelijk."

    view.grab().save(str(tmp_path / "besluit_case_file.png"))
    view.ladder._rows[EXPERTISETAFEL].grab().save(str(tmp_path / "besluit_step7.png"))

    # Ctrl+Z takes the Besluit back, and with it the suggestion; redo restores both.
    assert window.undo_stack.undoText() == "Besluit toevoegen"
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: view.ladder.step_status(EXPERTISETAFEL) is StepStatus.NEXT)
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: view.ladder.step_status(EXPERTISETAFEL) is StepStatus.SUGGESTED)
    assert not errors.shown


def test_besluit_without_a_decision_is_a_note_and_a_decision_needs_no_text(
    qtbot: Any, dh_window: Any
) -> None:
    desk = dh_window.desk
    case_id = _case_at_jes(desk)
    dialog = EventDialog(desk, case_id, "decision")
    qtbot.addWidget(dialog)
    assert not dialog.save_changes()  # no decision, no text
    assert dialog.errors["text"].text() == "Vul de tekst in."
    dialog.set_decision("casus-loopt-vast")
    assert dialog.save_changes()
    file = queries.case_file(desk, case_id)
    assert file.events[-1].text == "Casus loopt vast: opschalen"
    assert "dh-09-casus-loopt-vast" in [t.stage_id for t in file.ladder.suggested]


def test_the_service_refuses_a_decision_the_step_does_not_offer(dh_window: Any) -> None:
    desk = dh_window.desk
    case_id = _case_at_jes(desk)
    assert [d.id for d in cases.offered_decisions(desk, case_id)] == [
        "advies-jgz",
        "jeugdhulp-onduidelijk",
        "passend-aanbod",
        "casus-loopt-vast",
    ]
    with pytest.raises(ValidationError) as refused:
        cases.add_event(desk, case_id, "decision", "x", decision="toegekend")
    assert "hoort niet bij de huidige stap" in refused.value.errors["decision"]
    with pytest.raises(ValidationError) as refused:
        cases.add_event(desk, case_id, "note", "x", decision="casus-loopt-vast")
    assert refused.value.errors == {"decision": "Alleen een besluit legt een besluit vast."}
