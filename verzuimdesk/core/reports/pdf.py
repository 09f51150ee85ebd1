"""PDF output drawn with matplotlib (no Qt): the Kwartaalrapportage and plain table reports.

The Kwartaalrapportage is A4 portrait: a first page with the region, the quarter, the key
figures and the thuiszitters per category; then two charts per page, each with the numbers
behind it. Black text on white, 9 pt and up, so it stays readable when printed in grey.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from verzuimdesk.core.reports.charts import Overview
from verzuimdesk.core.reports.drawing import draw_chart
from verzuimdesk.core.reports.files import write_atomic
from verzuimdesk.core.reports.model import Cell, Report, Table, dutch_number

__all__ = [
    "A4",
    "quarter_page_images",
    "quarter_pages",
    "quarter_pdf_bytes",
    "table_pdf_bytes",
    "write_quarter_pdf",
    "write_table_pdf",
]

A4 = (8.27, 11.69)
A4_LANDSCAPE = (11.69, 8.27)
_ROWS_PER_PAGE = 28


def _cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, int | float):
        return dutch_number(value)
    return str(value)


def _figure(size: tuple[float, float]) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=size)


def _header(fig: Any, report_title: str, subtitle: str, page: int) -> None:
    fig.text(0.06, 0.965, report_title, fontsize=15, weight="bold", color="#0f172a")
    fig.text(0.06, 0.945, subtitle, fontsize=9.5, color="#334155")
    fig.text(0.94, 0.02, f"pagina {page}", fontsize=8, ha="right", color="#475569")


def _draw_table(ax: Any, headers: list[str], rows: list[list[str]], fontsize: float = 8) -> None:
    ax.axis("off")
    if not rows:
        ax.text(0, 0.9, "Geen gegevens.", fontsize=fontsize + 1, color="#475569")
        return
    # Column widths from the longest text (measuring every cell's extent is slow).
    lengths = [max([len(h), *(len(r[i]) for r in rows)]) + 2 for i, h in enumerate(headers)]
    total = sum(lengths)
    table = ax.table(
        cellText=rows,
        colLabels=headers,
        loc="upper left",
        cellLoc="left",
        colWidths=[n / total for n in lengths],
    )
    table.auto_set_font_size(False)
    table.set_fontsize(fontsize)
    for (r, _c), cell in table.get_celld().items():
        cell.set_edgecolor("#cbd5e1")
        cell.set_height(0.9 / max(12, len(rows) + 1))
        if r == 0:
            cell.set_facecolor("#e2e8f0")
            cell.set_text_props(weight="bold")


def quarter_pages(overview: Overview, region: str, counts: Table) -> Iterator[Any]:
    """The Kwartaalrapportage's pages as matplotlib figures (A4 portrait), in order: key
    figures and category counts, then two charts per page with the numbers behind them."""
    title = "Kwartaalrapportage verzuim en thuiszitters"
    subtitle = f"{region} · {overview.quarter.label} · stand {overview.as_of:%d-%m-%Y}"
    fig = _figure(A4)
    _header(fig, title, subtitle, 1)
    fig.text(0.06, 0.9, "Kerncijfers", fontsize=12, weight="bold")
    ax = fig.add_axes((0.06, 0.62, 0.88, 0.26))
    _draw_table(
        ax,
        ["Cijfer", "Aantal"],
        [[name, dutch_number(value)] for name, value in overview.figures],
        fontsize=10,
    )
    fig.text(
        0.06,
        0.56,
        "Thuiszitters per inspectiecategorie (schooljaar tot nu)",
        fontsize=12,
        weight="bold",
    )
    ax = fig.add_axes((0.06, 0.2, 0.88, 0.34))
    _draw_table(
        ax,
        counts.headers,
        [[_cell_text(v) for v in row] for row in counts.rows],
        fontsize=8.5,
    )
    yield fig
    charts = overview.charts
    for page, i in enumerate(range(0, len(charts), 2), start=2):
        fig = _figure(A4)
        _header(fig, title, subtitle, page)
        for slot, chart in enumerate(charts[i : i + 2]):
            top = 0.9 - slot * 0.45
            ax = fig.add_axes(
                (
                    0.1 if chart.kind != "barh" else 0.36,
                    top - 0.24,
                    0.84 if chart.kind != "barh" else 0.58,
                    0.22,
                )
            )
            draw_chart(ax, chart, compact=True)
            headers, rows = chart.table()
            rows_text = [[_cell_text(v) for v in row] for row in rows]
            if len(rows_text) > 14:
                rows_text = _fold(rows_text)
                headers = headers + headers
            tab = fig.add_axes((0.06, top - 0.43, 0.88, 0.15))
            _draw_table(tab, headers, rows_text, fontsize=7)
        yield fig


def quarter_pdf_bytes(overview: Overview, region: str, counts: Table) -> bytes:
    """The Kwartaalrapportage as PDF (the pages of :func:`quarter_pages`)."""
    from matplotlib.backends.backend_pdf import PdfPages

    buffer = io.BytesIO()
    title = "Kwartaalrapportage verzuim en thuiszitters"
    with PdfPages(
        buffer, metadata={"Title": f"{title} {overview.quarter.code}", "Creator": "VerzuimDesk"}
    ) as pdf:
        for fig in quarter_pages(overview, region, counts):
            pdf.savefig(fig)
    return buffer.getvalue()


def quarter_page_images(
    overview: Overview, region: str, counts: Table, *, dpi: float = 72
) -> list[bytes]:
    """The Kwartaalrapportage's pages as PNG images (the preview shows what is printed)."""
    images = []
    for fig in quarter_pages(overview, region, counts):
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
        images.append(buffer.getvalue())
    return images


def _fold(rows: list[list[str]]) -> list[list[str]]:
    """Long tables side by side in two halves, so they fit under the chart."""
    half = (len(rows) + 1) // 2
    left, right = rows[:half], rows[half:]
    width = len(rows[0])
    return [a + (right[i] if i < len(right) else [""] * width) for i, a in enumerate(left)]


def write_quarter_pdf(overview: Overview, region: str, counts: Table, path: Path) -> None:
    """Write the Kwartaalrapportage PDF."""
    write_atomic(path, quarter_pdf_bytes(overview, region, counts))


def table_pdf_bytes(report: Report) -> bytes:
    """A plain report as PDF: each table over landscape A4 pages of at most 28 rows."""
    from matplotlib.backends.backend_pdf import PdfPages

    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": report.title, "Creator": "VerzuimDesk"}) as pdf:
        page = 1
        for table in report.tables:
            rows = [[_cell_text(v) for v in row] for row in table.rows] or [
                [""] * len(table.columns)
            ]
            for i in range(0, len(rows), _ROWS_PER_PAGE):
                fig = _figure(A4_LANDSCAPE)
                _header(fig, report.title, report.subtitle, page)
                fig.text(0.06, 0.9, table.name, fontsize=11, weight="bold")
                ax = fig.add_axes((0.04, 0.06, 0.92, 0.82))
                _draw_table(
                    ax,
                    table.headers,
                    [[_wrap(c) for c in r] for r in rows[i : i + _ROWS_PER_PAGE]],
                    fontsize=7,
                )
                pdf.savefig(fig)
                page += 1
    return buffer.getvalue()


def _wrap(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def write_table_pdf(report: Report, path: Path) -> None:
    """Write a plain report as PDF."""
    write_atomic(path, table_pdf_bytes(report))
