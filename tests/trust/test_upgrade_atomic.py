"""Finding 1 of issue 11: a schema upgrade on SQLite is all or nothing.

An upgrade that stops half-way (an error, or the process killed) leaves the case
base exactly at its old revision, the user gets one Dutch message, the next
start opens it again, and the backup taken before the upgrade is never
overwritten by a later attempt.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.trust.upgrade_support import make_case_base_at_head, scripts_with_test_migration
from verzuimdesk.core import db, migrate

ROOT = Path(__file__).resolve().parents[2]


def _columns(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
    finally:
        conn.close()


def _revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def _use_test_scripts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on the app knows the packaged migrations plus test revision 0099."""
    scripts = scripts_with_test_migration(tmp_path / "scripts")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)


def test_a_migration_failing_half_way_leaves_the_old_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The column the failed migration added is gone; the file opens again afterwards."""
    path = tmp_path / "casusbestand.sqlite"
    old_head = migrate.head_revision()
    make_case_base_at_head(path)
    _use_test_scripts(tmp_path, monkeypatch)
    assert _revision(path) == old_head
    monkeypatch.setenv("VD_TEST_MIGRATION", "fail")
    with pytest.raises(db.CaseBaseError) as first:
        db.open_case_base(db.sqlite_url(path))
    message = first.value.message
    assert "bijwerken" in message and "ongewijzigd" in message
    assert "RuntimeError" not in message and "ALTER" not in message.upper()
    assert "half_upgrade" not in _columns(path, "school")
    assert _revision(path) == old_head
    backups = sorted(tmp_path.glob("casusbestand.voor-upgrade-*"))
    assert [b.name for b in backups] == [f"casusbestand.voor-upgrade-{old_head}.sqlite"]
    first_backup = backups[0].read_bytes()

    # A second attempt fails the same way (not with "duplicate column name") and keeps
    # the first backup as it was.
    with pytest.raises(db.CaseBaseError) as second:
        db.open_case_base(db.sqlite_url(path))
    assert "duplicate" not in second.value.message
    assert backups[0].read_bytes() == first_backup
    assert _revision(path) == old_head

    # Once the migration works, the upgrade succeeds and keeps the school.
    monkeypatch.setenv("VD_TEST_MIGRATION", "")
    case_base = db.open_case_base(db.sqlite_url(path))
    case_base.close()
    assert _revision(path) == "0099"
    assert "half_upgrade" in _columns(path, "school")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name, half_upgrade FROM school").fetchall() == [("Het Lyceum", 1)]
    conn.close()


def test_an_existing_upgrade_backup_is_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup left by an earlier upgrade stays byte for byte; the new one gets its own name."""
    path = tmp_path / "casusbestand.sqlite"
    make_case_base_at_head(path)
    head = migrate.head_revision()  # the real head, before the test migration is added
    _use_test_scripts(tmp_path, monkeypatch)
    earlier = tmp_path / f"casusbestand.voor-upgrade-{head}.sqlite"
    earlier.write_bytes(b"een eerdere reservekopie")
    monkeypatch.setenv("VD_TEST_MIGRATION", "")
    case_base = db.open_case_base(db.sqlite_url(path))
    case_base.close()
    assert earlier.read_bytes() == b"een eerdere reservekopie"
    assert case_base.backup_path is not None and case_base.backup_path != earlier
    assert _revision(case_base.backup_path) == head


@pytest.mark.slow
def test_sigkill_during_an_upgrade_leaves_the_old_schema(tmp_path: Path) -> None:
    """The process is killed after the migration added its column: nothing of it remains."""
    path = tmp_path / "casusbestand.sqlite"
    make_case_base_at_head(path)
    scripts = scripts_with_test_migration(tmp_path / "scripts")
    marker = tmp_path / "halfway"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from verzuimdesk.core import db, migrate\n"
        f"migrate.MIGRATIONS_DIR = Path({str(scripts)!r})\n"
        f"db.open_case_base(db.sqlite_url({str(path)!r}))\n"
    )
    env = dict(os.environ, VD_TEST_MIGRATION=f"wait:{marker}")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    process = subprocess.Popen([sys.executable, "-c", code], env=env)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert process.poll() is None, "the upgrade process stopped before half-way"
            assert time.monotonic() < deadline, "the upgrade never reached half-way"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
    assert "half_upgrade" not in _columns(path, "school")
    assert _revision(path) == migrate.head_revision()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    case_base = db.open_case_base(db.sqlite_url(path))  # the app's own head: nothing to do
    case_base.close()
