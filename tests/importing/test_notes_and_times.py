"""An export's note column and Somtoday's lesson start and end times (issue 13)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from tests.importing.support import SAMPLES, mapping_for, records, with_schools_and_pupils
from verzuimdesk.core.importing import run_import
from verzuimdesk.core.models import AbsenceRecord, AuditEntry, Pupil, StoredSignal
from verzuimdesk.core.services import absences

D = dt.date
SOMTODAY = "somtoday_lestijden.csv"


def _notes(desk: Any) -> dict[tuple[str, dt.date, str], str | None]:
    with desk.case_base.sessions() as session:
        rows = session.execute(
            select(Pupil.last_name, AbsenceRecord.date, AbsenceRecord.kind, AbsenceRecord.note)
            .join(Pupil, Pupil.id == AbsenceRecord.pupil_id)
        ).all()  # fmt: skip
    return {(last, date, kind): note for last, date, kind, note in rows}


def _somtoday(desk: Any) -> Any:
    return mapping_for(SOMTODAY, "absences", desk, "12AB00")


def test_somtoday_lesson_times_give_the_hours(desk: Any) -> None:
    """Begintijd and Eindtijd are guessed and give each lesson's length; the lessons of a
    day add up; a lesson that ends before it starts, or a time that is none, is refused."""
    with_schools_and_pupils(desk)
    mapping = _somtoday(desk)
    assert mapping.unit == "times"
    assert (mapping.columns["start_time"], mapping.columns["end_time"]) == (
        "Begintijd",
        "Eindtijd",
    )
    assert mapping.columns["note"] == "Opmerking"
    report = run_import(desk, SAMPLES / SOMTODAY, mapping)
    got = {k: v for k, v in records(desk).items() if k[1] >= D(2024, 11, 4)}
    assert got == {
        ("Bakker", D(2024, 11, 4), "ongeoorloofd"): round(100 / 60, 4),
        ("el Amrani", D(2024, 11, 5), "ziek"): 1.5,
        ("van der Berg", D(2024, 11, 7), "te_laat"): 0.75,  # 8.30–9.15
        ("van der Berg", D(2024, 11, 11), "ziek"): 0.75,  # timestamps: the time counts
    }
    reasons = {r.line: r.reason for r in report.refused}
    assert set(reasons) == {6, 8}
    assert "12:15" in reasons[6] and "13:00" in reasons[6]
    assert "25:00" in reasons[8] and "geen tijd" in reasons[8]


def test_the_note_column_becomes_the_records_note(desk: Any) -> None:
    """The rows' distinct notes of one record are joined; a formula stays text; the same
    file again changes nothing; a changed note updates the record and is audited."""
    with_schools_and_pupils(desk)
    mapping = _somtoday(desk)
    run_import(desk, SAMPLES / SOMTODAY, mapping)
    notes = _notes(desk)
    assert notes[("Bakker", D(2024, 11, 4), "ongeoorloofd")] == "niet in de les"
    # the same note twice (spaces apart) is kept once
    assert notes[("el Amrani", D(2024, 11, 5), "ziek")] == "naar huis gestuurd"
    assert notes[("van der Berg", D(2024, 11, 11), "ziek")] is None
    again = run_import(desk, SAMPLES / SOMTODAY, mapping)
    assert (again.imported, again.updated, again.records_unchanged) == (0, 0, 4)

    magister = mapping_for("magister_absenties.csv", "absences", desk, "12AB00")
    magister.kinds = {"stage": "negeren"}
    assert magister.columns["note"] == "Opmerking"
    run_import(desk, SAMPLES / "magister_absenties.csv", magister)
    notes = _notes(desk)
    assert notes[("Bakker", D(2024, 11, 5), "te_laat")] == "bus gemist"
    assert notes[("Jansen", D(2024, 11, 7), "ongeoorloofd")] == '=HYPERLINK("x")'


def test_a_changed_note_updates_and_an_empty_one_keeps_the_stored_note(
    desk: Any, tmp_path: Any
) -> None:
    with_schools_and_pupils(desk)
    mapping = _somtoday(desk)
    run_import(desk, SAMPLES / SOMTODAY, mapping)
    text = (SAMPLES / SOMTODAY).read_text(encoding="utf-8")
    changed = tmp_path / "later.csv"
    changed.write_text(
        text.replace("niet in de les", "bij de mentor").replace("naar huis", "thuis"),
        encoding="utf-8",
    )
    report = run_import(desk, changed, mapping)
    assert report.records_updated == 2 and report.records_new == 0
    notes = _notes(desk)
    assert notes[("Bakker", D(2024, 11, 4), "ongeoorloofd")] == "bij de mentor"
    with desk.case_base.sessions() as session:
        audits = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "absence_import")
        ).all()
    assert any(
        change.get("opmerking") == "bij de mentor"
        for a in audits
        for change in a.after["gewijzigd"]
    )
    blank = tmp_path / "zonder.csv"
    blank.write_text(
        changed.read_text(encoding="utf-8")
        .replace("bij de mentor", "")
        .replace("09:20;10:10", "09:20;10:20"),
        encoding="utf-8",
    )
    report = run_import(desk, blank, mapping)
    assert report.records_updated == 1  # the hours changed
    assert _notes(desk)[("Bakker", D(2024, 11, 4), "ongeoorloofd")] == "bij de mentor"


def test_signals_after_an_import_are_those_of_the_per_pupil_recompute(
    desk: Any, tmp_path: Any
) -> None:
    """The import's batch recompute stores what the services' own recompute stores."""
    with_schools_and_pupils(desk)
    magister = mapping_for("magister_absenties.csv", "absences", desk, "12AB00")
    run_import(desk, SAMPLES / "magister_absenties.csv", magister)
    run_import(desk, SAMPLES / SOMTODAY, _somtoday(desk))
    # Four lessons a day truant through the first weeks of October: signals to compute.
    lines = [(SAMPLES / "magister_absenties.csv").read_text(encoding="utf-8-sig").splitlines()[0]]
    for day in range(1, 19):
        date = D(2024, 10, day)
        if date.weekday() < 5:
            for number in ("1001", "1002"):
                lines += [f"{number};;;;;{date:%d-%m-%Y};{n};Spijbelen;" for n in (1, 2, 3, 4)]
    october = tmp_path / "oktober.csv"
    october.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run_import(desk, october, magister)
    assert report.refused_count == 0 and report.records_new == 28

    def stored() -> list[tuple[Any, ...]]:
        table = StoredSignal.__table__
        columns = [c for c in table.c if c.name not in ("id", "reported_on")]
        with desk.case_base.sessions() as session:
            return sorted(tuple(row) for row in session.execute(select(*columns)).all())

    after_import = stored()
    assert after_import
    with desk.case_base.sessions() as session:
        pupil_ids = list(session.scalars(select(Pupil.id)))
    for pupil_id in pupil_ids:
        absences.recompute_signals(desk, pupil_id)
    assert stored() == after_import
