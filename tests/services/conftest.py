"""Fixtures for the service tests: a desk on a fresh case base of a small test region."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from desk_support import make_desk


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def desk(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A desk with the test region, user ``tester`` and today = 20 Nov 2024.

    Every service test runs on the embedded SQLite file and on a shared PostgreSQL
    database (skipped, with the reason, where no server answers).
    """
    url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    desk = make_desk(tmp_path, url=url)
    yield desk
    desk.case_base.close()
