"""``verzuimdesk backup`` and ``verzuimdesk restore FILE``: backups of a case base.

- SQLite: a verified copy with SQLite's online backup API (the desk may be running)
  in the ``Reservekopieën`` folder beside the case base, or at ``--out``;
  ``restore`` checks the backup, keeps the current file aside and puts the backup
  in its place (:mod:`verzuimdesk.core.backup`).
- PostgreSQL: ``pg_dump -Fc`` (custom format, restore with ``pg_restore``) when
  ``pg_dump`` is installed; otherwise the command says how to make one.

Both default to the user's own case base; ``--database`` chooses another one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

#: Shown when ``pg_dump`` is not on the PATH.
NO_PG_DUMP = (
    "pg_dump is niet gevonden. Installeer de PostgreSQL-clientprogramma's (Debian/Ubuntu: "
    "‘sudo apt install postgresql-client’; Windows: het PostgreSQL-installatieprogramma, "
    "onderdeel ‘Command Line Tools’) en probeer het opnieuw, of laat de databasebeheerder "
    "een reservekopie maken met: pg_dump -Fc -f casusbestand.dump <database>"
)


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
    from verzuimdesk.core import backup

    url, path = _target(args.database)
    if path is None:
        return pg_dump(url, Path(args.out) if args.out else None)
    if not path.exists():
        return _fail("backup", f"het casusbestand ‘{path}’ bestaat niet.", 2)
    try:
        if args.out:
            out = Path(args.out)
            if out.exists():
                return _fail("backup", f"‘{out}’ bestaat al; kies een nieuwe bestandsnaam.", 2)
            made = backup.copy_verified(path, out)
        else:
            made = backup.make_backup(path, "handmatig").path
    except backup.BackupError as exc:
        return _fail("backup", exc.message)
    print(f"Reservekopie gemaakt en gecontroleerd: {made}")
    return 0


def pg_dump(url: str, out: Path | None) -> int:
    """Write a ``pg_dump -Fc`` file of the PostgreSQL case base at ``url``."""
    from sqlalchemy.engine import make_url

    from verzuimdesk import paths
    from verzuimdesk.core.backup import FOLDER_NAME
    from verzuimdesk.core.case_base_file import create_private_file, private_folder

    program = shutil.which("pg_dump")
    if program is None:
        return _fail("backup", NO_PG_DUMP)
    parsed = make_url(url)
    if out is None:
        folder = private_folder(paths.user_data_dir() / FOLDER_NAME)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        out = folder / f"{parsed.database}-{stamp}.dump"
    if out.exists():
        return _fail("backup", f"‘{out}’ bestaat al; kies een nieuwe bestandsnaam.", 2)
    # libpq's own URI, without the password (that goes through the environment, not
    # the process list).
    libpq = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    create_private_file(out)
    result = subprocess.run(
        [program, "-Fc", "--no-password", "-f", str(out), "--dbname", libpq],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        out.unlink(missing_ok=True)
        first = (result.stderr.strip().splitlines() or ["onbekende fout"])[-1]
        return _fail("backup", f"pg_dump is mislukt: {first}")
    print(f"Reservekopie gemaakt met pg_dump (custom-formaat): {out}")
    print(f"Terugzetten: pg_restore --clean --dbname <database> {out}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Put a backup back; 0 on success, 1 when it failed, 2 on bad input."""
    from verzuimdesk.core import backup, migrate

    _url, path = _target(args.database)
    source = Path(args.file)
    if path is None:
        return _fail(
            "restore",
            "een PostgreSQL-casusbestand zet u terug met pg_restore, bijvoorbeeld: "
            f"pg_restore --clean --dbname <database> {source}",
            2,
        )
    if not source.exists():
        return _fail("restore", f"de reservekopie ‘{source}’ bestaat niet.", 2)
    try:
        kept = backup.restore(path, source, migrate.known_revisions())
    except backup.BackupError as exc:
        return _fail("restore", exc.message)
    print(f"Reservekopie teruggezet: {path}")
    if kept is not None:
        print(f"Het vorige casusbestand is bewaard als: {kept}")
    return 0
