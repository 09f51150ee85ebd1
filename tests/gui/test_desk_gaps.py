"""The desk's second round, driven through the real widgets (offscreen).

Region checklists in the case file (Amsterdam criteria suggest the doorstroomoverleg),
editing a pupil, closing and reopening a case, the deadlines view reloading only when
shown, and "Wijzigingen opslaan?" before unsaved input is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QTabBar

from tests.support.gui import TODAY, modal, shown_window
from verzuimdesk.core.db import create_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.services import cases, pupils, queries
from verzuimdesk.gui import errors
from verzuimdesk.gui.ladder_model import StepStatus
from verzuimdesk.plugins.manager import create_plugin_manager

DOORSTROOM = "ams-doorstroomoverleg"


def _pupil(desk: Any, first: str = "Sanne", last: str = "de Vries", **extra: Any) -> int:
    school = pupils.create_school(
        desk, pupils.SchoolData("Het Testcollege", "VO", "midden", municipality="Teststad")
    )
    return pupils.create_pupil(
        desk, pupils.PupilData(first, last, dt.date(2010, 3, 14), school_id=school, **extra)
    )


def answer_save_question(qtbot: Any, button: str, trigger: Callable[[], Any]) -> Any:
    """Run ``trigger``; answer the "Wijzigingen opslaan?" question it raises with ``button``."""
    asked: list[str] = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "saveChangesBox":
            asked.append(box.windowTitle())
            texts = {b.text(): b for b in box.buttons()}
            assert set(texts) == {"Opslaan", "Niet opslaan", "Annuleren"}
            texts[button].click()
            return
        QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    result = trigger()
    assert asked == ["Wijzigingen opslaan?"], "de vraag ‘Wijzigingen opslaan?’ kwam niet"
    return result


def _close_button(window: Any, widget: Any) -> Any:
    """The × of ``widget``'s tab in the main window."""
    index = window.tabs.indexOf(widget)
    return window.tabs.tabBar().tabButton(index, QTabBar.ButtonPosition.RightSide)


# =========================================================================== checklists


@pytest.fixture
def ams_window(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    """The main window on a fresh case base of the real Amsterdam plugin."""
    from verzuimdesk_amsterdam import plugin

    registry = create_plugin_manager(load_entrypoints=False, plugins=[plugin])
    case_base = create_case_base(sqlite_url(tmp_path / "ams.sqlite"), "amsterdam", today=TODAY)
    desk = Desk(case_base, registry, user="tester", today=TODAY)
    yield from shown_window(qtbot, desk)
    case_base.close()


def test_amsterdam_criterion_ticked_in_the_checklists_tab_suggests_doorstroom(
    qtbot: Any, ams_window: Any
) -> None:
    """Tick criterion A: stored, the stepper suggests step D; Ctrl+Z takes it back."""
    window, desk = ams_window, ams_window.desk
    case_id = cases.open_case(desk, _pupil(desk), opened_on=dt.date(2024, 11, 4))
    view = window.open_case(case_id)
    tabs = view.tabs
    index = tabs.indexOf(view.checklists_page)
    assert tabs.isTabVisible(index) and tabs.tabText(index) == "Checklists"
    assert view.ladder.step_status(DOORSTROOM) is StepStatus.NEXT
    qtbot.mouseClick(
        tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(index).center()
    )
    assert tabs.currentWidget() is view.checklists_page
    panel = view.checklists
    assert [card.checklist.id for card in panel.cards.values()] == [
        "ams-doorstroom-criteria",
        "ams-risicofactoren",
        "ams-advies",
    ]
    criteria = panel.cards["ams-doorstroom-criteria"]
    box = panel.checkbox("ams-crit-a")
    qtbot.waitUntil(box.isVisible)  # the cards are built when the tab is first shown
    assert criteria.count_label.text() == "0 van 3"
    assert not criteria.suggestion.isVisible()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.file.checklist_answers == {"ams-crit-a": True})
    assert queries.case_file(desk, case_id).checklist_answers == {"ams-crit-a": True}
    qtbot.waitUntil(lambda: view.ladder.step_status(DOORSTROOM) is StepStatus.SUGGESTED)
    assert "Criteria doorstroomoverleg thuiszitters: A" in view.ladder.step_tag(DOORSTROOM)
    assert criteria.suggestion.isVisible()
    assert "stap D (Doorstroomoverleg thuiszitters)" in criteria.suggestion.text()
    assert criteria.count_label.text() == "1 van 3"
    assert tabs.tabText(index) == "Checklists (1)"
    assert panel.checkbox("ams-crit-a") is box and box.isChecked()  # not rebuilt

    # A click on a risk factor's text ticks it too; it suggests nothing by itself.
    text = panel.cards["ams-risicofactoren"].labels["ams-risico-03"]
    assert text.text() == "Problemen in de thuissituatie."
    qtbot.mouseClick(text, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "ams-risico-03" in view.file.checklist_answers)
    assert tabs.tabText(index) == "Checklists (2)"

    # Ctrl+Z twice: the risk factor and then criterion A are unticked again.
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "ams-risico-03" not in view.file.checklist_answers)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.ladder.step_status(DOORSTROOM) is StepStatus.NEXT)
    assert not panel.checkbox("ams-crit-a").isChecked()
    assert not criteria.suggestion.isVisible()
    assert tabs.tabText(index) == "Checklists"
    assert queries.case_file(desk, case_id).checklist_answers == {}
    # Redo brings criterion A back in every view of the case.
    window.redo_action.trigger()
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: view.ladder.step_status(DOORSTROOM) is StepStatus.SUGGESTED)
    assert panel.checkbox("ams-crit-a").isChecked()
    assert panel.checkbox("ams-risico-03").isChecked()
    assert not errors.shown


