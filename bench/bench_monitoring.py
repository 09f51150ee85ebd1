"""Benchmark: a region's monitoring list (B3, A2, unenrolled 4-year-olds) at region scale.

    python bench/bench_monitoring.py [--pupils 40000] [--region lelystad] [--runs 3]

Writes a demo case base of the region (``verzuimdesk demo``), then fills each of the
region's monitoring lists ``--runs`` times and prints a table: pupils, list, rows, and the
min / median / max seconds. Needs the region's plugin installed (``pip install -e
plugins/lelystad``).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from verzuimdesk.core.db import open_case_base, sqlite_url
from verzuimdesk.core.demo import generate_demo
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.services import monitoring
from verzuimdesk.plugins.manager import create_plugin_manager


def main() -> None:
    """Generate the case base, time the lists and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pupils", type=int, default=40_000)
    parser.add_argument("--region", default="lelystad")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    registry = create_plugin_manager()
    out = Path(tempfile.mkdtemp(prefix="vd-bench-")) / "demo.sqlite"
    generate_demo(sqlite_url(out), args.region, pupils=args.pupils, registry=registry)
    case_base = open_case_base(sqlite_url(out))
    desk = Desk(case_base, registry, user="bench")
    print("| region | pupils | list | rows | min s | median s | max s |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for mlist in monitoring.lists(desk):
        times: list[float] = []
        rows = 0
        for _ in range(args.runs):
            started = time.perf_counter()
            _, found = monitoring.monitoring_list(desk, mlist.id)
            times.append(time.perf_counter() - started)
            rows = len(found)
        print(
            f"| {args.region} | {args.pupils} | {mlist.id} | {rows} | {min(times):.2f} | "
            f"{statistics.median(times):.2f} | {max(times):.2f} |"
        )
    case_base.close()


if __name__ == "__main__":
    main()
