"""Render the desk's main screens of a demo case base to PNG for the README.

    python scripts/screenshots.py [--database URL | --region den_haag --pupils 1500]
                                  [--checklists-region amsterdam] [--out docs/screenshots]

Runs offscreen (``QT_QPA_PLATFORM=offscreen``) and saves ``widget.grab()`` of the
case list, a case file (timeline + ladder), the deadlines, an absence month grid,
a form, the Plugins dialog and the school calendars.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Fresh QSettings: saved column widths of the user's own desk must not leak into the shots.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="verzuimdesk-shots-config-")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: The demo's "today": a Wednesday in March, when many cases have a history.
DEMO_TODAY = dt.date(2025, 3, 12)
SIZE = (1440, 900)


def _demo(region: str, pupils: int) -> str:
    from verzuimdesk.core.db import sqlite_url
    from verzuimdesk.core.demo import generate_demo
    from verzuimdesk.plugins.manager import create_plugin_manager

    folder = Path(tempfile.mkdtemp(prefix="verzuimdesk-shots-"))
    url = sqlite_url(folder / "demo.sqlite")
    generate_demo(url, region, pupils=pupils, today=DEMO_TODAY, registry=create_plugin_manager())
    return url


def _settle(app, widget=None) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        app.processEvents()
    if widget is not None:
        widget.repaint()
        app.processEvents()


def _pick_case(desk) -> int:  # type: ignore[no-untyped-def]
    """A case far up the ladder with a history: the most telling case file."""
    from sqlalchemy import func, select

    from verzuimdesk.core.models import Case, CaseEvent, Deadline
    from verzuimdesk.core.services import queries

    rows = queries.case_list(desk, queries.CaseQuery())
    with desk.case_base.sessions() as session:
        events = dict(
            session.execute(
                select(CaseEvent.case_id, func.count(CaseEvent.id)).group_by(CaseEvent.case_id)
            ).all()
        )
        deadlines = dict(
            session.execute(
                select(Deadline.case_id, func.count(Deadline.id)).group_by(Deadline.case_id)
            ).all()
        )
        del Case

    def score(row) -> tuple:  # type: ignore[no-untyped-def]
        week = row.week or 0
        return (
            row.band_rank >= 2,
            8 <= week <= 20,
            min(events.get(row.case_id, 0), 8) + min(deadlines.get(row.case_id, 0), 4),
            row.overdue,
        )

    return max(rows, key=score).case_id


def _checklists_shot(app, region: str, pupils: int, out: Path) -> Path | None:  # type: ignore[no-untyped-def]
    """``case-file-checklists.png``: a case file of ``region`` with its checklists tab open.

    Uses a fresh demo case base of that region (never the ``--database``): a criterion
    and two risk factors are ticked there, so the card shows the suggested step.
    """
    from verzuimdesk.core.db import CREATED_KEY, open_case_base, read_setting
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.services import cases
    from verzuimdesk.gui.main_window import MainWindow
    from verzuimdesk.plugins.manager import create_plugin_manager

    case_base = open_case_base(_demo(region, pupils))
    desk = Desk(case_base, create_plugin_manager(), user="regisseur")
    created = read_setting(case_base, CREATED_KEY)
    desk.today = dt.date.fromisoformat(created) if created else DEMO_TODAY
    checklists = desk.registry.checklists(desk.region_id)
    if not checklists:
        case_base.close()
        return None
    case_id = _pick_case(desk)
    ticks: list[str] = []
    for checklist in checklists:
        if checklist.kind == "criteria":
            ticks.append(checklist.items[0].id)
        elif checklist.kind == "risicofactoren":
            ticks += [item.id for item in checklist.items[2:8:5]]  # two of them
    for item_id in ticks:
        cases.set_checklist_answer(desk, case_id, item_id, True)
    window = MainWindow(desk)
    window.resize(*SIZE)
    window.show()
    view = window.open_case(case_id)
    view.tabs.setCurrentWidget(view.checklists_page)
    _settle(app, window)
    view.timeline.scroll_to_today()
    _settle(app, window)
    path = out / "case-file-checklists.png"
    window.grab().save(str(path))
    window.close()
    case_base.close()
    return path


def _swv_shots(app, window, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The SWV's screens: Leerlingen, Scholen, a school, Werkvoorraad, Overzicht, Belronde."""
    from verzuimdesk.core.services import round_planning

    desk = window.desk
    window.tabs.setCurrentWidget(window.pupils_view)
    _settle(app, window)
    window.grab().save(str(out / "pupils.png"))
    features = window.round_features
    schools = features.show_schools()
    _settle(app, window)
    window.grab().save(str(out / "schools.png"))
    busiest = max(schools.model.rows, key=lambda row: row.open_cases)
    features.open_school(busiest.id)
    _settle(app, window)
    window.grab().save(str(out / "school-page.png"))
    features.show_workload()
    _settle(app, window)
    window.grab().save(str(out / "workload.png"))
    overview = window.overview_tab
    window.tabs.setCurrentWidget(overview)
    deadline = time.monotonic() + 120
    while overview.overview is None and time.monotonic() < deadline:
        _settle(app, window)
    _settle(app, window)
    window.grab().save(str(out / "overview.png"))
    quarter = f"{desk.today.year}Q{(desk.today.month - 1) // 3 + 1}"
    proposed = round_planning.propose_round(desk, quarter)
    round_id = round_planning.create_round(desk, quarter, [p.school_id for p in proposed])
    features.open_round(round_id)
    _settle(app, window)
    window.grab().save(str(out / "round.png"))


