"""The shape of a report: a quarter, and tables of typed cells that every writer can render."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "Column",
    "Quarter",
    "QuarterError",
    "Report",
    "Table",
    "dutch_number",
]

_QUARTER = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*[Qq]([1-4])\s*$")

CellKind = Literal["text", "date", "int", "float"]
Cell = str | int | float | dt.date | None


class QuarterError(ValueError):
    """An unknown quarter; ``str()`` is the Dutch message."""


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter (``2026Q4`` is 1 October – 31 December 2026)."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """``2026Q4`` (also ``2026-Q4``, ``2026q4``) as a quarter.

        :raises QuarterError: with a Dutch message for anything else.
        """
        match = _QUARTER.match(text or "")
        if match is None:
            raise QuarterError(
                f"Onbekend kwartaal ‘{text}’: schrijf het als jaar en kwartaal, "
                "bijvoorbeeld 2026Q4."
            )
        year = int(match.group(1))
        if not 2000 <= year <= 2100:
            raise QuarterError(f"Onbekend kwartaal ‘{text}’: het jaar ligt buiten 2000–2100.")
        return cls(year, int(match.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        """The quarter *day* falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> dt.date:
        """The first day of the quarter."""
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the quarter."""
        nxt = self.next()
        return nxt.start - dt.timedelta(days=1)

    @property
    def school_year_start(self) -> dt.date:
        """1 August of the school year the quarter ends in (the cumulative list's start),
        or the quarter's own start when that is earlier (a July–September quarter)."""
        year = self.end.year if self.end.month >= 8 else self.end.year - 1
        return min(dt.date(year, 8, 1), self.start)

    def next(self) -> Quarter:
        """The following quarter."""
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> Quarter:
        """The quarter before."""
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    @property
    def code(self) -> str:
        """``2026Q4``."""
        return f"{self.year}Q{self.number}"

    @property
    def label(self) -> str:
        """The Dutch name: ``4e kwartaal 2026``."""
        return f"{self.number}e kwartaal {self.year}"

    def __str__(self) -> str:
        return self.code


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
