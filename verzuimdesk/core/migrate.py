"""Schema creation and upgrades through the Alembic migrations shipped in the package.

New case base: ``create_all`` then ``stamp head`` (Alembic cookbook, "building
an up-to-date database"). Existing case base: ``upgrade head``. SQLite uses
batch mode (set in ``migrations/env.py``), so ALTERs work on both SQLite and
PostgreSQL.

Every upgrade runs in one transaction, on SQLite too (see :func:`_migration_engine`):
an upgrade that fails or is killed half-way leaves the old schema, whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.pool import NullPool

from verzuimdesk.core import models_round  # noqa: F401  (its tables join Base.metadata)
from verzuimdesk.core.models import Base

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    """Return an Alembic config pointing at the packaged migrations (no ini file needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def known_revisions() -> list[str]:
    """Return every revision id this app knows, oldest first.

    Read from the file names (``NNNN_description.py``, revision id ``NNNN``, each
    revising the one before) so that opening an up-to-date case base never has to
    import Alembic; a test checks that Alembic sees the same chain.
    """
    return sorted(
        path.name.split("_", 1)[0] for path in (MIGRATIONS_DIR / "versions").glob("[0-9]*_*.py")
    )


def head_revision() -> str:
    """Return the newest schema revision this app knows."""
    return known_revisions()[-1]


@dataclass(frozen=True)
class SchemaState:
    """Where a database's schema stands relative to the app."""

    current: str | None
    is_case_base: bool
    needs_upgrade: bool
    newer_than_app: bool


def schema_state(engine: Engine) -> SchemaState:
    """Inspect ``engine``'s database: its revision and whether it needs an upgrade."""
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        current = None
        if "alembic_version" in tables:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if current is None:
        return SchemaState(None, False, False, False)
    known = known_revisions()
    if current not in known:
        return SchemaState(current, True, False, True)
    return SchemaState(
        current, "case_base_setting" in tables or current != known[-1], current != known[-1], False
    )


class ReferenceCheckFailed(RuntimeError):
    """A migration left rows pointing at records that no longer exist (rolled back)."""


def _migration_engine(engine: Engine) -> Engine:
    """A one-connection SQLite engine on ``engine``'s file where DDL is transactional.

    Python's ``sqlite3`` only opens a transaction before DML, so ``ALTER TABLE`` would
    commit on its own. This is the pysqlite workaround SQLAlchemy documents
    ("Serializable isolation / Savepoints / Transactional DDL"): the driver's own
    transaction handling is switched off (``isolation_level = None``) and SQLAlchemy's
    ``begin`` emits ``BEGIN IMMEDIATE`` itself, which also keeps other writers out
    for the duration of the upgrade. Foreign keys are off (set before the
    transaction, where the pragma takes effect) so a batch-mode table rebuild cannot
    cascade into the rows that refer to the rebuilt table.
    """
    migration_engine = create_engine(
        engine.url,
        poolclass=NullPool,
        hide_parameters=True,
        connect_args={"timeout": 30.0},
    )

    @event.listens_for(migration_engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(migration_engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return migration_engine


def _run(
    engine: Engine,
    action: str,
    revision: str = "head",
    before: Callable[[Connection], None] | None = None,
) -> None:
    """Run an Alembic command (and ``before``) in ONE transaction: all of it or nothing."""
    from alembic import command

    config = alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    on_file = sqlite and engine.url.database not in (None, "", ":memory:")
    # An in-memory database exists only on the engine's own connection.
    runner = _migration_engine(engine) if on_file else engine
    try:
        with runner.connect() as connection, connection.begin():
            if before is not None:
                before(connection)
            config.attributes["connection"] = connection
            getattr(command, action)(config, revision)
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                raise ReferenceCheckFailed(f"{action} {revision} left rows with a broken reference")
    finally:
        if runner is not engine:
            runner.dispose()


def create_schema(engine: Engine) -> None:
    """Create every table of the current schema on an empty database and stamp it."""
    _run(engine, "stamp", before=lambda connection: Base.metadata.create_all(connection))


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to ``revision`` (default: the newest)."""
    _run(engine, "upgrade", revision)
