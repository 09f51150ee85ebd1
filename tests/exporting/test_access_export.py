"""The AVG access export: every record of the pupil, nothing of a namesake (issue 13)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from verzuimdesk.core.exporting.access import access_export, to_json
from verzuimdesk.core.models import AbsenceRecord, Case, CaseEvent, Deadline, Enrolment
from verzuimdesk.core.services import absences, cases, pupils


def _sanne(desk: Any, school: int, born: dt.date, bsn: str, phone: str) -> tuple[int, int]:
    pupil = pupils.create_pupil(
        desk,
        pupils.PupilData("Sanne", "de Vries", born, school_id=school, bsn=bsn, parent_phone=phone),
    )
    absences.set_absences(
        desk,
        pupil,
        [
            absences.AbsenceEntry(dt.date(2024, 11, d), "ongeoorloofd", 4.0)
            for d in (4, 5, 6, 7, 8, 11)
        ],
    )
    case = cases.open_case(desk, pupil, opened_on=dt.date(2024, 11, 12))
    cases.add_event(desk, case, "note", f"Gesprek met de ouders van {bsn}")
    return pupil, case


def _ids(desk: Any, model: Any, column: Any, value: int) -> set[int]:
    with desk.case_base.sessions() as session:
        return set(session.scalars(select(model.id).where(column == value)))


def test_access_export_is_complete_and_exclusive(desk: Any, tmp_path: Path) -> None:
    """Two pupils named Sanne de Vries: the export of one holds all of hers, none of the other's."""
    school = pupils.create_school(desk, pupils.SchoolData("Het Testcollege", "VO", "midden"))
    first, first_case = _sanne(desk, school, dt.date(2010, 3, 14), "111222333", "0612345678")
    second, second_case = _sanne(desk, school, dt.date(2011, 7, 2), "123456782", "0687654321")
    data = access_export(desk, first)
    text = to_json(data)
    json.loads(text)  # valid JSON
    assert data["leerling"]["bsn"] == "111222333"
    assert {a["id"] for a in data["verzuim"]} == _ids(
        desk, AbsenceRecord, AbsenceRecord.pupil_id, first
    )
    assert [c["id"] for c in data["casussen"]] == [first_case]
    case = data["casussen"][0]
    assert {e["id"] for e in case["gebeurtenissen"]} == _ids(
        desk, CaseEvent, CaseEvent.case_id, first_case
    )
    assert {d["id"] for d in case["termijnen"]} == _ids(
        desk, Deadline, Deadline.case_id, first_case
    )
    assert {e["id"] for e in data["inschrijvingen"]} == _ids(
        desk, Enrolment, Enrolment.pupil_id, first
    )
    assert data["signalen"], "the 24 hours made a signal"
    # The audit trail of her records: the pupil row, every absence, the case and its event.
    audited = {(a["table_name"], a["record_id"]) for a in data["audit"]}
    assert ("pupil", str(first)) in audited
    assert ("case", str(first_case)) in audited
    assert all(("absence_record", str(a["id"])) in audited for a in data["verzuim"])
    # Nothing of the namesake: not her BSN, birth date, phone, case or records.
    for trace in ("123456782", "2011-07-02", "0687654321"):
        assert trace not in text
    other = {str(i) for i in _ids(desk, AbsenceRecord, AbsenceRecord.pupil_id, second)}
    assert not [
        a for a in data["audit"] if a["table_name"] == "absence_record" and a["record_id"] in other
    ]
    with desk.case_base.sessions() as session:
        assert session.scalar(select(Case.pupil_id).where(Case.id == second_case)) == second


def test_access_pdf_is_written(qtbot: Any, desk: Any, tmp_path: Path) -> None:
    """The PDF for the parents and the JSON are written side by side."""
    from verzuimdesk.gui.exports import write_access_export

    school = pupils.create_school(desk, pupils.SchoolData("Het Testcollege", "VO", "midden"))
    pupil, _case = _sanne(desk, school, dt.date(2010, 3, 14), "111222333", "0612345678")
    pdf, json_path = write_access_export(desk, pupil, tmp_path / "inzage.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert json.loads(json_path.read_text(encoding="utf-8"))["leerling"]["id"] == pupil
    from verzuimdesk.gui.access_pdf import access_html

    html = access_html(json.loads(json_path.read_text(encoding="utf-8")))
    assert "Inzage in de gegevens van Sanne de Vries" in html and "14-03-2010" in html
