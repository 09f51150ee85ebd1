"""Finding 5 of issue 11: private file modes, refused files untouched, read-only and damaged files.

- The case base, its WAL and shared-memory files, backups and the log are 0600,
  folders the desk makes 0700.
- A file the desk refuses (zero bytes, another program's SQLite database, a
  truncated file) is byte for byte the same afterwards, with no ``-wal`` beside it.
- A read-only case base opens read-only, says why, and refuses a save in Dutch.
- A truncated file gives one Dutch message that says what to do.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from verzuimdesk import paths
from verzuimdesk.core import backup, db
from verzuimdesk.core.models import School


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _school() -> School:
    return School(name="Het Lyceum", sector="VO", vacation_region="midden")


def test_case_base_wal_backups_and_log_are_private(tmp_path: Path, qapp: object) -> None:
    """Everything the desk writes is readable by the owner only, whatever the umask."""
    folder = tmp_path / "nieuw" / "map"
    path = folder / "casusbestand.sqlite"
    case_base = db.create_case_base(db.sqlite_url(path), "den_haag")
    with case_base.transaction("t") as session:
        session.add(_school())
    sides = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
    assert all(side.exists() for side in sides)  # the desk is running: WAL in use
    made = backup.make_backup(path)
    case_base.close()
    assert _mode(path) == 0o600
    assert [_mode(side) for side in sides if side.exists()] == [0o600] * sum(
        side.exists() for side in sides
    )
    assert _mode(folder) == 0o700 and _mode(folder.parent) == 0o700
    assert _mode(made.path) == 0o600 and _mode(made.path.parent) == 0o700

    from verzuimdesk.gui import errors

    handler = errors._ensure_log_handler()
    logging.getLogger("verzuimdesk.test").error("proef")
    logging.getLogger().removeHandler(handler)
    handler.close()
    assert _mode(paths.log_path()) == 0o600
    assert _mode(paths.user_data_dir()) == 0o700


def test_a_zero_byte_file_is_refused_untouched(tmp_path: Path) -> None:
    """No SQLite header is written into an empty file the user picked by mistake."""
    path = tmp_path / "leeg.sqlite"
    path.write_bytes(b"")
    with pytest.raises(db.CaseBaseError, match="leeg"):
        db.open_case_base(db.sqlite_url(path))
    assert path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leeg.sqlite"]


def test_another_programs_database_is_not_switched_to_wal(tmp_path: Path) -> None:
    """Another program's SQLite file stays in its own journal mode, byte for byte."""
    path = tmp_path / "agenda.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("create table afspraak (wie text, wanneer text)")
    conn.execute("insert into afspraak values ('tandarts', '2024-11-20')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(db.CaseBaseError, match="ander programma"):
        db.open_case_base(db.sqlite_url(path))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.sqlite"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()


def test_a_truncated_case_base_gets_one_dutch_message(tmp_path: Path) -> None:
    """A file cut off while copying: one Dutch message with what to do, file untouched."""
    path = tmp_path / "casusbestand.sqlite"
    case_base = db.create_case_base(db.sqlite_url(path), "den_haag")
    with case_base.transaction("t") as session:
        session.add_all([_school() for _ in range(200)])
    case_base.close()
    made = backup.make_backup(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])
    cut = path.read_bytes()
    with pytest.raises(db.CaseBaseError) as caught:
        db.open_case_base(db.sqlite_url(path))
    message = caught.value.message
    assert "beschadigd of onvolledig" in message and "reservekopie" in message
    assert "database disk image" not in message and "malformed" not in message
    assert caught.value.latest_backup == made.path
    assert path.read_bytes() == cut


