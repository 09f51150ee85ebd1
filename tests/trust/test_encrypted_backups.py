"""Backups of an encrypted (SQLCipher) case base (issue 11): made with its key, rotated,
checked before they count, encrypted with the same passphrase, and restorable; the
passphrase never reaches a log line or an error text."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from verzuimdesk import cli
from verzuimdesk.core import backup, db, encryption, migrate
from verzuimdesk.core.models import Pupil
from verzuimdesk.core.scrub import ScrubFilter, scrub

pytestmark = pytest.mark.skipif(not encryption.is_available(), reason="sqlcipher3 ontbreekt")

SECRET = 'zeer "geheim"/€ \'x'
NAME = "Zwanetje Geheimhouder"


def _add_pupil(url: str, last_name: str) -> None:
    case_base = db.open_case_base(url)
    with case_base.transaction("anna") as session:
        session.add(
            Pupil(first_name="Zwanetje", last_name=last_name, birth_date=dt.date(2012, 3, 4))
        )
    case_base.close()


def _encrypted_case_base(path: Path) -> str:
    url = encryption.encrypted_url(path, SECRET)
    db.create_case_base(url, "den_haag").close()
    _add_pupil(url, "Geheimhouder")
    return url


def _names(path: Path, passphrase: str = SECRET) -> list[str]:
    case_base = db.open_case_base(encryption.encrypted_url(path, passphrase))
    try:
        with case_base.sessions() as session:
            return [p.full_name for p in session.scalars(select(Pupil).order_by(Pupil.id))]
    finally:
        case_base.close()


def _assert_encrypted(path: Path) -> None:
    raw = path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert b"Zwanetje" not in raw and b"Geheimhouder" not in raw


def test_the_backup_command_makes_a_checked_encrypted_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "versleuteld.sqlite"
    url = _encrypted_case_base(path)
    running = db.open_case_base(url)  # the desk has it open meanwhile
    with caplog.at_level(logging.DEBUG):
        assert cli.main(["backup", "--database", url]) == 0
    running.close()
    out = capsys.readouterr()
    made = backup.latest(path)
    assert made is not None and made.path.parent.name == "Reservekopieën"
    assert "gecontroleerd" in out.out
    _assert_encrypted(made.path)
    assert not made.path.with_name(made.path.name + "-wal").exists()
    assert _names(made.path) == [NAME]
    with pytest.raises(db.CaseBaseError):
        db.open_case_base(encryption.encrypted_url(made.path, "fout"))
    assert made.path.stat().st_mode & 0o077 == 0
    everything = out.out + out.err + caplog.text
    assert SECRET not in everything and "geheim" not in everything


def test_encrypted_backups_rotate_and_the_start_backup_is_daily(tmp_path: Path) -> None:
    path = tmp_path / "versleuteld.sqlite"
    _encrypted_case_base(path)
    start = dt.datetime(2026, 11, 30, 9, 0)
    assert backup.backup_at_start(path, now=lambda: start, key=SECRET) is not None
    assert backup.backup_at_start(path, now=lambda: start.replace(hour=17), key=SECRET) is None
    for day in range(1, backup.GENERATIONS + 3):
        later = start + dt.timedelta(days=day)
        assert backup.backup_at_start(path, now=lambda d=later: d, key=SECRET) is not None
    kept = backup.backups(path)
    assert backup.GENERATIONS >= 7 and len(kept) == backup.GENERATIONS
    assert kept[0].made == start + dt.timedelta(days=backup.GENERATIONS + 2)
    for made in kept:
        _assert_encrypted(made.path)
    assert _names(kept[-1].path) == [NAME]


def test_an_encrypted_backup_is_restored_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "versleuteld.sqlite"
    url = _encrypted_case_base(path)
    made = backup.make_backup(path, key=SECRET)
    _add_pupil(url, "Later")
    assert cli.main(["restore", str(made.path), "--database", url]) == 0
    out = capsys.readouterr().out
    assert "teruggezet" in out and "bewaard als" in out
    _assert_encrypted(path)
    assert _names(path) == [NAME]
    kept = next(tmp_path.glob("versleuteld.voor-terugzetten-*.sqlite"))
    _assert_encrypted(kept)
    assert _names(kept) == [NAME, "Zwanetje Later"]


def test_a_damaged_encrypted_copy_is_not_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "versleuteld.sqlite"
    _encrypted_case_base(path)
    copy_into = backup._copy_into

    def damaging(source: Path, part: Path, key: str | None, timeout: float) -> None:
        copy_into(source, part, key, timeout)
        with part.open("r+b") as handle:  # a bit flips on the way to the disk
            handle.seek(5000)
            byte = handle.read(1)
            handle.seek(5000)
            handle.write(bytes([byte[0] ^ 0xFF]))

    monkeypatch.setattr(backup, "_copy_into", damaging)
    with pytest.raises(backup.BackupError) as failed:
        backup.make_backup(path, key=SECRET)
    assert "niet in orde" in failed.value.message and SECRET not in failed.value.message
    assert backup.backups(path) == []
    assert not list(backup.backup_folder(path).glob("*.deel"))


def test_a_damaged_or_foreign_encrypted_backup_is_not_restored(tmp_path: Path) -> None:
    path = tmp_path / "versleuteld.sqlite"
    url = _encrypted_case_base(path)
    made = backup.make_backup(path, key=SECRET).path
    before = path.read_bytes()
    damaged = made.with_name("beschadigd.sqlite")
    raw = bytearray(made.read_bytes())
    raw[5000] ^= 0xFF
    damaged.write_bytes(bytes(raw))
    with pytest.raises(backup.BackupError, match="beschadigd"):
        backup.restore(path, damaged, migrate.known_revisions(), key=SECRET)
    with pytest.raises(backup.BackupError, match="wachtwoord") as wrong:
        backup.restore(path, made, migrate.known_revisions(), key="ander wachtwoord")
    assert "ander wachtwoord" not in wrong.value.message
    assert path.read_bytes() == before
    assert _names(path) == [NAME] and url


def test_the_pre_upgrade_backup_of_an_encrypted_case_base_is_checked_and_kept(
    tmp_path: Path,
) -> None:
    """Before a migration: a checked copy beside the file and one in the rotation."""
    path = tmp_path / "versleuteld.sqlite"
    _encrypted_case_base(path)
    beside = db._backup_before_upgrade(path, "0007", key=SECRET)
    assert beside.name == "versleuteld.voor-upgrade-0007.sqlite"
    assert [b.reason for b in backup.backups(path)] == ["voor-upgrade-0007"]
    for copy in (beside, backup.backups(path)[0].path):
        _assert_encrypted(copy)
        assert _names(copy) == [NAME]


def test_the_scrubber_hides_the_passphrase() -> None:
    url = encryption.encrypted_url("/tmp/a.sqlite", "Geheim wachtwoord")
    quoted = "Geheim wachtwoord".replace('"', '""')
    texts = [
        f"kan {url} niet openen",
        f'[SQL: pragma key="{quoted}"]',
        "ATTACH DATABASE 'kopie.sqlite' AS backup KEY 'Geheim wachtwoord'",
        "PRAGMA rekey = Geheimwachtwoord;",
    ]
    for text in texts:
        assert "Geheim" not in scrub(text), text
    record = logging.LogRecord("x", logging.ERROR, "f", 1, "open %s", (url,), None)
    ScrubFilter().filter(record)
    assert "Geheim" not in record.getMessage()
    assert scrub("DETAIL: Key (bsn)=(123456782) already exists") == (
        "DETAIL: Key (bsn)=(…) already exists"
    )


def test_the_desk_makes_the_start_up_backup_of_an_encrypted_case_base(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Once the window shows, the daily backup is made off the GUI thread, encrypted."""
    from tests.support.desk import make_desk
    from tests.support.gui import shown_window
    from verzuimdesk.gui import start_checks

    path = tmp_path / "versleuteld.sqlite"
    desk = make_desk(tmp_path, url=encryption.encrypted_url(path, SECRET))
    assert desk.case_base.encrypted
    windows = shown_window(qtbot, desk)
    window = next(windows)
    try:
        start_checks.start(window)
        qtbot.waitUntil(lambda: len(backup.backups(path)) == 1, timeout=20_000)
        made = backup.backups(path)[0]
        assert made.reason == "start"
        _assert_encrypted(made.path)
        backup.check_backup_file(made.path, migrate.known_revisions(), key=SECRET)
    finally:
        next(windows, None)
        desk.case_base.close()


