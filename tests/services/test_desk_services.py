"""The desk's services, one user action at a time, on a real (SQLite) case base."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.support.desk import TODAY, school_days_before
from verzuimdesk.core.models import AuditEntry, Case, Deadline, StoredSignal
from verzuimdesk.core.services import absences, case_forms, cases, changes, pupils, queries
from verzuimdesk.core.services.errors import ValidationError


def _school(desk, name: str = "Het Testcollege") -> int:  # type: ignore[no-untyped-def]
    return pupils.create_school(
        desk, pupils.SchoolData(name, "VO", "midden", municipality="Teststad")
    )


def _pupil(desk, school_id: int, first: str = "Sanne", last: str = "de Vries") -> int:  # type: ignore[no-untyped-def]
    return pupils.create_pupil(
        desk,
        pupils.PupilData(
            first,
            last,
            dt.date(2010, 3, 14),
            school_id=school_id,
            bsn="111222333" if first == "Sanne" else None,
        ),
    )


def test_create_pupil_validates_in_dutch(desk) -> None:  # type: ignore[no-untyped-def]
    """A bad BSN, postcode and missing name come back per field, in Dutch."""
    school = _school(desk)
    with pytest.raises(ValidationError) as caught:
        pupils.create_pupil(
            desk,
            pupils.PupilData(
                "",
                "Jansen",
                dt.date(2030, 1, 1),
                school_id=school,
                bsn="123456789",
                postcode="12345",
                parent_email="geen-mail",
            ),
        )
    errors = caught.value.errors
    assert errors["first_name"] == "Vul de voornaam in."
    assert "elfproef" in errors["bsn"]
    assert "toekomst" in errors["birth_date"]
    assert "1234 AB" in errors["postcode"]
    assert "e-mailadres" in errors["parent_email"]
    pid = _pupil(desk, school)
    with pytest.raises(ValidationError) as caught:
        pupils.create_pupil(
            desk, pupils.PupilData("Kim", "Bakker", dt.date(2011, 1, 1), bsn="111 222 333")
        )
    assert caught.value.errors["bsn"] == "Er is al een leerling met dit BSN."
    assert pupils.pupil_data(desk, pid).bsn == "111222333"


def test_absences_make_a_duo16h_signal_with_deadline_on_the_case(desk) -> None:  # type: ignore[no-untyped-def]
    """Enter 6 hours on three days: at 16 hours the duo-16h signal and its deadline appear."""
    seen: list[changes.Change] = []
    changes.bus(desk).subscribe(seen.append)
    pid = _pupil(desk, _school(desk))
    case_id = cases.open_case(desk, pid)
    days = school_days_before(TODAY, 3)  # Mon 18, Tue 19, Wed 20 Nov 2024
    for day in days[:2]:
        absences.record_absence(desk, pid, day, "ongeoorloofd", 6)
    assert not queries.case_file(desk, case_id).signals  # 12 hours: nothing yet
    absences.record_absence(desk, pid, days[2], "ongeoorloofd", 6)
    file = queries.case_file(desk, case_id)
    [signal] = [s for s in file.signals if s.code == "duo-16h"]
    assert signal.datum == days[2]
    assert signal.uren == 18
    assert signal.deadline == dt.date(2024, 11, 21)  # d + 1 schooldag
    deadline = next(d for d in file.deadlines if d.rule_id.startswith("signal:duo-16h"))
    assert deadline.due_on == dt.date(2024, 11, 21)
    assert file.first_absence_on == days[0]
    assert file.category == "B1"
    assert seen[-1].kind == "absence" and case_id in seen[-1].case_ids
    # The ladder now suggests the step that duo-16h triggers.
    [suggested] = file.ladder.suggested
    assert suggested.stage_id == "t2"
    # Undo the last entry: the signal and its open deadline go away again.
    with desk.case_base.sessions() as session:
        record_id = session.scalar(select(func.max(absences.AbsenceRecord.id)))
    _pupil_id, previous = absences.delete_absence(desk, record_id)
    file = queries.case_file(desk, case_id)
    assert not [s for s in file.signals if s.code == "duo-16h"]
    assert not [d for d in file.deadlines if (d.rule_id or "").startswith("signal:")]
    absences.restore_absences(desk, pid, [previous])
    assert [s for s in queries.case_file(desk, case_id).signals if s.code == "duo-16h"]


def test_move_up_the_ladder_records_event_and_new_deadlines(desk) -> None:  # type: ignore[no-untyped-def]
    """Moving needs a reason; the move records an event and the new stage's deadlines."""
    pid = _pupil(desk, _school(desk))
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 11))
    with pytest.raises(ValidationError) as caught:
        cases.move_case(desk, case_id, "t2", reason="")
    assert caught.value.errors["reason"] == "Vul de reden in."
    with pytest.raises(ValidationError) as caught:
        cases.move_case(desk, case_id, "t5", reason="Direct door")
    assert "kan een casus niet naar" in caught.value.errors["target"]
    cases.move_case(desk, case_id, "t2", reason="16 uur verzuim")
    file = queries.case_file(desk, case_id)
    assert file.ladder.stage.id == "t2"
    assert file.regie_role_id == "lpa"
    [move] = [e for e in file.events if e.kind == "stage_change"]
    assert move.text == "16 uur verzuim" and move.to_stage.startswith("2.")
    [talk] = [d for d in file.deadlines if d.rule_id == "t2-gesprek"]
    assert talk.due_on == dt.date(2024, 11, 27)  # 5 schooldagen after Wed 20 Nov
    cases.set_action_done(desk, case_id, "t2-uitnodigen", True)
    file = queries.case_file(desk, case_id)
    assert [a.id for a in file.ladder.actions_todo] == ["t2-verslag"]
    # Through t4 to the Doorbraaktafel: leaving it needs a decision, "afgewezen" a note.
    cases.move_case(desk, case_id, "t4", reason="Geen verbetering")
    # The talk deadline of the step left lapses; it stays in the file, marked as such.
    [talk] = [d for d in queries.case_file(desk, case_id).deadlines if d.rule_id == "t2-gesprek"]
    assert talk.done_on == TODAY and talk.done_by == cases.LAPSED
    cases.move_case(desk, case_id, "t5", reason="Vastgelopen")
    with pytest.raises(ValidationError) as caught:
        cases.move_case(desk, case_id, "t6", reason="")
    assert "besluit" in caught.value.errors["target"].lower()
    cases.move_case(desk, case_id, "t6", reason="Plek op VSO", decision="toegekend")
    with desk.case_base.sessions() as session:
        assert (
            session.scalar(
                select(func.count(AuditEntry.id)).where(AuditEntry.table_name == "case_event")
            )
            >= 4
        )


