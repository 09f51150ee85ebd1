"""Issue 10: the Overzicht charts show the number behind a bar or point as a tooltip, and
the tab does no work for changes while it is hidden (it refreshes when shown again)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QToolTip

from tests.support.report_cases import ReportCases
from verzuimdesk.core.services import cases


def _move(tab: Any, x: float, y: float) -> None:
    """The mouse moved to display point (x, y) of the canvas, as matplotlib reports it."""
    from matplotlib.backend_bases import MouseEvent

    MouseEvent("motion_notify_event", tab.canvas, x, y)._process()


def _shown(qtbot: Any, win: Any) -> Any:
    tab = win.overview
    with qtbot.waitSignal(tab.refreshed, timeout=120_000):
        win.tabs.setCurrentWidget(tab)
    return tab


def test_a_bar_shows_its_number(qtbot: Any, report_window: tuple[Any, ReportCases]) -> None:
    win, _built = report_window
    tab = _shown(qtbot, win)
    for row in range(tab.chart_list.count()):
        tab.chart_list.setCurrentRow(row)
        chart = tab.current_chart()
        if chart.kind in ("stacked", "bars", "barh") and chart.total:
            break
    tab.canvas.draw()
    ax = tab.figure.axes[0]
    hits = 0
    for series, container in enumerate(ax.containers):
        name, values = chart.series[series]
        for index, patch in enumerate(container.patches):
            if values[index] == 0:
                continue
            box = patch.get_window_extent()
            _move(tab, (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
            expected = f"{chart.labels[index]}\n{name}: {values[index]}"
            assert tab.hover_text.startswith(expected), (chart.id, tab.hover_text)
            assert QToolTip.text() == tab.hover_text
            hits += 1
    assert hits > 0
    _move(tab, 1, 1)  # the corner of the figure: no bar, no tooltip
    assert tab.hover_text == ""


def test_a_point_of_a_line_shows_its_number() -> None:
    from matplotlib.backend_bases import MouseEvent
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from verzuimdesk.core.reports.charts import ChartData
    from verzuimdesk.core.reports.drawing import draw_chart
    from verzuimdesk.gui.overview.hover import hover_text

    chart = ChartData(
        "week", "Signalen per week", "lines", ["wk 1", "wk 2", "wk 3"],
        [("LRV", [2, 1500, 4]), ("Ziek", [9, 0, 700])],
    )  # fmt: skip
    figure = Figure(figsize=(6, 4))
    canvas = FigureCanvasAgg(figure)
    ax = figure.add_subplot(111)
    draw_chart(ax, chart)
    canvas.draw()
    x, y = ax.transData.transform((1, 1500))
    event = MouseEvent("motion_notify_event", canvas, x, y)
    assert hover_text(ax, chart, event) == "wk 2\nLRV: 1.500"
    x, y = ax.transData.transform((2, 700))
    event = MouseEvent("motion_notify_event", canvas, x, y)
    assert hover_text(ax, chart, event) == "wk 3\nZiek: 700"


def test_the_hidden_tab_waits_with_its_refresh_until_shown(
    qtbot: Any, report_window: tuple[Any, ReportCases]
) -> None:
    win, built = report_window
    tab = _shown(qtbot, win)
    generation = tab._generation
    win.tabs.setCurrentIndex(0)  # the case list: the Overzicht is hidden
    assert not tab.isVisible()
    cases.close_case(built.desk, built.case_ids["b3"], "overig")
    # Hidden, the tab only notes that it is out of date: no refresh is scheduled (the
    # debounce timer is the only way to one) and none has started.
    assert tab._dirty
    assert not tab._refresh_timer.isActive()
    assert tab._generation == generation, "no computation while hidden"
    with qtbot.waitSignal(tab.refreshed, timeout=120_000):
        win.tabs.setCurrentWidget(tab)
    assert tab.overview.chart("per-school").total == 2
