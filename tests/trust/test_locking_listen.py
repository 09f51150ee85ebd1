"""On PostgreSQL a colleague's change arrives through LISTEN/NOTIFY, not only by polling
(issue 11, finding 4: "other users' changes appear without F5")."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from sqlalchemy import text

from tests.trust.support import colleague, pupil
from verzuimdesk.core import db
from verzuimdesk.core.services import cases
from verzuimdesk.core.services.change_listener import ChangeListener, can_listen


def _has_trigger(url: str) -> bool:
    case_base = db.open_case_base(url)
    try:
        with case_base.sessions() as session:
            found = session.execute(
                text("SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_entry_notify'")
            ).scalar()
    finally:
        case_base.close()
    return bool(found)


@pytest.mark.postgresql
def test_a_colleagues_commit_wakes_the_listener(postgres_url: str, tmp_path: Any) -> None:
    from tests.support.desk import make_desk

    desk = make_desk(tmp_path, url=postgres_url)
    woke = threading.Event()
    listener = ChangeListener(postgres_url, woke.set)
    assert listener.start()
    try:
        pupil(desk)
        assert woke.wait(10), "no notification after a commit"
    finally:
        listener.stop()
        desk.case_base.close()


@pytest.mark.postgresql
def test_an_upgraded_case_base_gets_the_notify_trigger(postgres_url: str) -> None:
    """Migration 0010 adds it to a case base made before it."""
    case_base = db.create_case_base(postgres_url, "den_haag")
    with case_base.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_entry_notify ON audit_entry"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0008'"))
    case_base.close()
    assert _has_trigger(postgres_url)


def test_sqlite_has_no_channel_and_polls(tmp_path: Any) -> None:
    assert not can_listen(db.sqlite_url(tmp_path / "x.sqlite"))
    assert not ChangeListener(db.sqlite_url(tmp_path / "x.sqlite"), lambda: None).start()


def test_the_case_list_shows_a_colleagues_case_without_waiting_for_the_poll(
    qtbot: Any, window: Any
) -> None:
    """The poll timer is put at ten minutes: only LISTEN can bring the new case in."""
    desk = window.desk
    refresh = window.live_refresh
    if desk.case_base.path is not None:
        assert refresh.listener is None  # SQLite: the timer polls
        return
    assert refresh.listener is not None
    refresh.timer.setInterval(600_000)
    bram = colleague(desk)
    cases.open_case(bram, pupil(bram, "Daan", "Bakker"), opened_on=dt.date(2024, 11, 4))
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 1, timeout=10_000)
    bram.case_base.close()
