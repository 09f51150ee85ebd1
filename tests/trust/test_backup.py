"""Backups and restore (issue 11): ``verzuimdesk backup``/``restore``, start-up, damaged files."""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from sqlalchemy import select

from verzuimdesk import cli
from verzuimdesk.core import backup, db
from verzuimdesk.core.models import School
from verzuimdesk.gui import startup


def _case_base(path: Path, schools: int = 1) -> None:
    case_base = db.create_case_base(db.sqlite_url(path), "den_haag")
    with case_base.transaction("t") as session:
        session.add_all(
            School(name=f"School {n}", sector="VO", vacation_region="midden")
            for n in range(schools)
        )
    case_base.close()


def _school_names(path: Path) -> list[str]:
    case_base = db.open_case_base(db.sqlite_url(path))
    try:
        with case_base.sessions() as session:
            return list(session.scalars(select(School.name).order_by(School.id)))
    finally:
        case_base.close()


def test_backup_and_restore_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A backup made while the desk has the file open, then restored after a later change."""
    path = tmp_path / "casusbestand.sqlite"
    _case_base(path)
    running = db.open_case_base(db.sqlite_url(path))  # the desk is open meanwhile
    assert cli.main(["backup", "--database", str(path)]) == 0
    made = backup.latest(path)
    assert made is not None and made.path.parent.name == "Reservekopieën"
    assert "gecontroleerd" in capsys.readouterr().out
    with running.transaction("t") as session:
        session.add(School(name="Later", sector="VO", vacation_region="midden"))
    running.close()

    assert cli.main(["restore", str(made.path), "--database", str(path)]) == 0
    out = capsys.readouterr().out
    assert "teruggezet" in out and "bewaard als" in out
    assert _school_names(path) == ["School 0"]
    kept = next(tmp_path.glob("casusbestand.voor-terugzetten-*.sqlite"))
    assert _school_names(kept) == ["School 0", "Later"]


def test_restore_refuses_a_bad_backup_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A text file, another program's database or a damaged copy is refused first."""
    path = tmp_path / "casusbestand.sqlite"
    _case_base(path)
    before = path.read_bytes()
    text = tmp_path / "notities.sqlite"
    text.write_text("geen database" * 100)
    other = tmp_path / "ander.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("create table x (a)")
    conn.close()
    for bad in (text, other, tmp_path / "weg.sqlite"):
        assert cli.main(["restore", str(bad), "--database", str(path)]) != 0
        assert capsys.readouterr().err.startswith("verzuimdesk restore:")
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*voor-terugzetten*"))


def test_backup_out_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--out`` to an existing file is refused with a Dutch message."""
    path = tmp_path / "casusbestand.sqlite"
    _case_base(path)
    out = tmp_path / "kopie.sqlite"
    assert cli.main(["backup", "--database", str(path), "--out", str(out)]) == 0
    first = out.read_bytes()
    assert cli.main(["backup", "--database", str(path), "--out", str(out)]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert out.read_bytes() == first


def test_the_start_up_backup_is_made_in_the_background_at_most_daily(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Once the window shows, a backup is made off the GUI thread; not again the same day."""
    from tests.support.desk import make_desk
    from tests.support.gui import shown_window
    from verzuimdesk.gui import start_checks

    desk = make_desk(tmp_path)
    path = desk.case_base.path
    windows = shown_window(qtbot, desk)
    window = next(windows)
    try:
        start_checks.start(window)
        qtbot.waitUntil(lambda: len(backup.backups(path)) == 1, timeout=20_000)
        start_checks.start(window)
        qtbot.wait(300)
        made = backup.backups(path)
        assert len(made) == 1 and made[0].reason == "start"
        later = dt.datetime.now() + dt.timedelta(days=1)
        assert backup.backup_at_start(path, now=lambda: later) is not None
    finally:
        next(windows, None)
        desk.case_base.close()


