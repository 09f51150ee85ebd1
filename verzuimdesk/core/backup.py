"""Backups of a SQLite case base with SQLite's online backup API, and restoring one.

- A backup is a consistent copy made while the desk may be running
  (``sqlite3.Connection.backup``), written to a ``.deel`` file, checked with
  ``PRAGMA integrity_check`` and only then renamed to its final name: a backup that
  exists under its final name has passed the check. An existing file is never
  overwritten.
- Backups live in the folder ``Reservekopieën`` beside the case base, named
  ``<name>-<YYYYMMDD-HHMMSS>-<reason>.sqlite``; the newest :data:`GENERATIONS`
  are kept (older ones are removed only after a new one passed its check).
- :func:`restore` checks the backup first (a database, a VerzuimDesk case base,
  intact, not from a newer app), keeps the current file aside under a new name and
  then copies the backup into place with the same backup API.

An encrypted (SQLCipher) case base, which the online backup API cannot read without
its key, gets the same guarantees when the functions are given its passphrase (``key``):
the copy is made on a keyed ``sqlcipher3`` connection with SQLCipher's documented
``ATTACH … KEY …; SELECT sqlcipher_export('backup')`` in one read transaction (a
consistent snapshot), so the backup is encrypted with the same passphrase; it counts
only after it opened with that key and passed ``PRAGMA cipher_integrity_check`` and
``PRAGMA integrity_check``. The key travels as a bound parameter or a quoted pragma
value and never appears in a log line or an error text.

Pure Python (``sqlite3``, ``sqlcipher3`` for encrypted files); PostgreSQL case bases are
backed up with ``pg_dump`` (:mod:`verzuimdesk.commands.backup`).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from verzuimdesk.core.case_base_file import (
    FileProblem,
    check_existing,
    create_private_file,
    make_private,
    private_folder,
    tighten,
)

log = logging.getLogger(__name__)

#: How many backups of one case base are kept (the issue asks for at least 7).
GENERATIONS = 10
#: Name of the backup folder beside the case base.
FOLDER_NAME = "Reservekopieën"
#: A start-up backup is made when the newest backup is older than this.
START_INTERVAL = dt.timedelta(days=1)
_STAMP = "%Y%m%d-%H%M%S"


class BackupError(Exception):
    """A backup or restore could not be made; ``message`` is Dutch."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Backup:
    """One verified backup file."""

    path: Path
    made: dt.datetime
    reason: str


def backup_folder(case_base: Path) -> Path:
    """The folder where the backups of ``case_base`` are kept."""
    return case_base.parent / FOLDER_NAME


def _connect_ro(path: Path, timeout: float = 5.0, key: str | None = None) -> sqlite3.Connection:
    if key is not None:
        return _connect_keyed(f"{path.resolve().as_uri()}?mode=ro", key, timeout)
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)


def _connect_keyed(database: str, key: str, timeout: float = 5.0) -> sqlite3.Connection:
    """A ``sqlcipher3`` connection to ``database`` (a path or a ``file:`` URI) with ``key``.

    The key is set as SQLAlchemy's ``pysqlcipher`` dialect sets it (a double-quoted pragma
    value), so a backup opens with the passphrase the desk uses.
    """
    import sqlcipher3

    conn = cast(
        sqlite3.Connection,
        sqlcipher3.connect(database, uri=database.startswith("file:"), timeout=timeout),
    )
    quoted = key.replace('"', '""')
    conn.execute(f'PRAGMA key="{quoted}"')
    return conn


def encrypted_is_intact(path: Path, key: str, timeout: float = 5.0) -> bool:
    """The start's background check of an encrypted case base: ``PRAGMA quick_check``
    through a keyed read-only connection. Opening with the key reads only the first pages;
    the check reads every page of every table and index, and SQLCipher verifies each
    page's HMAC as it decrypts it, so damage further on shows here. (Not
    ``cipher_integrity_check``: it reads the file's pages past the write-ahead log and
    reported a healthy case base that the desk had open as damaged.)"""
    try:
        conn = _connect_ro(path, timeout, key)
        try:
            return bool(conn.execute("PRAGMA quick_check").fetchone() == ("ok",))
        finally:
            conn.close()
    except _db_errors(key):
        return False


