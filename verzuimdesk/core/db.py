"""Opening, creating and upgrading a case base.

A case base is a SQLAlchemy database: a SQLite file (WAL, foreign keys on,
``synchronous=FULL``) by default, or a PostgreSQL database for shared use. Both use
the same models and the same Alembic migrations (``verzuimdesk/core/migrations``).

Every failure a user can cause (a file that is not a database, a locked file, a
case base from a newer app version, a missing regional plugin) raises a
:class:`CaseBaseError` whose ``message`` is Dutch and fit to show as-is; nothing
is overwritten on failure.

Safety (issue 11, ``docs/safety.md``): an existing SQLite file is first looked at
read-only (:mod:`verzuimdesk.core.case_base_file`: header, ``quick_check``, is it a
case base at all) so a refused file is never changed; a read-only file is opened
read-only and says why; an upgrade runs in one transaction after a verified backup
that never overwrites an earlier one; engines never put statement parameters (names,
BSN) into error texts (``hide_parameters``).
"""

from __future__ import annotations

import datetime as dt
import logging
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
    encryption,
    models_round,  # noqa: F401  (its tables join Base.metadata)
)
from verzuimdesk.core import backup as backups
from verzuimdesk.core.case_base_file import (
    EncryptedFile,
    FileProblem,
    check_existing,
    create_private_file,
    private_folder,
)
from verzuimdesk.core.models import CaseBaseSetting

log = logging.getLogger(__name__)

#: Settings keys stored in ``case_base_setting``.
REGION_KEY = "region_id"
CREATED_KEY = "created_on"
#: Present (value ``ja``) in a synthetic demo case base.
DEMO_KEY = "demo"

#: How long SQLite waits for another writer before reporting the file as locked.
SQLITE_BUSY_TIMEOUT_S = 5.0


class CaseBaseError(Exception):
    """A case base cannot be opened or created; ``message`` is Dutch, for the user.

    ``latest_backup`` is set when the file is damaged and a verified backup exists:
    the start dialog offers to restore it.
    """

    def __init__(
        self,
        message: str,
        latest_backup: Path | None = None,
        case_base_path: Path | None = None,
        *,
        encrypted_path: Path | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.latest_backup = latest_backup
        #: The damaged file the backup would replace (with ``latest_backup``).
        self.case_base_path = case_base_path
        #: An encrypted case base that needs its passphrase (none given, or a wrong one).
        self.encrypted_path = encrypted_path


#: The message for a wrong passphrase of an encrypted case base.
WRONG_PASSPHRASE = (
    "Het wachtwoord van het versleutelde casusbestand ‘{path}’ klopt niet. Probeer het "
    "opnieuw; zonder het juiste wachtwoord is het bestand niet te openen."
)


def is_encrypted_url(url: str) -> bool:
    """True for the URL of a SQLCipher case base (``sqlite+pysqlcipher://``)."""
    return make_url(url).get_driver_name() == "pysqlcipher"


class ReadOnlyCaseBase(CaseBaseError):
    """A save on a case base that was opened read-only (Dutch message with the reason)."""


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
    """Turn on WAL, foreign keys and full syncing for every new SQLite connection.

    ``synchronous=FULL``: with NORMAL, WAL mode can lose the last commits on power loss.
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _set_read_only_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    """A read-only connection: foreign keys on, no journal change, no writes at all."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA query_only=ON")
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


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """Create an engine for ``url`` with VerzuimDesk's connection settings.

    Statement parameters never appear in error texts (``hide_parameters``): they hold
    names and BSNs. ``read_only`` opens a SQLite file with ``mode=ro``.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise CaseBaseError("Dit is geen geldig databaseadres.") from exc
    if parsed.get_backend_name() == "sqlite":
        connect_args: dict[str, object] = {"timeout": SQLITE_BUSY_TIMEOUT_S}
        path = _sqlite_path(url)
        if read_only and path is not None:
            url = f"sqlite:///{path.resolve().as_uri()}?mode=ro&uri=true"
        engine = create_engine(url, connect_args=connect_args, hide_parameters=True)
        event.listen(
            engine, "connect", _set_read_only_pragmas if read_only else _set_sqlite_pragmas
        )
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


@dataclass
class CaseBase:
    """An open case base: its engine, session factory, region and location."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    region_id: str
    backup_path: Path | None = None
    #: Why the case base was opened read-only (Dutch), or None when saves are allowed.
    read_only_reason: str | None = None

    @contextmanager
    def transaction(self, user: str = "onbekend") -> Iterator[Session]:
        """Yield a session in one transaction: committed on success, rolled back on error.

        One user action is one transaction; ``user`` is written to the audit trail.
        A read-only case base raises :class:`ReadOnlyCaseBase` on the first change.
        """
        with self.sessions.begin() as session:
            session.info["user"] = user
            yield session

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return _sqlite_path(self.url)

    @property
    def encrypted(self) -> bool:
        """True for an encrypted (SQLCipher) case base: backups need its key, no file checks."""
        return is_encrypted_url(self.url)

    @property
    def read_only_message(self) -> str | None:
        """The Dutch sentence shown when saving is not possible, or None."""
        if self.read_only_reason is None:
            return None
        return (
            f"Dit casusbestand is alleen-lezen geopend: {self.read_only_reason}. U kunt "
            "gegevens bekijken maar niets opslaan."
        )

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
    if "malformed" in text or "corrupt" in text or "disk image" in text:
        return CaseBaseError(f"‘{where}’ is beschadigd of onvolledig. {_DAMAGED_ADVICE}")
    # The driver's own text may quote data: it goes to the log, not to the user.
    log.error("database %s niet geopend: %s", type(exc).__name__, _driver_code(exc))
    return CaseBaseError(
        f"De database ‘{where}’ kan niet worden geopend. De details staan in het logbestand."
    )


