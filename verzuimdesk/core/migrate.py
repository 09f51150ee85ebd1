"""Schema creation and upgrades through the Alembic migrations shipped in the package.

New case base: ``create_all`` then ``stamp head`` (Alembic cookbook, "building
an up-to-date database"). Existing case base: ``upgrade head``. SQLite uses
batch mode (set in ``migrations/env.py``), so ALTERs work on both SQLite and
PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from verzuimdesk.core.models import Base

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    """Return an Alembic config pointing at the packaged migrations (no ini file needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """Return the newest schema revision this app knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> list[str]:
    """Return every revision id this app knows, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


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
        current = MigrationContext.configure(connection).get_current_revision()
        tables = set(inspect(connection).get_table_names())
    if current is None:
        return SchemaState(None, False, False, False)
    known = known_revisions()
    if current not in known:
        return SchemaState(current, True, False, True)
    return SchemaState(
        current, "case_base_setting" in tables or current != known[-1], current != known[-1], False
    )


def _run(engine: Engine, action: str, revision: str = "head") -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)


def create_schema(engine: Engine) -> None:
    """Create every table of the current schema on an empty database and stamp it."""
    Base.metadata.create_all(engine)
    _run(engine, "stamp")


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to ``revision`` (default: the newest)."""
    _run(engine, "upgrade", revision)
