"""Drawing a :class:`~verzuimdesk.core.reports.charts.ChartData` on a matplotlib Axes.

Shared by the Overzicht tab (a Qt canvas) and the Kwartaalrapportage PDF (Agg), so both
show the same chart. Dutch number format (``1.234``), labels and colours from the data.
matplotlib is imported by the caller (this module only receives its objects), which keeps
it out of the desk's start-up.
"""

from __future__ import annotations

from typing import Any

from verzuimdesk.core.reports.charts import ChartData
from verzuimdesk.core.reports.model import dutch_number

__all__ = ["draw_chart", "dutch_number"]


def draw_chart(ax: Any, chart: ChartData, *, compact: bool = False) -> None:
    """Draw *chart* on the matplotlib Axes *ax* (cleared first)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.clear()
    fontsize = 8 if compact else 9
    n = len(chart.labels)
    positions = list(range(n))
    colours: list[str | None] = list(chart.colours) or [None] * len(chart.series)
    value_axis = ax.xaxis if chart.kind == "barh" else ax.yaxis
    if chart.kind == "stacked":
        bottom = [0] * n
        for (name, values), colour in zip(chart.series, colours, strict=False):
            ax.bar(positions, values, bottom=bottom, label=name, color=colour, width=0.7)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    elif chart.kind == "bars":
        width = 0.8 / max(1, len(chart.series))
        for i, ((name, values), colour) in enumerate(zip(chart.series, colours, strict=False)):
            offset = (i - (len(chart.series) - 1) / 2) * width
            ax.bar([p + offset for p in positions], values, width=width, label=name, color=colour)
    elif chart.kind == "barh":
        name, values = chart.series[0]
        ax.barh(positions, values, color=colours[0], label=name, height=0.7)
        ax.invert_yaxis()
        for p, v in zip(positions, values, strict=True):
            ax.text(v, p, f" {dutch_number(v)}", va="center", fontsize=fontsize - 1)
    else:
        for (name, values), colour in zip(chart.series, colours, strict=False):
            ax.plot(positions, values, label=name, color=colour, marker="o")
    value_axis.set_major_locator(MaxNLocator(integer=True))
    value_axis.set_major_formatter(FuncFormatter(dutch_number))
    if chart.kind == "barh":
        ax.set_yticks(positions)
        ax.set_yticklabels([_short(label, 38) for label in chart.labels], fontsize=fontsize)
        ax.set_xlabel(chart.y_label, fontsize=fontsize)
        ax.grid(axis="x", color="#e2e8f0")
    else:
        step = max(1, n // (8 if compact else 14))
        ax.set_xticks(positions[::step])
        ax.set_xticklabels(
            chart.labels[::step],
            fontsize=fontsize,
            rotation=30 if n > 6 else 0,
            ha="right" if n > 6 else "center",
        )
        ax.set_ylabel(chart.y_label, fontsize=fontsize)
        ax.grid(axis="y", color="#e2e8f0")
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=fontsize)
    ax.set_title(chart.title, fontsize=fontsize + 2, loc="left", color="#0f172a")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if len(chart.series) > 1:
        ax.legend(fontsize=fontsize - 1, frameon=False, ncols=min(4, len(chart.series)))
    if chart.total == 0:
        ax.text(
            0.5,
            0.5,
            "Geen gegevens in deze periode",
            transform=ax.transAxes,
            ha="center",
            va="center",
            color="#64748b",
            fontsize=fontsize + 1,
        )


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
