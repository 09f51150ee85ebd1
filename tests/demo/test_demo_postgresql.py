"""The demo on PostgreSQL (issues 11 and 15): bulk COPY, sequences set, statistics fresh."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, func, select, text

from verzuimdesk.core import db
from verzuimdesk.core.bulk_write import analyze
from verzuimdesk.core.demo import generate_demo
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.models import AbsenceRecord, Case, Pupil
from verzuimdesk.core.services import cases, pupils
from verzuimdesk.plugins.manager import create_plugin_manager

pytestmark = pytest.mark.postgresql
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    """The installed regional plugins (Den Haag is needed)."""
    registry = create_plugin_manager()
    if "den_haag" not in {region.id for region in registry.regions()}:
        pytest.skip("plug-in den_haag is niet geïnstalleerd")
    return registry


def test_new_cases_and_pupils_after_a_postgresql_demo(registry, postgres_url: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 11: the demo wrote explicit ids, the sequences stayed behind, and the first
    new cases failed with a duplicate key. Now the next ids follow the demo's."""
    summary = generate_demo(postgres_url, "den_haag", pupils=300, registry=registry, today=TODAY)
    case_base = db.open_case_base(postgres_url)
    desk = Desk(case_base, registry, user="t", today=TODAY)
    with case_base.sessions() as session:
        without_case = session.scalars(
            select(Pupil.id)
            .where(~Pupil.id.in_(select(Case.pupil_id).where(Case.closed_on.is_(None))))
            .order_by(Pupil.id)
            .limit(3)
        ).all()
        highest = session.scalar(select(func.max(Case.id)))
    assert highest == summary.open_cases + summary.closed_cases
    new_ids = [cases.open_case(desk, pupil_id) for pupil_id in without_case]
    assert new_ids == [highest + 1, highest + 2, highest + 3]
    pupil_id = pupils.create_pupil(
        desk, pupils.PupilData("Nieuw", "Kind", dt.date(2013, 3, 4), school_id=1)
    )
    assert pupil_id == 301
    case_base.close()


def test_the_demo_leaves_planner_statistics(registry, postgres_url: str) -> None:  # type: ignore[no-untyped-def]
    """ANALYZE ran: the planner knows the tables' sizes (no 641 ms nested loop at start)."""
    summary = generate_demo(postgres_url, "den_haag", pupils=200, registry=registry, today=TODAY)
    engine = create_engine(postgres_url)
    with engine.connect() as conn:
        analysed = conn.execute(
            text(
                "SELECT relname FROM pg_stat_user_tables "
                "WHERE last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL"
            )
        ).scalars()
        assert {"absence_record", "pupil", "case", "deadline"} <= set(analysed)
        estimate = conn.execute(
            text("SELECT reltuples FROM pg_class WHERE relname = 'absence_record'")
        ).scalar()
        count = conn.execute(select(func.count()).select_from(AbsenceRecord)).scalar()
    assert count == summary.records
    assert estimate == pytest.approx(count, rel=0.01)
    analyze(engine)  # callable again by others (import, restore)
    engine.dispose()
