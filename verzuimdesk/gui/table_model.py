"""A small, fast table model over a list of plain row objects.

Views reset it with fresh service results (:meth:`RowTableModel.set_rows`);
nothing here filters or sorts through Qt: that happens in the services.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

#: Colours shared by every table: overdue red, muted grey.
OVERDUE = QColor("#b42318")
MUTED = QColor("#6b7280")

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """A column: its title, how a row shows in it, and optional colour/tooltip/alignment."""

    title: str
    text: Callable[[Any], str]
    key: str = ""
    foreground: Callable[[Any], QColor | None] | None = None
    bold: Callable[[Any], bool] | None = None
    tooltip: Callable[[Any], str] | None = None
    align_right: bool = False
    width: int = 120


class RowTableModel(QAbstractTableModel):
    """A read-only table of ``rows`` with :class:`Column` definitions."""

    #: Role that returns the row object itself.
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace every row (a model reset: cheap, the view asks only for visible cells)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any | None:
        """The row object at ``row`` (None when out of range)."""
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of rows (0 under a valid parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, colour, font, tooltip or the row object of a cell."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            colour = column.foreground(row)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and column.bold is not None:
            return self._bold if column.bold(row) else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.RowRole:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles; row numbers are not shown."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable and enabled; never editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


def make_row_table(
    model: Any, name: str, *, row_height: int = 26, parent: QWidget | None = None
) -> QTableView:
    """A read-only list table as the desk shows them: whole-row single selection, no grid,
    alternating rows, no row numbers, fixed row height, the last column stretched.

    ``model`` may carry ``columns`` (:class:`Column`); their widths become the initial ones.
    """
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(row_height)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    for i, column in enumerate(getattr(model, "columns", ())):
        header.resizeSection(i, column.width)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table
