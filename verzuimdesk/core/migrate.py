"""Schema creation and upgrades through the Alembic migrations shipped in the package.

New case base: ``create_all`` then ``stamp head`` (Alembic cookbook, "building
an up-to-date database"). Existing case base: ``upgrade head``. SQLite uses
batch mode (set in ``migrations/env.py``), so ALTERs work on both SQLite and
PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

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


def _run(engine: Engine, action: str, revision: str = "head") -> None:
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a SQLite table by copy, drop and rename; with foreign keys
            # on, the drop would cascade into (or be refused by) the rows that point at it.
            # The pragma only takes effect outside a transaction, hence before begin().
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                getattr(command, action)(config, revision)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise RuntimeError(f"{action} {revision} left rows with a broken reference")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def create_schema(engine: Engine) -> None:
    """Create every table of the current schema on an empty database and stamp it."""
    Base.metadata.create_all(engine)
    _run(engine, "stamp")


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to ``revision`` (default: the newest)."""
    _run(engine, "upgrade", revision)
