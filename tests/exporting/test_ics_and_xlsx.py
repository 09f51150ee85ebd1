"""Deadlines as .ics (parsed back) and tables as XLSX without formulas (issue 13)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

from icalendar import Calendar
from openpyxl import load_workbook

from tests.support.letter_case import letter_case
from verzuimdesk.core.exporting.ics import deadlines_ics, open_deadlines
from verzuimdesk.core.exporting.xlsx import write_xlsx
from verzuimdesk.core.models import Case, Deadline, Person
from verzuimdesk.core.services import queries


def _case_with_deadlines(desk: Any) -> int:
    case_id = letter_case(desk)
    with desk.case_base.transaction(desk.user) as session:
        for days, what, done in (
            (3, "Gesprek plannen", None),
            (10, "Melding DUO", None),
            (1, "Klaar", dt.date(2024, 11, 19)),
        ):
            session.add(
                Deadline(
                    case_id=case_id,
                    due_on=dt.date(2024, 11, 20) + dt.timedelta(days=days),
                    what=what,
                    done_on=done,
                )
            )
    return case_id


def test_ics_parsed_back_names_the_case_number_not_the_pupil(desk: Any) -> None:
    """Each open deadline is an all-day event on its due date; no name unless asked."""
    case_id = _case_with_deadlines(desk)
    number = queries.case_file(desk, case_id).number
    deadlines = open_deadlines(desk)
    assert [d.what for d in deadlines] == ["Gesprek plannen", "Melding DUO"]  # open ones
    calendar = Calendar.from_ical(deadlines_ics(deadlines))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(deadlines)
    for event, deadline in zip(events, deadlines, strict=True):
        assert event.decoded("dtstart") == deadline.due_on
        assert number in str(event["summary"])
        assert "Sanne" not in str(event["summary"]) and "Vries" not in str(event["description"])
    named = Calendar.from_ical(deadlines_ics(deadlines, include_names=True))
    assert all("Sanne de Vries" in str(e["summary"]) for e in named.walk("VEVENT"))


def test_ics_of_my_cases_only(desk: Any) -> None:
    """*Mijn casussen*: only the cases where the user is in regie."""
    case_id = _case_with_deadlines(desk)
    assert open_deadlines(desk, mine=True) == []
    with desk.case_base.transaction(desk.user) as session:
        person = Person(name="Tester", username=desk.user)
        session.add(person)
        session.flush()
        session.get(Case, case_id).regie_person_id = person.id
    assert {d.case_number for d in open_deadlines(desk, mine=True)} == {
        queries.case_file(desk, case_id).number
    }


def test_xlsx_cells_are_never_formulas(tmp_path: Path) -> None:
    """A pupil named =HYPERLINK(…) stays text; dates stay dates."""
    path = tmp_path / "lijst.xlsx"
    hostile = ['=HYPERLINK("http://example.invalid","klik")', "+31 6 1234", "-2", "@SUM(A1)"]
    write_xlsx(path, "Casussen", ["Naam", "Datum"], [[h, dt.date(2024, 11, 4)] for h in hostile])
    sheet = load_workbook(path).active
    assert [c.value for c in sheet["A"]][1:] == hostile
    assert all(c.data_type == "s" for c in sheet["A"])
    assert sheet["B2"].value.date() == dt.date(2024, 11, 4)
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml and b"<f " not in xml
