"""Schools and their school calendars (rules.md §1, §8), one user action at a time.

The test region is *midden*; the desk's today is Wed 20 Nov 2024. Built-in dates used
below (``holidays`` package, region midden, school year 2024-2025): Herfstvakantie
Sat 26 Oct – Sun 3 Nov 2024, Kerstvakantie Sat 21 Dec 2024 – Sun 5 Jan 2025,
Hemelvaartsdag Thu 29 May 2025.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.support.desk import TODAY, school_days_before
from verzuimdesk.core.models import AuditEntry, Deadline, SchoolFreePeriod, StoredSignal
from verzuimdesk.core.services import absences, cases, changes, pupils, schools
from verzuimdesk.core.services.errors import ValidationError

D = dt.date


def _school(desk, name: str = "Het Testcollege") -> int:  # type: ignore[no-untyped-def]
    return schools.create_school(
        desk, schools.SchoolData(name, "VO", "midden", brin="12AB", municipality="Teststad")
    )


def _pupil(desk, school_id: int, first: str = "Sanne") -> int:  # type: ignore[no-untyped-def]
    return pupils.create_pupil(
        desk, pupils.PupilData(first, "de Vries", D(2010, 3, 14), school_id=school_id)
    )


def _duo16h(desk, pupil_id: int) -> list[StoredSignal]:  # type: ignore[no-untyped-def]
    with desk.case_base.sessions() as session:
        return list(
            session.scalars(
                select(StoredSignal).where(
                    StoredSignal.pupil_id == pupil_id, StoredSignal.code == "duo-16h"
                )
            )
        )


def _count(desk, model) -> int:  # type: ignore[no-untyped-def]
    with desk.case_base.sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_school_validation_messages_in_dutch(desk) -> None:  # type: ignore[no-untyped-def]
    """Name, BRIN, sector, region and day length are checked per field, in Dutch."""
    with pytest.raises(ValidationError) as caught:
        schools.create_school(
            desk,
            schools.SchoolData(
                " ", "HBO", "west", brin="1A2B", day_hours=11, contact_email="geen-mail"
            ),
        )
    errors = caught.value.errors
    assert errors["name"] == "Vul de naam van de school in."
    assert errors["brin"].startswith("Een BRIN-nummer bestaat uit 2 cijfers en 2 letters")
    assert errors["sector"] == "Kies de sector: PO, VO of MBO."
    assert errors["vacation_region"] == "Kies de vakantieregio: noord, midden of zuid."
    assert errors["day_hours"] == "Een schooldag duurt tussen 1 en 10 lesuren."
    assert "e-mailadres" in errors["contact_email"]
    for bad in ("12ABC1", "12AB1", "AB12", "123AB"):
        with pytest.raises(ValidationError) as caught:
            schools.validate_school(schools.SchoolData("X", brin=bad))
        assert "brin" in caught.value.errors, bad
    # Good forms: spaces and lower case are tidied.
    assert schools.validate_school(schools.SchoolData("X", brin="12 ab 01"))["brin"] == "12AB01"
    assert schools.validate_school(schools.SchoolData("X", day_hours=1))["day_hours"] == 1
    school_id = _school(desk)
    with pytest.raises(ValidationError) as caught:
        schools.create_school(desk, schools.SchoolData("Ander", brin="12ab"))
    assert caught.value.errors == {"brin": "Er is al een school met dit BRIN-nummer."}
    # Its own BRIN number does not count against the school itself.
    schools.update_school(desk, school_id, schools.SchoolData("Nieuwe naam", brin="12AB"))
    details = schools.school_details(desk, school_id)
    assert details.data.name == "Nieuwe naam" and details.default_day_hours == 6.0
    [row] = schools.list_schools(desk, "nieuwe")
    assert (row.name, row.brin, row.pupils) == ("Nieuwe naam", "12AB", 0)
    assert schools.list_schools(desk, "12ab") == [row]
    assert schools.list_schools(desk, "onbekend") == []


def test_calendar_view_names_builtin_periods_and_counts(desk) -> None:  # type: ignore[no-untyped-def]
    """The built-in calendar: Dutch names, advised-date notes, schooldagen and lesweken."""
    school_id = _school(desk)
    view = schools.school_calendar(desk, school_id, 2024)
    names = {(e.name, e.start, e.end, e.kind) for e in view.entries}
    assert ("Herfstvakantie", D(2024, 10, 26), D(2024, 11, 3), "vakantie") in names
    assert ("Hemelvaartsdag", D(2025, 5, 29), D(2025, 5, 29), "feestdag") in names
    herfst = next(e for e in view.entries if e.name == "Herfstvakantie")
    assert herfst.free_days == 5 and "Adviesdata" in herfst.note and not herfst.editable
    mei = next(e for e in view.entries if e.name == "Meivakantie")
    assert "vaste week" in mei.note
    # The summer vacation is cut at 31 July in the list, but known whole (to override it).
    summer = view.entries[-1]
    assert summer.name == "Zomervakantie" and summer.end == D(2025, 7, 31)
    assert summer.whole[0] == summer.start and summer.whole[1] > D(2025, 8, 1)
    assert view.day_names[D(2024, 10, 28)] == "Herfstvakantie"
    assert view.is_schooldag(D(2024, 11, 20)) and not view.is_schooldag(D(2024, 11, 23))
    # Schooldagen: the 261 weekdays of 1 Aug 2024–31 Jul 2025 less the free weekdays of
    # the entries (17 + 5 + 10 + 5 + 1 + 5 + 1 + 1 + 9 = 54; Goede Vrijdag is not free
    # and Koningsdag 2025 falls on a Saturday) = 207.
    assert sum(e.free_days for e in view.entries) == 54
    assert view.schooldagen == 207
    # Lesweken: 53 calendar weeks touch the year (Mon 29 Jul 2024 … Mon 28 Jul 2025);
    # without schooldagen: 4 summer weeks in Aug 2024, Herfst, 2 Kerst, Voorjaar, Mei and
    # 2 summer weeks in Jul 2025 = 11, so 42 lesweken.
    assert view.lesweken == 42


def test_studiedag_shifts_the_duo16h_deadline_and_recomputes(desk) -> None:  # type: ignore[no-untyped-def]
    """A studiedag on the day after a duo-16h trigger moves its deadline a schooldag on."""
    seen: list[changes.Change] = []
    changes.bus(desk).subscribe(seen.append)
    school_id = _school(desk)
    pid = _pupil(desk, school_id)
    _pupil(desk, school_id, "Kim")
    case_id = cases.open_case(desk, pid)
    for day in school_days_before(TODAY, 3):  # Mon 18, Tue 19, Wed 20 Nov 2024: 6 h each
        absences.record_absence(desk, pid, day, "ongeoorloofd", 6)
    # 18 hours on Wed 20 Nov (>= 16): report due, deadline d + 1 schooldag = Thu 21 Nov.
    [signal] = _duo16h(desk, pid)
    assert (signal.datum, signal.deadline_on) == (D(2024, 11, 20), D(2024, 11, 21))
    before = schools.school_calendar(desk, school_id, 2024)

    # Thu 21 Nov becomes a studiedag: the next schooldag after Wed 20 is Fri 22 Nov.
    result = schools.add_studiedag(desk, school_id, D(2024, 11, 21), name="Studiedag team")
    assert result.recomputed == 2  # both pupils of the school
    [signal] = _duo16h(desk, pid)
    assert (signal.datum, signal.deadline_on) == (D(2024, 11, 20), D(2024, 11, 22))
    with desk.case_base.sessions() as session:
        due = session.scalar(
            select(Deadline.due_on).where(
                Deadline.case_id == case_id, Deadline.rule_id.like("signal:duo-16h%")
            )
        )
    assert due == D(2024, 11, 22)
    assert seen[-1].kind == "school" and case_id in seen[-1].case_ids
    view = schools.school_calendar(desk, school_id, 2024)
    assert view.schooldagen == before.schooldagen - 1
    [entry] = [e for e in view.entries if e.period_id == result.period_id]
    assert (entry.name, entry.kind, entry.free_days) == ("Studiedag team", "studiedag", 1)
    assert view.day_names[D(2024, 11, 21)] == "Studiedag team"

    # A studiedag on Tue 19 Nov takes that day's 6 hours out of the window:
    # Mon 18 + Wed 20 = 12 hours < 16, so no report at all.
    second = schools.add_studiedag(desk, school_id, D(2024, 11, 19))
    assert _duo16h(desk, pid) == []
    # Undo (restore the snapshot before it): the report is back.
    schools.restore_calendar(desk, second.before)
    assert [s.datum for s in _duo16h(desk, pid)] == [D(2024, 11, 20)]
    # Deleting the first studiedag puts the deadline back on Thu 21 Nov.
    schools.delete_free_period(desk, result.period_id)
    assert _duo16h(desk, pid)[0].deadline_on == D(2024, 11, 21)
    assert schools.school_calendar(desk, school_id, 2024).schooldagen == before.schooldagen


def test_period_validation(desk) -> None:  # type: ignore[no-untyped-def]
    """Own free periods are checked: order, weekends only, overlap, vacation names."""
    school_id = _school(desk)
    with pytest.raises(ValidationError) as caught:
        schools.add_studiedag(desk, school_id, D(2024, 11, 22), D(2024, 11, 21))
    assert caught.value.errors["end"] == "De laatste vrije dag ligt vóór de eerste."
    with pytest.raises(ValidationError) as caught:
        schools.add_studiedag(desk, school_id, D(2024, 11, 23), D(2024, 11, 24))
    assert caught.value.errors["start"] == "Deze periode valt helemaal in het weekend."
    schools.add_studiedag(desk, school_id, D(2024, 11, 21))
    with pytest.raises(ValidationError) as caught:
        schools.add_studiedag(desk, school_id, D(2024, 11, 20), D(2024, 11, 22))
    assert caught.value.errors["start"] == "Overlapt met ‘Studiedag’ (21-11-2024)."
    with pytest.raises(ValidationError) as caught:
        schools.add_vacation_override(desk, school_id, "Skivakantie", D(2025, 2, 1), D(2025, 2, 9))
    assert caught.value.errors["name"].startswith("Kies een vakantie: Herfstvakantie")


def test_vacation_override_moves_the_herfstvakantie(desk) -> None:  # type: ignore[no-untyped-def]
    """The school's own Herfstvakantie replaces the advised dates; Goede Vrijdag toggles."""
    school_id = _school(desk)
    before = schools.school_calendar(desk, school_id, 2024)
    # Own dates Sat 19 – Sun 27 Oct 2024: Mon 21–Fri 25 Oct free, 28 Oct–1 Nov schooldagen.
    result = schools.add_vacation_override(
        desk, school_id, "Herfstvakantie", D(2024, 10, 19), D(2024, 10, 27)
    )
    view = schools.school_calendar(desk, school_id, 2024)
    assert not view.is_schooldag(D(2024, 10, 21)) and view.is_schooldag(D(2024, 10, 28))
    [herfst] = [e for e in view.entries if e.name == "Herfstvakantie"]
    assert (herfst.kind, herfst.period_id, herfst.free_days) == (
        "eigen-vakantie",
        result.period_id,
        5,
    )
    assert view.schooldagen == before.schooldagen
    # Changing its dates again replaces the row rather than adding one.
    schools.add_vacation_override(
        desk, school_id, "Herfstvakantie", D(2024, 10, 19), D(2024, 10, 30)
    )
    view = schools.school_calendar(desk, school_id, 2024)
    assert [e.end for e in view.entries if e.name == "Herfstvakantie"] == [D(2024, 10, 30)]
    assert view.schooldagen == before.schooldagen - 3
    # Goede Vrijdag 18 Apr 2025 free: one schooldag less.
    schools.set_holidays_free(desk, school_id, goede_vrijdag=True)
    view2 = schools.school_calendar(desk, school_id, 2024)
    assert view2.day_names[D(2025, 4, 18)] == "Goede Vrijdag"
    assert view2.schooldagen == view.schooldagen - 1


