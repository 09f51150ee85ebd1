"""Creating, opening and upgrading a case base, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text

from verzuimdesk.core import db, migrate
from verzuimdesk.core.models import AuditEntry, Base, CaseBaseSetting, Pupil, School


def test_new_case_base_remembers_its_region(empty_db_url: str) -> None:
    """A new case base belongs to the region chosen at creation, also after reopening."""
    created = db.create_case_base(empty_db_url, "kennemerland")
    created.close()
    reopened = db.open_case_base(empty_db_url)
    assert reopened.region_id == "kennemerland"
    reopened.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    """The embedded case base uses WAL and enforces foreign keys."""
    case_base = db.create_case_base(db.sqlite_url(tmp_path / "c.sqlite"), "den_haag")
    with case_base.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    with pytest.raises(Exception, match="FOREIGN KEY"), case_base.transaction("t") as session:
        session.add(
            Pupil(first_name="A", last_name="B", birth_date=dt.date(2012, 1, 1), school_id=999)
        )
    case_base.close()


def test_a_failed_action_leaves_nothing_behind(empty_db_url: str) -> None:
    """One user action is one transaction: an error rolls back all of it."""
    case_base = db.create_case_base(empty_db_url, "den_haag")
    with pytest.raises(RuntimeError), case_base.transaction("t") as session:
        session.add(School(name="Het Lyceum", sector="VO", vacation_region="midden"))
        session.flush()
        raise RuntimeError("stroom uitgevallen")
    with case_base.sessions() as session:
        assert session.scalars(select(School)).all() == []
    case_base.close()


def test_every_change_is_in_the_audit_trail(empty_db_url: str) -> None:
    """Who changed which record, with before and after, for inserts, updates and deletes."""
    case_base = db.create_case_base(empty_db_url, "den_haag")
    with case_base.transaction("anna") as session:
        session.add(School(name="Het Lyceum", sector="VO", vacation_region="midden"))
    with case_base.transaction("bram") as session:
        session.scalars(select(School)).one().name = "Het Stedelijk Lyceum"
    with case_base.transaction("carla") as session:
        session.delete(session.scalars(select(School)).one())
    with case_base.sessions() as session:
        trail = [
            (a.user, a.action, a.table_name, a.before, a.after)
            for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]
    assert [row[:3] for row in trail] == [
        ("anna", "insert", "school"),
        ("bram", "update", "school"),
        ("carla", "delete", "school"),
    ]
    assert trail[1][3] == {"name": "Het Lyceum"} and trail[1][4] == {"name": "Het Stedelijk Lyceum"}
    assert trail[2][3]["name"] == "Het Stedelijk Lyceum"
    case_base.close()


def test_migrations_build_exactly_the_models(empty_db_url: str) -> None:
    """Upgrading an empty database through every migration gives the models' schema."""
    engine = db.make_engine(empty_db_url)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    engine.dispose()


