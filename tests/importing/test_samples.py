"""Each sample export imported with its mapping and checked row by row (issue 13)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.importing.support import (
    SAMPLES,
    mapping_for,
    records,
    table_counts,
    with_schools_and_pupils,
)
from verzuimdesk.core.importing import (
    ImportFileError,
    MappingError,
    NewPupil,
    open_table,
    run_import,
)
from verzuimdesk.core.models import AuditEntry, Pupil, School, StoredSignal

D = dt.date
LESSON = 50 / 60  # the Magister mapping's lesson length


def _magister(desk: Any) -> Any:
    mapping = mapping_for("magister_absenties.csv", "absences", desk, "12AB00")
    mapping.kinds = {"stage": "negeren"}
    return mapping


def test_schools_sample(desk: Any) -> None:
    """Three schools are created, the row with a bad BRIN is refused with its line."""
    report = run_import(desk, SAMPLES / "scholen.csv", mapping_for("scholen.csv", "schools"))
    assert (report.imported, report.refused_count) == (3, 1)
    assert report.refused[0].line == 5 and "BRIN" in report.refused[0].reason
    with desk.case_base.sessions() as session:
        schools = {s.brin: s for s in session.scalars(select(School))}
    assert schools["34CD00"].sector == "PO" and float(schools["34CD00"].day_hours) == 5.5
    assert schools["12AB00"].name == "Het Lyceum Teststad"
    again = run_import(desk, SAMPLES / "scholen.csv", mapping_for("scholen.csv", "schools"))
    assert (again.imported, again.unchanged) == (0, 3)


def test_pupil_samples(desk: Any) -> None:
    """Magister's pupils by stamnummer, ParnasSys's (Windows-1252) by BSN, names intact."""
    with_schools_and_pupils(desk)
    with desk.case_base.sessions() as session:
        pupils = {p.last_name: p for p in session.scalars(select(Pupil))}
        bakker_brin = pupils["Bakker"].school.brin if pupils["Bakker"].school else None
    assert set(pupils) == {
        "Bakker",
        "el Amrani",
        "Jansen",
        "van der Berg",
        "de Vries",
        "Dubois",
        "Müller",
    }
    assert pupils["de Vries"].first_name == "Zoë" and pupils["de Vries"].bsn == "012345672"
    assert pupils["Dubois"].first_name == "Eloïse"
    assert pupils["de Vries"].birth_date == D(2017, 5, 4)  # 4-5-17
    assert pupils["Bakker"].postcode == "3511 AB"
    # A formula as a first name is kept as text.
    assert pupils["Jansen"].first_name.startswith("=HYPERLINK(")
    assert bakker_brin == "12AB00"


def test_magister_sample_row_by_row(desk: Any) -> None:
    """Lessons summed per day and kind at 50 minutes each; every refused row named."""
    with_schools_and_pupils(desk)
    report = run_import(desk, SAMPLES / "magister_absenties.csv", _magister(desk))
    got = {
        k: v
        for k, v in records(desk).items()
        if k[0] in ("Bakker", "el Amrani", "Jansen", "van der Berg")
    }
    assert got == {
        ("Bakker", D(2024, 11, 4), "ongeoorloofd"): round(4 * LESSON, 4),
        ("Bakker", D(2024, 11, 5), "te_laat"): round(LESSON, 4),
        ("Bakker", D(2024, 11, 6), "ziek"): round(7 * LESSON, 4),
        ("el Amrani", D(2024, 11, 12), "geoorloofd"): round(LESSON, 4),
        ("el Amrani", D(2024, 11, 12), "ongeoorloofd"): round(2 * LESSON, 4),
        ("Jansen", D(2024, 11, 7), "ongeoorloofd"): round(LESSON, 4),
        ("van der Berg", D(2024, 11, 14), "te_laat"): round(LESSON, 4),
    }
    assert report.rows_read == 24
    assert (report.imported, report.unchanged, report.ignored) == (17, 0, 1)
    reasons = {r.line: r.reason for r in report.refused}
    assert set(reasons) == {19, 20, 21, 22, 24}
    assert "31-02-2024" in reasons[19]
    assert "Kwijtgeraakt" in reasons[20]
    assert "toekomst" in reasons[21]
    assert "geen schooldag" in reasons[22]
    assert "kolommen" in reasons[24]
    assert [(u.key, u.name, u.first_line) for u in report.not_found] == [
        ("99999", "Onbekend Kind", 23)
    ]
    assert report.committed and not report.ok
    with desk.case_base.sessions() as session:
        audits = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "absence_import")
        ).all()
    assert len(audits) == 4 and all(a.after["bestand"] == "magister_absenties.csv" for a in audits)


def test_reimport_changes_nothing_and_a_later_export_updates(desk: Any) -> None:
    """Idempotent: the same file again imports nothing; an overlapping later export
    updates the changed day, adds the new one and says so."""
    with_schools_and_pupils(desk)
    mapping = _magister(desk)
    run_import(desk, SAMPLES / "magister_absenties.csv", mapping)
    before = records(desk)
    counts = table_counts(desk)
    again = run_import(desk, SAMPLES / "magister_absenties.csv", mapping)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 17)
    assert records(desk) == before
    assert table_counts(desk) == counts  # not even an audit entry
    later = run_import(desk, SAMPLES / "magister_absenties_later.csv", mapping)
    assert (later.imported, later.updated, later.unchanged) == (2, 5, 1)
    assert later.records_updated == 1
    assert any("gewijzigd" in line for line in later.summary_lines())
    after = records(desk)
    assert after[("Bakker", D(2024, 11, 4), "ongeoorloofd")] == round(5 * LESSON, 4)
    assert after[("Bakker", D(2024, 11, 18), "ongeoorloofd")] == round(2 * LESSON, 4)


def test_somtoday_xlsx_creates_only_the_chosen_pupils(desk: Any) -> None:
    """Unknown pupils are reported, never created silently; the chosen one is created."""
    with_schools_and_pupils(desk)
    mapping = mapping_for("somtoday_absenties.xlsx", "absences", desk, "56EF00")
    mapping.lesson_minutes = 45
    first = run_import(desk, SAMPLES / "somtoday_absenties.xlsx", mapping)
    assert first.imported == 0 and first.not_found_rows == 6
    assert [(u.key, u.name, u.birth_date) for u in first.not_found] == [
        ("5001", "Sem Visser", D(2010, 3, 14)),
        ("5002", "Lotte Smit", D(2011, 1, 5)),
    ]
    with desk.case_base.sessions() as session:
        assert session.scalar(select(Pupil).where(Pupil.last_name == "Visser")) is None
    sem = first.not_found[0]
    report = run_import(
        desk,
        SAMPLES / "somtoday_absenties.xlsx",
        mapping,
        create=[NewPupil(sem.key, sem.by, sem.first_name, sem.last_name, sem.birth_date)],
    )
    assert report.pupils_created == 1 and report.imported == 2 and report.not_found_rows == 4
    got = {k: v for k, v in records(desk).items() if k[0] == "Visser"}
    assert got == {
        ("Visser", D(2024, 11, 7), "ongeoorloofd"): 2.25,  # 3 lessons of 45 minutes
        ("Visser", D(2024, 11, 8), "ziek"): 4.5,
    }
    with desk.case_base.sessions() as session:
        assert session.scalar(select(Pupil).where(Pupil.last_name == "Smit")) is None


def test_parnassys_windows_1252_decimal_comma_and_bsn(desk: Any) -> None:
    """Hours with a decimal comma, d-m-jj dates, a BSN without its leading zero; a day
    over the school's 5,5 hours is refused."""
    with_schools_and_pupils(desk)
    table = open_table(SAMPLES / "parnassys_verzuim.csv")
    assert table.encoding == "cp1252" and table.delimiter == ";"
    mapping = mapping_for("parnassys_verzuim.csv", "absences")
    report = run_import(desk, SAMPLES / "parnassys_verzuim.csv", mapping)
    got = {k: v for k, v in records(desk).items() if k[0] in ("de Vries", "Dubois", "Müller")}
    assert got == {
        ("de Vries", D(2024, 11, 4), "ziek"): 5.5,
        ("Dubois", D(2024, 11, 5), "ongeoorloofd"): 2.75,
        ("Dubois", D(2024, 11, 6), "geoorloofd"): 1.0,
        ("Müller", D(2024, 11, 8), "te_laat"): 0.25,
    }
    assert [r.line for r in report.refused] == [5]
    assert "5,5" in report.refused[0].reason
    assert [u.key for u in report.not_found] == ["999999990"]