def test_imported_calendar_replaces_builtin_vacations(desk) -> None:  # type: ignore[no-untyped-def]
    """A calendar file replaces vacations and holidays; studiedagen stay; revert undoes it."""
    school_id = _school(desk)
    _pupil(desk, school_id)
    schools.add_studiedag(desk, school_id, D(2025, 3, 14), name="Studiedag maart")
    schools.add_vacation_override(
        desk, school_id, "Herfstvakantie", D(2024, 10, 19), D(2024, 10, 27)
    )
    text = (
        "start,eind,naam\n"
        "2024-12-23,2025-01-03,Kerstvakantie school\n"
        "2025-02-17,2025-02-21,x\n"
        "2025-05-29,2025-05-30,Hemelvaart\n"
    )
    result = schools.import_calendar_csv(desk, school_id, text)
    assert result.recomputed == 1
    view = schools.school_calendar(desk, school_id, 2024)
    assert view.explicit and "kalenderbestand" in view.warning
    assert [(e.name, e.kind) for e in view.entries] == [
        ("Kerstvakantie school", "bestand"),
        ("x", "bestand"),
        ("Studiedag maart", "studiedag"),
        ("Hemelvaart", "bestand"),
    ]
    # The built-in Herfstvakantie, the own one and Tweede Paasdag are schooldagen now.
    for day in (D(2024, 10, 21), D(2024, 10, 28), D(2025, 4, 21)):
        assert view.is_schooldag(day), day
    assert not view.is_schooldag(D(2025, 5, 30))
    # 261 weekdays - (10 + 5 + 1 + 2) = 243 schooldagen.
    assert view.schooldagen == 243
    reverted = schools.revert_to_builtin(desk, school_id)
    view = schools.school_calendar(desk, school_id, 2024)
    assert not view.explicit
    assert [e.name for e in view.entries if e.editable] == ["Studiedag maart"]
    assert view.day_names[D(2024, 10, 28)] == "Herfstvakantie"
    # Undoing the revert brings the file back.
    schools.restore_calendar(desk, reverted.before)
    assert schools.school_calendar(desk, school_id, 2024).explicit


