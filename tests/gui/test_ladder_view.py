"""The ladder stepper and its move dialog, as a regisseur uses them."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QPoint, Qt

from tests.support.ladder_display import TODAY, den_haag
from verzuimdesk.gui.ladder_model import (
    LadderDisplay,
    LadderOutcome,
    LadderStep,
    StepStatus,
)
from verzuimdesk.gui.ladder_move_dialog import MoveStageDialog
from verzuimdesk.gui.ladder_view import LadderStepper

S = StepStatus


@pytest.fixture
def stepper(qtbot) -> LadderStepper:
    widget = LadderStepper(den_haag())
    qtbot.addWidget(widget)
    widget.resize(520, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _open(qtbot, stepper: LadderStepper) -> MoveStageDialog:
    assert stepper.move_button is not None
    qtbot.mouseClick(stepper.move_button, Qt.MouseButton.LeftButton)
    dialog = stepper._dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=1000)
    return dialog


def test_steps_show_their_status_and_reason(stepper: LadderStepper) -> None:
    assert stepper.step_status("dh-05") is S.DONE
    assert stepper.step_status("dh-09") is S.CURRENT
    assert stepper.step_status("dh-10b") is S.NEXT
    assert stepper.step_tag("dh-10a") == "voorgesteld · signaal duo-lrv"
    assert stepper.step_tag("dh-05") == "afgerond · 03-12-2024"
    assert stepper.step_tag("dh-12") == ""
    assert stepper.regie_text == "In regie: COPA"
    assert "Leerplicht, SMW" in stepper._card.involved_label.text()


def test_ticking_an_action_emits(qtbot, stepper: LadderStepper) -> None:
    box = stepper.action_checkbox("a2")
    assert not box.isChecked()
    with qtbot.waitSignal(stepper.actionToggled, timeout=1000) as blocker:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert blocker.args == ["a2", True]
    assert "2 van 2 gedaan" in stepper._card.progress_label.text()


def test_move_dialog_is_not_modal_and_offers_the_allowed_steps(
    qtbot, stepper: LadderStepper
) -> None:
    dialog = _open(qtbot, stepper)
    assert not dialog.isModal()
    ids = [dialog.target_combo.itemData(i) for i in range(dialog.target_combo.count())]
    assert ids == [None, "dh-10a", "dh-10b"]  # suggested first
    assert dialog.date_edit.date() == QDate(2025, 2, 19)
    assert dialog.decision_combo is None


def test_empty_reason_is_refused_with_a_dutch_message(qtbot, stepper: LadderStepper) -> None:
    dialog = _open(qtbot, stepper)
    dialog.set_target("dh-10b")
    with qtbot.assertNotEmitted(stepper.moveRequested):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.reason_error.isVisible()
    assert dialog.reason_error.text() == "Vul een reden in: waarom gaat de casus naar deze stap?"
    # typing clears the message
    qtbot.keyClicks(dialog.reason_edit, "x")
    assert not dialog.reason_error.isVisible()


def test_no_target_and_future_date_are_refused(qtbot, stepper: LadderStepper) -> None:
    dialog = _open(qtbot, stepper)
    dialog.reason_edit.setPlainText("Jeugdhulp is dominant")
    dialog.date_edit.setDate(QDate(2025, 3, 1))
    with qtbot.assertNotEmitted(stepper.moveRequested):
        assert not dialog.try_accept()
    assert dialog.target_error.text() == "Kies de stap waar de casus naartoe gaat."
    assert dialog.date_error.text() == "De datum mag niet na vandaag liggen."


def test_filled_dialog_emits_move_requested(qtbot, stepper: LadderStepper) -> None:
    dialog = _open(qtbot, stepper)
    dialog.set_target("dh-10a")
    assert dialog.target_hint.text() == "Voorgesteld: signaal duo-lrv"
    qtbot.keyClicks(dialog.reason_edit, "Jeugdhulp stagneert")
    dialog.date_edit.setDate(QDate(2025, 2, 18))
    with qtbot.waitSignal(stepper.moveRequested, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["dh-10a", "Jeugdhulp stagneert", None, dt.date(2025, 2, 18)]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=1000)


def test_decision_is_asked_and_steers_the_targets(qtbot) -> None:
    stepper = LadderStepper(den_haag("dh-12"))
    qtbot.addWidget(stepper)
    stepper.show()
    dialog = _open(qtbot, stepper)
    assert dialog.decision_combo is not None
    dialog.set_target("dh-09")
    dialog.reason_edit.setPlainText("Besproken")
    with qtbot.assertNotEmitted(stepper.moveRequested):
        assert not dialog.try_accept()
    assert dialog.decision_error.text() == "Kies het besluit."
    dialog.set_decision("toegekend")
    ids = [dialog.target_combo.itemData(i) for i in range(dialog.target_combo.count())]
    assert ids == ["dh-08"]
    assert not dialog.try_accept()  # "Besproken" is too short a toelichting
    assert dialog.reason_error.text() == MoveStageDialog.MSG_NOTE
    dialog.reason_edit.setPlainText("Maatwerk in het VSO toegekend door beide directeuren.")
    with qtbot.waitSignal(stepper.moveRequested, timeout=1000) as blocker:
        assert dialog.try_accept()
    assert blocker.args[:3] == [
        "dh-08",
        "Maatwerk in het VSO toegekend door beide directeuren.",
        "toegekend",
    ]


def test_without_next_steps_the_button_is_disabled(qtbot) -> None:
    display = LadderDisplay(
        (
            LadderStep(
                "x",
                "4",
                "Verzuim stopt",
                status=S.CURRENT,
                final=True,
                outcomes=(LadderOutcome("terug", "Terug in de klas"),),
            ),
        ),
        TODAY,
    )
    stepper = LadderStepper(display)
    qtbot.addWidget(stepper)
    assert stepper.move_button is not None
    assert not stepper.move_button.isEnabled()
    assert stepper.open_move_dialog() is None


def test_set_display_replaces_the_steps(qtbot, stepper: LadderStepper) -> None:
    stepper.set_display(den_haag("dh-12"))
    assert stepper.step_status("dh-12") is S.CURRENT
    assert stepper.regie_text == "In regie: Directeur Jeugd"
    stepper.set_display(None)
    assert stepper.move_button is None
    assert not stepper.grab().isNull()


def test_receiver_may_refresh_the_ladder_while_handling_the_move(
    qtbot, stepper: LadderStepper
) -> None:
    moves: list[str] = []

    def handle(target: str, reason: str, decision: object, day: object) -> None:
        moves.append(target)
        stepper.set_display(den_haag("dh-12"))  # the desk refreshes at once

    stepper.moveRequested.connect(handle)
    dialog = _open(qtbot, stepper)
    dialog.set_target("dh-10b")
    dialog.reason_edit.setPlainText("Onderwijsvraag is dominant")
    assert dialog.try_accept()
    assert moves == ["dh-10b"]
    assert not dialog.isVisible()
    assert stepper.step_status("dh-12") is S.CURRENT
    second = stepper.open_move_dialog()  # a fresh dialog for the new step
    assert second is not None and second is not dialog
    assert second.decision_combo is not None
