"""The quarterly phone round worked end to end through the real widgets (pytest-qt).

On the hand-built case base of ``tests/support/round_base.py``, on SQLite and PostgreSQL:
statuses and notes from the keyboard, a pupil back at school whose case moves to the return
step, a new thuiszitter opening a case, a call not answered, a call-back that becomes a
region deadline, leaving and resuming the round, and the *Belronde* events written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from tests.support.gui import modal, shown_window
from tests.support.round_base import RoundBase, build_round_base
from verzuimdesk.core.models import Case, CaseEvent
from verzuimdesk.core.services import cases, queries, region_deadlines
from verzuimdesk.gui.dialogs import NewCaseDialog
from verzuimdesk.gui.persons_view import LinkPersonDialog
from verzuimdesk.gui.round_dialogs import NewRoundDialog, ReturnDialog


@pytest.fixture
def round_window(qtbot: Any, desk: Any) -> Iterator[tuple[Any, RoundBase]]:
    """The main window on the hand-built case base (built before the window opens)."""
    base = build_round_base(desk)
    for window in shown_window(qtbot, desk):
        yield window, base


def _events(desk: Any) -> dict[int, list[str]]:
    with desk.case_base.sessions() as session:
        rows = session.execute(
            select(CaseEvent.case_id, CaseEvent.text)
            .where(CaseEvent.kind == "belronde")
            .order_by(CaseEvent.id)
        ).all()
    out: dict[int, list[str]] = {}
    for case_id, text in rows:
        out.setdefault(case_id, []).append(text)
    return out


def _activate(qtbot: Any, window: Any) -> None:
    """Back in the main window after a modal dialog (keyboard focus works again)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _select(panel: Any, name: str) -> None:
    row = next(i for i, p in enumerate(panel.model.rows) if p.name == name)
    panel.table.selectRow(row)
    panel.table.setFocus()


