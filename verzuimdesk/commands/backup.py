"""``verzuimdesk backup`` and ``verzuimdesk restore FILE``: backups of a case base.

- SQLite: a verified copy with SQLite's online backup API (the desk may be running)
  in the ``Reservekopieën`` folder beside the case base, or at ``--out``;
  ``restore`` checks the backup, keeps the current file aside and puts the backup
  in its place (:mod:`verzuimdesk.core.backup`). An encrypted case base
  (``--database sqlite+pysqlcipher://:WACHTWOORD@/pad``) the same, with its key: the
  backup is encrypted with the same passphrase, and ``restore`` expects one that is.
- PostgreSQL: ``pg_dump -Fc`` (custom format) when ``pg_dump`` is installed, otherwise
  the command says how to make one; ``restore`` checks the dump, keeps the current
  database aside with ``pg_dump`` and runs ``pg_restore`` (:mod:`.backup_pg`).

Both default to the user's own case base; ``--database`` chooses another one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _add_database(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="URL",
        help="het casusbestand (pad of SQLAlchemy-URL); standaard uw eigen casusbestand",
    )


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``verzuimdesk backup``."""
    _add_database(parser)
    parser.add_argument(
        "--out", metavar="BESTAND", help="schrijf de reservekopie hierheen (mag nog niet bestaan)"
    )


def configure_restore(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``verzuimdesk restore``."""
    parser.add_argument("file", metavar="BESTAND", help="de reservekopie die terug moet")
    _add_database(parser)
    parser.add_argument(
        "--force",
        action="store_true",
        help="PostgreSQL: ook terugzetten als de huidige database niet eerst apart kan worden "
        "gezet (met pg_dump)",
    )


def _target(database: str | None) -> tuple[str, Path | None]:
    """(URL, SQLite path or None) of the case base the command works on."""
    from verzuimdesk import paths
    from verzuimdesk.core.db import sqlite_url

    if not database:
        path = paths.default_case_base_path()
        return sqlite_url(path), path
    if "://" not in database:
        return sqlite_url(Path(database)), Path(database)
    from sqlalchemy.engine import make_url

    url = make_url(database)
    if url.get_backend_name() == "sqlite":
        return database, Path(url.database) if url.database else None
    return database, None


def _fail(command: str, message: str, code: int = 1) -> int:
    print(f"verzuimdesk {command}: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    """Make a backup; 0 on success, 1 when it failed, 2 on bad input."""
    from verzuimdesk.core import backup, encryption

    url, path = _target(args.database)
    if path is None:
        return pg_dump(url, Path(args.out) if args.out else None)
    key = encryption.passphrase(url)
    if not path.exists():
        return _fail("backup", f"het casusbestand ‘{path}’ bestaat niet.", 2)
    try:
        if args.out:
            out = Path(args.out)
            if out.exists():
                return _fail("backup", f"‘{out}’ bestaat al; kies een nieuwe bestandsnaam.", 2)
            made = backup.copy_verified(path, out, key=key)
        else:
            made = backup.make_backup(path, "handmatig", key=key).path
    except backup.BackupError as exc:
        return _fail("backup", exc.message)
    print(f"Reservekopie gemaakt en gecontroleerd: {made}")
    return 0


def pg_dump(url: str, out: Path | None) -> int:
    """Write a ``pg_dump -Fc`` file of the PostgreSQL case base at ``url``."""
    from verzuimdesk.commands import backup_pg

    try:
        made = backup_pg.dump(url, out or backup_pg.default_dump_path(url, ""))
    except backup_pg.PgError as exc:
        return _fail("backup", exc.message, exc.code)
    print(f"Reservekopie gemaakt met pg_dump (custom-formaat): {made}")
    print(f"Terugzetten (met pg_restore): verzuimdesk restore {made} --database <URL>")
    return 0


def pg_restore(url: str, source: Path, *, force: bool) -> int:
    """Put a ``pg_dump`` file back into the PostgreSQL case base at ``url``."""
    from verzuimdesk.commands import backup_pg

    try:
        kept = backup_pg.restore(url, source, force=force)
    except backup_pg.PgError as exc:
        return _fail("restore", exc.message, exc.code)
    print(
        f"Reservekopie teruggezet met pg_restore in database {backup_pg.connection(url).database}"
    )
    if kept is not None:
        print(f"De vorige inhoud is bewaard als: {kept}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Put a backup back; 0 on success, 1 when it failed, 2 on bad input."""
    from verzuimdesk.core import backup, encryption, migrate

    url, path = _target(args.database)
    source = Path(args.file)
    if path is None:
        return pg_restore(url, source, force=bool(getattr(args, "force", False)))
    key = encryption.passphrase(url)
    if not source.exists():
        return _fail("restore", f"de reservekopie ‘{source}’ bestaat niet.", 2)
    try:
        kept = backup.restore(path, source, migrate.known_revisions(), key=key)
    except backup.BackupError as exc:
        return _fail("restore", exc.message)
    print(f"Reservekopie teruggezet: {path}")
    if kept is not None:
        print(f"Het vorige casusbestand is bewaard als: {kept}")
    return 0
