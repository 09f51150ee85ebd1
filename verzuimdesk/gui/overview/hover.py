"""Tooltips on the Overzicht charts: the number behind the bar or point under the mouse.

matplotlib reports the mouse over the canvas (``motion_notify_event``); the bar or point
under it is found among the Axes' bar containers and lines, which :func:`~verzuimdesk.core.
reports.drawing.draw_chart` adds in series order, and the text is shown with
:class:`QToolTip`. matplotlib is imported by the tab before this is installed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QToolTip

from verzuimdesk.core.reports.model import dutch_number

if TYPE_CHECKING:
    from verzuimdesk.core.reports.charts import ChartData
    from verzuimdesk.gui.overview.tab import OverviewTab

__all__ = ["hover_text", "install_tooltips"]


def hover_text(ax: Any, chart: ChartData, event: Any) -> str | None:
    """The tooltip for the mouse *event* over *ax* showing *chart*; None off the data."""
    if event.inaxes is not ax:
        return None
    for series, container in enumerate(ax.containers):
        for index, patch in enumerate(container.patches):
            if patch.contains(event)[0]:
                return _text(chart, series, index)
    nearest: tuple[float, int, int] | None = None  # the closest point of any line
    for series, line in enumerate(ax.get_lines()):
        hit, details = line.contains(event)
        for index in details.get("ind", ()) if hit else ():
            x, y = ax.transData.transform((line.get_xdata()[index], line.get_ydata()[index]))
            distance = (x - event.x) ** 2 + (y - event.y) ** 2
            if nearest is None or distance < nearest[0]:
                nearest = (distance, series, int(index))
    return None if nearest is None else _text(chart, nearest[1], nearest[2])


def _text(chart: ChartData, series: int, index: int) -> str | None:
    if not (0 <= series < len(chart.series) and 0 <= index < len(chart.labels)):
        return None
    name, values = chart.series[series]
    text = f"{chart.labels[index]}\n{name}: {dutch_number(values[index])}"
    if chart.kind == "stacked" and len(chart.series) > 1:
        total = sum(v[index] for _, v in chart.series)
        text += f"\nTotaal: {dutch_number(total)}"
    return text


def install_tooltips(tab: OverviewTab) -> None:
    """Show the number behind a bar or point of *tab*'s chart when the mouse is over it."""
    canvas = tab.canvas

    def on_move(event: Any) -> None:
        chart = tab.current_chart()
        axes = tab.figure.axes
        text = None if chart is None or not axes else hover_text(axes[0], chart, event)
        tab.hover_text = text or ""
        if text is None:
            QToolTip.hideText()
            return
        # matplotlib counts physical pixels from the bottom; Qt logical ones from the top.
        ratio = canvas.devicePixelRatioF() or 1.0
        point = QPoint(int(event.x / ratio), int(canvas.height() - event.y / ratio))
        QToolTip.showText(canvas.mapToGlobal(point), text, canvas)

    tab.hover_text = ""
    canvas.mpl_connect("motion_notify_event", on_move)