def test_the_start_dialog_restores_an_encrypted_backup_with_its_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged encrypted case base: *Laatste reservekopie terugzetten* asks the passphrase
    (again after a wrong one) and opens the restored file; before, it was refused."""
    from verzuimdesk.gui import passphrase, startup

    path = tmp_path / "versleuteld.sqlite"
    _encrypted_case_base(path)
    made = backup.make_backup(path, key=SECRET)
    assert made is not None
    path.write_bytes(path.read_bytes()[:4096])  # damaged
    typed = iter(["fout", SECRET])
    asked: list[str] = []

    def ask(_path: Path, message: str = "", parent: object = None) -> str | None:
        asked.append(message)
        return next(typed)

    monkeypatch.setattr(passphrase, "ask", ask)

    class _Registry:
        def region(self, region_id: str) -> object:
            return object()

    problem = db.CaseBaseError("beschadigd", made.path, path)
    case_base = startup._restore_latest(problem, _Registry())  # type: ignore[arg-type]
    assert case_base is not None
    case_base.close()
    assert asked[0] == "" and asked[1]  # the second time with the reason
    assert _names(path) == [NAME]
    _assert_encrypted(path)


def test_damage_past_the_first_pages_is_found_at_start_and_restored_with_the_key(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Opening with the key reads only the first pages: the start's background check reads
    every page's HMAC, says the file is damaged and restores the latest backup, encrypted."""

    from tests.support.desk import make_desk, make_registry
    from tests.support.gui import answer_restore_at_start, shown_window
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.gui import start_checks

    path = tmp_path / "versleuteld.sqlite"
    url = encryption.encrypted_url(path, SECRET)
    make_desk(tmp_path, url=url).case_base.close()
    made = backup.make_backup(path, key=SECRET)
    assert made is not None
    assert backup.encrypted_is_intact(path, SECRET)
    raw = bytearray(path.read_bytes())
    middle = len(raw) // 4096 // 2 * 4096
    raw[middle : middle + 4096] = bytes(4096)  # a page in the middle, not read at open
    path.write_bytes(bytes(raw))
    assert not backup.encrypted_is_intact(path, SECRET)
    desk = Desk(db.open_case_base(url), make_registry(), user="tester")  # it opens
    asked, quits = answer_restore_at_start(monkeypatch)
    windows = shown_window(qtbot, desk)
    window = next(windows)
    try:
        start_checks.start(window)
        qtbot.waitUntil(lambda: bool(quits) or len(asked) > 1, timeout=20_000)
    finally:
        next(windows, None)
        desk.case_base.close()
    assert quits and "beschadigd" in asked[0], asked
    _names(path)  # the restored file opens with its passphrase
    assert backup.encrypted_is_intact(path, SECRET)
    _assert_encrypted(path)
    assert list(tmp_path.glob("versleuteld.voor-terugzetten-*"))