def test_bad_calendar_file_writes_nothing_and_names_the_line(desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A bad row: a Dutch message with its line number, and the case base is untouched."""
    school_id = _school(desk)
    _pupil(desk, school_id)
    audit = _count(desk, AuditEntry)
    text = "start,eind,naam\n2024-12-23,2025-01-03,Kerst\n2025-02-31,2025-03-01,Voorjaar\n"
    with pytest.raises(ValidationError) as caught:
        schools.import_calendar_csv(desk, school_id, text)
    assert caught.value.errors == {
        "file": "Kalenderbestand regel 3: ongeldige startdatum '2025-02-31'."
    }
    with pytest.raises(ValidationError) as caught:
        schools.import_calendar_csv(desk, school_id, "start,eind\n2025-03-02,2025-03-01\n")
    assert caught.value.errors["file"] == "Kalenderbestand regel 2: eind ligt vóór start."
    with pytest.raises(ValidationError) as caught:
        schools.import_calendar_csv(desk, school_id, "van,tot\n")
    assert "kopregel" in caught.value.errors["file"]
    with pytest.raises(ValidationError) as caught:
        schools.import_calendar_csv(desk, school_id, "start,eind,naam\n")
    assert caught.value.errors["file"] == "Het kalenderbestand bevat geen vrije periodes."
    assert _count(desk, AuditEntry) == audit
    assert _count(desk, SchoolFreePeriod) == 0
    assert not schools.school_details(desk, school_id).explicit_calendar
    # Reading the file: Windows-1252 is accepted, a missing file is a Dutch message.
    path = tmp_path / "kalender.csv"
    path.write_bytes("start,eind,naam\n2024-12-23,2025-01-03,Kerstvakantie ‘24\n".encode("cp1252"))
    assert "‘24" in schools.read_calendar_file(path)
    with pytest.raises(ValidationError) as caught:
        schools.read_calendar_file(tmp_path / "weg.csv")
    assert caught.value.errors["file"] == "Het bestand weg.csv bestaat niet."


def test_update_school_recomputes_when_the_region_changes(desk) -> None:  # type: ignore[no-untyped-def]
    """A new vacation region changes schooldagen, so the pupils' signals are recomputed."""
    school_id = _school(desk)
    _pupil(desk, school_id)
    data = schools.school_details(desk, school_id).data
    data.municipality = "Andere stad"
    assert schools.update_school(desk, school_id, data) == 0
    data.vacation_region = "noord"
    assert schools.update_school(desk, school_id, data) == 1
    assert schools.school_details(desk, school_id).data.vacation_region == "noord"
