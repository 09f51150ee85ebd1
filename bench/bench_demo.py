"""Benchmark: generating a region-scale demo case base (goal: 40,000 pupils in under a minute).

    python bench/bench_demo.py [--pupils 40000] [--region den_haag] [--out FILE]

Prints a table: pupils, absence records, signals, cases, seconds, records per second,
file size. The case base it writes is also what the other benchmarks read.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from verzuimdesk.core.db import sqlite_url
from verzuimdesk.core.demo import generate_demo
from verzuimdesk.plugins.manager import create_plugin_manager


def main() -> None:
    """Generate the case base and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pupils", type=int, default=40_000)
    parser.add_argument("--region", default="den_haag")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="vd-bench-")) / "demo.sqlite"
    phases: list[tuple[str, float]] = []
    started = time.perf_counter()

    def progress(line: str) -> None:
        phases.append((line, time.perf_counter() - started))

    summary = generate_demo(
        sqlite_url(out),
        args.region,
        pupils=args.pupils,
        registry=create_plugin_manager(),
        progress=progress,
    )
    seconds = time.perf_counter() - started
    print("| region | pupils | records | signals | open cases | seconds | records/s | file MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {args.region} | {summary.pupils} | {summary.records} | {summary.signals} | "
        f"{summary.open_cases} | {seconds:.1f} | {summary.records / seconds:,.0f} | "
        f"{out.stat().st_size / 1e6:.0f} |"
    )
    print("\nphases (seconds since start):")
    for line, at in phases:
        print(f"  {at:6.1f}  {line}")
    print(f"\ncase base: {out}")


if __name__ == "__main__":
    main()