def main(argv: list[str] | None = None) -> int:
    """Render every screen; returns 0."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", help="SQLAlchemy URL of a case base")
    parser.add_argument("--region", default="den_haag")
    parser.add_argument("--pupils", type=int, default=1500)
    parser.add_argument(
        "--checklists-region",
        default="amsterdam",
        help="region of the checklists shot (case-file-checklists.png); '' to skip",
    )
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--today", default=None, help="the desk's today (ISO date)")
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from verzuimdesk.core.db import CREATED_KEY, open_case_base, read_setting
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.gui.main_window import MainWindow, apply_style, make_none_immortal
    from verzuimdesk.plugins.manager import create_plugin_manager

    make_none_immortal()
    url = args.database or _demo(args.region, args.pupils)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName("VerzuimDesk-screenshots")
    apply_style(app)  # type: ignore[arg-type]
    case_base = open_case_base(url)
    desk = Desk(case_base, create_plugin_manager(), user="regisseur")
    created = read_setting(case_base, CREATED_KEY)
    desk.today = (
        dt.date.fromisoformat(args.today)
        if args.today
        else dt.date.fromisoformat(created)
        if created
        else DEMO_TODAY
    )

    window = MainWindow(desk)
    window.resize(*SIZE)
    window.show()
    _settle(app, window)
    window.grab().save(str(out / "case-list.png"))

    case_id = _pick_case(desk)
    view = window.open_case(case_id)
    _settle(app, window)
    view.timeline.scroll_to_today()
    _settle(app, window)
    window.grab().save(str(out / "case-file.png"))

    view.tabs.setCurrentIndex(1)
    _settle(app, window)
    window.grab().save(str(out / "case-file-deadlines.png"))

    window.tabs.setCurrentIndex(1)
    _settle(app, window)
    window.grab().save(str(out / "deadlines.png"))

    absences = window.open_absences(view.file.pupil_id)
    absences.month_start = (view.file.first_absence_on or desk.today).replace(day=1)
    absences.refresh()
    _settle(app, window)
    window.grab().save(str(out / "absences.png"))

    forms = desk.registry.forms(desk.region_id)
    if forms:
        from verzuimdesk.gui.forms_dialog import FormDialog

        window.tabs.setCurrentWidget(view)
        dialog = FormDialog(desk, view.file, forms[0].id, None, window)
        dialog.resize(720, 860)
        dialog.show()
        _settle(app, dialog)
        dialog.grab().save(str(out / "form.png"))
        dialog.close()

    from verzuimdesk.gui.about import PluginsDialog

    plugins = PluginsDialog(desk, window)
    plugins.show()
    _settle(app, plugins)
    plugins.grab().save(str(out / "plugins.png"))
    plugins.close()

    schools_window = window.show_schools()
    schools_window.resize(*SIZE)
    _settle(app, schools_window)
    schools_window.grab().save(str(out / "school-calendar.png"))
    schools_window.close()

    _swv_shots(app, window, out)
    window.close()
    case_base.close()
    if args.checklists_region:
        _checklists_shot(app, args.checklists_region, args.pupils, out)
    for png in sorted(out.glob("*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
