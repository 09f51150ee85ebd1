"""The Overzicht tab (charts) and the Rapportages menu (issue 10).

:func:`install` adds both to the main window with a few lines there. Nothing here imports
matplotlib at start-up: the tab builds its canvas when it is first shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence

from verzuimdesk.core.services import queries

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.gui.main_window import MainWindow
    from verzuimdesk.gui.overview.tab import OverviewTab

__all__ = ["install"]


#: From this many open cases on, the Overzicht's charts are computed in the background
#: a little after start (reading their facts takes a second or more at region scale), so
#: the tab's first showing only draws. A small case base computes them when shown.
WARM_UP_FROM_OPEN_CASES = 1_000
#: How long after start the warm-up waits, and then for the case list's own background
#: work (its lesweek numbers) to finish first.
WARM_UP_AFTER_MS = 2_000
WARM_UP_POLL_MS = 500


def _warm_up_when_idle(desk: Desk, tab: OverviewTab, polls: int = 0) -> None:
    if not shiboken6.isValid(tab):
        return
    if queries.case_index(desk).weeks_pending and polls < 60:
        QTimer.singleShot(WARM_UP_POLL_MS, lambda: _warm_up_when_idle(desk, tab, polls + 1))
        return
    tab.warm_up()


def install(window: MainWindow) -> OverviewTab:
    """Add the Overzicht tab and the Rapportages menu (before Help) to *window*."""
    from verzuimdesk.gui.overview.tab import OverviewTab

    tab = OverviewTab(window.desk)
    index = window.tabs.addTab(tab, "Overzicht")
    window.tabs.tabBar().setTabButton(index, window.tabs.tabBar().ButtonPosition.RightSide, None)
    menu_bar = window.menuBar()
    help_action = next((a for a in menu_bar.actions() if a.text().replace("&", "") == "Help"), None)
    menu = menu_bar.addMenu("&Rapportages")
    if help_action is not None:
        menu_bar.insertMenu(help_action, menu)

    def show_overview() -> None:
        window.tabs.setCurrentWidget(tab)

    def open_reports(kind: str = "") -> None:
        from verzuimdesk.gui.overview.reports_dialog import ReportsDialog

        ReportsDialog(window.desk, kind, parent=window).exec()

    overview_action = QAction("Overzicht (grafieken)", window)
    overview_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
    overview_action.setStatusTip("Grafieken van thuiszitters, in- en uitstroom en signalen")
    overview_action.triggered.connect(show_overview)
    window.addAction(overview_action)
    menu.addAction(overview_action)
    menu.addSeparator()
    make_action = QAction("Rapportage maken…", window)
    make_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
    make_action.setStatusTip("Een rapportage van een kwartaal bekijken en opslaan")
    make_action.triggered.connect(lambda: open_reports(""))
    window.addAction(make_action)
    menu.addAction(make_action)
    menu.addSeparator()
    # One entry per report kind, added when the menu is first opened: listing them reads
    # the region's report formats and imports the report code, which start-up skips.
    kinds_added: list[bool] = []

    def add_kinds() -> None:
        if kinds_added:
            return
        kinds_added.append(True)
        from verzuimdesk.core.reports.service import report_kinds

        for kind in report_kinds(window.desk):
            action = QAction(f"{kind.name}…", window)
            action.setStatusTip(kind.description)
            action.triggered.connect(lambda _=False, k=kind.id: open_reports(k))
            menu.addAction(action)

    menu.aboutToShow.connect(add_kinds)
    if queries.open_case_count(window.desk) >= WARM_UP_FROM_OPEN_CASES:
        QTimer.singleShot(WARM_UP_AFTER_MS, lambda: _warm_up_when_idle(window.desk, tab))
    window.add_report_kinds = add_kinds  # type: ignore[attr-defined]
    window.reports_menu = menu  # type: ignore[attr-defined]
    window.overview_tab = tab  # type: ignore[attr-defined]
    return tab