def test_events_soft_delete_and_restore(desk) -> None:  # type: ignore[no-untyped-def]
    """Deleting a note hides it; restoring brings it back (undo)."""
    pid = _pupil(desk, _school(desk))
    case_id = cases.open_case(desk, pid)
    with pytest.raises(ValidationError):
        cases.add_event(desk, case_id, "note", "   ")
    note = cases.add_event(desk, case_id, "contact", "Moeder gebeld: ziek")
    assert any(e.id == note for e in queries.case_file(desk, case_id).events)
    cases.delete_event(desk, note)
    assert not any(e.id == note for e in queries.case_file(desk, case_id).events)
    cases.restore_event(desk, note)
    assert any(e.id == note for e in queries.case_file(desk, case_id).events)


def test_deadline_done_recurring_and_overview(desk) -> None:  # type: ignore[no-untyped-def]
    """Marking a weekly deadline done schedules the next one; the overview groups them."""
    pid = _pupil(desk, _school(desk))
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 1))
    cases.move_case(desk, case_id, "t2", reason="r", on=dt.date(2024, 11, 4))
    cases.move_case(desk, case_id, "t4", reason="r", on=dt.date(2024, 11, 6))
    overview = queries.deadlines_overview(desk, TODAY)
    [evaluation] = overview.groups["overdue"]  # due 13 Nov
    assert evaluation.what == "Plan van aanpak evalueren"
    with pytest.raises(ValidationError):
        cases.set_deadline_done(desk, evaluation.deadline_id, TODAY + dt.timedelta(days=1))
    cases.set_deadline_done(desk, evaluation.deadline_id, TODAY)
    overview = queries.deadlines_overview(desk, TODAY)
    assert not overview.groups["overdue"]
    [next_one] = overview.groups["later"] + overview.groups["week"]
    assert next_one.due_on == dt.date(2024, 11, 27)
    with desk.case_base.sessions() as session:
        done = session.scalar(select(Deadline).where(Deadline.id == evaluation.deadline_id))
        assert done.done_on == TODAY and done.done_by == "tester"


def test_form_validation_and_save(desk) -> None:  # type: ignore[no-untyped-def]
    """A form with a missing required field is refused per field; a full one is saved."""
    pid = _pupil(desk, _school(desk))
    case_id = cases.open_case(desk, pid)
    with pytest.raises(ValidationError) as caught:
        case_forms.save_form(desk, case_id, "melding-thuiszitter", {"naam": "Sanne de Vries"})
    assert "reden" in caught.value.errors
    values = {
        "naam": "Sanne de Vries",
        "geboortedatum": dt.date(2010, 3, 14),
        "school": "Het Testcollege",
        "begin": dt.date(2024, 11, 18),
        "soort": "B2a",
        "reden": "Angstklachten",
    }
    sid = case_forms.save_form(desk, case_id, "melding-thuiszitter", values)
    form_id, version, stored = queries.form_values(desk, sid)
    assert (form_id, version, stored["begin"]) == ("melding-thuiszitter", "1", "2024-11-18")
    assert [f.name for f in queries.case_file(desk, case_id).forms] == [
        "Meldingsformulier thuiszitter"
    ]


