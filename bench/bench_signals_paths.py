"""Benchmark: the whole path from data to signals, against the floor measured in the same run.

    python bench/bench_signals_paths.py --db DEMO40K.sqlite --csv40 A40K.csv \\
        [--csv160 A160K.csv] [--csv20 A20K.csv --calendar FREE.csv] [--runs 3] [--old OLD.py]

Make the data with ``verzuimdesk demo --region den_haag --pupils 40000 --out DEMO40K.sqlite``
and ``bench/make_absence_csv.py`` (``--copies 4`` for 160,000 pupils). Every figure runs in
its own process (``/usr/bin/time`` gives its peak RSS); each is repeated ``--runs`` times and
printed as min / median. Rows:

* ``verzuimdesk signals`` on the CSV, and its floor: pyarrow reading the same CSV
  (four string columns) plus the engine's own compute from ready-made per-pupil columns;
* at 20,000 pupils: the command against a straightforward per-day implementation end to
  end (the csv module + ``tests/support/oracle.py``), both on the same explicit calendar;
* recompute from the case base: the plain ``sqlite3`` read of the four columns (the
  floor), read + convert + national signals on the fast path, and the whole
  ``verzuimdesk recompute`` command (signals, legal signals and open cases written back).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
UNTIL = "2026-11-30"

FLOOR_CSV = r"""
import sys, time, datetime as dt
import pyarrow as pa
from pyarrow import csv as pacsv
from array import array
from verzuimdesk.core.rules.calendar import SchoolCalendar
from verzuimdesk.core.rules.signals import RecordColumns, compute_signals_columns, KIND_CODES
t = time.perf_counter()
table = pacsv.read_csv(sys.argv[1], convert_options=pacsv.ConvertOptions(
    column_types={c: pa.string() for c in ("leerling", "datum", "uren", "soort")}))
read = time.perf_counter() - t
# ready-made per-pupil columns (not timed): the engine's own input
groups = {}
codes = {k.value: v for k, v in KIND_CODES.items()}
for p, d, h, k in zip(*(table[c].to_pylist() for c in ("leerling", "datum", "uren", "soort"))):
    g = groups.get(p)
    if g is None:
        g = groups[p] = RecordColumns()
    g.ords.append(dt.date.fromisoformat(d).toordinal())
    g.units.append(round(float(h) * 3600))
    g.kinds.append(codes[k])
del table
cal = SchoolCalendar.for_region("midden")
cal.is_schooldag(dt.date(2026, 1, 5))
t = time.perf_counter()
out = compute_signals_columns(sorted(groups.items()), cal, until=dt.date.fromisoformat(sys.argv[2]))
print(f"{read:.3f} {time.perf_counter() - t:.3f} {len(out)}")
"""

ORACLE = r"""
import csv, sys, json, datetime as dt
sys.path.insert(0, sys.argv[3])
from tests.support.oracle import oracle_signals
from verzuimdesk.core.rules.types import Absence, AbsenceKind
from verzuimdesk.commands.signals import signal_to_json
free = []
with open(sys.argv[2], encoding="utf-8") as f:
    for row in csv.DictReader(f):
        free.append((dt.date.fromisoformat(row["start"]), dt.date.fromisoformat(row["eind"])))
groups = {}
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    for row in csv.DictReader(f):
        groups.setdefault(row["leerling"], []).append(Absence(row["leerling"],
            dt.date.fromisoformat(row["datum"]), float(row["uren"]), AbsenceKind(row["soort"])))
until = dt.date.fromisoformat(sys.argv[4])
out = sys.stdout
for pupil in sorted(groups):
    for s in oracle_signals(pupil, groups[pupil], free, until=until):
        out.write(signal_to_json(s) + "\n")
"""

PLAIN_READ = r"""
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT pupil_id, date, hours, kind FROM absence_record").fetchall()
print(len(rows))
"""

FAST_COMPUTE = r"""
import sys, datetime as dt
import numpy as np
from sqlalchemy import select
from verzuimdesk.core.db import open_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.models import Pupil, School
from verzuimdesk.core.services.bulk_recompute import national_for_chunk, prefetched_records
from verzuimdesk.plugins.manager import create_plugin_manager
from sqlalchemy.orm import selectinload
cb = open_case_base(sqlite_url(sys.argv[1]))
desk = Desk(cb, create_plugin_manager(), today=dt.date.fromisoformat(sys.argv[2]))
with cb.sessions() as s:
    query = select(School).options(selectinload(School.free_periods))
    schools = {sc.id: sc for sc in s.scalars(query)}
    school_of = dict(s.execute(select(Pupil.id, Pupil.school_id)).all())
