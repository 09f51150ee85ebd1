"""Benchmark: the case list and the deadlines list as XLSX (goal: 8,000 cases < 2 s).

    python bench/bench_export.py [--database URL | --pupils 40000 --region den_haag]

Opens the main window offscreen on a region-scale demo case base (8,000 open cases at
40,000 pupils), and times *Bestand → Exporteren → Casuslijst naar Excel* and the deadlines
list: reading the rows as shown from the table view and writing the workbook. Also the
``.ics`` of every open deadline. Prints a table.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database")
    parser.add_argument("--pupils", type=int, default=40_000)
    parser.add_argument("--region", default="den_haag")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="vd-bench-config-")
    from verzuimdesk.core.db import open_case_base, sqlite_url

    url = args.database
    if url is None:
        from verzuimdesk.core.demo import generate_demo
        from verzuimdesk.plugins.manager import create_plugin_manager

        path = Path(tempfile.mkdtemp(prefix="vd-bench-")) / "demo.sqlite"
        url = sqlite_url(path)
        generate_demo(url, args.region, pupils=args.pupils, registry=create_plugin_manager())
    from PySide6.QtWidgets import QApplication

    from verzuimdesk.core.desk import Desk
    from verzuimdesk.gui.exports import export_view_xlsx, write_calendar
    from verzuimdesk.gui.main_window import MainWindow, make_none_immortal
    from verzuimdesk.plugins.manager import create_plugin_manager

    make_none_immortal()
    app = QApplication.instance() or QApplication(sys.argv)
    desk = Desk(open_case_base(url), create_plugin_manager(), user="bench")
    window = MainWindow(desk)
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    window.case_list.refresh()
    out = Path(tempfile.mkdtemp(prefix="vd-bench-export-"))
    print("| export | rows | seconds | file KB | goal |")
    print("|---|---:|---:|---:|---|")
    for name, view in (
        ("case list → XLSX", window.case_list.table),
        ("deadlines list → XLSX", window.deadlines.table),
    ):
        app.processEvents()
        started = time.perf_counter()
        count = export_view_xlsx(view, out / f"{name[:4]}.xlsx", name)
        seconds = time.perf_counter() - started
        size = (out / f"{name[:4]}.xlsx").stat().st_size / 1024
        goal = "< 2 s for 8,000 cases" if "case" in name else ""
        print(f"| {name} | {count:,} | {seconds:.2f} | {size:,.0f} | {goal} |")
    started = time.perf_counter()
    count = write_calendar(desk, out / "termijnen.ics", "all", False, None)
    seconds = time.perf_counter() - started
    size = (out / "termijnen.ics").stat().st_size / 1024
    print(f"| open deadlines → .ics | {count:,} | {seconds:.2f} | {size:,.0f} | |")
    window.close()
    desk.case_base.close()


if __name__ == "__main__":
    main()
