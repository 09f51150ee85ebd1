"""The audit trail (issue 11): who, masked values, reads, tamper evidence, history, export."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from tests.trust.support import colleague, in_lockstep, pupil
from verzuimdesk import cli
from verzuimdesk.core import audit, db, migrate
from verzuimdesk.core.models import AuditEntry
from verzuimdesk.core.services import cases, history, pupils


def _entries(desk) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    with desk.case_base.sessions() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def test_personal_fields_are_masked_and_the_database_user_is_recorded(desk, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LOGNAME", "iemand-anders")
    monkeypatch.setenv("USER", "iemand-anders")
    pid = pupils.create_pupil(
        desk,
        pupils.PupilData(
            "Sanne",
            "de Vries",
            dt.date(2010, 3, 14),
            bsn="111222333",
            parent_phone="0612345678",
            street="Dorpsstraat 1",
        ),
    )
    data = pupils.pupil_data(desk, pid)
    data.parent_email = "ouder@example.nl"
    data.municipality = "Teststad"
    pupils.update_pupil(desk, pid, data)
    entries = _entries(desk)
    dumped = json.dumps([[e.before, e.after] for e in entries])
    for secret in (
        "Sanne",
        "Vries",
        "111222333",
        "0612345678",
        "Dorpsstraat",
        "ouder@",
        "2010-03-14",
    ):
        assert secret not in dumped
    update = next(e for e in entries if e.action == "update" and e.table_name == "pupil")
    assert update.after == {"parent_email": audit.MASK, "municipality": "Teststad"}
    assert update.user == "tester"
    expected = (
        "postgres" if desk.case_base.engine.dialect.name == "postgresql" else audit.os_account()
    )
    assert {e.db_user for e in entries} == {expected}
    assert expected != "iemand-anders"


def test_the_user_is_shown_as_the_person_linked_to_it(desk) -> None:  # type: ignore[no-untyped-def]
    from verzuimdesk.core.models import Person

    with desk.case_base.transaction("beheer") as session:
        session.add(Person(name="Tessa Ter", username="tester"))
    pupil(desk)
    assert _entries(desk)[-1].user == "Tessa Ter (tester)"


def test_reads_are_logged_and_shown_in_the_history(desk) -> None:  # type: ignore[no-untyped-def]
    pid = pupil(desk)
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 11, 4))
    history.audit_read(desk, "case", case_id)
    history.audit_read(desk, "pupil", pid)
    history.audit_read(desk, "search", None, {"resultaten": 3})
    cases.move_case(desk, case_id, "t2", reason="Gesprek", from_stage_id="t1")
    items = history.case_history(desk, case_id)
    moved = next(i for i in items if i.action == "Gewijzigd" and i.record == f"Casus {case_id}")
    assert "stage_id: t1 → t2" in moved.changes and moved.user == "tester"
    assert any(i.action == "Ingezien" and i.record == f"Casus {case_id}" for i in items)
    assert any(i.record.startswith("Gebeurtenis") for i in items)
    shown = history.pupil_history(desk, pid)
    assert shown[-1].action == "Toegevoegd" and "first_name: (afgeschermd)" in shown[-1].changes
    assert any(i.action == "Ingezien" and i.record == f"Leerling {pid}" for i in shown)
    reads = [e for e in _entries(desk) if e.action == "read"]
    assert [r.table_name for r in reads] == ["case", "pupil", "search"]
    assert history.verify(desk).ok


def test_the_chain_holds_when_two_desks_write_at_the_same_moment(desk) -> None:  # type: ignore[no-untyped-def]
    first, second = pupil(desk), pupil(desk, "Daan", "Bakker")
    bram = colleague(desk)
    in_lockstep(
        [desk, bram],
        [
            lambda: cases.open_case(desk, first, opened_on=dt.date(2024, 11, 4)),
            lambda: cases.open_case(bram, second, opened_on=dt.date(2024, 11, 4)),
        ],
    )
    report = history.verify(desk)
    assert report.ok, report.problems
    seqs = [e.seq for e in _entries(desk)]
    assert seqs == list(range(1, len(seqs) + 1))
    bram.case_base.close()


def _tamper(desk, statement: str) -> None:  # type: ignore[no-untyped-def]
    with desk.case_base.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER audit_entry_no_update")
            conn.exec_driver_sql("DROP TRIGGER audit_entry_no_delete")
        conn.execute(text(statement))


def test_a_changed_entry_is_found(desk, capsys) -> None:  # type: ignore[no-untyped-def]
    pupil(desk)
    assert cli.main(["audit", "verify", "--database", desk.case_base.url]) == 0
    assert "in orde" in capsys.readouterr().out
    _tamper(desk, "UPDATE audit_entry SET \"user\" = 'niemand' WHERE seq = 1")
    report = history.verify(desk)
    assert not report.ok and "Regel 1: de inhoud is na het schrijven gewijzigd." in report.problems
    assert cli.main(["audit", "verify", "--database", desk.case_base.url]) == 1
    assert "NIET in orde" in capsys.readouterr().out


def test_removed_entries_are_found(desk) -> None:  # type: ignore[no-untyped-def]
    pupil(desk)
    pupil(desk, "Daan", "Bakker")
    pupil(desk, "Noor", "Smit")
    last = max(e.seq for e in _entries(desk))
    _tamper(desk, f"DELETE FROM audit_entry WHERE seq = {last}")
    assert (
        "Aan het eind van de keten ontbreken regels (verwijderd)." in history.verify(desk).problems
    )
    _tamper_again = "DELETE FROM audit_entry WHERE seq = 1"
    with desk.case_base.engine.begin() as conn:
        conn.execute(text(_tamper_again))
    problems = history.verify(desk).problems
    assert any("Volgnummer 1 " in p for p in problems), problems


def test_sqlite_refuses_to_change_or_delete_audit_entries(tmp_path: Path) -> None:
    path = tmp_path / "casus.sqlite"
    case_base = db.create_case_base(db.sqlite_url(path), "den_haag")
    case_base.close()
    conn = sqlite3.connect(path)
    for statement in ("UPDATE audit_entry SET user = 'x'", "DELETE FROM audit_entry"):
        conn.execute(
            "INSERT INTO audit_entry (at, user, action, table_name, record_id) "
            "VALUES ('2026-01-01', 'a', 'read', 'case', '1')"
        )
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(statement)
    conn.close()


def test_upgrading_masks_and_chains_the_old_entries(tmp_path: Path) -> None:
    """A 0005 case base with names in its trail: after the upgrade they are masked, chained."""
    path = tmp_path / "oud.sqlite"
    engine = db.make_engine(db.sqlite_url(path))
    migrate.upgrade(engine, "0005")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO case_base_setting VALUES ('region_id', 'den_haag')")
        conn.exec_driver_sql(
            "INSERT INTO audit_entry (at, user, action, table_name, record_id, before, after) "
            "VALUES ('2026-01-01 10:00:00.000000', 'anna', 'update', 'pupil', '1', "
            '\'{"last_name": "Jansen"}\', \'{"last_name": "Janssen"}\')'
        )
    engine.dispose()
    case_base = db.open_case_base(db.sqlite_url(path))
    with case_base.sessions() as session:
        entry = session.scalars(select(AuditEntry)).one()
        assert (entry.before, entry.after, entry.seq) == (
            {"last_name": audit.MASK},
            {"last_name": audit.MASK},
            1,
        )
        assert audit.verify_chain(session).ok
    case_base.close()
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_entry")
    conn.close()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_audit_export_of_a_period(desk, tmp_path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    pid = pupil(desk)
    history.audit_read(desk, "pupil", pid)
    now = dt.datetime.now(dt.UTC).date()
    target = tmp_path / f"audit{suffix}"
    count = history.export_audit(desk, now - dt.timedelta(days=1), now, target)
    assert count >= 2
    if suffix == ".csv":
        lines = target.read_text(encoding="utf-8-sig").splitlines()
        assert lines[0].startswith("volgnummer;tijdstip (UTC);gebruiker")
        assert len(lines) == count + 1 and "Sanne" not in target.read_text(encoding="utf-8-sig")
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(target).active
        assert sheet is not None and sheet.max_row == count + 1
    assert _entries(desk)[-1].table_name == "export"  # the export is itself logged
    assert history.export_audit(desk, now, now + dt.timedelta(days=1), tmp_path / "x.csv") >= 1
    with pytest.raises(history.ValidationError):
        history.export_audit(desk, now, now, tmp_path / "x.txt")