def test_signals_recomputed_after_import(desk: Any, tmp_path: Path) -> None:
    """An import that makes 16 hours of truancy stores the pupil's DUO signal."""
    with_schools_and_pupils(desk)
    rows = ["Stamnummer;Datum;Lesuur;Verantwoording"]
    days = [D(2024, 11, d) for d in (4, 5, 6, 7, 8, 11)]
    for day in days:
        rows += [f"1004;{day:%d-%m-%Y};{n};Spijbelen" for n in range(1, 5)]
    export = tmp_path / "export.csv"
    export.write_text("\n".join(rows), encoding="utf-8")
    mapping = mapping_for("magister_absenties.csv", "absences", desk, "12AB00")
    mapping.columns = {"pupil_number": "Stamnummer", "date": "Datum", "kind": "Verantwoording"}
    report = run_import(desk, export, mapping)
    assert report.imported == 24 and report.pupils_recomputed == 1
    with desk.case_base.sessions() as session:
        codes = set(
            session.scalars(
                select(StoredSignal.code)
                .join(Pupil, Pupil.id == StoredSignal.pupil_id)
                .where(Pupil.last_name == "van der Berg")
            )
        )
    assert "duo-16h" in codes


@pytest.mark.parametrize(
    ("name", "message"),
    [("leeg.csv", "leeg"), ("bestaat-niet.csv", "bestaat niet")],
)
def test_unusable_files_are_refused_in_dutch(desk: Any, name: str, message: str) -> None:
    """An empty or missing file: a Dutch message, nothing changed."""
    with pytest.raises(ImportFileError, match=message):
        open_table(SAMPLES / name)


def test_header_only_file_imports_nothing(desk: Any) -> None:
    """A file with only a header: zero rows read, nothing refused, nothing changed."""
    with_schools_and_pupils(desk)
    counts = table_counts(desk)
    report = run_import(desk, SAMPLES / "alleen_kop.csv", _magister(desk))
    assert (report.rows_read, report.refused_count, report.imported) == (0, 0, 0)
    assert table_counts(desk) == counts


def test_mapping_that_does_not_fit_is_refused(desk: Any) -> None:
    """A mapping naming a column the file lacks is refused before anything is read."""
    mapping = mapping_for("magister_absenties.csv", "absences")
    mapping.columns["date"] = "Dag"
    with pytest.raises(MappingError) as caught:
        run_import(desk, SAMPLES / "magister_absenties.csv", mapping)
    assert any("'Dag'" in p for p in caught.value.problems)
    assert any("school" in p for p in caught.value.problems)
