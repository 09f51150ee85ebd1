"""Colleagues' changes appear without F5 (issue 11, finding 4), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from tests.trust.support import colleague, pupil
from verzuimdesk.core.services import cases, changes, pupils


def test_poll_reports_a_colleagues_change_and_not_my_own(desk) -> None:  # type: ignore[no-untyped-def]
    pid = pupil(desk)
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4), stage_id="t2")
    bram = colleague(desk)
    assert changes.poll(desk) is None  # the first look notes where the trail stands
    cases.set_action_done(desk, case_id, "t2-verslag", True)
    assert changes.poll(desk) is None  # my own save was published already
    seen: list[changes.Change] = []
    changes.bus(desk).subscribe(seen.append)
    cases.set_action_done(bram, case_id, "t2-uitnodigen", True)
    change = changes.poll(desk)
    assert change is not None and change.touches_case(case_id)
    assert seen == [change]
    data = pupils.pupil_data(bram, pid)
    data.city = "Teststad"
    pupils.update_pupil(bram, pid, data)
    change = changes.poll(desk)
    assert change is not None and pid in change.pupil_ids and change.touches_case(case_id)
    assert changes.poll(desk) is None
    bram.case_base.close()


def test_the_case_list_shows_a_colleagues_new_case_without_f5(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    desk = window.desk
    bram = colleague(desk)
    window.live_refresh.timer.setInterval(50)
    pid = pupil(bram, "Daan", "Bakker")
    cases.open_case(bram, pid, opened_on=dt.date(2024, 11, 4))
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 1, timeout=5000)
    bram.case_base.close()