def _db_errors(key: str | None) -> tuple[type[Exception], ...]:
    """The exception classes of the driver used for ``key`` (sqlcipher3 has its own)."""
    if key is None:
        return (sqlite3.Error,)
    import sqlcipher3

    return (sqlite3.Error, cast(type[Exception], sqlcipher3.Error))


def _is_intact(conn: sqlite3.Connection, key: str | None) -> bool:
    """``PRAGMA integrity_check`` (after ``cipher_integrity_check`` for an encrypted file)."""
    if key is not None and conn.execute("PRAGMA cipher_integrity_check").fetchall():
        return False  # one row per page whose HMAC does not match
    return bool(conn.execute("PRAGMA integrity_check").fetchone() == ("ok",))


def _copy_into(source: Path, part: Path, key: str | None, timeout: float) -> None:
    """Copy the database ``source`` into the empty file ``part`` (unchecked)."""
    if key is None:
        src = _connect_ro(source, timeout)
        dst = sqlite3.connect(part)
        try:
            src.backup(dst)
            # A single self-contained file: no -wal beside the copy.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
        return
    # Read-write: an attached database cannot be written through a read-only connection.
    conn = _connect_keyed(str(source), key, timeout)
    conn.isolation_level = None  # the transaction below is ours
    try:
        conn.execute("BEGIN")  # one snapshot of every table while the desk may write
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("ATTACH DATABASE ? AS backup KEY ?", (str(part), key))
        conn.execute("SELECT sqlcipher_export('backup')").fetchall()
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE backup")
    finally:
        conn.close()


def _check_copy(part: Path, key: str | None) -> bool:
    """True when the new copy ``part`` opens (with ``key``) and passes the checks."""
    conn = _connect_keyed(str(part), key) if key is not None else sqlite3.connect(part)
    try:
        return _is_intact(conn, key)
    except _db_errors(key):
        return False
    finally:
        conn.close()


