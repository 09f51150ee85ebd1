"""A table as an XLSX workbook in which no cell is ever a formula.

openpyxl writes a text starting with ``=`` as a formula; a pupil named
``=HYPERLINK("…")`` would then become a live link in Excel (formula injection). Every
text cell is therefore written with the string data type, whatever it starts with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]

#: Excel's limit on a sheet title.
MAX_TITLE = 31
#: Excel refuses cells longer than this.
MAX_CELL = 32_767
_BAD_TITLE = str.maketrans({c: " " for c in "[]:*?/\\"})

Cell = str | int | float | dt.date | None


def write_xlsx(
    path: Path | str,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    widths: Sequence[int] | None = None,
) -> int:
    """Write one sheet ``title`` with a bold header row; returns the number of data rows.

    Text is always text (never a formula); dates are dates (shown ``dd-mm-jjjj``).
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet((title.translate(_BAD_TITLE).strip() or "Blad1")[:MAX_TITLE])
    bold = Font(bold=True)
    header_cells = []
    for name in headers:
        cell = _cell(sheet, name)
        cell.font = bold
        header_cells.append(cell)
    for i, width in enumerate(widths or ()):
        sheet.column_dimensions[_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(header_cells)
    count = 0
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
        count += 1
    book.save(str(path))
    return count


def _cell(sheet: object, value: Cell) -> WriteOnlyCell:
    if isinstance(value, str):
        text = value[:MAX_CELL]
        cell = WriteOnlyCell(sheet, value=None)
        cell.value = text  # may be taken for a formula ...
        cell.data_type = "s"  # ... so it is forced back to text
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, dt.date):
        cell.number_format = "DD-MM-YYYY"
    return cell


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    return str(get_column_letter(index + 1))
