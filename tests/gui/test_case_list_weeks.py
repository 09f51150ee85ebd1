"""The case list paints first and fills its lesweek column in the background."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.support.gui import shown_window
from verzuimdesk.core.services import absences, cases, pupils

D = dt.date


@pytest.fixture
def window(qtbot: Any, desk: Any) -> Any:
    school = pupils.create_school(
        desk, pupils.SchoolData("Het Testcollege", "VO", "midden", municipality="Teststad")
    )
    pid = pupils.create_pupil(
        desk, pupils.PupilData("Sanne", "de Vries", D(2010, 3, 14), school_id=school)
    )
    cases.open_case(desk, pid, opened_on=D(2024, 9, 2), stage_id="t2")
    mondays = [D(2024, 10, 7) + dt.timedelta(weeks=k) for k in range(6)]
    absences.set_absences(
        desk,
        pid,
        [
            absences.AbsenceEntry(day, "ongeoorloofd", 2)
            for day in absences.school_days(desk, pid, mondays)  # not in the herfstvakantie
        ],
    )
    yield from shown_window(qtbot, desk)


def _week_cell(win: Any) -> str:
    listing = win.case_list
    column = next(i for i, c in enumerate(listing.model.columns) if c.key == "week")
    return str(listing.model.index(0, column).data())


def test_the_week_column_fills_in_after_the_first_paint(qtbot: Any, window: Any) -> None:
    """Six lesweken of truancy up to today: the list shows week 6 once the background
    computation is in, without the user doing anything."""
    qtbot.waitUntil(lambda: _week_cell(window) == "6", timeout=5000)
    assert window.case_list.weeks_thread is not None
    window.case_list.weeks_thread.join(timeout=5)
    assert not window.case_list.weeks_thread.is_alive()


def test_a_large_case_base_paints_the_window_before_the_list(
    qtbot: Any, desk: Any, monkeypatch: Any
) -> None:
    """Above the threshold the list says it is loading, then fills without a keystroke."""
    from verzuimdesk.gui import case_list

    monkeypatch.setattr(case_list, "FILL_AFTER_PAINT_ABOVE", 0)
    school = pupils.create_school(
        desk, pupils.SchoolData("Het Testcollege", "VO", "midden", municipality="Teststad")
    )
    pid = pupils.create_pupil(
        desk, pupils.PupilData("Sanne", "de Vries", D(2010, 3, 14), school_id=school)
    )
    cases.open_case(desk, pid, opened_on=D(2024, 9, 2))
    listing = case_list.CaseListView(desk)
    qtbot.addWidget(listing)
    assert listing.fill_pending
    assert listing.empty_message.text() == "Casussen laden…"
    assert listing.model.rowCount() == 0
    listing.show()
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1, timeout=5000)
    assert listing.count.text() == "1 open casussen"
    assert listing._body.currentWidget() is listing.table
    listing.stop_background_work()


def test_no_garbage_is_collected_on_a_worker_thread(qtbot: Any) -> None:
    """While a background job runs, the cyclic collector is off (it could free widgets on
    the worker thread, which crashes Qt); once the result is in, it is on again."""
    import gc
    import threading

    from PySide6.QtWidgets import QWidget

    from verzuimdesk.gui.background import run_in_background

    owner = QWidget()
    qtbot.addWidget(owner)
    seen: list[bool] = []
    release = threading.Event()

    def job() -> str:
        release.wait(5)
        seen.append(gc.isenabled())
        return "klaar"

    results: list[str] = []
    assert gc.isenabled()
    run_in_background(owner, job, results.append)
    assert not gc.isenabled()
    release.set()
    qtbot.waitUntil(lambda: results == ["klaar"], timeout=5000)
    assert seen == [False]
    assert gc.isenabled()