def _driver_code(exc: Exception) -> str:
    """The driver's error class and code, without the message (which may quote data)."""
    orig = getattr(exc, "orig", None)
    code = getattr(orig, "sqlstate", None) or getattr(orig, "sqlite_errorname", None)
    return f"{type(orig).__name__ if orig else type(exc).__name__} {code or ''}".strip()


_DAMAGED_ADVICE = (
    "Zet de laatste reservekopie terug (‘verzuimdesk restore BESTAND’) of kies een ander bestand."
)


def _session_factory(engine: Engine, read_only_reason: str | None = None) -> sessionmaker[Session]:
    """Return an audited session factory for ``engine`` (refusing changes when read-only)."""
    factory = sessionmaker(engine, expire_on_commit=False)
    audit.install(factory)
    if read_only_reason is not None:
        message = (
            f"Dit casusbestand is alleen-lezen geopend ({read_only_reason}); de wijziging is "
            "niet opgeslagen."
        )

        @event.listens_for(factory, "before_flush")
        def _refuse(session: Session, _context: object, _instances: object) -> None:
            if session.new or session.dirty or session.deleted:
                raise ReadOnlyCaseBase(message)

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
        private_folder(path.parent)
        # 0600 before SQLite opens it: its -wal and -shm files get the same mode.
        create_private_file(path)
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

    A SQLite file is first checked without changing it (see the module docstring).
    Before upgrading it is copied, verified, to a new backup beside it
    (``<name>.voor-upgrade-<revision>.sqlite``; an existing backup is never
    overwritten) and to the backup folder. A case base written by a newer app
    version is refused, untouched; an upgrade that fails leaves the old schema.
    """
    path = _sqlite_path(url)
    read_only_reason: str | None = None
    encrypted = is_encrypted_url(url)
    if path is not None:
        read_only_reason = _check_file(path, encrypted=encrypted)
        if read_only_reason is None:
            # Files an older version created 0644 become 0600 (issue 11); accepted files only.
            tightened = backups.tighten_files(path)
            if tightened:
                log.info("Rechten van %d bestand(en) van het casusbestand beperkt", len(tightened))
    from verzuimdesk.core import migrate  # imported lazily; see schema_state's fast path

    engine = make_engine(url, read_only=read_only_reason is not None)
    if encrypted and path is not None:
        _check_passphrase(engine, path)
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
            if read_only_reason is not None:
                raise CaseBaseError(
                    "Dit casusbestand moet worden bijgewerkt naar deze versie van VerzuimDesk, "
                    f"maar {read_only_reason}. Maak het beschrijfbaar en open het opnieuw."
                )
            if path is not None:
                engine.dispose()
                key = encryption.passphrase(url) if encrypted else None
                backup = _backup_before_upgrade(path, state.current, key=key)
            _upgrade(engine, url, backup)
        region = _read_region(engine)
        if not region:
            raise CaseBaseError("Dit casusbestand heeft geen regio; het is onvolledig.")
    return CaseBase(
        url,
        engine,
        _session_factory(engine, read_only_reason),
        region,
        backup,
        read_only_reason,
    )


def _check_passphrase(engine: Engine, path: Path) -> None:
    """Read the schema of an encrypted case base: a wrong passphrase is a Dutch message that
    lets the desk ask again (``encrypted_path``); nothing is written."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except (OperationalError, DatabaseError) as exc:
        engine.dispose()
        if "not a database" in str(exc).lower() or "encrypted" in str(exc).lower():
            raise CaseBaseError(WRONG_PASSPHRASE.format(path=path), encrypted_path=path) from None
        raise _translate(exc, str(engine.url)) from exc


