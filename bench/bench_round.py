"""Benchmark of the quarterly phone round on a region-scale demo case base.

    python bench/bench_round.py [--database URL | --pupils 40000 --region den_haag]

Measures, on 40,000 pupils / 8,000 open cases (a SQLite file is copied first, so the demo
itself is not changed):

* *Nieuwe belronde*: the proposal for the quarter, and making the round with every
  proposed school and its pupils;
* moving to the next school: the service call (:func:`round_school_page`: contacts,
  pupils with status, what changed since the previous round) and the whole view
  (Alt+PgDown: claim, load, fill the panel, painted);
* recording a call (*bereikt*) and moving on to the next school to do, painted;
* the round's summary PDF.

Prints a table. Goal (issue 10): moving to the next school under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f} ms"


def _stats(name: str, times: list[float], goal: str = "") -> list[tuple[str, str, str]]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return [
        (f"{name} (mediaan van {len(times)})", _ms(statistics.median(times)), goal),
        (f"{name} (p95)", _ms(p95), goal),
        (f"{name} (max)", _ms(max(times)), ""),
    ]


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="SQLAlchemy URL of an existing demo case base")
    parser.add_argument("--pupils", type=int, default=40_000)
    parser.add_argument("--region", default="den_haag")
    args = parser.parse_args()

    from verzuimdesk.core.db import open_case_base, sqlite_url
    from verzuimdesk.plugins.manager import create_plugin_manager

    registry = create_plugin_manager()
    url = args.database
    work = Path(tempfile.mkdtemp(prefix="vd-bench-round-"))
    if url is None:
        from verzuimdesk.core.demo import generate_demo

        url = sqlite_url(work / "demo.sqlite")
        started = time.perf_counter()
        generate_demo(url, args.region, pupils=args.pupils, registry=registry)
        print(f"demo case base: {args.pupils} leerlingen in {time.perf_counter() - started:.1f} s")
    elif url.startswith("sqlite:///"):
        copy = work / "demo.sqlite"
        shutil.copyfile(url.removeprefix("sqlite:///"), copy)
        url = sqlite_url(copy)

    from PySide6.QtWidgets import QApplication

    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.round_spec import Quarter
    from verzuimdesk.core.services import round_planning, round_work
    from verzuimdesk.core.services.common import today
    from verzuimdesk.core.services.school_views import round_school_page
    from verzuimdesk.gui.main_window import apply_style, make_none_immortal

    make_none_immortal()
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    app = QApplication.instance() or QApplication(sys.argv)
    apply_style(app)  # type: ignore[arg-type]
    desk = Desk(open_case_base(url), registry, user="bench")
    quarter = Quarter.of(today(desk))
    rows: list[tuple[str, str, str]] = []

    started = time.perf_counter()
    proposal = round_planning.propose_round(desk, quarter)
    rows.append(("voorstel nieuwe belronde", _ms(time.perf_counter() - started), ""))
    chosen = [s.school_id for s in proposal if s.proposed]
    existing = round_work.round_of_quarter(desk, quarter)
    started = time.perf_counter()
    round_id = existing or round_planning.create_round(desk, quarter, chosen)
    made = time.perf_counter() - started
    overview = round_work.round_overview(desk, round_id)
    pupils = sum(s.pupils for s in overview.schools)
    rows.append((f"belronde maken ({len(overview.schools)} scholen, {pupils} leerlingen)",
                 _ms(made), ""))  # fmt: skip

    service = []
    for school in overview.schools:
        started = time.perf_counter()
        round_school_page(desk, school.id)
        service.append(time.perf_counter() - started)
    rows += _stats("volgende school: service", service)

    from verzuimdesk.gui.round_view import RoundView

    view = RoundView(desk, round_id)
    view.resize(1440, 900)
    view.show()
    app.processEvents()
    moves, cold = [], []
    for _ in overview.schools:
        # While the user is on the phone with a school, the view claims it and loads the
        # pages of the schools next to it (a timer right after painting): let that happen.
        settle = time.perf_counter() + 2
        while view._after_show.isActive() and time.perf_counter() < settle:
            app.processEvents()
        started = time.perf_counter()
        view.step(1)
        view.repaint()
        moves.append(time.perf_counter() - started)
    rows += _stats("volgende school (Alt+PgDown), getekend", moves, "< 100 ms")
    for _ in range(10):  # without the page loaded in advance (e.g. a click far down the list)
        view._prefetched.clear()
        started = time.perf_counter()
        view.step(1)
        view.repaint()
        cold.append(time.perf_counter() - started)
        app.processEvents()
    rows += _stats("naar een school zonder voorladen, getekend", cold)

    calls = []
    for _ in range(min(20, len(overview.schools))):
        started = time.perf_counter()
        view.panel.record_call("bereikt")
        view.repaint()
        calls.append(time.perf_counter() - started)
        app.processEvents()  # the claim and the prefetch after painting: not waited for
    rows += _stats("gesprek ‘bereikt’ + naar volgende school, getekend", calls)

    from verzuimdesk.gui.round_pdf import write_round_pdf

    started = time.perf_counter()
    pages = write_round_pdf(desk, round_id, work / "belronde.pdf")
    rows.append((f"samenvatting pdf ({pages} pagina's)", _ms(time.perf_counter() - started), ""))
    view.close()

    width = max(len(r[0]) for r in rows)
    print(f"\n{'meting'.ljust(width)} | {'resultaat':>12} | doel")
    print(f"{'-' * width}-|-{'-' * 12}-|------")
    for name, value, goal in rows:
        print(f"{name.ljust(width)} | {value:>12} | {goal}")
    desk.case_base.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
