"""The demo looks like a real region (issue 10): national-order rates, seasons, schools.

And the stress profile the benchmarks use keeps today's heavy rates.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from verzuimdesk.core import db
from verzuimdesk.core.demo import MIN_SCHOOLS, generate_demo
from verzuimdesk.plugins.manager import create_plugin_manager

TODAY = dt.date(2026, 11, 30)
SICK_CODES = ("sick-7-days", "sick-4-in-12", "sick-po-5-reports", "sick-po-10-days")


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    """The installed regional plugins."""
    registry = create_plugin_manager()
    if not registry.regions():
        pytest.skip("geen regionale plug-in geïnstalleerd")
    return registry


@pytest.fixture(scope="module")
def realistic(registry, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A realistic 8,000-pupil Den Haag demo: (summary, sqlite3 connection)."""
    path = tmp_path_factory.mktemp("realistisch") / "demo.sqlite"
    summary = generate_demo(
        db.sqlite_url(path), "den_haag", pupils=8000, registry=registry, today=TODAY
    )
    conn = sqlite3.connect(path)
    yield summary, conn
    conn.close()


def _pupils_with(conn: sqlite3.Connection, *codes: str) -> int:
    marks = ",".join("?" for _ in codes)
    return conn.execute(
        f"SELECT COUNT(DISTINCT pupil_id) FROM signal WHERE code IN ({marks})", codes
    ).fetchone()[0]


def test_rates_are_in_the_order_of_the_national_figures(realistic) -> None:  # type: ignore[no-untyped-def]
    """A few % with a 16-hour report, a few per 1,000 thuiszitters, luxe < 1 %, sick a minority.

    The old demo had 16 % of pupils at home (LRV), 86 % with a 16-hour report and more
    than two sick-4-in-12 signals per pupil.
    """
    summary, conn = realistic
    pupils = summary.pupils
    assert 0.01 <= _pupils_with(conn, "duo-16h") / pupils <= 0.06
    assert 0.5 <= _pupils_with(conn, "duo-lrv") / pupils * 1000 <= 8
    luxe = conn.execute(
        "SELECT COUNT(DISTINCT pupil_id) FROM absence_record WHERE kind = 'luxe'"
    ).fetchone()[0]
    assert 0 < luxe / pupils < 0.01
    assert 0.01 <= _pupils_with(conn, *SICK_CODES) / pupils <= 0.15
    # Open cases follow from that: a few percent of pupils, not a fifth.
    assert 0.005 <= summary.open_cases / pupils <= 0.05
    # The summary's counts are the case base's.
    assert summary.pupils_with["duo-16h"] == _pupils_with(conn, "duo-16h")


def test_more_sickness_in_winter_and_luxe_against_a_vacation(realistic) -> None:  # type: ignore[no-untyped-def]
    """Sick days per schooldag peak in winter; every luxe day touches a vacation."""
    _summary, conn = realistic

    def sick_per_day(months: tuple[int, ...]) -> float:
        rows = conn.execute(
            "SELECT date, COUNT(*) FROM absence_record WHERE kind = 'ziek' GROUP BY date"
        ).fetchall()
        counts = [n for day, n in rows if dt.date.fromisoformat(day).month in months]
        return sum(counts) / max(1, len(counts))

    assert sick_per_day((12, 1, 2)) > 1.5 * sick_per_day((5, 6, 7))
    from verzuimdesk.core.rules.calendar import SchoolCalendar

    calendar = SchoolCalendar.for_region("midden")  # Den Haag's vacation region
    luxe_days = [
        dt.date.fromisoformat(d)
        for (d,) in conn.execute("SELECT DISTINCT date FROM absence_record WHERE kind = 'luxe'")
    ]
    assert luxe_days

    def near_vacation(day: dt.date) -> bool:
        # Within 3 schooldagen of a break of more than a long weekend.
        for step in (-1, 1):
            cursor, schooldays = day, 0
            while schooldays < 4:
                cursor += dt.timedelta(days=step)
                if calendar.is_schooldag(cursor):
                    schooldays += 1
                elif cursor.weekday() < 5:
                    return True
        return False

    assert all(near_vacation(day) for day in luxe_days)


@pytest.mark.parametrize("region_id", ["den_haag", "amsterdam", "kennemerland"])
def test_every_region_has_at_least_8_schools(registry, region_id: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A phone round can be tried on any demo: 8 schools or more, every sector the region serves."""
    if region_id not in {region.id for region in registry.regions()}:
        pytest.skip(f"plug-in {region_id} is niet geïnstalleerd")
    path = tmp_path / "demo.sqlite"
    summary = generate_demo(db.sqlite_url(path), region_id, pupils=300, registry=registry)
    conn = sqlite3.connect(path)
    sectors = {s for (s,) in conn.execute("SELECT DISTINCT sector FROM school")}
    schools_with_pupils = conn.execute("SELECT COUNT(DISTINCT school_id) FROM pupil").fetchone()[0]
    conn.close()
    assert summary.schools >= MIN_SCHOOLS
    assert schools_with_pupils == summary.schools
    assert {str(s) for s in registry.region(region_id).sectors} <= sectors


def test_stress_keeps_the_heavy_rates(registry, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """``stress=True`` is today's heavy demo: a fifth of the pupils with an open case."""
    path = tmp_path / "stress.sqlite"
    summary = generate_demo(
        db.sqlite_url(path), "den_haag", pupils=2000, registry=registry, stress=True, today=TODAY
    )
    assert summary.profile == "stress"
    assert summary.open_cases == 400
    assert summary.pupils_with["duo-lrv"] / summary.pupils > 0.1
    assert summary.pupils_with["duo-16h"] / summary.pupils > 0.2
    assert summary.signal_counts["sick-4-in-12"] > summary.pupils