def _check_file(path: Path, *, encrypted: bool = False) -> str | None:
    """Check an existing SQLite file untouched; return why it is read-only, or None."""
    try:
        state = check_existing(path, timeout=SQLITE_BUSY_TIMEOUT_S, encrypted=encrypted)
        return state.read_only_reason
    except EncryptedFile as exc:
        raise CaseBaseError(exc.message, encrypted_path=path) from exc
    except FileProblem as exc:
        newest = backups.latest(path) if exc.damaged else None
        message = exc.message
        if newest is not None:
            message += f" De laatste reservekopie is van {newest.made:%d-%m-%Y %H:%M}."
        raise CaseBaseError(message, newest.path if newest else None, path) from exc


def _backup_before_upgrade(path: Path, revision: str | None, *, key: str | None = None) -> Path:
    """Make the verified pre-upgrade backups; return the one beside the file.

    ``key``: the passphrase of an encrypted case base; both copies are encrypted with it.
    """
    try:
        beside = backups.copy_verified(
            path,
            path.with_name(f"{path.stem}.voor-upgrade-{revision}{path.suffix}"),
            timeout=SQLITE_BUSY_TIMEOUT_S,
            key=key,
        )
        backups.register_copy(path, beside, f"voor-upgrade-{revision}", key=key)
    except (backups.BackupError, OSError) as exc:
        raise CaseBaseError(
            "Voor het bijwerken van het casusbestand kon geen reservekopie worden gemaakt; "
            "het is daarom niet bijgewerkt en ongewijzigd. Controleer of er schijfruimte is "
            "en of de map beschrijfbaar is."
        ) from exc
    return beside


def _upgrade(engine: Engine, url: str, backup: Path | None) -> None:
    """Run the upgrade; a failure rolls all of it back and becomes one Dutch message."""
    from verzuimdesk.core import migrate

    try:
        migrate.upgrade(engine)
    except (OperationalError, DatabaseError) as exc:
        translated = _translate(exc, url)
        if "in gebruik" in translated.message:
            raise translated from exc
        failure: Exception = exc
    except Exception as exc:  # a migration's own error: rolled back as a whole
        failure = exc
    else:
        return
    log.error("bijwerken mislukt (%s); teruggedraaid", type(failure).__name__)
    where = f" Een reservekopie van vóór het bijwerken staat in ‘{backup}’." if backup else ""
    raise CaseBaseError(
        "Het casusbestand kon niet worden bijgewerkt naar deze versie van VerzuimDesk. Het "
        f"is ongewijzigd gebleven en kan met de vorige versie nog worden geopend.{where} "
        "Meld dit bij uw beheerder; de details staan in het logbestand."
    ) from failure


def read_setting(case_base: CaseBase, key: str) -> str | None:
    """Return one case base setting (None when unset)."""
    with case_base.sessions() as session:
        return session.scalar(select(CaseBaseSetting.value).where(CaseBaseSetting.key == key))
