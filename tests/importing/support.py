"""Helpers of the import tests: the sample files, the schools and pupils they need."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select

from verzuimdesk.core.importing import Mapping, guess_mapping, open_table, run_import
from verzuimdesk.core.models import AbsenceRecord, Pupil, School

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "import"


def mapping_for(name: str, target: str, desk: Any = None, brin: str | None = None) -> Mapping:
    """The mapping the wizard proposes for a sample, with the school of ``brin``."""
    mapping = guess_mapping(open_table(SAMPLES / name).header, target)
    if brin is not None:
        mapping.school_id = school_id(desk, brin)
    return mapping


def school_id(desk: Any, brin: str) -> int:
    """The id of the school with this BRIN."""
    with desk.case_base.sessions() as session:
        found = session.scalar(select(School.id).where(School.brin == brin))
    assert found is not None, brin
    return found


def with_schools_and_pupils(desk: Any) -> None:
    """Import the sample school list and the Magister and ParnasSys pupil lists."""
    run_import(desk, SAMPLES / "scholen.csv", mapping_for("scholen.csv", "schools"))
    run_import(
        desk,
        SAMPLES / "magister_leerlingen.csv",
        mapping_for("magister_leerlingen.csv", "pupils", desk, "12AB00"),
    )
    run_import(
        desk,
        SAMPLES / "parnassys_leerlingen.csv",
        mapping_for("parnassys_leerlingen.csv", "pupils", desk, "34CD00"),
    )


def records(desk: Any) -> dict[tuple[str, dt.date, str], float]:
    """Every absence record as (pupil's last name, date, kind) -> hours."""
    with desk.case_base.sessions() as session:
        rows = session.execute(
            select(
                Pupil.last_name, AbsenceRecord.date, AbsenceRecord.kind, AbsenceRecord.hours
            ).join(Pupil, Pupil.id == AbsenceRecord.pupil_id)
        ).all()
    return {(last, date, kind): round(float(hours), 4) for last, date, kind, hours in rows}


def table_counts(desk: Any) -> dict[str, int]:
    """Row counts of every table (to show an import changed nothing)."""
    from sqlalchemy import func

    from verzuimdesk.core.models import Base

    out = {}
    with desk.case_base.sessions() as session:
        for table in Base.metadata.sorted_tables:
            out[table.name] = session.scalar(select(func.count()).select_from(table)) or 0
    return out
