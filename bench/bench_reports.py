"""Benchmark of the quarter's reports and the Overzicht tab on a region-scale demo (issue 10).

    python bench/bench_reports.py [--database URL | --pupils 40000 --region den_haag]
                                  [--quarter 2026Q4] [--runs 3]

Measures, on the 40,000-pupil demo:

* the Overzicht tab's first paint: from showing the tab (matplotlib not yet imported) until
  the first chart is drawn, including the import of matplotlib and computing the charts;
  then a refresh after a change (the change hub), until drawn again;
* the inspectie list and the groslijst: building the report (the same call the command line
  and the Rapportages menu make), and writing it as XLSX;
* the Kwartaalrapportage: building it and writing the PDF with its charts.

Prints a table with wall and CPU time (``time.process_time``: the machine may be shared).
Goals: inspectie list and groslijst < 1 s each, quarter PDF < 5 s, first paint < 1.5 s,
refresh < 300 ms. The Overzicht runs first, before anything else imports matplotlib.

Each report is built first on a new desk (*koud*: nothing read yet), then again (*warm*:
the desk keeps the facts of a range until the data change, see
``verzuimdesk/core/reports/facts_cache.py``), then after a change to one case (the change
hub names its pupil, which alone is read again).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f} ms"


def _both(times: tuple[float, float]) -> str:
    """Wall and CPU time: ``1234.5 ms (cpu 987.6)``."""
    return f"{times[0] * 1000:8.1f} ms (cpu {times[1] * 1000:7.1f})"


class Clock:
    """Wall and CPU time since it was made."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def read(self) -> tuple[float, float]:
        """(wall seconds, CPU seconds) so far."""
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def _wait(
    app: Any, tab: Any, done: list[float], clock: Clock, timeout: float = 600
) -> tuple[float, float]:
    """Process events until the tab emitted ``refreshed`` (appended to *done*) and the
    canvas is drawn; the wall and CPU time on *clock* when that happened."""
    from PySide6.QtCore import QEventLoop, QTimer

    if not done:
        # Wait in an event loop, as the app does: the GUI thread sleeps (without the GIL)
        # while the worker computes. A busy processEvents/sleep loop here took half the
        # interpreter lock from the worker and made a refresh look 1.5-2x slower.
        loop = QEventLoop()
        tab.refreshed.connect(loop.quit)
        QTimer.singleShot(int(timeout * 1000), loop.quit)
        loop.exec()
        tab.refreshed.disconnect(loop.quit)
    tab.canvas.draw()
    app.processEvents()
    done.clear()
    return clock.read()


def overview_times(
    url: str, runs: int, *, warm: bool = False
) -> tuple[tuple[float, float], list[tuple[float, float]], dict[str, float]]:
    """First paint of the Overzicht tab, then *runs* refreshes after a change.

    With *warm*, the tab is shown after the desk's background warm-up (which a large case
    base starts two seconds after start) has computed the charts, as when a user opens it
    after working in the case list for a moment."""
    from PySide6.QtWidgets import QApplication

    from verzuimdesk.core.db import open_case_base
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.services import changes
    from verzuimdesk.gui.main_window import MainWindow, apply_style
    from verzuimdesk.plugins.manager import create_plugin_manager

    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="vd-bench-config-")
    app = QApplication.instance() or QApplication(sys.argv)
    apply_style(app)  # type: ignore[arg-type]
    desk = Desk(open_case_base(url), create_plugin_manager(), user="bench")
    window = MainWindow(desk)
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    if not warm:  # (the cold run comes first, in a fresh process)
        assert "matplotlib" not in sys.modules, "matplotlib was imported before the tab was shown"
    tab = window.overview
    done: list[float] = []
    tab.refreshed.connect(lambda: done.append(time.perf_counter()))
    if warm:
        tab.warm_up()
        while tab._warmed is None:
            app.processEvents()
            time.sleep(0.01)
    clock = Clock()
    window.tabs.setCurrentWidget(tab)
    first = _wait(app, tab, done, clock)
    timings = dict(tab.timings)
    from sqlalchemy import select

    from verzuimdesk.core.models import Case

    with desk.case_base.sessions() as session:
        some = session.execute(select(Case.id, Case.pupil_id).limit(runs)).all()
    refreshes = []
    for case_id, pupil_id in some:
        clock = Clock()
        # What a user's change publishes: the case and the pupil it touched.
        changes.publish(desk, "case", case_ids=[case_id], pupil_ids=[pupil_id])
        tab._refresh_timer.stop()  # no debounce in the measurement
        tab.refresh()
        refreshes.append(_wait(app, tab, done, clock))
    window.close()
    return first, refreshes, timings


