"""Importing pupils and schools from CSV/XLSX, with the same reader, mapping and report.

Pupils are matched on the school's pupil number or BSN: a known pupil's details are
updated where the file differs, an unknown one is created (that is what a pupil import
is for), enrolled at the school from the file's enrolment date or the start of
leerplicht. Schools are matched on BRIN. One transaction; cancelling rolls it back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from sqlalchemy import select

from verzuimdesk.core.importing.common import (
    ImportOptions,
    ImportRun,
    person_name,
    read_date,
    read_number,
)
from verzuimdesk.core.importing.mapping import Mapping
from verzuimdesk.core.importing.people import PupilIndex, bsn_key
from verzuimdesk.core.importing.recompute import recompute_pupils
from verzuimdesk.core.importing.report import ImportReport
from verzuimdesk.core.models import Enrolment, Pupil, School
from verzuimdesk.core.models_import import PupilSchoolNumber
from verzuimdesk.core.rules.leerplicht import leerplicht_start
from verzuimdesk.core.services.common import age_on, today
from verzuimdesk.core.services.pupils import MAX_AGE, MIN_AGE
from verzuimdesk.core.tabular.dutch_values import normalise, short
from verzuimdesk.core.validation import check_bsn, check_email, check_phone, check_postcode

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: Pupil fields copied from the file as text, with their column limits.
_TEXT_FIELDS = {
    "street": 200,
    "city": 100,
    "municipality": 100,
    "parent_name": 200,
}
_SECTORS = {"po": "PO", "vo": "VO", "mbo": "MBO", "so": "PO", "vso": "VO", "bao": "PO"}
_REGIONS = ("noord", "midden", "zuid")


def import_pupils(
    desk: Desk, path: Path | str, mapping: Mapping, **options: Unpack[ImportOptions]
) -> ImportReport:
    """Import a pupil list; returns the report (rows imported = pupils created)."""
    run = ImportRun(desk, path, mapping, options, school_or="school")
    report, ticker, table = run.report, run.ticker, run.table
    now = today(desk)
    touched: set[int] = set()
    with desk.case_base.transaction(desk.user) as session:
        by_brin = {
            (brin or "").upper(): sid
            for sid, brin in session.execute(select(School.id, School.brin))
        }
        indexes: dict[int | None, PupilIndex] = {}
        for line, cells in table.rows_with_progress():
            report.rows_read += 1
            ticker.tick(0.9 * table.read_fraction(), f"Leerlingen lezen… {report.rows_read}")
            values = run.values(cells)
            school_id = mapping.school_id
            if values.get("school"):
                school_id = by_brin.get(values["school"].upper())
                if school_id is None:
                    report.refuse(
                        line, f"school '{short(values['school'])}' staat niet in het casusbestand"
                    )
                    continue
            index = indexes.get(school_id)
            if index is None:
                index = indexes[school_id] = PupilIndex.load(session, school_id)
            outcome = _pupil_row(session, index, school_id, values, now)
            if isinstance(outcome, str):
                report.refuse(line, outcome)
                continue
            state, pupil_id = outcome
            if state == "new":
                report.imported += 1
                touched.add(pupil_id)
            elif state == "updated":
                report.updated += 1
                touched.add(pupil_id)
            else:
                report.unchanged += 1
        report.pupils_created = report.imported
        if run.dry_run:
            return run.dry_run_end(session)
        session.flush()
        recompute_pupils(desk, session, sorted(touched))
        ticker.tick(1.0, "Opslaan…", force=True)
    report.pupils_recomputed = len(touched)
    return run.committed("pupil", frozenset(touched))


def _pupil_row(
    session: Any, index: PupilIndex, school_id: int | None, values: dict[str, str], now: Any
) -> str | tuple[str, int]:
    """Create or update one pupil; a Dutch reason when the row is refused."""
    number = values.get("pupil_number", "")[:32]
    raw_bsn = values.get("bsn", "")
    bsn = None
    if raw_bsn:
        bsn, err = check_bsn(bsn_key(raw_bsn))
        if err:
            return f"BSN '{short(raw_bsn)}': {err}"
    if not number and not bsn:
        return "geen leerlingnummer of BSN"
    first, last = person_name(values)
    if not last:
        return "geen achternaam"
    try:
        birth = read_date(values.get("birth_date", ""))
    except ValueError as exc:
        return f"geboortedatum: {exc}"
    if birth > now or not MIN_AGE <= age_on(birth, now) <= MAX_AGE:
        return f"geboortedatum {birth:%d-%m-%Y}: een leerling is tussen {MIN_AGE} en {MAX_AGE} jaar"
    fields: dict[str, Any] = {
        "first_name": first[:100] or "?",
        "last_name": last[:150],
        "birth_date": birth,
    }
    for key, limit in _TEXT_FIELDS.items():
        if values.get(key):
            fields[key] = values[key][:limit]
    for key, check in (
        ("postcode", check_postcode),
        ("parent_phone", check_phone),
        ("parent_email", check_email),
    ):
        if values.get(key):
            value, err = check(values[key])
            if err:
                return f"{key.replace('_', ' ')} '{short(values[key])}': {err}"
            fields[key] = value
    if bsn:
        fields["bsn"] = bsn
    pupil_id = index.find(number, bsn or "")
    if pupil_id is None:
        if bsn and bsn in index.by_bsn:
            return "dit BSN hoort bij een andere leerling"
        enrolled = None
        if values.get("enrolled_on"):
            try:
                enrolled = read_date(values["enrolled_on"])
            except ValueError as exc:
                return f"inschrijfdatum: {exc}"
        pupil = Pupil(school_id=school_id, **fields)
        session.add(pupil)
        session.flush()
        if school_id is not None:
            start = enrolled or min(leerplicht_start(birth), now)
            session.add(Enrolment(pupil_id=pupil.id, school_id=school_id, start=max(start, birth)))
            if number:
                session.add(
                    PupilSchoolNumber(pupil_id=pupil.id, school_id=school_id, number=number)
                )
                index.by_number[number] = pupil.id
        if bsn:
            index.by_bsn[bsn] = pupil.id
        return "new", pupil.id
    pupil = session.get(Pupil, pupil_id)
    if bsn and index.by_bsn.get(bsn, pupil_id) != pupil_id:
        return "dit BSN hoort bij een andere leerling"
    changed = False
    for key, value in fields.items():
        if getattr(pupil, key) != value:
            setattr(pupil, key, value)
            changed = True
    if number and school_id is not None and number not in index.by_number:
        session.add(PupilSchoolNumber(pupil_id=pupil_id, school_id=school_id, number=number))
        index.by_number[number] = pupil_id
        changed = True
    return ("updated" if changed else "same"), pupil_id


def import_schools(
    desk: Desk, path: Path | str, mapping: Mapping, **options: Unpack[ImportOptions]
) -> ImportReport:
    """Import a school list (matched on BRIN); returns the report."""
    run = ImportRun(desk, path, mapping, options)
    report, table = run.report, run.table
    with desk.case_base.transaction(desk.user) as session:
        schools = {(s.brin or "").upper(): s for s in session.scalars(select(School))}
        for line, cells in table.rows_with_progress():
            report.rows_read += 1
            run.ticker.tick(table.read_fraction(), f"Scholen lezen… {report.rows_read}")
            fields = _school_fields(run.values(cells))
            if isinstance(fields, str):
                report.refuse(line, fields)
                continue
            school = schools.get(fields["brin"])
            if school is None:
                school = School(
                    goede_vrijdag_free=False,
                    bevrijdingsdag_free=False,
                    explicit_calendar=False,
                    **{"sector": "VO", "vacation_region": desk.region.vacation_region, **fields},
                )
                session.add(school)
                schools[fields["brin"]] = school
                report.imported += 1
                continue
            changed = False
            for key, value in fields.items():
                if getattr(school, key) != value:
                    setattr(school, key, value)
                    changed = True
            if changed:
                report.updated += 1
            else:
                report.unchanged += 1
        if run.dry_run:
            return run.dry_run_end(session)
    return run.committed("school")


def _school_fields(values: dict[str, str]) -> dict[str, Any] | str:
    """A school row's columns, checked; a Dutch reason when refused."""
    from decimal import Decimal

    brin = values.get("brin", "").upper().replace(" ", "")
    if not (4 <= len(brin) <= 8 and brin.isalnum()):
        return f"BRIN '{short(values.get('brin', ''))}' is geen BRIN-code (bijv. 12AB00)"
    name = " ".join(values.get("name", "").split())
    if not name:
        return "geen naam"
    fields: dict[str, Any] = {"brin": brin, "name": name[:200]}
    if values.get("sector"):
        sector = _SECTORS.get(normalise(values["sector"]))
        if sector is None:
            return f"sector '{short(values['sector'])}' is niet PO, VO of MBO"
        fields["sector"] = sector
    if values.get("vacation_region"):
        region = normalise(values["vacation_region"])
        if region not in _REGIONS:
            return (
                f"vakantieregio '{short(values['vacation_region'])}' is niet noord, midden of zuid"
            )
        fields["vacation_region"] = region
    if values.get("day_hours"):
        try:
            hours = read_number(values["day_hours"])
        except ValueError as exc:
            return f"lesuren per dag: {exc}"
        if not 1 <= hours <= 12:
            return "lesuren per dag ligt niet tussen 1 en 12"
        fields["day_hours"] = Decimal(str(round(hours, 2)))
    for key, limit in (("municipality", 100), ("contact_name", 200)):
        if values.get(key):
            fields[key] = values[key][:limit]
    for key, check in (("contact_phone", check_phone), ("contact_email", check_email)):
        if values.get(key):
            value, err = check(values[key])
            if err:
                return f"{key.replace('_', ' ')} '{short(values[key])}': {err}"
            fields[key] = value
    return fields
