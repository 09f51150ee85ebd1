"""``verzuimdesk recompute --database URL`` (issue 15): the fast path writes back exactly what
the per-pupil recompute after a record change writes — stored signals (their reported date
kept), the open cases' signal deadlines, first absence days and inspectie categories."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from verzuimdesk.commands import recompute as cmd
from verzuimdesk.core.db import open_case_base
from verzuimdesk.core.demo import generate_demo
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.models import Case, Deadline, Pupil, StoredSignal
from verzuimdesk.core.services import absences
from verzuimdesk.plugins.manager import create_plugin_manager

TODAY = dt.date(2026, 6, 19)


def snapshot(url: str) -> dict[str, Any]:
    """Everything a recompute writes, without row ids."""
    case_base = open_case_base(url)
    try:
        with case_base.sessions() as s:
            signals = sorted(
                (x.pupil_id, x.code, x.datum, x.start, x.eind, x.uren, x.deadline_on, x.reported_on)
                for x in s.scalars(select(StoredSignal))
            )
            deadlines = sorted(
                (d.case_id, d.rule_id or "", d.due_on, d.what, d.role_id or "", d.done_on or TODAY)
                for d in s.scalars(select(Deadline))
            )
            cases = sorted(
                (c.id, c.first_absence_on, c.inspectie_category) for c in s.scalars(select(Case))
            )
    finally:
        case_base.close()
    return {"signals": signals, "deadlines": deadlines, "cases": cases}


def per_pupil_recompute(url: str) -> None:
    """The per-pupil path every record change takes, for every pupil."""
    case_base = open_case_base(url)
    try:
        desk = Desk(case_base, create_plugin_manager(), user="t", today=TODAY)
        with case_base.transaction("t") as s:
            for pupil_id in s.scalars(select(Pupil.id).order_by(Pupil.id)).all():
                absences.recompute_in_session(desk, s, pupil_id)
    finally:
        case_base.close()


@pytest.mark.parametrize("region", ["amsterdam", "den_haag"])
def test_recompute_writes_what_the_per_pupil_path_writes(
    empty_db_url: str,
    region: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    generate_demo(
        empty_db_url,
        region,
        pupils=240,
        today=dt.date(2026, 6, 15),
        registry=create_plugin_manager(),
    )
    # mark one stored signal reported: the recompute must keep that date
    case_base = open_case_base(empty_db_url)
    with case_base.transaction("t") as s:
        first = s.scalars(select(StoredSignal).order_by(StoredSignal.id)).first()
        assert first is not None
        first.reported_on = dt.date(2026, 6, 1)
    case_base.close()

    per_pupil_recompute(empty_db_url)
    expected = snapshot(empty_db_url)
    assert len(expected["signals"]) > 100 and expected["deadlines"]

    import verzuimdesk.core.services.bulk_recompute as bulk

    monkeypatch.setattr(bulk, "CHUNK_PUPILS", 50)  # several chunks, prefetched
    args = argparse.Namespace(database=empty_db_url, today="19-06-2026", quiet=False)
    assert cmd.run(args) == 0
    out = capsys.readouterr()
    assert "240 van 240 leerlingen" in out.err
    assert "leerlingen" in out.out and "signalen opgeslagen" in out.out
    assert snapshot(empty_db_url) == expected
    assert any(row[-1] == dt.date(2026, 6, 1) for row in expected["signals"])


def test_recompute_refuses_what_it_cannot_open(tmp_path: Any, capsys: Any) -> None:
    args = argparse.Namespace(database=str(tmp_path / "weg.sqlite"), today=None, quiet=True)
    assert cmd.run(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bestaat niet" in err[0]
    args = argparse.Namespace(database=str(tmp_path / "weg.sqlite"), today="morgen", quiet=True)
    assert cmd.run(args) == 2
    assert "geen datum" in capsys.readouterr().err