def timed(runs: int, action: Any) -> list[tuple[float, float]]:
    """*action* run *runs* times; the (wall, CPU) seconds of each run."""
    out = []
    for _ in range(runs):
        clock = Clock()
        action()
        out.append(clock.read())
    return out


def main() -> None:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", help="SQLAlchemy URL (or path) of a demo case base")
    parser.add_argument("--pupils", type=int, default=40_000)
    parser.add_argument("--region", default="den_haag")
    parser.add_argument("--quarter", help="kwartaal, bijvoorbeeld 2026Q4 (standaard: nu)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from verzuimdesk.core.db import open_case_base, sqlite_url

    url = args.database
    if url is not None and "://" not in url:
        url = sqlite_url(Path(url).resolve())
    if url is None:
        from verzuimdesk.core.demo import generate_demo
        from verzuimdesk.plugins.manager import create_plugin_manager

        path = Path(tempfile.mkdtemp(prefix="vd-bench-")) / "demo.sqlite"
        url = sqlite_url(path)
        started = time.perf_counter()
        generate_demo(url, args.region, pupils=args.pupils, registry=create_plugin_manager())
        print(f"demo case base: {args.pupils} leerlingen in {time.perf_counter() - started:.1f} s")

    first, refreshes, timings = overview_times(url, args.runs)
    # In the same process matplotlib is imported by now: the warm figure is the drawing
    # alone (in the app the warm-up imports it in the background as well).
    warm_first, _refreshes, _timings = overview_times(url, 0, warm=True)
    refreshes.sort()
    rows: list[tuple[str, str, str]] = [
        ("Overzicht: eerste grafiek getekend, na de opwarming", _both(warm_first), "< 1500 ms"),
        ("Overzicht: eerste grafiek getekend, direct na de start", _both(first), "< 1500 ms"),
        ("  waarvan import matplotlib (wand)", _ms(timings.get("import", 0.0)), ""),
        ("  waarvan grafieken berekenen (wand)", _ms(timings.get("compute", 0.0)), ""),
        ("Overzicht: verversen na een wijziging (min)", _both(refreshes[0]), "< 300 ms"),
        ("Overzicht: verversen (mediaan)", _both(refreshes[len(refreshes) // 2]), ""),
    ]

    from sqlalchemy import select

    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.models import Case
    from verzuimdesk.core.reports.model import Quarter
    from verzuimdesk.core.reports.service import build_report, write_report
    from verzuimdesk.core.services import changes
    from verzuimdesk.core.services.common import today
    from verzuimdesk.plugins.manager import create_plugin_manager

    def new_desk() -> Desk:
        return Desk(open_case_base(url), create_plugin_manager(), user="bench")

    desk = new_desk()
    quarter = Quarter.parse(args.quarter) if args.quarter else Quarter.of(today(desk))
    with desk.case_base.sessions() as session:
        case_id, pupil_id = session.execute(select(Case.id, Case.pupil_id).limit(1)).one()
    out = Path(tempfile.mkdtemp(prefix="vd-bench-reports-"))
    for kind, goal in (
        ("inspectie", "< 1000 ms"),
        ("groslijst", "< 1000 ms"),
        ("kwartaalrapportage", "< 5000 ms"),
    ):
        desk = new_desk()

        def make(k: str = kind, d: Desk = desk) -> None:
            built = build_report(d, k, quarter)
            if k == "kwartaalrapportage":
                write_report(built, out / "kwartaal.pdf")

        cold = timed(1, make)[0]
        warm = sorted(timed(max(1, args.runs - 1), make))[0]

        def changed(k: str = kind, d: Desk = desk) -> None:
            changes.publish(d, "case", case_ids=[case_id], pupil_ids=[pupil_id])
            make(k, d=d)

        after = timed(1, changed)[0]
        what = "pdf met grafieken" if kind == "kwartaalrapportage" else "opbouwen"
        rows.append((f"{kind}: {what}, koud", _both(cold), goal))
        rows.append((f"{kind}: {what}, warm (min)", _both(warm), ""))
        rows.append((f"{kind}: {what}, na een wijziging", _both(after), ""))
        if kind != "kwartaalrapportage":
            built = build_report(desk, kind, quarter)
            writes = timed(1, lambda b=built, k=kind: write_report(b, out / f"{k}.xlsx"))
            rows.append((f"{kind}: xlsx schrijven", _both(writes[0]), ""))
            rows.append((f"{kind}: regels", f"{len(built.report.tables[0].rows):9d}", ""))

    width = max(len(r[0]) for r in rows)
    print(f"\nrapportages en Overzicht, {quarter.label}, {url}")
    print(f"{'meting'.ljust(width)}  {'tijd':>12}  doel")
    for name, value, goal in rows:
        print(f"{name.ljust(width)}  {value:>12}  {goal}")


if __name__ == "__main__":
    main()
