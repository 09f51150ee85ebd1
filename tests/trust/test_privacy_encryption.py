"""Optional encryption at rest (SQLCipher): nothing readable in the file, no key no access,
and an encrypted case base opens again at start after asking its passphrase."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest

from verzuimdesk.core import db, encryption
from verzuimdesk.core.models import School

pytestmark = pytest.mark.skipif(not encryption.is_available(), reason="sqlcipher3 ontbreekt")

SECRET = "zeer geheim/€"


def _encrypted_case_base(path: Path) -> str:
    url = encryption.encrypted_url(path, SECRET)
    case_base = db.create_case_base(url, "den_haag")
    with case_base.transaction("anna") as session:
        session.add(School(name="Geheime School", sector="VO", vacation_region="zuid"))
    case_base.close()
    return url


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_an_encrypted_case_base_shows_nothing_without_its_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "versleuteld.sqlite"
    url = _encrypted_case_base(path)
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert b"Geheime School" not in stored and b"SQLite format" not in stored
    assert db.open_case_base(url).region_id == "den_haag"
    with pytest.raises(db.CaseBaseError):
        db.open_case_base(encryption.encrypted_url(path, "fout"))
    with pytest.raises(db.CaseBaseError):
        db.open_case_base(db.sqlite_url(path))


def test_without_or_with_a_wrong_passphrase_the_file_is_recognised_and_left_alone(
    tmp_path: Path,
) -> None:
    """The check before opening says "versleuteld" (not "no database") and asks for the
    passphrase; a wrong one says so; neither changes a byte or leaves a -wal behind."""
    path = tmp_path / "versleuteld.sqlite"
    _encrypted_case_base(path)
    before = _files(tmp_path)
    with pytest.raises(db.CaseBaseError) as plain:
        db.open_case_base(db.sqlite_url(path))
    assert "versleuteld" in plain.value.message and plain.value.encrypted_path == path
    with pytest.raises(db.CaseBaseError) as wrong:
        db.open_case_base(encryption.encrypted_url(path, "fout"))
    assert "wachtwoord" in wrong.value.message and "klopt niet" in wrong.value.message
    assert wrong.value.encrypted_path == path
    assert _files(tmp_path) == before


def test_a_plain_file_opened_with_a_passphrase_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "gewoon.sqlite"
    db.create_case_base(db.sqlite_url(path), "den_haag").close()
    before = _files(tmp_path)
    with pytest.raises(db.CaseBaseError, match="niet versleuteld"):
        db.open_case_base(encryption.encrypted_url(path, SECRET))
    assert _files(tmp_path) == before


def test_the_desk_asks_the_passphrase_at_start_and_again_after_a_wrong_one(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from verzuimdesk.gui import passphrase, startup

    path = tmp_path / "versleuteld.sqlite"
    _encrypted_case_base(path)
    typed = iter(["fout", SECRET])
    shown: list[str] = []

    def fake_exec(dialog: passphrase.PassphraseDialog) -> int:
        qtbot.addWidget(dialog)
        assert dialog.textEchoMode() == dialog.textEchoMode().Password
        shown.append(dialog.labelText())
        dialog.setTextValue(next(typed))
        return 1

    monkeypatch.setattr(passphrase.PassphraseDialog, "exec", fake_exec)
    monkeypatch.setattr(
        "verzuimdesk.core.case_base_opening.check_region", lambda case_base, registry: None
    )
    args = argparse.Namespace(demo=False, database=db.sqlite_url(path), region=None, smoke=False)
    case_base = startup.obtain_case_base(args, object(), interactive=True)  # type: ignore[arg-type]
    assert case_base is not None and case_base.encrypted and case_base.region_id == "den_haag"
    case_base.close()
    assert len(shown) == 2 and "versleuteld" in shown[0] and "klopt niet" not in shown[0]
    assert "klopt niet" in shown[1]


def test_cancelling_the_passphrase_goes_back_to_the_choice_of_file(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from verzuimdesk.gui import passphrase, startup

    path = tmp_path / "versleuteld.sqlite"
    _encrypted_case_base(path)
    problems: list[str] = []
    monkeypatch.setattr(passphrase.PassphraseDialog, "exec", lambda dialog: 0)

    def fake_problem(dialog: startup.OpenProblemDialog) -> int:
        qtbot.addWidget(dialog)
        problems.append(dialog.findChild(startup.QLabel, "problemMessage").text())
        dialog.choice = dialog.QUIT
        return 1

    monkeypatch.setattr(startup.OpenProblemDialog, "exec", fake_problem)
    args = argparse.Namespace(demo=False, database=db.sqlite_url(path), region=None, smoke=False)
    assert startup.obtain_case_base(args, object(), interactive=True) is None  # type: ignore[arg-type]
    assert problems and "geen wachtwoord" in problems[0]
