"""Benchmark: generating a region-scale demo case base (issue 15) and its realism (issue 10).

    python bench/bench_demo.py                 # the full table (takes ~15 min on 2 cores)
    python bench/bench_demo.py --quick         # one run per case, no 160k
    python bench/bench_demo.py --pupils 40000 --out FILE   # one stress case base to keep
    python bench/bench_demo.py --pupils 40000 --backend postgresql --runs 1

Each case runs in a child process (``verzuimdesk demo``-like, ``--stress`` rates as the
benchmarks use); the wall time is measured around the child and the peak RSS is the
child's own (``os.wait4`` → ``ru_maxrss``), and so is its CPU time; on PostgreSQL the
server's CPU time for the demo's connections is read from ``/proc`` as they close.
PostgreSQL runs use a scratch database (``vd_bench``), created and dropped for every run.
A realistic 40k demo gives the rates of the realism table (issue 10).

Goals: 160k pupils on SQLite < 4 min and < 1 GB peak; 40k on PostgreSQL < 60 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
PG_DB = "vd_bench"


def child(args: argparse.Namespace) -> None:
    """Generate one demo and print its summary as JSON (run in a child process)."""
    from verzuimdesk.core.db import sqlite_url
    from verzuimdesk.core.demo import generate_demo
    from verzuimdesk.plugins.manager import create_plugin_manager

    url = args.url if "://" in args.url else sqlite_url(Path(args.url))
    server_cpu = _watch_postgres_backends() if url.startswith("postgresql") else [0.0]
    summary = generate_demo(
        url,
        args.region,
        pupils=args.pupils,
        registry=create_plugin_manager(),
        stress=args.stress,
    )
    print(
        json.dumps(
            {
                "records": summary.records,
                "signals": summary.signals,
                "open_cases": summary.open_cases,
                "closed_cases": summary.closed_cases,
                "schools": summary.schools,
                "pupils_with": dict(summary.pupils_with),
                "signal_counts": dict(summary.signal_counts),
                "luxe_pupils": summary.luxe_pupils,
                "server_cpu": sum(server_cpu),
            }
        )
    )


def _watch_postgres_backends() -> list[float]:
    """CPU seconds of this process's PostgreSQL backends, read when each connection closes.

    The server runs on this machine: ``/proc/<backend pid>/stat`` has its user + system
    time. The returned list fills in as connections close.
    """
    from sqlalchemy import event
    from sqlalchemy.pool import Pool

    seconds: list[float] = []
    tick = os.sysconf("SC_CLK_TCK")

    def on_close(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        try:
            pid = dbapi_connection.info.backend_pid
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            seconds.append((int(fields[11]) + int(fields[12])) / tick)
        except (OSError, AttributeError, IndexError, ValueError):
            pass

    event.listen(Pool, "close", on_close)
    return seconds


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql],
        check=True,
        capture_output=True,
    )


def run_once(
    region: str, pupils: int, backend: str, stress: bool, keep: Path | None = None
) -> tuple[float, float, float, dict[str, object]]:
    """One demo in a child process: (wall seconds, CPU seconds, peak RSS in MB, summary)."""
    folder = Path(tempfile.mkdtemp(prefix="vd-bench-demo-"))
    if backend == "postgresql":
        _psql(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
        _psql(f'CREATE DATABASE "{PG_DB}"')
        url = f"{PG_SERVER}/{PG_DB}"
    else:
        url = str(keep or folder / "demo.sqlite")
    command = [
        sys.executable,
        __file__,
        "--child",
        "--region",
        region,
        "--pupils",
        str(pupils),
        "--url",
        url,
    ] + (["--stress"] if stress else [])
    out = folder / "summary.json"
    started = time.perf_counter()
    with out.open("w") as handle:
        process = subprocess.Popen(command, stdout=handle, env=os.environ.copy())
        _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"demo failed ({backend}, {pupils}): exit {process.returncode}")
    summary = json.loads(out.read_text())
    if backend == "postgresql":
        _psql(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
    elif keep is None:
        (folder / "demo.sqlite").unlink(missing_ok=True)
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, summary


def realism_rows(pupils: int, summary: dict[str, object]) -> list[str]:
    """The realism table's rows for one demo summary."""
    with_code: dict[str, int] = summary["pupils_with"]  # type: ignore[assignment]
    sick = sum(
        with_code.get(code, 0)
        for code in ("sick-7-days", "sick-4-in-12", "sick-po-5-reports", "sick-po-10-days")
    )
    luxe: int = summary["luxe_pupils"]  # type: ignore[assignment]
    return [
        f"| pupils with a 16-hour report (duo-16h), per 100 per year | "
        f"{with_code.get('duo-16h', 0) / pupils * 100:.1f} |",
        f"| thuiszitters: pupils with an LRV (4 lesweken at home), per 1,000 | "
        f"{with_code.get('duo-lrv', 0) / pupils * 1000:.1f} |",
        f"| of whom > 3 months (B2b), per 1,000 | "
        f"{with_code.get('thuiszitter-b2b', 0) / pupils * 1000:.1f} |",
        f"| pupils with luxe verzuim, % | {luxe / pupils * 100:.2f} |",
        f"| pupils with a sickness signal, % | {sick / pupils * 100:.1f} |",
        f"| open cases per 100 pupils | {int(summary['open_cases']) / pupils * 100:.1f} |",  # type: ignore[call-overload]
    ]