@pytest.mark.parametrize("revision", migrate.known_revisions()[:-1])
def test_open_upgrades_every_older_revision_after_a_backup(tmp_path: Path, revision: str) -> None:
    """An older case base is upgraded on open, after a backup copy beside it."""
    path = tmp_path / "oud.sqlite"
    engine = db.make_engine(db.sqlite_url(path))
    migrate.upgrade(engine, revision)
    with engine.begin() as conn:
        conn.execute(
            CaseBaseSetting.__table__.insert(), [{"key": db.REGION_KEY, "value": "amsterdam"}]
        )
        conn.execute(
            School.__table__.insert(),
            [
                {
                    "name": "Het Lyceum",
                    "sector": "VO",
                    "vacation_region": "noord",
                    "goede_vrijdag_free": False,
                    "bevrijdingsdag_free": False,
                    "explicit_calendar": False,
                }
            ],
        )
    engine.dispose()
    case_base = db.open_case_base(db.sqlite_url(path))
    assert case_base.backup_path is not None and case_base.backup_path.exists()
    assert migrate.schema_state(case_base.engine).current == migrate.head_revision()
    with case_base.sessions() as session:
        assert session.scalars(select(School.name)).all() == ["Het Lyceum"]
    case_base.close()
    backup = sqlite3.connect(case_base.backup_path)
    assert backup.execute("select version_num from alembic_version").fetchone() == (revision,)
    backup.close()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    """Opening a text file says so in Dutch and leaves the file as it was."""
    path = tmp_path / "boodschappen.sqlite"
    path.write_text("melk, brood, kaas\n" * 200, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(db.CaseBaseError, match="geen VerzuimDesk-casusbestand"):
        db.open_case_base(db.sqlite_url(path))
    assert path.read_bytes() == before


def test_an_empty_database_is_not_a_case_base(tmp_path: Path) -> None:
    """Another program's SQLite database is refused with a Dutch message."""
    path = tmp_path / "ander.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("create table x (a int)")
    conn.close()
    with pytest.raises(db.CaseBaseError, match="geen VerzuimDesk-casusbestand"):
        db.open_case_base(db.sqlite_url(path))


def test_a_case_base_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    """A schema revision the app does not know means: update VerzuimDesk first."""
    path = tmp_path / "nieuw.sqlite"
    db.create_case_base(db.sqlite_url(path), "den_haag").close()
    conn = sqlite3.connect(path)
    conn.execute("update alembic_version set version_num = '9999_toekomst'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(db.CaseBaseError, match="nieuwere versie"):
        db.open_case_base(db.sqlite_url(path))
    assert path.read_bytes() == before
    assert list(tmp_path.glob("*voor-upgrade*")) == []


def test_a_locked_case_base_gets_a_dutch_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file another program holds exclusively is reported as in use, not as a crash."""
    path = tmp_path / "bezet.sqlite"
    db.create_case_base(db.sqlite_url(path), "den_haag").close()
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_S", 0.1)
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(db.CaseBaseError, match="in gebruik"):
            db.open_case_base(db.sqlite_url(path))
    finally:
        holder.rollback()
        holder.close()


def test_a_missing_file_and_an_existing_target_are_refused(tmp_path: Path) -> None:
    """Opening a file that is not there, or creating over one that is, never overwrites."""
    with pytest.raises(db.CaseBaseError, match="bestaat niet"):
        db.open_case_base(db.sqlite_url(tmp_path / "weg.sqlite"))
    target = tmp_path / "bestaand.sqlite"
    target.write_bytes(b"iets")
    with pytest.raises(db.CaseBaseError, match="bestaat al"):
        db.create_case_base(db.sqlite_url(target), "den_haag")
    assert target.read_bytes() == b"iets"


def test_every_table_exists_on_postgresql(postgres_url: str) -> None:
    """The shared case base gets the same tables from the same models."""
    case_base = db.create_case_base(postgres_url, "amsterdam")
    tables = set(inspect(case_base.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    case_base.close()


def test_an_empty_postgresql_database_becomes_a_shared_case_base(postgres_url: str) -> None:
    """The administrator's empty database is set up once with a region, then just opened."""
    import argparse

    from verzuimdesk.core import case_base_opening

    class _Registry:
        def region(self, region_id: str) -> object:
            return object()

    args = argparse.Namespace(demo=False, database=postgres_url, region=None, smoke=True)
    with pytest.raises(db.CaseBaseError, match="--region"):
        case_base_opening.open_requested(args, _Registry())
    args.region = "amsterdam"
    first = case_base_opening.open_requested(args, _Registry())
    first.close()
    args.region = None
    again = case_base_opening.open_requested(args, _Registry())
    assert again.region_id == "amsterdam"
    again.close()


def test_revision_file_names_match_alembics_chain() -> None:
    """The fast revision list (from file names) is the chain Alembic itself walks."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    chain = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert chain == migrate.known_revisions()
    assert script.get_current_head() == migrate.head_revision()
