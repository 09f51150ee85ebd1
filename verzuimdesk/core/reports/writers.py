"""Writing a :class:`~verzuimdesk.core.reports.model.Report` as XLSX or CSV.

- XLSX (openpyxl): one sheet per table, a bold header row that stays in view (frozen),
  column widths, dates as dates (``dd-mm-jjjj``). Text cells are always written as text:
  their type is set explicitly, so ``=SOM(…)`` typed into a case never becomes a formula.
- CSV: ``;`` as separator, UTF-8 with a BOM so that Excel opens it in Dutch; dates as
  ``dd-mm-jjjj``, decimals with a comma; a text cell that starts with ``= + - @`` gets a
  leading apostrophe so a spreadsheet does not read it as a formula. A report with more
  than one table writes them one after the other, each under its name.

Both write to a temporary file next to the target and rename it, so a failed write never
leaves half a file (and the command line's exit code can be trusted).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

from verzuimdesk.core.reports.files import write_atomic
from verzuimdesk.core.reports.model import Cell, Column, Report

__all__ = [
    "FORMULA_PREFIXES",
    "WRITERS",
    "ReportFormatError",
    "csv_bytes",
    "csv_text",
    "format_for",
    "write_atomic",
    "write_csv",
    "write_xlsx",
]

#: A text cell starting with one of these would be a formula in a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class ReportFormatError(ValueError):
    """An output file with an extension the desk cannot write; ``str()`` is Dutch."""


def safe_text(text: str) -> str:
    """*text* made safe for a spreadsheet: a leading formula character is escaped."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _csv_cell(value: Cell, column: Column) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return safe_text(str(value))


def csv_text(report: Report) -> str:
    """The report as CSV text (without the BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([report.title, report.subtitle])
    for table in report.tables:
        writer.writerow([])
        if len(report.tables) > 1:
            writer.writerow([table.name])
        writer.writerow([safe_text(h) for h in table.headers])
        for row in table.rows:
            writer.writerow([_csv_cell(v, c) for v, c in zip(row, table.columns, strict=True)])
    return buffer.getvalue()


def csv_bytes(report: Report) -> bytes:
    """The report as CSV bytes: UTF-8 with a BOM."""
    return "\ufeff".encode() + csv_text(report).encode("utf-8")


def write_csv(report: Report, path: Path) -> None:
    """Write the report as CSV (``;``, UTF-8 with BOM)."""
    write_atomic(path, csv_bytes(report))


def xlsx_bytes(report: Report) -> bytes:
    """The report as an XLSX workbook (written streaming: openpyxl's write-only mode)."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    book = Workbook(write_only=True)
    book.properties.title = f"{report.title} {report.quarter.code}"
    book.properties.creator = "VerzuimDesk"
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="2F5F8A")
    header_align = Alignment(vertical="center", wrap_text=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for table in report.tables:
        sheet = book.create_sheet(_sheet_title(table.name))
        for col, column in enumerate(table.columns, start=1):
            sheet.column_dimensions[get_column_letter(col)].width = column.width + 2
        sheet.freeze_panes = "A2"
        if table.rows:
            last = get_column_letter(len(table.columns))
            sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
        mark = "VERTROUWELIJK — " if report.confidential else ""
        sheet.oddHeader.center.text = f"{mark}{report.title} {report.quarter.label}"
        sheet.oddFooter.left.text = report.region
        sheet.oddFooter.right.text = "Pagina &P van &N"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "1:1"
        header = []
        for column in table.columns:
            cell = WriteOnlyCell(sheet, value=column.header)
            cell.data_type = "s"
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = header_align
            header.append(cell)
        sheet.append(header)
        wrapped = [c.kind == "text" and c.width >= 30 for c in table.columns]
        for row in table.rows:
            cells: list[object] = []
            for value, wide in zip(row, wrapped, strict=True):
                if value is None:
                    cells.append(None)
                    continue
                if isinstance(value, dt.date):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = "DD-MM-YYYY"
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    cells.append(value)  # a plain number needs no cell object
                    continue
                else:
                    text = str(value)
                    if not wide and not text.startswith(FORMULA_PREFIXES):
                        cells.append(text)  # stored as a string: it cannot start a formula
                        continue
                    cell = WriteOnlyCell(sheet, value=text)
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                if wide:
                    cell.alignment = wrap
                cells.append(cell)
            sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    bad = set("[]:*?/\\")
    return "".join("-" if ch in bad else ch for ch in name)[:31] or "Blad"


def write_xlsx(report: Report, path: Path) -> None:
    """Write the report as an XLSX workbook."""
    write_atomic(path, xlsx_bytes(report))


def _write_pdf(report: Report, path: Path) -> None:
    from verzuimdesk.core.reports.pdf import write_table_pdf

    write_table_pdf(report, path)


#: Extension -> writer of a plain report.
WRITERS: dict[str, Callable[[Report, Path], None]] = {
    ".xlsx": write_xlsx,
    ".csv": write_csv,
    ".pdf": _write_pdf,
}


def format_for(path: Path | str, allowed: tuple[str, ...] = tuple(WRITERS)) -> str:
    """The extension of *path* (``.xlsx``), checked against *allowed*.

    :raises ReportFormatError: in Dutch, naming the extensions that can be written.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        known = ", ".join(allowed)
        shown = f"‘{suffix}’" if suffix else "geen extensie"
        raise ReportFormatError(
            f"Onbekende bestandsextensie ({shown}): kies een bestand dat eindigt op {known}."
        )
    return suffix