def test_a_large_case_base_found_damaged_in_the_background_can_be_restored(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """quick_check of a large file after start fails: restore offered, done, desk closes."""

    from tests.support.desk import make_desk
    from tests.support.gui import answer_restore_at_start, shown_window
    from verzuimdesk.core import case_base_file
    from verzuimdesk.gui import start_checks

    desk = make_desk(tmp_path)
    path = desk.case_base.path
    made = backup.make_backup(path)
    monkeypatch.setattr(case_base_file, "QUICK_CHECK_AT_OPEN_MAX_BYTES", 0)
    monkeypatch.setattr(case_base_file, "is_intact", lambda p: False)
    asked, quits = answer_restore_at_start(monkeypatch)
    windows = shown_window(qtbot, desk)
    window = next(windows)
    try:
        start_checks.start(window)
        qtbot.waitUntil(lambda: bool(quits), timeout=20_000)
    finally:
        next(windows, None)
    assert "beschadigd" in asked[0]
    assert list(tmp_path.glob("casus.voor-terugzetten-*"))
    assert made.path.exists() and len(backup.backups(path)) == 1  # no start backup of it


def test_a_damaged_case_base_offers_the_latest_backup_at_start(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """quick_check fails at start: the message offers the backup, which then opens."""
    path = tmp_path / "casusbestand.sqlite"
    _case_base(path, schools=300)
    made = backup.make_backup(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 7])
    shown: list[str] = []

    def fake_exec(dialog: startup.OpenProblemDialog) -> int:
        qtbot.addWidget(dialog)
        shown.append(dialog.findChild(QLabel, "problemMessage").text())
        box = dialog.findChild(QDialogButtonBox)
        next(b for b in box.buttons() if b.text() == "Laatste reservekopie terugzetten").click()
        return 1

    class _Registry:
        def region(self, region_id: str) -> object:
            return object()

    monkeypatch.setattr(startup.OpenProblemDialog, "exec", fake_exec)
    args = argparse.Namespace(demo=False, database=db.sqlite_url(path), region=None, smoke=False)
    case_base = startup.obtain_case_base(args, _Registry(), interactive=True)
    assert case_base is not None
    case_base.close()
    assert "beschadigd" in shown[0] and made.made.strftime("%d-%m-%Y") in shown[0]
    assert len(_school_names(path)) == 300
    assert list(tmp_path.glob("casusbestand.voor-terugzetten-*"))  # the damaged one kept


def test_postgresql_backup_writes_a_pg_dump_file(
    postgres_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On PostgreSQL ``verzuimdesk backup`` writes a custom-format dump pg_restore can read."""
    db.create_case_base(postgres_url, "den_haag").close()
    out = tmp_path / "gedeeld.dump"
    assert cli.main(["backup", "--database", postgres_url, "--out", str(out)]) == 0
    assert out.read_bytes()[:5] == b"PGDMP"
    listing = subprocess.run(["pg_restore", "--list", str(out)], capture_output=True, text=True)
    assert "case_base_setting" in listing.stdout
    assert "pg_restore" in capsys.readouterr().out


def test_without_pg_dump_the_backup_says_how(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No pg_dump on the PATH: a Dutch explanation, exit status 1."""
    monkeypatch.setattr("shutil.which", lambda name: None)
    url = "postgresql+psycopg://postgres@127.0.0.1:5432/bestaat_niet"
    assert cli.main(["backup", "--database", url]) == 1
    err = capsys.readouterr().err
    assert "pg_dump is niet gevonden" in err and "postgresql-client" in err


def test_the_about_dialog_shows_where_backups_are_and_the_last_one(
    qtbot, desk, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Folder and time of the newest backup; on PostgreSQL how backups are made."""
    from verzuimdesk.gui.about import AboutDialog

    path = desk.case_base.path
    if path is not None:
        made = backup.make_backup(path)
    dialog = AboutDialog(desk)
    qtbot.addWidget(dialog)
    text = dialog.backups.text()
    if path is None:
        assert "pg_dump" in text
    else:
        assert str(backup.backup_folder(path)) in text
        assert made.made.strftime("%d-%m-%Y %H:%M") in text
    dialog.show()
    dialog.grab().save(str(tmp_path / "over.png"))