def _unique(path: Path) -> Path:
    """``path``, or the same name with ``-2``, ``-3``… when it exists."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def copy_verified(
    source: Path, target: Path, *, timeout: float = 5.0, key: str | None = None
) -> Path:
    """Copy the SQLite database ``source`` to a new file near ``target``; return its path.

    The copy is made with the online backup API (with ``key``, an encrypted file:
    ``sqlcipher_export`` into a copy encrypted with the same key) into ``<target>.deel``
    (0600), must pass ``PRAGMA integrity_check`` (and ``cipher_integrity_check``), and is
    renamed to ``target`` or, when that exists, ``target`` with ``-2``, ``-3``… (an
    existing file is never overwritten).
    """
    part = _unique(target.with_name(target.name + ".deel"))
    create_private_file(part)
    try:
        _copy_into(source, part, key, timeout)
        if not _check_copy(part, key):
            raise BackupError(
                f"De reservekopie van ‘{source}’ is niet in orde (integriteitscontrole "
                "mislukt) en is niet bewaard."
            )
        final = _unique(target)
        try:
            os.link(part, final)  # fails instead of overwriting when the name was just taken
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            os.rename(part, final)
        make_private(final)
        return final
    except _db_errors(key) as exc:
        raise BackupError(
            f"Er kon geen reservekopie van ‘{source}’ worden gemaakt; het bestand is in "
            "gebruik of onleesbaar. Probeer het later opnieuw."
        ) from exc
    finally:
        part.unlink(missing_ok=True)


def _remove_stale_parts(folder: Path) -> None:
    """Remove ``.deel`` files older than a day (a backup cut off when the desk was closed)."""
    limit = dt.datetime.now().timestamp() - START_INTERVAL.total_seconds()
    for part in folder.glob("*.deel"):
        try:
            if part.stat().st_mtime < limit:
                part.unlink()
        except OSError:
            pass


def tighten_files(case_base: Path) -> list[Path]:
    """Make the desk's own files of ``case_base`` private (see :func:`tighten`): the file,
    its ``-wal`` and ``-shm``, the pre-upgrade and pre-restore copies beside it and the
    backups in its backup folder. Files an older version created 0644 are 0600 after it.

    Returns the files whose mode changed. Call only for a case base the desk accepted.
    """
    suffix = case_base.suffix or ".sqlite"
    candidates = [
        case_base,
        case_base.with_name(case_base.name + "-wal"),
        case_base.with_name(case_base.name + "-shm"),
        *case_base.parent.glob(f"{case_base.stem}.voor-*{suffix}"),
    ]
    folder = backup_folder(case_base)
    if folder.is_dir():
        candidates += folder.glob(f"{case_base.stem}-*{suffix}")
    return [path for path in candidates if tighten(path)]


def backups(case_base: Path) -> list[Backup]:
    """The verified backups of ``case_base``, newest first."""
    folder = backup_folder(case_base)
    found: list[Backup] = []
    if not folder.is_dir():
        return found
    prefix = f"{case_base.stem}-"
    for path in folder.glob(f"{case_base.stem}-*{case_base.suffix or '.sqlite'}"):
        parts = path.stem[len(prefix) :].split("-", 2)
        try:
            made = dt.datetime.strptime(f"{parts[0]}-{parts[1]}", _STAMP)
        except (ValueError, IndexError):
            continue
        found.append(Backup(path, made, parts[2] if len(parts) > 2 else ""))
    return sorted(found, key=lambda b: (b.made, b.path.name), reverse=True)


def latest(case_base: Path) -> Backup | None:
    """The newest verified backup of ``case_base``, or None."""
    found = backups(case_base)
    return found[0] if found else None


def make_backup(
    case_base: Path,
    reason: str = "handmatig",
    *,
    now: Callable[[], dt.datetime] = dt.datetime.now,
    timeout: float = 5.0,
    key: str | None = None,
) -> Backup:
    """Make a verified backup of ``case_base`` and drop the oldest beyond :data:`GENERATIONS`.

    ``key``: the passphrase of an encrypted case base; the backup is encrypted with it.
    """
    folder = private_folder(backup_folder(case_base))
    _remove_stale_parts(folder)
    made = now().replace(microsecond=0)
    target = folder / f"{case_base.stem}-{made.strftime(_STAMP)}-{reason}{case_base.suffix}"
    path = copy_verified(case_base, target, timeout=timeout, key=key)
    for old in backups(case_base)[GENERATIONS:]:
        old.path.unlink(missing_ok=True)
    log.info("reservekopie gemaakt: %s", path.name)
    return Backup(path, made, reason)


def register_copy(case_base: Path, copy: Path, reason: str, *, key: str | None = None) -> Backup:
    """Count an already verified copy as a backup (hard link into the folder, or a copy)."""
    folder = private_folder(backup_folder(case_base))
    made = dt.datetime.now().replace(microsecond=0)
    target = _unique(
        folder / f"{case_base.stem}-{made.strftime(_STAMP)}-{reason}{case_base.suffix}"
    )
    try:
        os.link(copy, target)
    except OSError:
        target = copy_verified(copy, target, key=key)
    for old in backups(case_base)[GENERATIONS:]:
        old.path.unlink(missing_ok=True)
    return Backup(target, made, reason)


def backup_at_start(
    case_base: Path,
    *,
    now: Callable[[], dt.datetime] = dt.datetime.now,
    key: str | None = None,
) -> Backup | None:
    """Make the start-up backup when the newest one is older than a day; None when skipped.

    A failure is logged, not raised: the desk still starts (the About dialog shows
    when the last backup was made).
    """
    newest = latest(case_base)
    if newest is not None and now() - newest.made < START_INTERVAL:
        return None
    try:
        return make_backup(case_base, "start", now=now, key=key)
    except (BackupError, OSError) as exc:
        log.warning("geen reservekopie bij de start: %s", getattr(exc, "message", type(exc)))
        return None


def check_backup_file(path: Path, known_revisions: list[str], *, key: str | None = None) -> None:
    """Raise :class:`BackupError` unless ``path`` is an intact case base this app can open.

    ``key``: the backup is encrypted with this passphrase (it must open with it).
    """
    try:
        state = check_existing(path, quick_check=False, encrypted=key is not None)
    except FileProblem as exc:
        raise BackupError(exc.message) from exc
    conn = _connect_ro(path, key=key)
    revision = state.revision
    try:
        if key is not None:
            revision = _revision(conn)  # first: a wrong key fails here, before the checks
        ok = _is_intact(conn, key)
    except _db_errors(key) as exc:
        if key is not None and "not a database" in str(exc).lower():
            raise BackupError(
                f"‘{path}’ kan met dit wachtwoord niet worden geopend: het wachtwoord klopt "
                "niet of het bestand is beschadigd."
            ) from None
        ok = False
    finally:
        conn.close()
    if not ok:
        raise BackupError(f"‘{path}’ is beschadigd (integriteitscontrole mislukt).")
    if revision not in known_revisions:
        raise BackupError(
            f"‘{path}’ is gemaakt met een nieuwere versie van VerzuimDesk of is geen "
            "casusbestand; werk VerzuimDesk eerst bij."
        )


def _revision(conn: sqlite3.Connection) -> str | None:
    """The schema revision of an opened case base, or None (not a VerzuimDesk case base)."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if "alembic_version" not in tables:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def restore(
    case_base: Path, backup_file: Path, known_revisions: list[str], *, key: str | None = None
) -> Path | None:
    """Put ``backup_file`` in place of ``case_base``; return where the old file was kept.

    The backup is checked first (:func:`check_backup_file`); nothing changes when it
    fails. The current file, when there is one, is kept aside as
    ``<name>.voor-terugzetten-<time>.sqlite`` (a verified copy) before the backup is
    copied over it. ``key``: both are encrypted with this passphrase (SQLCipher); the
    backup is copied in with the backup API between two connections keyed with it.
    """
    if backup_file.resolve() == case_base.resolve():
        raise BackupError("Kies een reservekopie, niet het casusbestand zelf.")
    check_backup_file(backup_file, known_revisions, key=key)
    kept: Path | None = None
    if case_base.exists() and case_base.stat().st_size > 0:
        stamp = dt.datetime.now().strftime(_STAMP)
        aside = case_base.with_name(f"{case_base.stem}.voor-terugzetten-{stamp}{case_base.suffix}")
        try:
            kept = copy_verified(case_base, aside, key=key)
        except BackupError:
            # A damaged current file cannot pass the check: keep its bytes as they are.
            kept = _unique(aside)
            os.rename(case_base, kept)
            for suffix in ("-wal", "-shm"):
                side = case_base.with_name(case_base.name + suffix)
                if side.exists():
                    os.rename(side, kept.with_name(kept.name + suffix))
    else:
        case_base.parent.mkdir(parents=True, exist_ok=True)
    create_private_file(case_base)
    src = _connect_ro(backup_file, key=key)
    dst = (
        _connect_keyed(str(case_base), key)
        if key is not None
        else sqlite3.connect(case_base, timeout=5)
    )
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=WAL")
    except _db_errors(key) as exc:
        raise BackupError(
            f"‘{case_base}’ is in gebruik; sluit VerzuimDesk overal en probeer het opnieuw."
        ) from exc
    finally:
        dst.close()
        src.close()
    return kept
