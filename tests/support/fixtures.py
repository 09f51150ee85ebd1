"""Fixtures for the whole suite: case bases on SQLite and PostgreSQL, a desk, a shown window.

Case base fixtures run against SQLite always and against the PostgreSQL server on
127.0.0.1:5432 when it answers; without it those runs are skipped with the reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.desk import make_desk

#: The PostgreSQL server the test machine runs (trust authentication).
PG_ADMIN_URL = os.environ.get(
    "VERZUIMDESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture(autouse=True)
def _private_user_data(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test away from the real user data folder and QSettings."""
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("VERZUIMDESK_DATA_DIR", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "config"))


def _pg_reason() -> str | None:
    """Return why PostgreSQL cannot be used, or None when it can."""
    try:
        import psycopg  # noqa: F401
        from sqlalchemy import create_engine, text
    except ImportError:
        return "psycopg is niet geïnstalleerd"
    try:
        engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
    except Exception as exc:
        return f"geen PostgreSQL op 127.0.0.1:5432 ({type(exc).__name__})"
    return None


@pytest.fixture(scope="session")
def pg_available() -> str | None:
    """None when the PostgreSQL test server answers, else the reason it does not."""
    return _pg_reason()


@pytest.fixture
def postgres_url(pg_available: str | None) -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped after the test."""
    if pg_available:
        pytest.skip(pg_available)
    from sqlalchemy import create_engine, text

    name = f"vd_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database URL: a SQLite file, and a PostgreSQL database when available."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'casusbestand.sqlite'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A desk with the test region, user ``tester`` and today = Wed 20 Nov 2024.

    Every test that takes it runs on the embedded SQLite file and on a shared PostgreSQL
    database (skipped, with the reason, where no server answers).
    """
    url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    desk = make_desk(tmp_path, url=url)
    yield desk
    desk.case_base.close()


@pytest.fixture
def window(qtbot: Any, desk: Any) -> Iterator[Any]:
    """The main window on ``desk``, shown, with error dialogs recorded instead of shown."""
    from tests.support.gui import shown_window

    yield from shown_window(qtbot, desk)
