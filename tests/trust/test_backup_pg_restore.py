"""``verzuimdesk restore`` on PostgreSQL runs pg_restore (issue 11, backups): it checks the
dump, keeps the current database aside with pg_dump, and restores in one transaction.

Against the local PostgreSQL server (``postgres_url``: a fresh database per test). Skipped
when the PostgreSQL client programs are not installed: the command then says how to get them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from verzuimdesk import cli
from verzuimdesk.commands import backup_pg
from verzuimdesk.core import db
from verzuimdesk.core.models import School

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(
        shutil.which("pg_restore") is None or shutil.which("pg_dump") is None,
        reason="pg_dump/pg_restore ontbreken (Debian: apt install postgresql-client)",
    ),
]


def _names(url: str) -> list[str]:
    case_base = db.open_case_base(url)
    try:
        with case_base.sessions() as session:
            return sorted(session.scalars(select(School.name)))
    finally:
        case_base.close()


def _add(url: str, name: str) -> None:
    case_base = db.open_case_base(url)
    with case_base.transaction("t") as session:
        session.add(School(name=name, sector="VO", vacation_region="midden"))
    case_base.close()


def _backed_up(url: str, tmp_path: Path, before: str, after: str) -> Path:
    """A case base with school ``before``, dumped with ``verzuimdesk backup``, then ``after``
    added."""
    db.create_case_base(url, "den_haag").close()
    _add(url, before)
    out = tmp_path / "kopie.dump"
    assert cli.main(["backup", "--database", url, "--out", str(out)]) == 0
    _add(url, after)
    return out


def test_restore_puts_the_dump_back_and_keeps_the_current_database(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _backed_up(postgres_url, tmp_path, "Voor de kopie", "Na de kopie")
    assert cli.main(["restore", str(out), "--database", postgres_url]) == 0
    assert _names(postgres_url) == ["Voor de kopie"]
    printed = capsys.readouterr().out
    kept = Path(printed.rsplit("bewaard als: ", 1)[1].strip())
    assert ".voor-terugzetten-" in kept.name and kept.stat().st_mode & 0o077 == 0
    listing = subprocess.run(["pg_restore", "--list", str(kept)], capture_output=True, text=True)
    assert "case_base_setting" in listing.stdout  # the database as it was, to go back to
    # The case base opens and works after the restore (sequences included).
    _add(postgres_url, "Nieuw na terugzetten")
    assert _names(postgres_url) == ["Nieuw na terugzetten", "Voor de kopie"]


def test_a_file_that_is_no_case_base_dump_changes_nothing(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.create_case_base(postgres_url, "den_haag").close()
    _add(postgres_url, "Blijft")
    text = tmp_path / "geen.dump"
    text.write_text("dit is geen dump")
    assert cli.main(["restore", str(text), "--database", postgres_url]) == 1
    assert "geen reservekopie van pg_dump" in capsys.readouterr().err
    assert _names(postgres_url) == ["Blijft"]


def test_without_a_copy_of_the_current_database_only_force_restores(
    postgres_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = _backed_up(postgres_url, tmp_path, "In de kopie", "Erna")

    def no_room(url: str, target: Path) -> Path:
        raise backup_pg.PgError("pg_dump is mislukt: schijf vol")

    monkeypatch.setattr(backup_pg, "dump", no_room)
    assert cli.main(["restore", str(out), "--database", postgres_url]) == 1
    assert "--force" in capsys.readouterr().err
    assert _names(postgres_url) == ["Erna", "In de kopie"]
    assert cli.main(["restore", str(out), "--database", postgres_url, "--force"]) == 0
    assert _names(postgres_url) == ["In de kopie"]
