"""Finding 2 of issue 11: a table rebuild during an upgrade keeps every row that refers to it.

SQLite's batch mode rebuilds ``case`` by copy, drop and rename; with foreign keys on,
the drop would cascade-delete the case's events, deadlines and role assignments.
Migrations run with foreign keys off and ``PRAGMA foreign_key_check`` after.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tests.trust.upgrade_support import REBUILD_CASE, scripts_with_test_migration
from verzuimdesk.core import db, migrate
from verzuimdesk.core.models import (
    Case,
    CaseEvent,
    Deadline,
    Person,
    Pupil,
    RoleAssignment,
    School,
)

D = dt.date


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in ("case", "case_event", "deadline", "role_assignment")
        }
    finally:
        conn.close()


def test_rebuilding_the_case_table_keeps_events_deadlines_and_roles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade that rebuilds ``case``, every row pointing at a case is still there."""
    path = tmp_path / "casusbestand.sqlite"
    case_base = db.create_case_base(db.sqlite_url(path), "den_haag")
    with case_base.transaction("t") as session:
        school = School(name="Het Lyceum", sector="VO", vacation_region="midden")
        pupil = Pupil(first_name="Sam", last_name="Jansen", birth_date=D(2011, 5, 1), school=school)
        person = Person(name="Anna de Vries")
        case = Case(number="2024-001", pupil=pupil, opened_on=D(2024, 11, 4), stage_id="start")
        case.events.append(CaseEvent(occurred_on=D(2024, 11, 4), kind="note", text="gesprek"))
        case.deadlines.append(Deadline(due_on=D(2024, 11, 18), what="Gesprek plannen"))
        case.roles.append(RoleAssignment(person=person, role_id="lpa", since=D(2024, 11, 4)))
        session.add_all([school, pupil, person, case])
    case_base.close()
    before = _counts(path)
    assert before == {"case": 1, "case_event": 1, "deadline": 1, "role_assignment": 1}

    scripts = scripts_with_test_migration(tmp_path / "scripts", REBUILD_CASE)
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
    reopened = db.open_case_base(db.sqlite_url(path))
    with reopened.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # back on for work
    reopened.close()

    assert migrate.head_revision() == "0099"
    conn = sqlite3.connect(path)
    columns = [row[1] for row in conn.execute('PRAGMA table_info("case")')]
    conn.close()
    assert "rebuilt" in columns  # the table really was rebuilt
    assert _counts(path) == before
