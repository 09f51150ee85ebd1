"""Opening, creating and upgrading a case base.

A case base is a SQLAlchemy database: a SQLite file (WAL, foreign keys on) by
default, or a PostgreSQL database for shared use. Both use the same models and
the same Alembic migrations (``verzuimdesk/core/migrations``).

Every failure a user can cause (a file that is not a database, a locked file, a
case base from a newer app version, a missing regional plugin) raises a
:class:`CaseBaseError` whose ``message`` is Dutch and fit to show as-is; nothing
is overwritten on failure.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from verzuimdesk.core import (
    audit,
    models_round,  # noqa: F401  (its tables join Base.metadata)
)
from verzuimdesk.core.models import CaseBaseSetting

#: Settings keys stored in ``case_base_setting``.
REGION_KEY = "region_id"
CREATED_KEY = "created_on"
#: Present (value ``ja``) in a synthetic demo case base.
DEMO_KEY = "demo"

#: How long SQLite waits for another writer before reporting the file as locked.
SQLITE_BUSY_TIMEOUT_S = 5.0


class CaseBaseError(Exception):
    """A case base cannot be opened or created; ``message`` is Dutch, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def sqlite_url(path: Path | str) -> str:
    """Return the SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{Path(path)}"


def _sqlite_path(url: str) -> Path | None:
    """Return the file path of a SQLite URL, or None for other databases / memory."""
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database)


def _set_sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    """Turn on WAL and foreign keys for every new SQLite connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@contextmanager
def _disposed_on_failure(engine: Engine, url: str) -> Iterator[None]:
    """Close ``engine`` when creating or opening the case base fails.

    A database error becomes a :class:`CaseBaseError` with a Dutch message.
    """
    try:
        yield
    except CaseBaseError:
        engine.dispose()
        raise
    except (OperationalError, DatabaseError) as exc:
        engine.dispose()
        raise _translate(exc, url) from exc


def make_engine(url: str) -> Engine:
    """Create an engine for ``url`` with VerzuimDesk's connection settings."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise CaseBaseError(f"‘{url}’ is geen geldig databaseadres.") from exc
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


@dataclass
class CaseBase:
    """An open case base: its engine, session factory, region and location."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    region_id: str
    backup_path: Path | None = None

    @contextmanager
    def transaction(self, user: str = "onbekend") -> Iterator[Session]:
        """Yield a session in one transaction: committed on success, rolled back on error.

        One user action is one transaction; ``user`` is written to the audit trail.
        """
        with self.sessions.begin() as session:
            session.info["user"] = user
            yield session

    @property
    def display_name(self) -> str:
        """A short name of the location for title bars (file name or database name)."""
        path = _sqlite_path(self.url)
        if path is not None:
            return path.name
        return make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()


def _translate(exc: Exception, url: str) -> CaseBaseError:
    """Turn a driver error into a Dutch message."""
    text = str(exc).lower()
    where = _sqlite_path(url) or make_url(url).render_as_string(hide_password=True)
    if "file is not a database" in text or "file is encrypted" in text:
        return CaseBaseError(f"‘{where}’ is geen VerzuimDesk-casusbestand (geen database).")
    if "locked" in text or "busy" in text:
        return CaseBaseError(
            f"‘{where}’ is in gebruik door een ander programma of een andere gebruiker. "
            "Sluit dat eerst en probeer het opnieuw."
        )
    if "unable to open" in text or "readonly" in text or "read-only" in text:
        return CaseBaseError(f"‘{where}’ kan niet worden geopend of beschreven.")
    if "connection" in text or "could not connect" in text:
        return CaseBaseError(f"Geen verbinding met de database ‘{where}’.")
    return CaseBaseError(f"De database ‘{where}’ kan niet worden geopend: {exc}")


def _session_factory(engine: Engine) -> sessionmaker[Session]:
    """Return an audited session factory for ``engine``."""
    factory = sessionmaker(engine, expire_on_commit=False)
    audit.install(factory)
    return factory


