"""Shared test set-up: headless Qt, a private user data folder, case base fixtures.

Case base fixtures run against SQLite always and against the PostgreSQL server on
127.0.0.1:5432 when it answers; without it those runs are skipped with the reason.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _real_user_places() -> list[Path]:
    """The real user's VerzuimDesk settings and data folders (settings hold the log too)."""
    import platformdirs

    return [
        Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "VerzuimDesk",
        Path(platformdirs.user_data_dir("VerzuimDesk", "VerzuimDesk")),
        Path(platformdirs.user_config_dir("VerzuimDesk", "VerzuimDesk")),
    ]


def _real_user_state() -> dict[str, str]:
    """A fingerprint of every file in the real user's VerzuimDesk folders."""
    state: dict[str, str] = {}
    for place in _REAL_PLACES:
        for path in sorted(place.rglob("*")) if place.is_dir() else []:
            if path.is_file():
                state[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


#: Taken before anything of the desk is imported or started.
_REAL_PLACES = _real_user_places()
_REAL_STATE_BEFORE = _real_user_state()

# The whole session, subprocesses included, keeps to a private home for settings, data and
# the log: QSettings reads XDG_CONFIG_HOME once, so setting it per test would be too late.
_PRIVATE = Path(tempfile.mkdtemp(prefix="verzuimdesk-tests-"))
os.environ["XDG_CONFIG_HOME"] = str(_PRIVATE / "config")
os.environ["XDG_DATA_HOME"] = str(_PRIVATE / "data")
os.environ["XDG_CACHE_HOME"] = str(_PRIVATE / "cache")
os.environ["VERZUIMDESK_DATA_DIR"] = str(_PRIVATE / "verzuimdesk")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when any test changed the real user's settings, data or log."""
    changed = sorted(set(_REAL_STATE_BEFORE.items()) ^ set(_real_user_state().items()), key=str)
    if changed:
        names = sorted({path for path, _ in changed})
        print("\nDe tests hebben echte gebruikersbestanden gewijzigd: " + ", ".join(names))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    shutil.rmtree(_PRIVATE, ignore_errors=True)


from verzuimdesk.gui.pyside_workaround import make_none_immortal  # noqa: E402 - after the env

# PySide6 6.12 on CPython 3.11 leaks references of None/True/False; see the module.
make_none_immortal()

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