def main() -> None:
    """Run the cases and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--stress", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--region", default="den_haag")
    parser.add_argument("--pupils", type=int, help="one stress demo of this size only")
    parser.add_argument("--out", type=Path, help="keep that one demo's case base here")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--runs-160k", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one run per case, no 160k")
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    runs = 1 if args.quick else args.runs
    if args.pupils:
        cases = [(args.backend, args.pupils, runs)]
    else:
        cases = [("sqlite", 40_000, runs), ("postgresql", 40_000, runs)]
        if not args.quick:
            cases.append(("sqlite", 160_000, args.runs_160k))
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores)", flush=True)
    realism: list[str] = []
    if not args.pupils:
        # The realistic demo first (short), its tables printed at the end.
        seconds, cpu, peak, summary = run_once(args.region, 40_000, "sqlite", False)
        realism = [
            f"realistic 40,000-pupil {args.region} demo: {seconds:.1f} s wall, {cpu:.1f} s CPU, "
            f"{peak:.0f} MB peak, {summary['records']:,} records, {summary['signals']:,} "
            f"signals, {summary['open_cases']:,} open and {summary['closed_cases']:,} closed "
            "cases",
            "",
            "| realism (realistic profile, 40k) | measured |",
            "|---|---:|",
            *realism_rows(40_000, summary),
        ]
        print("\n".join(realism), flush=True)
        print()
    print(
        "| backend | pupils | profile | runs | wall min s | wall median s | CPU min s "
        "| server CPU min s | peak RSS MB (max) | records | signals | open cases "
        "| load avg after |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    for backend, pupils, n in cases:
        times, cpus, peaks, servers = [], [], [], []
        summary = {}
        for _ in range(n):
            seconds, cpu, peak, summary = run_once(args.region, pupils, backend, True, args.out)
            times.append(seconds)
            cpus.append(cpu)
            peaks.append(peak)
            servers.append(float(summary.get("server_cpu", 0.0)))  # type: ignore[arg-type]
        print(
            f"| {backend} | {pupils:,} | stress | {n} | {min(times):.1f} | "
            f"{statistics.median(times):.1f} | {min(cpus):.1f} | {min(servers):.1f} | "
            f"{max(peaks):.0f} | "
            f"{summary['records']:,} | {summary['signals']:,} | {summary['open_cases']:,} | "
            f"{os.getloadavg()[0]:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
