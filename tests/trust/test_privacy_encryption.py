"""Optional encryption at rest (SQLCipher): nothing readable in the file, no key no access."""

from __future__ import annotations

from pathlib import Path

import pytest

from verzuimdesk.core import db, encryption
from verzuimdesk.core.models import School

pytestmark = pytest.mark.skipif(not encryption.is_available(), reason="sqlcipher3 ontbreekt")


@pytest.mark.xfail(
    strict=True,
    reason="the file check before opening (core/case_base_file.py, merged from main) refuses a "
    "file without the plain SQLite header, so an encrypted case base cannot be reopened yet",
)
def test_an_encrypted_case_base_shows_nothing_without_its_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "versleuteld.sqlite"
    url = encryption.encrypted_url(path, "zeer geheim/€")
    case_base = db.create_case_base(url, "den_haag")
    with case_base.transaction("anna") as session:
        session.add(School(name="Geheime School", sector="VO", vacation_region="zuid"))
    case_base.close()
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert b"Geheime School" not in stored and b"SQLite format" not in stored
    assert db.open_case_base(url).region_id == "den_haag"
    with pytest.raises(db.CaseBaseError):
        db.open_case_base(encryption.encrypted_url(path, "fout"))
    with pytest.raises(db.CaseBaseError):
        db.open_case_base(db.sqlite_url(path))