def test_a_damaged_page_is_found_by_quick_check_at_open(tmp_path: Path) -> None:
    """Garbage in the middle of the file (whole size, valid header): found at open."""
    path = tmp_path / "casusbestand.sqlite"
    case_base = db.create_case_base(db.sqlite_url(path), "den_haag")
    with case_base.transaction("t") as session:
        session.add_all([_school() for _ in range(300)])
    case_base.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for n in range(2, len(data) // page):
        data[n * page + 8 : n * page + 40] = b"\xff" * 32
    path.write_bytes(bytes(data))
    with pytest.raises(db.CaseBaseError, match="beschadigd"):
        db.open_case_base(db.sqlite_url(path))


def test_a_read_only_case_base_opens_read_only_and_refuses_a_save(tmp_path: Path) -> None:
    """Said at open (``read_only_message``), readable, and a save gets a Dutch reason."""
    path = tmp_path / "casusbestand.sqlite"
    case_base = db.create_case_base(db.sqlite_url(path), "den_haag")
    with case_base.transaction("t") as session:
        session.add(_school())
    case_base.close()
    path.chmod(0o444)
    before = path.read_bytes()
    try:
        opened = db.open_case_base(db.sqlite_url(path))
        assert opened.read_only_message is not None
        assert "alleen-lezen" in opened.read_only_message
        with opened.sessions() as session:
            assert session.scalars(select(School.name)).all() == ["Het Lyceum"]
        with (
            pytest.raises(db.ReadOnlyCaseBase, match="alleen-lezen"),
            opened.transaction("t") as session,
        ):
            session.add(School(name="Nieuw", sector="VO", vacation_region="midden"))
        opened.close()
        assert path.read_bytes() == before
    finally:
        path.chmod(0o600)


def test_a_read_only_case_base_that_needs_an_upgrade_is_refused_untouched(
    tmp_path: Path,
) -> None:
    """An upgrade cannot be written: a Dutch message, no backup, no change."""
    from verzuimdesk.core import migrate

    path = tmp_path / "oud.sqlite"
    engine = db.make_engine(db.sqlite_url(path))
    migrate.upgrade(engine, migrate.known_revisions()[-2])
    engine.dispose()
    path.chmod(0o444)
    before = path.read_bytes()
    try:
        with pytest.raises(db.CaseBaseError, match="bijgewerkt"):
            db.open_case_base(db.sqlite_url(path))
        assert path.read_bytes() == before
        assert not list(tmp_path.glob("*voor-upgrade*"))
    finally:
        path.chmod(0o600)


def test_the_desk_syncs_fully(tmp_path: Path) -> None:
    """``synchronous=FULL``: a commit is on disk before the desk says it is saved."""
    case_base = db.create_case_base(db.sqlite_url(tmp_path / "c.sqlite"), "den_haag")
    with case_base.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    case_base.close()


def test_dates_in_dutch_backup_names_sort_newest_first(tmp_path: Path) -> None:
    """Backups are listed newest first and only GENERATIONS of them are kept."""
    path = tmp_path / "casusbestand.sqlite"
    db.create_case_base(db.sqlite_url(path), "den_haag").close()
    start = dt.datetime(2026, 11, 1, 9, 0)
    for day in range(backup.GENERATIONS + 3):
        backup.make_backup(path, "start", now=lambda d=day: start + dt.timedelta(days=d))
    kept = backup.backups(path)
    assert len(kept) == backup.GENERATIONS >= 7
    assert kept[0].made == start + dt.timedelta(days=backup.GENERATIONS + 2)
    assert [b.made for b in kept] == sorted((b.made for b in kept), reverse=True)


def test_files_an_older_version_left_0644_are_tightened_at_open(tmp_path: Path) -> None:
    """The case base, its pre-upgrade copy, its backups and the log, created 0644 by an
    older version, are 0600 once the desk opened the case base (and started logging)."""
    from verzuimdesk.app import setup_logging

    folder = tmp_path / "werk"
    path = folder / "casusbestand.sqlite"
    db.create_case_base(db.sqlite_url(path), "den_haag").close()
    made = backup.make_backup(path)
    beside = path.with_name("casusbestand.voor-upgrade-0007.sqlite")
    beside.write_bytes(path.read_bytes())
    paths.log_path().write_text("oud logboek\n")
    for old in (path, made.path, beside, paths.log_path()):
        old.chmod(0o644)
    db.open_case_base(db.sqlite_url(path)).close()
    assert [_mode(p) for p in (path, made.path, beside)] == [0o600] * 3
    handlers = list(logging.getLogger().handlers)
    setup_logging()
    for handler in set(logging.getLogger().handlers) - set(handlers):
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert _mode(paths.log_path()) == 0o600


def test_a_case_base_shared_through_its_group_keeps_the_groups_access(tmp_path: Path) -> None:
    """In a folder the group may write to, only the bits of others are taken away."""
    folder = tmp_path / "gedeeld"
    folder.mkdir(mode=0o770)
    folder.chmod(0o770)
    path = folder / "casusbestand.sqlite"
    db.create_case_base(db.sqlite_url(path), "den_haag").close()
    path.chmod(0o664)
    db.open_case_base(db.sqlite_url(path)).close()
    assert _mode(path) == 0o660


def test_a_refused_file_keeps_its_mode(tmp_path: Path) -> None:
    """A file the desk refuses is not changed, its permissions included."""
    path = tmp_path / "agenda.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE afspraak (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    path.chmod(0o644)
    with pytest.raises(db.CaseBaseError):
        db.open_case_base(db.sqlite_url(path))
    assert _mode(path) == 0o644
