"""Issue 9, defect 7: weeks of continued absence, not weeks since the first absence day.

Test calendar: vacation region midden, Herfstvakantie 28 Oct – 1 Nov 2024; today Wed 20 Nov.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from verzuimdesk.core.ladder import continued_absence_week
from verzuimdesk.core.services import absences, cases, pupils, queries
from verzuimdesk.gui.case_file_data import timeline_data

D = dt.date


@pytest.mark.parametrize(
    ("absent", "week", "current", "expected"),
    [
        ({1, 2, 3}, 3, 3, 3),  # absent three lesweken running: week 3
        ({1, 2}, 3, 3, 2 + 1),  # this week not (yet) absent: the run goes on while it lasts
        ({1, 2}, 4, 4, 0),  # a whole lesweek at school ended the run
        ({1, 2, 5, 6}, 6, 6, 2),  # a new run counts from its own first week
        ({1, 2, 5, 6}, 2, 6, 2),  # past weeks keep their place in their own run
        ({1, 2, 5, 6}, 4, 6, 0),  # ... and a week at school is 0
        ({1, 2, 3}, 5, 3, 5),  # later weeks are projected from today's run
        ({1}, 5, 3, 0),  # ... or stay 0 while the pupil is at school
        (set(), 1, 1, 0),
    ],
)
def test_continued_absence_week(absent: set[int], week: int, current: int, expected: int) -> None:
    assert continued_absence_week(absent, week, current) == expected


def _case(desk: Any) -> tuple[int, int]:
    school = pupils.create_school(
        desk, pupils.SchoolData("Het Testcollege", "VO", "midden", municipality="Teststad")
    )
    pid = pupils.create_pupil(
        desk, pupils.PupilData("Sanne", "de Vries", D(2010, 3, 14), school_id=school)
    )
    return pid, cases.open_case(desk, pid, opened_on=D(2024, 9, 2), stage_id="t2")


def _absent_mondays(desk: Any, pid: int, *mondays: dt.date) -> None:
    """2 h on each Monday that is a schooldag (one in the herfstvakantie is refused)."""
    days = absences.school_days(desk, pid, mondays)
    absences.set_absences(
        desk, pid, [absences.AbsenceEntry(day, "ongeoorloofd", 2) for day in days]
    )


def test_a_pupil_back_at_school_does_not_reach_week_5(desk: Any) -> None:
    """Two weeks of truancy in September, then at school: not week 12 of the case, week 0."""
    pid, case_id = _case(desk)
    _absent_mondays(desk, pid, D(2024, 9, 2), D(2024, 9, 9))
    file = queries.case_file(desk, case_id)
    assert file.first_absence_on == D(2024, 9, 2)
    assert file.week == 0
    assert "t4" not in {t.stage_id for t in file.ladder.suggested}
    # The timeline tells the same story: weeks 1–2 in September, at school since.
    weeks = {w.monday: w.index for w in timeline_data(file).weeks}
    assert weeks[D(2024, 9, 2)] == 1 and weeks[D(2024, 9, 9)] == 2
    assert weeks[D(2024, 9, 16)] == 0 and weeks[D(2024, 11, 18)] == 0
    [row] = [r for r in queries.case_list(desk) if r.case_id == case_id]
    assert row.week == 0


def test_week_5_of_continued_absence_across_a_vacation(desk: Any) -> None:
    """Absent some hours in each lesweek since 7 Oct: the vacation neither counts nor breaks."""
    pid, case_id = _case(desk)
    _absent_mondays(desk, pid, D(2024, 9, 2))  # an early, short spell
    _absent_mondays(desk, pid, D(2024, 10, 7), D(2024, 10, 14), D(2024, 10, 21), D(2024, 11, 4))
    file = queries.case_file(desk, case_id)
    # 7, 14, 21 Oct, (vacation), 4 Nov, 11 Nov (not absent: the run ended), 18 Nov ...
    assert file.week == 0
    _absent_mondays(desk, pid, D(2024, 11, 11))
    file = queries.case_file(desk, case_id)
    # ... now 7 Oct – 11 Nov are five lesweken running and this week continues the run.
    assert file.week == 6
    assert "t4" in {t.stage_id for t in file.ladder.suggested}
    weeks = timeline_data(file).weeks
    today = next(w for w in weeks if w.monday == D(2024, 11, 18))
    assert today.index == file.week
    vacation = next(w for w in weeks if w.monday == D(2024, 10, 28))
    assert vacation.is_vacation
    assert next(w for w in weeks if w.monday == D(2024, 11, 4)).index == 4
    [row] = [r for r in queries.case_list(desk) if r.case_id == case_id]
    assert row.week == 6


def test_sickness_and_lateness_are_no_continued_absence(desk: Any) -> None:
    """A sick pupil is no thuiszitter (rules.md §4, §6): no week count, no week trigger."""
    pid, case_id = _case(desk)
    absences.set_absences(
        desk,
        pid,
        [absences.AbsenceEntry(D(2024, 11, d), "ziek", 6) for d in (11, 12, 13, 14, 15, 18)]
        + [absences.AbsenceEntry(D(2024, 11, 19), "te_laat", 0.5)],
    )
    assert queries.case_file(desk, case_id).week is None


def test_weeks_computed_apart_from_the_list_reach_only_unchanged_rows(desk: Any) -> None:
    """A quick start leaves the weeks out; the background job fills them in, except for a
    case changed while it ran (that row already has its own, newer week)."""
    pid, case_id = _case(desk)
    other_pid, other_case = _case(desk)
    for who in (pid, other_pid):
        _absent_mondays(desk, who, *(D(2024, 10, 7) + dt.timedelta(weeks=k) for k in range(6)))
    index = queries.case_index(desk)
    index.today = None  # a fresh start
    queries.case_list(desk, quick=True)
    assert index.weeks_pending
    assert {r.week for r in index.rows.values()} == {None}
    job = index.weeks_job()
    assert job is not None
    result = job()
    # Meanwhile the user enters an earlier week of absence for the second pupil: its run
    # grows to seven lesweken (a newer row than the one the job saw).
    _absent_mondays(desk, other_pid, D(2024, 9, 30))
    queries.case_list(desk, quick=True)
    index.apply_weeks(result)
    assert not index.weeks_pending
    weeks = {r.case_id: r.week for r in queries.case_list(desk)}
    assert weeks[case_id] == 6
    assert weeks[other_case] == queries.case_file(desk, other_case).week == 7


def test_a_weeks_result_from_before_a_new_day_is_dropped(desk: Any) -> None:
    """The list was rebuilt (a new day) while the job ran: its weeks no longer hold."""
    _pid, _case_id = _case(desk)
    index = queries.case_index(desk)
    index.today = None
    queries.case_list(desk, quick=True)
    job = index.weeks_job()
    assert job is not None
    result = job()
    index.today = None  # the next day: a full quick build again
    queries.case_list(desk, quick=True)
    index.apply_weeks(result)
    assert index.weeks_pending
