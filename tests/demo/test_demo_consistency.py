"""The demo is what the desk itself would make: same signals, regional deadlines, per seed.

Issue 12: a region's own signals were not computed by ``verzuimdesk demo``, so a demo case
base never showed its regional deadlines. Issue 15: the demo streams in chunks; the
chunk size changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from verzuimdesk.core import db, demo
from verzuimdesk.core.demo import generate_demo
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.models import Case, Pupil, StoredSignal
from verzuimdesk.core.services import absences
from verzuimdesk.plugins.manager import create_plugin_manager

TODAY = dt.date(2026, 11, 30)
#: A regional signal of each region that has one.
REGIONAL_CODES = {"amsterdam": "verzuimgesprek", "kennemerland": "preventief-spreekuur"}


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    """The installed regional plugins."""
    registry = create_plugin_manager()
    if not registry.regions():
        pytest.skip("geen regionale plug-in geïnstalleerd")
    return registry


def _need(registry, region_id: str) -> None:  # type: ignore[no-untyped-def]
    if region_id not in {region.id for region in registry.regions()}:
        pytest.skip(f"plug-in {region_id} is niet geïnstalleerd")


def _fingerprint(path: Path) -> str:
    """A hash of everything the demo wrote that does not depend on the clock."""
    conn = sqlite3.connect(path)
    digest = hashlib.sha256()
    for table, columns in (
        ("school", "id, name, brin, sector"),
        ("pupil", "id, first_name, last_name, birth_date, bsn, school_id"),
        ("absence_record", "pupil_id, date, hours, kind"),
        ("signal", "pupil_id, code, datum, deadline_on"),
        ('"case"', "id, number, pupil_id, stage_id, opened_on, closed_on"),
        ("deadline", "case_id, due_on, rule_id, done_on"),
        ("case_event", "case_id, occurred_on, kind, to_stage_id"),
    ):
        for row in conn.execute(f"SELECT {columns} FROM {table} ORDER BY {columns}"):
            digest.update(repr(row).encode())
    conn.close()
    return digest.hexdigest()


def test_same_seed_same_demo_whatever_the_chunk_size(
    registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Deterministic per seed; writing in chunks of 97 pupils gives the same case base."""
    _need(registry, "den_haag")
    paths = [tmp_path / f"{name}.sqlite" for name in ("a", "b", "c", "d")]
    for path in paths[:2]:
        generate_demo(db.sqlite_url(path), "den_haag", pupils=700, registry=registry, today=TODAY)
    monkeypatch.setattr(demo, "CHUNK_PUPILS", 97)
    generate_demo(db.sqlite_url(paths[2]), "den_haag", pupils=700, registry=registry, today=TODAY)
    generate_demo(
        db.sqlite_url(paths[3]), "den_haag", pupils=700, registry=registry, today=TODAY, seed=7
    )
    prints = [_fingerprint(path) for path in paths]
    assert prints[0] == prints[1] == prints[2]
    assert prints[3] != prints[0]


@pytest.mark.parametrize("region_id", ["den_haag", "amsterdam", "kennemerland"])
def test_demo_signals_are_the_services_signals(registry, region_id: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every stored signal (regional ones included) is what a recompute by the desk gives."""
    _need(registry, region_id)
    url = db.sqlite_url(tmp_path / "demo.sqlite")
    summary = generate_demo(url, region_id, pupils=400, registry=registry, today=TODAY)
    if region_id in REGIONAL_CODES:
        assert summary.signal_counts[REGIONAL_CODES[region_id]] > 0
    case_base = db.open_case_base(url)
    desk = Desk(case_base, registry, user="t", today=TODAY)
    with case_base.sessions() as session:
        for pupil in session.scalars(select(Pupil).order_by(Pupil.id)):
            computed = {
                (s.code, s.datum, s.deadline)
                for s in absences.compute_for_pupil(desk, session, pupil)
            }
            stored = {
                (s.code, s.datum, s.deadline_on)
                for s in session.scalars(
                    select(StoredSignal).where(StoredSignal.pupil_id == pupil.id)
                )
            }
            assert stored == computed, pupil.id
    case_base.close()


def test_open_cases_show_the_regions_deadlines_on_their_signals(registry, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Den Haag's rule anchored on the LRV (melden bij SWV) shows on demo thuiszitter cases.

    A recompute by the services changes none of a demo case's signal deadlines.
    """
    _need(registry, "den_haag")
    url = db.sqlite_url(tmp_path / "demo.sqlite")
    generate_demo(url, "den_haag", pupils=600, registry=registry, today=TODAY)
    anchored = [
        rule.id for rule in registry.deadline_rules("den_haag") if rule.anchor.startswith("signal:")
    ]
    assert anchored
    case_base = db.open_case_base(url)
    desk = Desk(case_base, registry, user="t", today=TODAY)
    with case_base.sessions() as session:
        cases = session.scalars(select(Case).where(Case.closed_on.is_(None))).all()
        before = {
            case.id: sorted(
                (d.rule_id, d.due_on) for d in case.deadlines if d.rule_id and "@" in d.rule_id
            )
            for case in cases
        }
    flat = [rule_id for rows in before.values() for rule_id, _due in rows]
    assert any(rule_id.startswith(f"rule:{anchored[0]}@") for rule_id in flat)
    for case_id in before:
        with case_base.transaction("t") as session:
            absences.refresh_case_from_signals(desk, session, session.get(Case, case_id))
    with case_base.sessions() as session:
        after = {
            case.id: sorted(
                (d.rule_id, d.due_on) for d in case.deadlines if d.rule_id and "@" in d.rule_id
            )
            for case in session.scalars(select(Case).where(Case.closed_on.is_(None)))
        }
    assert after == before
    case_base.close()