def _read_region(engine: Engine) -> str | None:
    with Session(engine) as session:
        row = session.get(CaseBaseSetting, REGION_KEY)
        return row.value if row else None


def create_case_base(url: str, region_id: str, *, today: dt.date | None = None) -> CaseBase:
    """Create a new, empty case base for ``region_id`` at ``url``.

    Refuses to touch an existing case base: a non-empty SQLite file or a
    database that already has tables raises :class:`CaseBaseError`.
    """
    path = _sqlite_path(url)
    if path is not None:
        if path.exists() and path.stat().st_size > 0:
            raise CaseBaseError(f"‘{path}’ bestaat al; kies een nieuwe bestandsnaam.")
        path.parent.mkdir(parents=True, exist_ok=True)
    from verzuimdesk.core import migrate  # Alembic costs ~0.4 s: only when creating

    engine = make_engine(url)
    with _disposed_on_failure(engine, url):
        if inspect(engine).get_table_names():
            raise CaseBaseError("Deze database bevat al tabellen; kies een lege database.")
        migrate.create_schema(engine)
        with Session(engine) as session, session.begin():
            session.add(CaseBaseSetting(key=REGION_KEY, value=region_id))
            session.add(
                CaseBaseSetting(key=CREATED_KEY, value=(today or dt.date.today()).isoformat())
            )
    return CaseBase(url, engine, _session_factory(engine), region_id)


def is_empty_database(url: str) -> bool:
    """True for a server database without any table (never for a SQLite file).

    A SQLite path is new when the file does not exist; a server database must be
    created by its administrator and is then empty.
    """
    if make_url(url).get_backend_name() == "sqlite":
        return False
    engine = make_engine(url)
    try:
        return not inspect(engine).get_table_names()
    except (OperationalError, DatabaseError) as exc:
        raise _translate(exc, url) from exc
    finally:
        engine.dispose()


def open_case_base(url: str) -> CaseBase:
    """Open an existing case base, upgrading its schema when it is older than the app.

    Before upgrading a SQLite file it is copied to a backup beside it
    (``<name>.voor-upgrade-<revision>.sqlite``). A case base written by a newer
    app version is refused, untouched.
    """
    path = _sqlite_path(url)
    if path is not None and not path.exists():
        raise CaseBaseError(f"Het casusbestand ‘{path}’ bestaat niet.")
    from verzuimdesk.core import migrate  # imported lazily; see schema_state's fast path

    engine = make_engine(url)
    with _disposed_on_failure(engine, url):
        state = migrate.schema_state(engine)
        if state.newer_than_app:
            raise CaseBaseError(
                "Dit casusbestand is gemaakt met een nieuwere versie van VerzuimDesk "
                f"(schema {state.current}). Werk VerzuimDesk bij om het te openen."
            )
        if not state.is_case_base:
            raise CaseBaseError("Deze database is geen VerzuimDesk-casusbestand.")
        backup: Path | None = None
        if state.needs_upgrade:
            if path is not None:
                backup = path.with_name(f"{path.stem}.voor-upgrade-{state.current}{path.suffix}")
                engine.dispose()
                _copy_sqlite(path, backup)
            migrate.upgrade(engine)
        region = _read_region(engine)
        if not region:
            raise CaseBaseError("Dit casusbestand heeft geen regio; het is onvolledig.")
    return CaseBase(url, engine, _session_factory(engine), region, backup)


def _copy_sqlite(path: Path, backup: Path) -> None:
    """Copy a SQLite file (with its WAL, if any) to ``backup``."""
    shutil.copy2(path, backup)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            shutil.copy2(side, backup.with_name(backup.name + suffix))


def read_setting(case_base: CaseBase, key: str) -> str | None:
    """Return one case base setting (None when unset)."""
    with case_base.sessions() as session:
        return session.scalar(select(CaseBaseSetting.value).where(CaseBaseSetting.key == key))
