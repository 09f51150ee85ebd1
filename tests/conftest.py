"""Shared test set-up: headless Qt, a private user data folder, case base fixtures.

Case base fixtures run against SQLite always and against the PostgreSQL server on
127.0.0.1:5432 when it answers; without it those runs are skipped with the reason.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
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

pytest_plugins = ["tests.support.fixtures"]
