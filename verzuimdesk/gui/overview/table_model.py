"""A read-only Qt model over a report table (the preview and the numbers under a chart)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from verzuimdesk.core.reports.model import dutch_number

Index = QModelIndex | QPersistentModelIndex


def cell_text(value: Any) -> str:
    """A cell as the desk shows it: dates ``dd-mm-jjjj``, numbers ``1.234``."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return dutch_number(value)
    return str(value)


class RowsModel(QAbstractTableModel):
    """Headers and rows of plain values; numbers right-aligned."""

    def __init__(self, headers: list[str], rows: list[Any]) -> None:
        super().__init__()
        self.headers = headers
        self.rows = rows

    def set_rows(self, headers: list[str], rows: list[Any]) -> None:
        """Replace everything."""
        self.beginResetModel()
        self.headers = headers
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of rows."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text and alignment."""
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column headers."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if section < len(self.headers) else ""
        return None
