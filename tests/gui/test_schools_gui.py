"""The Scholen tab and a school's page through the real widgets; region deadlines in
Termijnen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.support.gui import modal, shown_window
from tests.support.round_base import RoundBase, build_round_base
from verzuimdesk.core.services import region_deadlines
from verzuimdesk.gui.contact_dialog import ContactDialog
from verzuimdesk.gui.school_page import SchoolPage


@pytest.fixture
def schools_window(qtbot: Any, desk: Any) -> Iterator[tuple[Any, RoundBase]]:
    """The main window on the hand-built case base."""
    base = build_round_base(desk)
    for window in shown_window(qtbot, desk):
        yield window, base


def test_a_contact_person_added_after_a_dutch_message_and_removed_with_undo(
    qtbot: Any, schools_window: tuple[Any, RoundBase]
) -> None:
    window, base = schools_window
    features = window.round_features
    tab = features.show_schools()
    tab.search.setText("linde")
    assert [r.name for r in tab.model.rows] == ["De Linde"]
    tab.search.setFocus()
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    page = window.tabs.currentWidget()
    assert isinstance(page, SchoolPage) and page.title.text() == "De Linde"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "School · De Linde"
    assert [p.name for p in page.pupils.rows] == ["Lotte Smit"]

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, ContactDialog)
        qtbot.keyClicks(dialog.name, "Mirjam Haas")
        dialog.role.setCurrentText("Directeur")
        qtbot.keyClicks(dialog.phone, "06-123")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        assert dialog.errors["phone"].text().startswith("Vul een geldig telefoonnummer in")
        dialog.phone.setText("06 1234 5678")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()

    modal(qtbot, lambda: qtbot.mouseClick(page.add_contact_button, Qt.MouseButton.LeftButton),
          fill)  # fmt: skip
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: len(page.contacts.rows) == 2)
    assert [(c.name, c.role) for c in page.contacts.rows] == [
        ("Joost Vos", "Intern begeleider"),
        ("Mirjam Haas", "Directeur"),
    ]
    page.contact_table.selectRow(0)
    page.contact_table.setFocus()
    qtbot.keyClick(page.contact_table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: [c.name for c in page.contacts.rows] == ["Mirjam Haas"])
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: [c.name for c in page.contacts.rows] == ["Joost Vos", "Mirjam Haas"])
    # The Scholen tab shows both (it reloads when shown again).
    window.tabs.setCurrentWidget(tab)
    tab.search.clear()
    qtbot.waitUntil(lambda: len(tab.model.rows) == 3)
    linde = next(r for r in tab.model.rows if r.id == base.linde)
    assert linde.contacts_text == "Joost Vos (Intern begeleider), Mirjam Haas (Directeur)"


def test_region_deadlines_show_in_termijnen_and_can_be_marked_done(
    qtbot: Any, schools_window: tuple[Any, RoundBase]
) -> None:
    window, _base = schools_window
    window.deadlines_action.trigger()
    view = window.deadlines
    view.show_group("later")
    rows = [(r.case_number, r.due_on, r.role) for r in view.model.rows]
    assert ("Belronde", dt.date(2024, 11, 30), "SWV") in rows
    assert ("Inspectielijst", dt.date(2024, 12, 15), "SWV") in rows
    view.table.selectRow(next(i for i, r in enumerate(view.model.rows)
                              if r.case_number == "Inspectielijst"))  # fmt: skip

    def done_today(dialog: Any) -> None:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    modal(qtbot, view.mark_selected_done, done_today)
    assert [r.kind for r in region_deadlines.region_deadlines(window.desk)] == ["belronde"]
    qtbot.waitUntil(
        lambda: "Inspectielijst" not in [r.case_number for r in view.model.rows]
    )