ids = sorted(school_of)
chunks = [ids[i:i + 2000] for i in range(0, len(ids), 2000)]
n = 0
for chunk, records in prefetched_records(desk, None, chunks):
    pos = np.searchsorted(np.array(chunk, dtype=np.int64), records.pupil_ids)  # as the app
    sig = national_for_chunk(desk, [str(p) for p in chunk], pos, records,
                             [schools.get(school_of[p]) for p in chunk])
    n += sum(len(v) for v in sig.values())
print(n)
"""


#: CPU seconds (user + system) of every timed run, by the command's first argument after -c/-m.
CPU: dict[str, list[float]] = {}


def timed(cmd: list[str], *, stdout: Path | None = None) -> tuple[float, float, str]:
    """Run *cmd*; (wall seconds, peak RSS MB, its stdout when not redirected).

    Its CPU time goes to :data:`CPU` (wall time on a shared machine says little alone).
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT)]
        + [str(p) for p in sorted((ROOT / "plugins").glob("*/src"))]
        + [env.get("PYTHONPATH", "")]
    )
    full = ["/usr/bin/time", "-f", "TIME %e %M %U %S", *cmd]
    if stdout is not None:
        with stdout.open("w") as out:
            res = subprocess.run(full, stdout=out, stderr=subprocess.PIPE, text=True, env=env)
        text = ""
    else:
        res = subprocess.run(full, capture_output=True, text=True, env=env)
        text = res.stdout
    line = [ln for ln in res.stderr.splitlines() if ln.startswith("TIME ")][-1]
    _, wall, kb, user, system = line.split()
    CPU.setdefault(" ".join(cmd[:4])[-60:], []).append(float(user) + float(system))
    global LAST_CPU
    LAST_CPU = float(user) + float(system)
    return float(wall), int(kb) / 1024, text


LAST_CPU = 0.0


def cpu_runs(
    n: int, cmd: list[str], **kw: object
) -> tuple[list[tuple[float, float, str]], list[float]]:
    """*cmd* timed *n* times, and the CPU seconds of each run."""
    out, cpu = [], []
    for _ in range(n):
        out.append(timed(cmd, **kw))  # type: ignore[arg-type]
        cpu.append(LAST_CPU)
    return out, cpu


def runs(n: int, cmd: list[str], **kw: object) -> list[tuple[float, float, str]]:
    """*cmd* timed *n* times."""
    return [timed(cmd, **kw) for _ in range(n)]  # type: ignore[arg-type]


def fmt(values: list[float], unit: str = "s") -> str:
    """``min / median``."""
    return f"{min(values):.2f} / {statistics.median(values):.2f} {unit}"