def test_a_round_worked_from_the_scholen_tab_to_resuming(
    qtbot: Any, round_window: tuple[Any, RoundBase]
) -> None:
    window, base = round_window
    desk = window.desk
    features = window.round_features
    features.schools_action.trigger()
    tab = features.schools_tab
    assert window.tabs.currentWidget() is tab
    rows = {r.name: r for r in tab.model.rows}
    assert rows["Het Baken"].categories_text == "B2a 1"
    assert rows["Het Baken"].contacts_text == "Karin Smit (Zorgcoördinator)"
    tab.select_school(base.baken)
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)

    def make_round(dialog: Any) -> None:
        assert isinstance(dialog, NewRoundDialog)
        assert dialog.quarter.text() == "2024Q4"
        ticked = {
            dialog.schools.item(i).text().split(" — ")[0]: dialog.schools.item(i).checkState()
            for i in range(dialog.schools.count())
        }
        assert ticked["Het Baken"] == Qt.CheckState.Checked
        assert ticked["De Stille School"] == Qt.CheckState.Unchecked
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    ctrl = Qt.KeyboardModifier.ControlModifier
    modal(qtbot, lambda: qtbot.keyClick(tab.table, Qt.Key.Key_B, ctrl), make_round)
    _activate(qtbot, window)
    view = window.tabs.currentWidget()
    assert view.objectName() == "roundView" and view.tab_title == "Belronde 2024Q4"
    panel = view.panel
    assert panel.page.name == "Het Baken"
    assert panel.contact_line.text() == "070 123 4567  ·  k.smit@baken.nl"
    assert {p.name for p in panel.model.rows} == {"Sanne Visser", "Milan de Boer", "Eva Mulder"}

    # Sanne: key 1 "nog thuis", then N and a note, Enter.
    _select(panel, "Sanne Visser")
    qtbot.keyClick(panel.table, "1")
    qtbot.keyClick(panel.table, "n")
    assert panel.note.hasFocus()
    qtbot.keyClicks(panel.note, "Moeder belt maandag")
    qtbot.keyClick(panel.note, Qt.Key.Key_Return)
    sanne = next(p for p in panel.model.rows if p.name == "Sanne Visser")
    assert (sanne.status_label, sanne.note) == ("Nog thuis", "Moeder belt maandag")

    # Milan: key 2 "terug op school per" asks the date; Enter offers the return step.
    _select(panel, "Milan de Boer")
    qtbot.keyClick(panel.table, "2")
    assert panel.back_on.line_edit.hasFocus()
    qtbot.keyClicks(panel.back_on.line_edit, "18-11-2024")

    def to_return_step(dialog: Any) -> None:
        assert isinstance(dialog, ReturnDialog)
        assert next(b.text() for b in dialog.choices.values()) == "Naar stap 3. Verzuim gestopt"
        dialog.choose("t3")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    enter = Qt.Key.Key_Return
    modal(qtbot, lambda: qtbot.keyClick(panel.back_on.line_edit, enter), to_return_step)
    _activate(qtbot, window)
    with desk.case_base.sessions() as session:
        assert session.get(Case, base.milan_case).stage_id == "t3"

    # Eva has no case: key 6 "nieuwe (dreigende) thuiszitter" opens one, pre-filled.
    _select(panel, "Eva Mulder")

    def open_case(dialog: Any) -> None:
        assert isinstance(dialog, NewCaseDialog)
        assert dialog.pupils.currentItem().text().startswith("Eva Mulder")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    modal(qtbot, lambda: qtbot.keyClick(panel.table, "6"), open_case)
    _activate(qtbot, window)
    qtbot.waitUntil(
        lambda: next(p for p in panel.model.rows if p.name == "Eva Mulder").case_id is not None
    )
    eva = next(p for p in panel.model.rows if p.name == "Eva Mulder")
    assert eva.status_label == "Nieuwe (dreigende) thuiszitter" and eva.case_number

    # The school names Noah, who is not on the list: *Nieuwe thuiszitter…* opens his case.
    def open_noah(dialog: Any) -> None:
        assert isinstance(dialog, NewCaseDialog)
        dialog.select_pupil(base.noah)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    modal(qtbot, panel.new_pupil_button.click, open_noah)
    _activate(qtbot, window)
    qtbot.waitUntil(lambda: "Noah Bakker" in [p.name for p in panel.model.rows])
    noah = next(p for p in panel.model.rows if p.name == "Noah Bakker")
    assert (noah.status_label, noah.reason) == (
        "Nieuwe (dreigende) thuiszitter",
        "nieuwe thuiszitter, gemeld tijdens de belronde",
    )

    # The school does not answer: the view moves on to De Linde.
    qtbot.mouseClick(panel.not_reached, Qt.MouseButton.LeftButton)
    assert panel.page.name == "De Linde"
    assert view.progress.text() == "Belronde 2024Q4: 0 klaar · 2 te doen · 0 terugbellen"
    # Back to Het Baken (Alt+PgUp); it asks to be called back on Friday.
    qtbot.keyClick(panel.table, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    assert panel.page.name == "Het Baken"
    qtbot.mouseClick(panel.callback, Qt.MouseButton.LeftButton)
    assert panel.callback_on.line_edit.hasFocus()
    qtbot.keyClicks(panel.callback_on.line_edit, "22-11-2024")
    qtbot.keyClick(panel.callback_on.line_edit, Qt.Key.Key_Return)
    assert view.progress.text() == "Belronde 2024Q4: 0 klaar · 1 te doen · 1 terugbellen"
    overview = queries.deadlines_overview(desk)
    regional = [r for rows in overview.groups.values() for r in rows if r.region_deadline_id]
    assert {(r.case_number, r.due_on) for r in regional} == {
        ("Belronde", dt.date(2024, 11, 30)),
        ("Inspectielijst", dt.date(2024, 12, 15)),
        ("Terugbellen", dt.date(2024, 11, 22)),
    }

    # Leave the round and resume it: the statuses are there, the open school comes first.
    window.close_tab(window.tabs.indexOf(view))
    qtbot.waitUntil(lambda: window.tabs.indexOf(view) < 0)
    features.round_action.trigger()
    resumed = window.tabs.currentWidget()
    assert resumed is not view and resumed.panel.page.name == "Het Baken"
    sanne = next(p for p in resumed.panel.model.rows if p.name == "Sanne Visser")
    assert sanne.note == "Moeder belt maandag"

    events = _events(desk)
    assert events[base.sanne_case] == ["Belronde 2024Q4: Nog thuis. Moeder belt maandag"]
    assert events[base.milan_case] == ["Belronde 2024Q4: Terug op school per 18-11-2024."]
    new_cases = set(events) - {base.sanne_case, base.milan_case}
    assert len(new_cases) == 2  # Eva's and Noah's
    for case_id in new_cases:
        assert events[case_id] == ["Belronde 2024Q4: Nieuwe (dreigende) thuiszitter."]
    assert [r.kind for r in region_deadlines.region_deadlines(desk)].count("terugbellen") == 1


def test_mijn_casussen_after_choosing_who_you_are(
    qtbot: Any, round_window: tuple[Any, RoundBase]
) -> None:
    """Before, "Mijn casussen" compared the login with a person field nothing ever set."""
    window, base = round_window
    bar = window.round_features.user_bar
    assert bar.isVisible()

    def choose_anna(dialog: Any) -> None:
        assert isinstance(dialog, LinkPersonDialog)
        dialog.list.setCurrentRow(
            next(i for i in range(dialog.list.count())
                 if dialog.list.item(i).text() == "Anna de Wit (SWV Midden)")
        )  # fmt: skip
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    modal(qtbot, lambda: qtbot.mouseClick(bar.choose_button, Qt.MouseButton.LeftButton),
          choose_anna)  # fmt: skip
    _activate(qtbot, window)
    assert not bar.isVisible()
    case_list = window.case_list
    case_list.mine.setChecked(True)
    qtbot.waitUntil(lambda: [r.case_id for r in case_list.model.rows] == [base.sanne_case])

    window.round_features.workload_action.trigger()
    workload = window.tabs.currentWidget()
    assert workload.persons.rows[0].person.name == "Anna de Wit"
    case = workload.cases.rows[0]
    # Sanne's case had no event since the regie change of 8 October: stil.
    assert (case.case_id, case.quiet, workload.cases.columns[-1].text(case)) == (
        base.sanne_case,
        True,
        "stil (43 dagen)",
    )
    # A note on the case makes it active again: the open view follows without F5.
    cases.add_event(window.desk, base.sanne_case, "note", "School gebeld")
    qtbot.waitUntil(lambda: not workload.cases.rows[0].quiet)