def test_a_closed_case_shows_its_checklists_read_only(qtbot: Any, ams_window: Any) -> None:
    window, desk = ams_window, ams_window.desk
    case_id = cases.open_case(desk, _pupil(desk), opened_on=dt.date(2024, 11, 4))
    cases.set_checklist_answer(desk, case_id, "ams-crit-c", True)
    view = window.open_case(case_id)
    view.tabs.setCurrentWidget(view.checklists_page)
    assert view.checklists.checkbox("ams-crit-c").isChecked()
    assert view.checklists.checkbox("ams-crit-c").isEnabled()
    cases.close_case(desk, case_id, "verzuim-gestopt")
    qtbot.waitUntil(lambda: view.closed_banner.isVisible())
    assert not view.checklists.checkbox("ams-crit-c").isEnabled()
    assert view.checklists.checkbox("ams-crit-c").isChecked()


def test_checklists_tab_hidden_when_the_region_has_none(qtbot: Any, window: Any, desk: Any) -> None:
    case_id = cases.open_case(desk, _pupil(desk), opened_on=dt.date(2024, 11, 4))
    view = window.open_case(case_id)
    assert desk.registry.checklists(desk.region_id) == []
    assert not view.tabs.isTabVisible(view.tabs.indexOf(view.checklists_page))


# =========================================================================== edit pupil


