"""Finding people in the case list as a new user types them (issue 14)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from verzuimdesk.core.services import cases, pupils


def _cases(desk) -> None:  # type: ignore[no-untyped-def]
    school = pupils.create_school(
        desk, pupils.SchoolData("Het Testcollege", "VO", "midden", municipality="Teststad")
    )
    for first, last in (("Marit", "Bökenkamp"), ("Siem", "van der Sande"), ("Noa", "Bakker")):
        pid = pupils.create_pupil(
            desk, pupils.PupilData(first, last, dt.date(2010, 1, 1), school_id=school)
        )
        cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))


def test_typed_names_find_the_pupil(qtbot, window, desk) -> None:  # type: ignore[no-untyped-def]
    """ "bokenkamp" and "Sande, Siem" typed in the search field each find their pupil."""
    _cases(desk)
    listing = window.case_list
    qtbot.waitUntil(lambda: listing.model.rowCount() == 3)
    qtbot.keyClicks(listing.search, "bokenkamp")
    qtbot.waitUntil(lambda: [r.pupil_name for r in listing.model.rows] == ["Marit Bökenkamp"])
    listing.search.clear()
    qtbot.keyClicks(listing.search, "Sande, Siem")
    qtbot.waitUntil(lambda: [r.pupil_name for r in listing.model.rows] == ["Siem van der Sande"])
    assert listing.table.isVisible()


def test_an_empty_result_says_so_and_offers_to_clear_the_filters(qtbot, window, desk) -> None:  # type: ignore[no-untyped-def]
    """No match: a Dutch sentence naming the search and filters, and "Filters wissen"."""
    _cases(desk)
    listing = window.case_list
    qtbot.waitUntil(lambda: listing.model.rowCount() == 3)
    listing.overdue.setChecked(True)  # no case is overdue: already nothing to show
    qtbot.waitUntil(lambda: listing.empty.isVisible())
    assert listing.empty_message.text() == "Geen casussen gevonden met alleen verlopen."
    qtbot.keyClicks(listing.search, "pietersen")
    qtbot.waitUntil(lambda: "pietersen" in listing.empty_message.text())
    assert not listing.table.isVisible()
    message = listing.empty_message.text()
    assert message.startswith("Geen casussen gevonden voor ‘pietersen’")
    assert "alleen verlopen" in message
    assert listing.clear_filters_button.text() == "Filters wissen"
    qtbot.mouseClick(listing.clear_filters_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: listing.model.rowCount() == 3)
    assert listing.search.text() == ""
    assert not listing.overdue.isChecked()
    assert listing.table.isVisible() and not listing.empty.isVisible()
    assert listing.search.hasFocus()
