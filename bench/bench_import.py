"""Benchmark: importing a 1,000,000-row absence export (goal: < 20 s, peak RSS < 300 MB,
progress at least every second), and exporting 8,000 cases as XLSX (goal: < 2 s).

    python bench/bench_import.py [--rows 1000000] [--pupils 20000] [--keep DIR] [--phases]

Writes the export with ``bench/make_import_file.py`` (Magister style, one row per lesson),
makes a case base with the pupils (school numbers at one school), imports the file, then
imports it again (idempotent: nothing changes), and prints a table; ``--phases`` adds the
CPU and wall seconds of each phase (reading the rows, comparing and writing, recomputing
the signals). Exports are measured by ``bench/bench_export.py``.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_import_file import pupil_numbers, write

from verzuimdesk.core.db import create_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.importing import absences as absence_import
from verzuimdesk.core.importing import guess_mapping, open_table, run_import
from verzuimdesk.core.models import Enrolment, Pupil, School
from verzuimdesk.core.models_import import PupilSchoolNumber
from verzuimdesk.plugins.manager import create_plugin_manager

TODAY = dt.date(2026, 7, 15)


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_desk(folder: Path, pupils: int) -> Desk:
    """A Den Haag case base with one school (midden) and its pupils, written in bulk."""
    case_base = create_case_base(sqlite_url(folder / "casus.sqlite"), "den_haag", today=TODAY)
    with case_base.transaction("bench") as session:
        session.execute(
            insert(School),
            [
                {
                    "id": 1,
                    "name": "Bench College",
                    "brin": "99ZZ00",
                    "sector": "VO",
                    "vacation_region": "midden",
                    "goede_vrijdag_free": False,
                    "bevrijdingsdag_free": False,
                    "explicit_calendar": False,
                }
            ],
        )
        numbers = pupil_numbers(pupils)
        session.execute(
            insert(Pupil),
            [
                {
                    "id": i + 1,
                    "first_name": "Leerling",
                    "last_name": f"Nummer {i}",
                    "birth_date": dt.date(2010, 1, 1) + dt.timedelta(days=i % 700),
                    "school_id": 1,
                }
                for i in range(pupils)
            ],
        )
        session.execute(
            insert(Enrolment),
            [
                {"pupil_id": i + 1, "school_id": 1, "start": dt.date(2022, 9, 1)}
                for i in range(pupils)
            ],
        )
        session.execute(
            insert(PupilSchoolNumber),
            [{"pupil_id": i + 1, "school_id": 1, "number": n} for i, n in enumerate(numbers)],
        )
    return Desk(case_base, create_plugin_manager(), user="bench", today=TODAY)


PHASES = {
    "_read_rows": "reading and checking the rows",
    "_merge": "comparing with the case base and writing",
    "recompute_pupils": "recomputing signals and deadlines",
}


def timed_phases() -> dict[str, list[float]]:
    """Wrap the import's phases to add up their CPU and wall seconds (name -> [cpu, wall])."""
    totals: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0])
    for name, label in PHASES.items():
        setattr(absence_import, name, _timed(getattr(absence_import, name), totals[label]))
    return totals


def _timed(function: Callable[..., Any], total: list[float]) -> Callable[..., Any]:
    """``function``, adding its CPU and wall seconds to ``total``."""

    def timed(*args: Any, **kwargs: Any) -> Any:
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            total[0] += time.process_time() - cpu
            total[1] += time.perf_counter() - wall

    return timed


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--pupils", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="folder for the export and case base")
    parser.add_argument("--phases", action="store_true", help="CPU and wall seconds per phase")
    args = parser.parse_args()
    phases = timed_phases() if args.phases else None
    folder = args.keep or Path(tempfile.mkdtemp(prefix="vd-bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    export = folder / "magister_1m.csv"
    if not export.exists():
        write(export, args.rows, args.pupils)
    desk = make_desk(folder, args.pupils)
    mapping = guess_mapping(open_table(export).header, "absences")
    mapping.school_id = 1
    rss_before = rss_mb()
    print(
        "| run | rows | records new | unchanged rows | refused | pupils recomputed | seconds "
        "| CPU seconds | rows/s | longest gap between progress (s) | peak RSS (MB) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for run in ("first import", "same file again"):
        stamps: list[float] = []

        def progress(_fraction: float, _text: str, stamps: list[float] = stamps) -> None:
            stamps.append(time.perf_counter())

        started, cpu = time.perf_counter(), time.process_time()
        report = run_import(desk, export, mapping, progress=progress)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        marks = [started, *stamps, time.perf_counter()]
        gap = max(b - a for a, b in pairwise(marks))
        print(
            f"| {run} | {report.rows_read:,} | {report.records_new:,} | {report.unchanged:,} | "
            f"{report.refused_count:,} | {report.pupils_recomputed:,} | {seconds:.1f} | "
            f"{cpu:.1f} | {report.rows_read / seconds:,.0f} | {gap:.2f} | {rss_mb():.0f} |"
        )
    if phases is not None:
        print("\n| phase (both runs) | CPU seconds | wall seconds |\n|---|---:|---:|")
        for name, (cpu_s, wall_s) in phases.items():
            print(f"| {name} | {cpu_s:.2f} | {wall_s:.2f} |")
    size = export.stat().st_size / 1e6
    print(f"\nRSS before the imports: {rss_before:.0f} MB; export {size:.0f} MB")
    desk.case_base.close()


if __name__ == "__main__":
    main()