def test_case_list_search_filter_order(desk) -> None:  # type: ignore[no-untyped-def]
    """Search by name/school/number, filter by stage and overdue, most urgent first."""
    school_a = _school(desk, "Het Testcollege")
    school_b = _school(desk, "Lyceum Oost")
    ids = {}
    for first, last, school in (
        ("Sanne", "de Vries", school_a),
        ("Ahmed", "Yilmaz", school_b),
        ("Noa", "Bakker", school_b),
    ):
        pid = _pupil(desk, school, first, last)
        ids[first] = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    cases.move_case(desk, ids["Ahmed"], "t2", reason="r", on=dt.date(2024, 11, 5))  # due 12 Nov
    cases.move_case(desk, ids["Noa"], "t2", reason="r", on=TODAY)
    rows = queries.case_list(desk, queries.CaseQuery())
    assert [r.pupil_name for r in rows] == ["Ahmed Yilmaz", "Noa Bakker", "Sanne de Vries"]
    assert rows[0].overdue and rows[0].stage_number == "2"
    assert [r.pupil_name for r in queries.case_list(desk, queries.CaseQuery(text="lyceum"))] == [
        "Ahmed Yilmaz",
        "Noa Bakker",
    ]
    assert [
        r.pupil_name for r in queries.case_list(desk, queries.CaseQuery(text="vries test"))
    ] == ["Sanne de Vries"]
    number = rows[2].number
    assert [r.number for r in queries.case_list(desk, queries.CaseQuery(text=number))] == [number]
    assert len(queries.case_list(desk, queries.CaseQuery(overdue_only=True))) == 1
    assert len(queries.case_list(desk, queries.CaseQuery(stage_id="t1"))) == 1
    assert len(queries.case_list(desk, queries.CaseQuery(school_id=school_b))) == 2
    assert len(queries.case_list(desk, queries.CaseQuery(band_id="verzuim"))) == 2
    by_name = queries.case_list(desk, queries.CaseQuery(sort="pupil", descending=True))
    assert by_name[0].pupil_name == "Sanne de Vries"
    # The list follows changes: closing a case removes it from the open list.
    cases.close_case(desk, ids["Sanne"], "verhuisd", note="Naar Utrecht")
    assert len(queries.case_list(desk, queries.CaseQuery())) == 2
    assert len(queries.case_list(desk, queries.CaseQuery(include_closed=True))) == 3


def test_pupil_absences_month_has_free_days(desk) -> None:  # type: ignore[no-untyped-def]
    """The month grid knows weekends and vacations by name."""
    pid = _pupil(desk, _school(desk))
    month = queries.pupil_absences(desk, pid, dt.date(2024, 10, 1))
    by_day = {d.date: d for d in month.days}
    assert len(month.days) == 31
    assert not by_day[dt.date(2024, 10, 5)].schooldag
    assert by_day[dt.date(2024, 10, 2)].schooldag
    autumn = by_day[dt.date(2024, 10, 28)]  # herfstvakantie midden 2024: 26 Oct – 3 Nov
    assert not autumn.schooldag and "erfst" in autumn.free_name
    absences.record_absence(desk, pid, dt.date(2024, 10, 2), "ziek", 6)
    month = queries.pupil_absences(desk, pid, dt.date(2024, 10, 1))
    assert month.totals()["ziek"] == 6


def test_signals_stored_and_reported(desk) -> None:  # type: ignore[no-untyped-def]
    """Marking a signal deadline done marks the stored signal reported, kept on recompute."""
    pid = _pupil(desk, _school(desk))
    case_id = cases.open_case(desk, pid)
    for day in school_days_before(TODAY, 3):
        absences.record_absence(desk, pid, day, "ongeoorloofd", 6)
    deadline = next(
        d for d in queries.case_file(desk, case_id).deadlines if d.rule_id.startswith("signal:")
    )
    cases.set_deadline_done(desk, deadline.id, TODAY)
    absences.recompute_signals(desk, pid)
    with desk.case_base.sessions() as session:
        stored = session.scalar(select(StoredSignal).where(StoredSignal.code == "duo-16h"))
        assert stored.reported_on == TODAY
        assert session.scalar(select(Case.inspectie_category)) == "B1"
