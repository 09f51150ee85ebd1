"""Migration 0003 moves a pupil's single school/enrolment/exemption into dated rows."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from verzuimdesk.core import db, migrate
from verzuimdesk.core.models import Enrolment, Pupil, PupilExemption

D = dt.date


def test_upgrading_a_0002_case_base_moves_enrolment_and_exemption_into_rows(
    empty_db_url: str,
) -> None:
    engine = db.make_engine(empty_db_url)
    migrate.upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO school (id, name, sector, vacation_region, goede_vrijdag_free, "
                "bevrijdingsdag_free, explicit_calendar) "
                "VALUES (1, 'Het Lyceum', 'VO', 'noord', false, false, false)"
            )
        )
        pupils = [
            # (id, birth, school, from, until, exemption)
            (1, D(2010, 3, 14), 1, D(2022, 8, 29), None, None),
            (2, D(2011, 12, 5), 1, None, D(2024, 7, 31), "5b"),
            (3, D(2012, 6, 1), None, None, None, "5a"),
            (4, D(2012, 6, 1), None, None, None, None),
        ]
        for pid, birth, school, start, until, exemption in pupils:
            conn.execute(
                text(
                    "INSERT INTO pupil (id, first_name, last_name, birth_date, school_id, "
                    "enrolled_from, enrolled_until, exemption) "
                    "VALUES (:id, 'A', 'B', :birth, :school, :start, :until, :exemption)"
                ),
                dict(
                    id=pid,
                    birth=birth,
                    school=school,
                    start=start,
                    until=until,
                    exemption=exemption,
                ),
            )
        # Rows that point at the pupil survive the rebuild of its table (SQLite batch mode).
        conn.execute(
            text(
                "INSERT INTO absence_record (pupil_id, date, hours, kind) "
                "VALUES (1, :day, 6, 'ongeoorloofd')"
            ),
            dict(day=D(2024, 11, 4)),
        )
        conn.execute(
            text(
                'INSERT INTO "case" (number, pupil_id, opened_on, stage_id, actions_done, '
                "checklists) VALUES ('2024-001', 1, :day, 'start', '[]', '{}')"
            ),
            dict(day=D(2024, 11, 4)),
        )
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM absence_record")).scalar() == 1
        assert conn.execute(text('SELECT count(*) FROM "case"')).scalar() == 1
    try:
        with Session(engine) as session:
            enrolments = session.execute(
                select(
                    Enrolment.pupil_id, Enrolment.school_id, Enrolment.start, Enrolment.end
                ).order_by(Enrolment.pupil_id)
            ).all()
            exemptions = session.execute(
                select(PupilExemption.pupil_id, PupilExemption.kind, PupilExemption.start).order_by(
                    PupilExemption.pupil_id
                )
            ).all()
            school_ids = dict(session.execute(select(Pupil.id, Pupil.school_id)).all())
    finally:
        engine.dispose()
    assert enrolments == [
        (1, 1, D(2022, 8, 29), None),
        # No enrolled_from: from the start of leerplicht, so no false B3 history.
        (2, 1, D(2017, 1, 1), D(2024, 7, 31)),
    ]
    assert exemptions == [(2, "5b", D(2017, 1, 1)), (3, "5a", D(2017, 7, 1))]
    assert school_ids == {1: 1, 2: 1, 3: None, 4: None}  # the current school stays
