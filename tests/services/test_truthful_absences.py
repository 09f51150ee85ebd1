"""Issue 9 "What the desk shows is true": absence entry and the case's first absence day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from verzuimdesk.core.models import AbsenceRecord, Case, Pupil
from verzuimdesk.core.services import absences, cases, pupils, queries
from verzuimdesk.core.services.errors import ValidationError


def _pupil(desk: Any, sector: str = "VO") -> int:
    school = pupils.create_school(
        desk, pupils.SchoolData("Het Testcollege", sector, "midden", municipality="Teststad")
    )
    return pupils.create_pupil(
        desk, pupils.PupilData("Sanne", "de Vries", dt.date(2010, 3, 14), school_id=school)
    )


def _records(desk: Any, pid: int) -> list[tuple[dt.date, str, float]]:
    with desk.case_base.sessions() as session:
        rows = session.execute(
            select(AbsenceRecord.date, AbsenceRecord.kind, AbsenceRecord.hours)
            .where(AbsenceRecord.pupil_id == pid)
            .order_by(AbsenceRecord.date, AbsenceRecord.kind)
        ).all()
    return [(d, k, float(h)) for d, k, h in rows]


MONDAY = dt.date(2024, 11, 18)


def test_an_amount_that_would_be_stored_as_zero_hours_is_refused(desk: Any) -> None:
    """rules.md §2: a 0-hour record counts for nothing; 0,00001 h would be stored as one."""
    pid = _pupil(desk)
    for kind in ("ongeoorloofd", "ziek", "luxe", "te_laat"):
        with pytest.raises(ValidationError) as caught:
            absences.record_absence(desk, pid, MONDAY, kind, 0.00001)
        assert "seconde" in caught.value.message
    assert _records(desk, pid) == []


def test_zero_or_nothing_still_removes_a_record(desk: Any) -> None:
    """Typing 0 (or clearing the cell) over hours deletes the record; no 0-hour record stays."""
    pid = _pupil(desk)
    absences.record_absence(desk, pid, MONDAY, "ongeoorloofd", 2)
    absences.record_absence(desk, pid, MONDAY, "te_laat", 0.25)
    absences.record_absence(desk, pid, MONDAY, "ongeoorloofd", 0)
    absences.set_absences(desk, pid, [absences.AbsenceEntry(MONDAY, "te_laat", None)])
    assert _records(desk, pid) == []


def test_a_day_holds_at_most_the_school_day_of_hours(desk: Any) -> None:
    """8 h ongeoorloofd on a 6-hour VO day, or 6 h ongeoorloofd + 6 h ziek, is refused."""
    pid = _pupil(desk)
    with pytest.raises(ValidationError) as caught:
        absences.record_absence(desk, pid, MONDAY, "ongeoorloofd", 8)
    assert "6 uur" in caught.value.message and "18-11-2024" in caught.value.message
    absences.record_absence(desk, pid, MONDAY, "ongeoorloofd", 4)
    with pytest.raises(ValidationError) as caught:
        absences.record_absence(desk, pid, MONDAY, "ziek", 6)
    assert caught.value.errors == {
        "2024-11-18/ziek": "Op 18-11-2024 kan niet meer dan 6 uur verzuim staan: zoveel "
        "lesuren heeft een schooldag van deze school. Er staat al 4 uur bij een andere "
        "soort; er is nog ruimte voor 2 uur."
    }
    absences.record_absence(desk, pid, MONDAY, "ziek", 2)  # exactly the day: fine
    # Moving hours from one kind to another in one change is fine too.
    absences.set_absences(
        desk,
        pid,
        [
            absences.AbsenceEntry(MONDAY, "ongeoorloofd", None),
            absences.AbsenceEntry(MONDAY, "ziek", 6),
        ],
    )
    assert _records(desk, pid) == [(MONDAY, "ziek", 6.0)]


def test_a_primary_school_day_is_shorter(desk: Any) -> None:
    """PO: 5,5 lesuren by default (rules.md §1)."""
    pid = _pupil(desk, "PO")
    with pytest.raises(ValidationError) as caught:
        absences.record_absence(desk, pid, MONDAY, "ongeoorloofd", 6)
    assert "5,5 uur" in caught.value.message


def test_a_removed_absence_no_longer_drives_the_case(desk: Any) -> None:
    """Defect 2: 6 h typed on 4-11 and then 0, then 4 h on 18–20 Nov: lesweek 1, from 18 Nov."""
    pid = _pupil(desk)
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 1))
    absences.record_absence(desk, pid, dt.date(2024, 11, 4), "ongeoorloofd", 6)
    assert queries.case_file(desk, case_id).first_absence_on == dt.date(2024, 11, 4)
    absences.record_absence(desk, pid, dt.date(2024, 11, 4), "ongeoorloofd", 0)
    assert queries.case_file(desk, case_id).first_absence_on is None
    for day in (18, 19, 20):
        absences.record_absence(desk, pid, dt.date(2024, 11, day), "ongeoorloofd", 4)
    file = queries.case_file(desk, case_id)
    assert file.first_absence_on == dt.date(2024, 11, 18)
    assert file.week == 1
    # Removing the first day moves the first absence day on to the next record.
    absences.record_absence(desk, pid, dt.date(2024, 11, 18), "ongeoorloofd", 0)
    assert queries.case_file(desk, case_id).first_absence_on == dt.date(2024, 11, 19)


def test_a_first_absence_day_given_at_opening_is_kept(desk: Any) -> None:
    """A date the user gave (absence known from before the desk) survives unrelated edits."""
    pid = _pupil(desk)
    given = dt.date(2024, 11, 4)
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 11), first_absence_on=given)
    absences.record_absence(desk, pid, dt.date(2024, 11, 18), "ongeoorloofd", 2)
    absences.record_absence(desk, pid, dt.date(2024, 11, 18), "ongeoorloofd", 0)
    with desk.case_base.sessions() as session:
        assert session.get(Case, case_id).first_absence_on == given  # type: ignore[union-attr]


def test_hours_keep_their_whole_seconds(desk: Any) -> None:
    """rules.md §2: three records of 5 h 20 min make 16 hours, so the DUO report is due.

    With hours stored to two decimals they were 5,33 h (5:19:48) and no report came.
    """
    pid = _pupil(desk)
    for offset in range(3):
        absences.record_absence(
            desk, pid, MONDAY + dt.timedelta(days=offset), "ongeoorloofd", 5 + 20 / 60
        )
    assert [round(h * 3600) for _d, _k, h in _records(desk, pid)] == [19200, 19200, 19200]
    with desk.case_base.sessions() as session:
        pupil = session.get(Pupil, pid)
        signals = absences.compute_for_pupil(desk, session, pupil)
    assert [(s.code, s.datum, s.uren) for s in signals if s.code == "duo-16h"] == [
        ("duo-16h", MONDAY + dt.timedelta(days=2), 16.0)
    ]