def main() -> None:
    """Run the figures that were given data, print one Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db")
    parser.add_argument("--csv40")
    parser.add_argument("--csv160")
    parser.add_argument("--csv20")
    parser.add_argument("--calendar", help="explicit calendar CSV for the 20k comparison")
    parser.add_argument("--old", help="the old signals command module, for a side-by-side row")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-paths-"))
    rows: list[tuple[str, str, str, str]] = []
    load = Path("/proc/loadavg").read_text().split()[:3]
    cli = [PY, "-m", "verzuimdesk.commands.signals"]

    for label, csv_path in (("40k", args.csv40), ("160k", args.csv160)):
        if not csv_path:
            continue
        got, got_cpu = cpu_runs(
            args.runs, [*cli, csv_path, "--until", UNTIL], stdout=tmp / "out.jsonl"
        )
        floors = runs(args.runs, [PY, "-c", FLOOR_CSV, csv_path, UNTIL])
        reads = [float(t.split()[0]) for _w, _m, t in floors]
        computes = [float(t.split()[1]) for _w, _m, t in floors]
        totals = [r + c for r, c in zip(reads, computes, strict=True)]
        rows.append(
            (
                f"`verzuimdesk signals`, {label} pupils CSV",
                f"{fmt([w for w, _m, _t in got])} (CPU {fmt(got_cpu)})",
                f"{max(m for _w, m, _t in got):.0f} MB",
                f"floor {fmt(totals)} (pyarrow read {fmt(reads)} + engine {fmt(computes)})",
            )
        )
        if args.old and label == "40k":
            old, old_cpu = cpu_runs(
                1, [PY, args.old, csv_path, "--until", UNTIL], stdout=tmp / "old.jsonl"
            )
            same = (tmp / "old.jsonl").read_bytes() == (tmp / "out.jsonl").read_bytes()
            rows.append(
                (
                    f"the previous `signals` command, {label} (1 run)",
                    f"{old[0][0]:.2f} s (CPU {old_cpu[0]:.2f} s)",
                    f"{old[0][1]:.0f} MB",
                    f"output identical: {'yes' if same else 'NO'}",
                )
            )

    if args.csv20 and args.calendar:
        got, got_cpu = cpu_runs(
            args.runs,
            [*cli, args.csv20, "--until", UNTIL, "--calendar", args.calendar],
            stdout=tmp / "new20.jsonl",
        )
        oracle, oracle_cpu = cpu_runs(
            1,
            [PY, "-c", ORACLE, args.csv20, args.calendar, str(ROOT), UNTIL],
            stdout=tmp / "oracle20.jsonl",
        )
        same = (tmp / "new20.jsonl").read_bytes() == (tmp / "oracle20.jsonl").read_bytes()
        new_min = min(w for w, _m, _t in got)
        rows.append(
            (
                "20k pupils: `verzuimdesk signals` vs per-day oracle end to end",
                f"{fmt([w for w, _m, _t in got])} (CPU {fmt(got_cpu)})",
                f"{max(m for _w, m, _t in got):.0f} MB",
                f"oracle {oracle[0][0]:.1f} s, CPU {oracle_cpu[0]:.1f} s (1 run):"
                f" {oracle[0][0] / new_min:.1f}× wall, {oracle_cpu[0] / min(got_cpu):.1f}× CPU;"
                f" output identical: {'yes' if same else 'NO'}",
            )
        )

    if args.db:
        plain, plain_cpu = cpu_runs(args.runs, [PY, "-c", PLAIN_READ, args.db])
        fast, fast_cpu = cpu_runs(args.runs, [PY, "-c", FAST_COMPUTE, args.db, UNTIL])
        plain_min = min(w for w, _m, _t in plain)
        rows.append(
            (
                "floor: plain `sqlite3` read of the 4 columns, 40k",
                f"{fmt([w for w, _m, _t in plain])} (CPU {fmt(plain_cpu)})",
                f"{max(m for _w, m, _t in plain):.0f} MB",
                "",
            )
        )
        rows.append(
            (
                "recompute from the case base: read + convert + national signals",
                f"{fmt([w for w, _m, _t in fast])} (CPU {fmt(fast_cpu)})",
                f"{max(m for _w, m, _t in fast):.0f} MB",
                f"{min(w for w, _m, _t in fast) / plain_min:.2f}× the floor (min/min);"
                f" CPU {min(fast_cpu) / min(plain_cpu):.2f}×",
            )
        )
        copy = tmp / "recompute.sqlite"
        shutil.copy(args.db, copy)
        whole, whole_cpu = cpu_runs(
            args.runs,
            [
                PY,
                "-m",
                "verzuimdesk.cli",
                "recompute",
                "--database",
                str(copy),
                "--quiet",
                "--today",
                UNTIL,
            ],
        )
        rows.append(
            (
                "`verzuimdesk recompute` (signals + legal + open cases written back)",
                f"{fmt([w for w, _m, _t in whole])} (CPU {fmt(whole_cpu)})",
                f"{max(m for _w, m, _t in whole):.0f} MB",
                whole[-1][2].strip(),
            )
        )
    end_load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"load average before {' '.join(load)}, after {' '.join(end_load)}; runs {args.runs}")
    print()
    print("| figure | min / median | peak RSS | floor / notes |")
    print("|---|---:|---:|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
