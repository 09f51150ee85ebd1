"""The shape of a report: tables of typed cells that every writer can render.

:class:`Quarter` and :class:`QuarterError` live in :mod:`verzuimdesk.core.round_spec` (one
quarter type for the round, the deadlines and the reports) and are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from verzuimdesk.core.round_spec import Quarter, QuarterError

__all__ = [
    "Column",
    "Quarter",
    "QuarterError",
    "Report",
    "Table",
    "dutch_number",
]

CellKind = Literal["text", "date", "int", "float"]
Cell = str | int | float | dt.date | None


@dataclass(frozen=True)
class Column:
    """A column: its Dutch header, the kind of its cells and its width in characters."""

    header: str
    kind: CellKind = "text"
    width: int = 14


@dataclass
class Table:
    """A named table of rows; every row has one cell per column."""

    name: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        """The column headers."""
        return [c.header for c in self.columns]


@dataclass
class Report:
    """A report: title, what it covers, and its tables (the first is the main one).

    ``confidential`` marks a report with names (*vertrouwelijk*); ``notes`` are lines
    shown above the tables in the preview and the PDF.
    """

    kind: str
    title: str
    region: str
    quarter: Quarter
    as_of: dt.date
    tables: list[Table]
    confidential: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def subtitle(self) -> str:
        """``Regio Den Haag · 4e kwartaal 2026 · stand 15-12-2026``."""
        text = f"{self.region} · {self.quarter.label} · stand {self.as_of:%d-%m-%Y}"
        return ("VERTROUWELIJK · " + text) if self.confidential else text

    def cell_texts(self) -> list[str]:
        """Every cell and header as text (for checks that nothing personal leaks)."""
        out = [self.title, self.subtitle, *self.notes]
        for table in self.tables:
            out.append(table.name)
            out.extend(table.headers)
            for row in table.rows:
                out.extend("" if c is None else str(c) for c in row)
        return out


def dutch_number(value: float, _pos: object = None) -> str:
    """``1234`` as ``1.234``, ``2.5`` as ``2,5`` (axis ticks)."""
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", "x").replace(".", ",").replace("x", ".")
