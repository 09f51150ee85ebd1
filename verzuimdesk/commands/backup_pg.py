"""PostgreSQL side of ``verzuimdesk backup`` / ``restore``: ``pg_dump`` and ``pg_restore``.

``restore`` on PostgreSQL works like on SQLite: it checks the backup first (a custom-format
dump of a VerzuimDesk case base, by ``pg_restore --list``) and changes nothing when that
fails; it keeps the current database aside (a ``pg_dump`` into the backup folder, named
``<database>.voor-terugzetten-<time>.dump``) and only then runs ``pg_restore --clean
--if-exists --no-owner --single-transaction --exit-on-error`` into the database of the URL,
so a failing restore leaves the database as it was. When the current database cannot be
kept aside (it is empty, or pg_dump fails) the restore stops unless ``--force`` is given.
The password goes through ``PGPASSWORD``, never on the process list.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

#: Shown when a PostgreSQL client program is not on the PATH (``{program}``: its name).
NO_PROGRAM = (
    "{program} is niet gevonden. Installeer de PostgreSQL-clientprogramma's (Debian/Ubuntu: "
    "‘sudo apt install postgresql-client’; Windows: het PostgreSQL-installatieprogramma, "
    "onderdeel ‘Command Line Tools’) en probeer het opnieuw, of vraag het de databasebeheerder"
)


class PgError(Exception):
    """A PostgreSQL backup or restore step failed; ``message`` is Dutch."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Connection:
    """How the client programs reach the database of a SQLAlchemy URL."""

    database: str
    libpq: str
    env: dict[str, str]


def connection(url: str) -> Connection:
    """libpq's own URI without the password (that goes in ``PGPASSWORD``)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    libpq = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    return Connection(str(parsed.database or ""), libpq, env)


def program(name: str) -> str:
    """The path of client program ``name``; :class:`PgError` saying how to get it otherwise."""
    found = shutil.which(name)
    if found is None:
        raise PgError(NO_PROGRAM.format(program=name))
    return found


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def _last_line(result: subprocess.CompletedProcess[str]) -> str:
    return (result.stderr.strip().splitlines() or ["onbekende fout"])[-1]


def dump(url: str, out: Path) -> Path:
    """``pg_dump -Fc`` of the database at ``url`` into the new file ``out`` (0600)."""
    from verzuimdesk.core.case_base_file import create_private_file

    pg_dump = program("pg_dump")
    if out.exists():
        raise PgError(f"‘{out}’ bestaat al; kies een nieuwe bestandsnaam.", 2)
    conn = connection(url)
    create_private_file(out)
    result = _run(
        [pg_dump, "-Fc", "--no-password", "-f", str(out), "--dbname", conn.libpq], conn.env
    )
    if result.returncode != 0:
        out.unlink(missing_ok=True)
        raise PgError(f"pg_dump is mislukt: {_last_line(result)}")
    return out


def default_dump_path(url: str, label: str) -> Path:
    """A new file in the user's backup folder: ``<database>-<label>-<time>.dump``."""
    from verzuimdesk import paths
    from verzuimdesk.core.backup import FOLDER_NAME
    from verzuimdesk.core.case_base_file import private_folder

    folder = private_folder(paths.user_data_dir() / FOLDER_NAME)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return folder / f"{connection(url).database}{label}-{stamp}.dump"


def check_dump(source: Path) -> None:
    """Refuse (:class:`PgError`) a file that is not a custom-format dump of a case base."""
    pg_restore = program("pg_restore")
    if not source.is_file():
        raise PgError(f"de reservekopie ‘{source}’ bestaat niet.", 2)
    listing = _run([pg_restore, "--list", str(source)], dict(os.environ))
    if listing.returncode != 0:
        raise PgError(
            f"‘{source}’ is geen reservekopie van pg_dump (custom-formaat); er is niets gewijzigd."
        )
    if "case_base_setting" not in listing.stdout:
        raise PgError(
            f"‘{source}’ is geen reservekopie van een VerzuimDesk-casusbestand; er is niets "
            "gewijzigd."
        )


def restore(url: str, source: Path, *, force: bool = False) -> Path | None:
    """Put the dump ``source`` back into the database at ``url``.

    Returns the dump of the database as it was before (None with ``force`` when it could
    not be made). Raises :class:`PgError` with a Dutch message; a failing restore is
    rolled back (one transaction).
    """
    check_dump(source)
    kept: Path | None = None
    try:
        kept = dump(url, default_dump_path(url, ".voor-terugzetten"))
    except PgError as exc:
        if not force:
            raise PgError(
                "de huidige database kon niet apart worden gezet, dus er is niets "
                f"teruggezet ({exc.message}). Zet toch terug met --force."
            ) from exc
    conn = connection(url)
    command = [
        program("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--exit-on-error",
        "--no-password",
        "--dbname",
        conn.libpq,
        str(source),
    ]
    result = _run(command, conn.env)
    if result.returncode != 0:
        raise PgError(f"pg_restore is mislukt; de database is ongewijzigd: {_last_line(result)}")
    return kept