def test_edit_pupil_from_the_case_file_updates_every_view(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """Ctrl+Shift+E opens the pupil dialog; Dutch errors by the field; all views follow."""
    pid = _pupil(desk, bsn="111222333", startkwalificatie_on=dt.date(2024, 7, 1))
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    listing = window.case_list
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    view = window.open_case(case_id)
    grid = window.open_absences(pid)
    assert window.tabs.tabText(window.tabs.indexOf(grid)) == "Verzuim · Sanne de Vries"
    window.tabs.setCurrentWidget(view)
    number = view.file.number
    assert window.tabs.tabText(window.tabs.indexOf(view)) == f"Sanne de Vries · {number}"
    # The BSN is masked in the header, in full only in the dialog.
    assert "BSN ••••••333" in view.sub_label.text()
    assert "111222333" not in view.sub_label.text()
    seen: dict[str, Any] = {}

    def edit(dialog: Any) -> None:
        seen["title"] = dialog.windowTitle()
        seen["bsn"] = dialog.bsn.text()
        dialog.first_name.clear()
        dialog.postcode.setText("12345")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        seen["errors"] = {k: v.text() for k, v in dialog.errors.items() if v.isVisible()}
        qtbot.keyClicks(dialog.first_name, "Sanna")
        dialog.last_name.setText("de Wit")
        dialog.postcode.setText("2511ab")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()

    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    modal(qtbot, lambda: qtbot.keyClick(window, Qt.Key.Key_E, ctrl_shift), edit)
    assert seen["title"] == "Leerling bewerken"
    assert seen["bsn"] == "111222333"
    assert seen["errors"] == {
        "first_name": "Vul de voornaam in.",
        "postcode": "Vul een postcode in als 1234 AB.",
    }
    qtbot.waitUntil(lambda: view.name_label.text() == "Sanna de Wit")
    assert window.tabs.tabText(window.tabs.indexOf(view)) == f"Sanna de Wit · {number}"
    qtbot.waitUntil(lambda: listing.model.rows[0].pupil_name == "Sanna de Wit")
    qtbot.waitUntil(
        lambda: window.tabs.tabText(window.tabs.indexOf(grid)) == "Verzuim · Sanna de Wit"
    )
    stored = pupils.pupil_data(desk, pid)
    assert (stored.postcode, stored.bsn) == ("2511 AB", "111222333")
    assert stored.startkwalificatie_on == dt.date(2024, 7, 1)  # not touched, not lost

    # The header button opens the same dialog; Annuleren without changes asks nothing.
    def cancel(dialog: Any) -> None:
        assert dialog.first_name.text() == "Sanna"
        dialog.reject()
        assert not dialog.isVisible()

    modal(
        qtbot, lambda: qtbot.mouseClick(view.edit_pupil_button, Qt.MouseButton.LeftButton), cancel
    )


# =========================================================================== close / reopen


def test_close_case_needs_an_outcome_then_reopen(qtbot: Any, window: Any, desk: Any) -> None:
    pid = _pupil(desk)
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    listing = window.case_list
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    view = window.open_case(case_id)
    seen: dict[str, str] = {}

    def close(dialog: Any) -> None:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        seen["error"] = dialog.errors["outcome"].text()
        dialog.outcome.setCurrentIndex(dialog.outcome.findData("verzuim-gestopt"))
        qtbot.keyClicks(dialog.note, "Gaat weer elke dag naar school")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()

    modal(qtbot, lambda: qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton), close)
    assert seen["error"] == "Kies de uitkomst."
    qtbot.waitUntil(lambda: listing.model.rowCount() == 0)
    qtbot.waitUntil(lambda: view.closed_banner.isVisible())
    banner = view.closed_label.text()
    assert "gesloten op" in banner and "Verzuim gestopt, leerling weer naar school" in banner
    assert "Gaat weer elke dag naar school" in banner
    assert "GESLOTEN 20-11-2024" in view.sub_label.text()
    assert window.tabs.tabText(window.tabs.indexOf(view)).endswith("(gesloten)")
    read_only = [
        view.move_button,
        view.close_button,
        view.done_button,
        view.delete_event_button,
        *view.event_buttons.values(),
    ]
    assert not any(b.isEnabled() for b in read_only)
    assert view.ladder.move_button is None or not view.ladder.move_button.isEnabled()

    qtbot.mouseClick(view.reopen_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.closed_banner.isVisible())
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    assert view.events_model.rows[0].kind_name == "Heropend"
    assert all(b.isEnabled() for b in read_only[1:])
    assert not window.tabs.tabText(window.tabs.indexOf(view)).endswith("(gesloten)")
    assert not errors.shown


# =========================================================================== deadlines


def test_deadlines_view_reloads_only_when_shown(qtbot: Any, window: Any, desk: Any) -> None:
    """A change while the deadlines tab is hidden costs no reload; showing it reloads."""
    deadlines = window.deadlines
    window.tabs.setCurrentIndex(0)
    assert not deadlines.isVisible()
    loads = deadlines.loads
    case_id = cases.open_case(desk, _pupil(desk), opened_on=dt.date(2024, 11, 1))
    cases.move_case(desk, case_id, "t2", reason="r", on=dt.date(2024, 11, 4))  # due 11 Nov
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 1)  # the change went round
    assert deadlines.loads == loads and deadlines.stale
    assert deadlines.model.rowCount() == 0
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is deadlines
    qtbot.waitUntil(lambda: deadlines.model.rowCount() == 1)
    assert deadlines.loads == loads + 1 and not deadlines.stale
    assert "Verlopen  1" in deadlines.buttons["overdue"].text()
    # While shown, a change reloads at once (once per batch of changes).
    cases.set_deadline_done(desk, deadlines.model.rows[0].deadline_id, TODAY)
    qtbot.waitUntil(lambda: deadlines.overview.count("overdue") == 0)
    assert deadlines.loads == loads + 2


# =========================================================================== nothing lost


def test_note_editor_asks_before_typed_text_is_lost(qtbot: Any, window: Any, desk: Any) -> None:
    case_id = cases.open_case(desk, _pupil(desk), opened_on=dt.date(2024, 11, 4))
    view = window.open_case(case_id)
    events = len(view.events_model.rows)

    def write_then_escape(dialog: Any) -> None:
        qtbot.keyClicks(dialog.text, "Moeder gebeld over de ziekmelding")
        # Escape -> question -> Annuleren: the editor stays with the text.
        answer_save_question(qtbot, "Annuleren", lambda: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
        assert dialog.isVisible()
        assert dialog.text.toPlainText() == "Moeder gebeld over de ziekmelding"
        # Annuleren button -> question -> Opslaan: saved and closed.
        cancel = next(b for b in dialog.buttons.buttons() if b.text() == "Annuleren")
        answer_save_question(
            qtbot, "Opslaan", lambda: qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        )
        assert not dialog.isVisible()

    modal(qtbot, view.event_buttons["note"].click, write_then_escape)
    qtbot.waitUntil(lambda: len(view.events_model.rows) == events + 1)
    assert view.events_model.rows[0].text == "Moeder gebeld over de ziekmelding"
    assert window.undo_stack.undoText() == "Notitie toevoegen"

    def discard(dialog: Any) -> None:
        qtbot.keyClicks(dialog.text, "Weggooien")
        answer_save_question(
            qtbot, "Niet opslaan", lambda: qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        )
        assert not dialog.isVisible()

    modal(qtbot, view.event_buttons["note"].click, discard)
    assert len(queries.case_file(desk, case_id).events) == events + 1

    def empty(dialog: Any) -> None:  # nothing typed: closes without a question
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()

    modal(qtbot, view.event_buttons["note"].click, empty)


def test_unsaved_form_asks_on_tab_close_and_window_close(
    qtbot: Any, window: Any, desk: Any
) -> None:
    case_id = cases.open_case(
        desk, _pupil(desk), opened_on=dt.date(2024, 11, 4), first_absence_on=dt.date(2024, 11, 4)
    )
    view = window.open_case(case_id)
    view.open_form("melding-thuiszitter")
    form = view._form_dialog
    qtbot.waitExposed(form)
    assert not form.has_unsaved_input()  # pre-filled only
    qtbot.keyClicks(form.widget.editor("reden"), "Schoolangst")
    assert form.has_unsaved_input()

    # Closing the tab: Annuleren keeps tab and form.
    answer_save_question(qtbot, "Annuleren", _close_button(window, view).click)
    assert case_id in window.case_tabs and form.isVisible()
    # Closing the window: Annuleren keeps it open, on the case tab.
    window.tabs.setCurrentIndex(0)
    answer_save_question(qtbot, "Annuleren", window.close)
    assert window.isVisible() and window.tabs.currentWidget() is view
    # Opslaan while a required field is empty: refused, the form shows why, the tab stays.
    answer_save_question(qtbot, "Opslaan", _close_button(window, view).click)
    assert case_id in window.case_tabs and form.isVisible()
    assert form.message.isVisible()
    assert form.widget.errors().get("soort")
    # Fill it in; Opslaan saves and the tab closes.
    form.widget.set_values({"soort": "B1"}, clear=False)
    answer_save_question(qtbot, "Opslaan", _close_button(window, view).click)
    assert case_id not in window.case_tabs
    [saved] = queries.case_file(desk, case_id).forms
    assert saved.form_id == "melding-thuiszitter"
    assert not errors.shown

    # Niet opslaan on closing the window: the window closes, nothing is saved.
    view = window.open_case(case_id)
    view.open_form("melding-thuiszitter")
    form = view._form_dialog
    qtbot.waitExposed(form)
    qtbot.keyClicks(form.widget.editor("reden"), "Nog een keer")
    answer_save_question(qtbot, "Niet opslaan", window.close)
    assert not window.isVisible()
    assert len(queries.case_file(desk, case_id).forms) == 1

    # The form window's own close asks too.
    window.show()
    view = window.open_case(case_id)
    view.open_submission(0)
    form = view._form_dialog
    qtbot.waitExposed(form)
    assert not form.has_unsaved_input()
    reden = form.widget.editor("reden")
    qtbot.keyClick(reden, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(reden, " (aangevuld)")
    answer_save_question(qtbot, "Opslaan", form.close)
    assert not form.isVisible()
    values = queries.form_values(desk, queries.case_file(desk, case_id).forms[0].id)[2]
    assert values["reden"] == "Schoolangst (aangevuld)"


def test_typed_move_reason_asks_on_tab_close(qtbot: Any, window: Any, desk: Any) -> None:
    """The stepper's move dialog with a typed reason: Opslaan moves the case, then closes."""
    case_id = cases.open_case(desk, _pupil(desk), opened_on=dt.date(2024, 11, 4))
    view = window.open_case(case_id)
    dialog = view.ladder.open_move_dialog()
    qtbot.waitExposed(dialog)
    dialog.set_target("t2")
    qtbot.keyClicks(dialog.reason_edit, "Gesprek nodig")
    answer_save_question(qtbot, "Annuleren", _close_button(window, view).click)
    assert case_id in window.case_tabs and dialog.isVisible()
    answer_save_question(qtbot, "Opslaan", _close_button(window, view).click)
    assert case_id not in window.case_tabs
    assert queries.case_file(desk, case_id).ladder.stage.id == "t2"
