"""A small, fast table model over a list of plain row objects.

Views reset it with fresh service results (:meth:`RowTableModel.set_rows`);
nothing here filters or sorts through Qt: that happens in the services.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

#: Colours shared by every table: overdue red, muted grey.
OVERDUE = QColor("#b42318")
MUTED = QColor("#6b7280")

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """A column: its title, how a row shows in it, and optional colour/tooltip/alignment.

    ``short`` is a shorter form the column shows when the table is too narrow for the
    whole text (the tooltip should then give the whole); ``wrap`` says the text may wrap
    onto a second line as a last resort (not for dates, numbers and codes); ``width`` is
    only the first guess before the columns are fitted to their content; ``short_title``
    is the header's shorter form, shown with the short forms (the title stays the
    column's name, e.g. for the user's widths, and the header's tooltip).
    """

    title: str
    text: Callable[[Any], str]
    key: str = ""
    foreground: Callable[[Any], QColor | None] | None = None
    bold: Callable[[Any], bool] | None = None
    tooltip: Callable[[Any], str] | None = None
    align_right: bool = False
    width: int = 120
    short: Callable[[Any], str] | None = None
    wrap: bool = True
    short_title: str | None = None


class RowTableModel(QAbstractTableModel):
    """A read-only table of ``rows`` with :class:`Column` definitions."""

    #: Role that returns the row object itself.
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        #: Columns with a short form show it (set by :class:`ColumnFitter`).
        self.compact = False
        self._bold = QFont()
        self._bold.setBold(True)

    def shown_text(self, column: Column, row: Any) -> str:
        """The text a cell of ``column`` shows for ``row`` (the short form when compact)."""
        if self.compact and column.short is not None:
            return column.short(row)
        return column.text(row)

    def has_short_forms(self) -> bool:
        """Whether some column has a shorter form (of its texts or its title)."""
        return any(c.short is not None or c.short_title for c in self.columns)

    def set_compact(self, compact: bool) -> None:
        """Show the short forms (or the whole texts again)."""
        if compact == self.compact:
            return
        self.compact = compact
        if any(c.short_title for c in self.columns):
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self.rows) - 1, len(self.columns) - 1),
                [Qt.ItemDataRole.DisplayRole],
            )

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
            return self.shown_text(column, row)
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
        """Column titles (the short ones when compact); row numbers are not shown."""
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns)
        if role == Qt.ItemDataRole.ToolTipRole and horizontal:
            column = self.columns[section]
            return column.title if self.compact and column.short_title else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if horizontal:
            column = self.columns[section]
            return column.short_title if self.compact and column.short_title else column.title
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable and enabled; never editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


# ---------------------------------------------------------------------- column fitting

#: Rows sampled for the text widths: the first ones, and this many spread over the rest.
SAMPLE_HEAD = 150
SAMPLE_SPREAD = 250
#: Extra width the sort arrow needs in the header of the column the table is sorted on.
SORT_ARROW = 24
#: Text widths a column keeps for choosing which column wraps (the widest ones).
MAX_TEXT_WIDTHS = 2 * (SAMPLE_HEAD + SAMPLE_SPREAD)
#: Floor of a column that may wrap: no column becomes narrower than this.
MIN_TEXT_WIDTH = 48


def cell_margin(view: QAbstractItemView) -> int:
    """Horizontal room the item delegate takes around a cell's text (both sides).

    Qt's delegate keeps ``PM_FocusFrameHMargin + 1`` free on either side; a few pixels
    more absorb the rounding of a wrapped text layout (it wrapped at the exact width).
    """
    style = view.style()
    return 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 4


def sample_rows(rows: Sequence[Any]) -> list[Any]:
    """The rows whose text widths stand for all: the first ones and some spread over the rest.

    A cheap pass (a few hundred rows) instead of measuring 8,000.
    """
    head = list(rows[:SAMPLE_HEAD])
    rest = rows[SAMPLE_HEAD:]
    if len(rest) <= SAMPLE_SPREAD:
        return head + list(rest)
    step = len(rest) / SAMPLE_SPREAD
    return head + [rest[int(i * step)] for i in range(SAMPLE_SPREAD)]


def two_line_width(text: str, measure: Callable[[str], int]) -> int:
    """The narrowest width at which ``text`` wraps into at most two lines at a space."""
    words = text.split(" ")
    best = measure(text)
    for i in range(1, len(words)):
        best = min(best, max(measure(" ".join(words[:i])), measure(" ".join(words[i:]))))
    return best


def _cut_share(texts: Sequence[int], width: int) -> float:
    """The share of a column's sampled text widths (sorted) wider than *width*."""
    return (len(texts) - bisect.bisect_right(texts, width)) / max(len(texts), 1)


def _give_way_one_line(needs: list[tuple[int, int, Sequence[int]]], room: int) -> list[int]:
    """Widths between (floor, one-line width) per column that sum to ``room`` where possible,
    for rows that stay one line (a text wider than its column is elided at the right).

    Room is taken where it cuts the fewest texts for the pixels it frees. Each step narrows
    one column to one of its candidate widths (just wide enough for a sampled text, its
    floor, or by what is still missing), choosing the column and width that cut the
    smallest share of that column's texts per pixel: a column whose few long texts stand
    far out gives way before one where every row would be cut.
    """
    widths = [high for _low, high, _texts in needs]
    deficit = sum(widths) - room
    while deficit > 0:
        best: tuple[float, int, int, int] | None = None
        for k, (low, _high, texts) in enumerate(needs):
            width = widths[k]
            if width <= low:
                continue
            least = max(low, width - deficit)
            now = _cut_share(texts, width)
            for target in {least, *(t for t in texts if least < t < width)}:
                gain = width - target
                key = ((_cut_share(texts, target) - now) / gain, -gain, k, target)
                if best is None or key < best:
                    best = key
        if best is None:
            break
        _cost, _gain, k, target = best
        deficit -= widths[k] - target
        widths[k] = target
    return widths


def _give_way(needs: list[tuple[int, int, Sequence[int]]], room: int) -> list[int]:
    """Widths between (low, high) per column that sum to ``room`` where possible.

    Each need also carries the sorted widths of the column's sampled texts. The column in
    which the fewest texts are wider than its two-line width gives way first, down to that
    width, then the next: a long name in a few rows wraps, not a date in every row.
    """
    widths = [high for _low, high, _texts in needs]
    deficit = sum(widths) - room

    def wrapped_share(k: int) -> float:
        return _cut_share(needs[k][2], needs[k][0])

    for k in sorted(range(len(needs)), key=lambda k: (wrapped_share(k), -needs[k][1])):
        if deficit <= 0:
            break
        low, high, _texts = needs[k]
        give = min(high - low, deficit)
        widths[k] -= give
        deficit -= give
    return widths


@dataclass
class _Need:
    one: int  # the width that shows every sampled text on one line
    two: int  # the width that shows every sampled text in two lines
    floor: int  # the header's width: never narrower
    texts: tuple[int, ...] = ()  # the sampled texts' one-line widths (margin included), sorted


#: Text widths measured before, per font: the same dates, kinds and names come back in
#: every case file, and asking Qt costs far more than a dictionary.
_WIDTHS: dict[str, dict[str, int]] = {}
#: Texts kept per font before its widths are forgotten (memory stays small).
MAX_CACHED_WIDTHS = 50_000


def _width_cache(metrics: QFontMetrics, font: QFont) -> Callable[[str], int]:
    """``metrics.horizontalAdvance``, remembered per font and text."""
    widths = _WIDTHS.setdefault(font.key(), {})
    if len(widths) > MAX_CACHED_WIDTHS:
        widths.clear()

    def measure(text: str) -> int:
        width = widths.get(text)
        if width is None:
            width = widths[text] = metrics.horizontalAdvance(text)
        return width

    return measure


class ColumnFitter(QObject):
    """Sizes a :class:`RowTableModel` table's columns to their content within the view.

    Every column gets the width its header and (sampled) texts need; when the view is
    wider, the text columns share what is left; when it is narrower, columns with a
    short form (:attr:`Column.short`) use it, then the widest text columns give way and
    the rows grow to two lines so their text wraps instead of being cut. Only when even
    two lines do not fit does the table scroll sideways.

    With ``one_line`` the rows never grow: the column that gives way is the one where the
    fewest texts no longer fit (:func:`_give_way_one_line`), down to its header's width, and
    a text wider than its column is elided at the right.

    A column the user resized keeps the user's width (:attr:`user_sized`, by title); the
    others are fitted around it.
    """

    fitted = Signal()

    def __init__(
        self, table: QTableView, *, row_height: int, sortable: bool = False, one_line: bool = False
    ) -> None:
        super().__init__(table)
        self.table = table
        self.model: RowTableModel = table.model()  # type: ignore[assignment]
        self.row_height = row_height
        self.sortable = sortable
        #: Rows stay one line: columns give way down to their header and elide their text.
        self.one_line = one_line
        #: Titles of the columns the user resized; they keep their width.
        self.user_sized: set[str] = set()
        self.wrapped = False
        #: True while the header's saved state is restored: its widths are not the user's.
        self.restoring = False
        self._fitting = False
        self._width = -1
        #: Measured needs per mode (short forms or not); merged as rows come and go, so
        #: the columns do not jump with every keystroke in the search field.
        self._needs: dict[bool, dict[int, _Need]] = {}
        self._stale = True
        #: Identities of the rows the needs stand for: a reset to some of them (a sort, a
        #: narrower search) cannot need more room, so it is not measured again.
        self._covered: set[int] = set()
        #: The rows themselves, held so that their identities are not reused meanwhile.
        self._covered_rows: list[Any] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._resized)
        self.model.modelReset.connect(self._rows_changed)
        table.viewport().installEventFilter(self)

    # ------------------------------------------------------------------ triggers

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The viewport's width changed: fit again (soon, once)."""
        kind = event.type()
        if (kind == QEvent.Type.Resize and self.table.viewport().width() != self._width) or (
            kind == QEvent.Type.Show and (self._stale or self._width < 0)
        ):
            self._timer.start()
        return False

    def _rows_changed(self) -> None:
        rows = self.model.rows
        if not self._covered.issuperset(map(id, rows)):
            self._stale = True
        self._timer.start()

    def _resized(self, logical: int, _old: int, _new: int) -> None:
        if self._fitting or self.restoring or not 0 <= logical < len(self.model.columns):
            return
        # A width the desk did not set: the user dragged (or double-clicked) the divider.
        self.user_sized.add(self.model.columns[logical].title)
        self._timer.start()

    def forget_user_widths(self) -> None:
        """Fit every column again, the user's widths included."""
        self.user_sized.clear()
        self.fit()

    # ------------------------------------------------------------------ measuring

    def _cover(self, rows: list[Any]) -> None:
        self._covered_rows = list(rows)
        self._covered = set(map(id, self._covered_rows))

    def _needs_for(self, compact: bool) -> dict[int, _Need]:
        if compact not in self._needs:
            self._needs[compact] = self._merged(compact)
            self._cover(self.model.rows)
        return self._needs[compact]

    def _merged(self, compact: bool) -> dict[int, _Need]:
        """The needs of the rows now, never less than those measured before."""
        before = self.model.compact
        self.model.compact = compact  # measuring only: no signal, restored below
        try:
            new = self._measure_needs()
        finally:
            self.model.compact = before
        old = self._needs.get(compact, {})
        return {
            i: _Need(
                max(n.one, old[i].one),
                max(n.two, old[i].two),
                n.floor,
                tuple(sorted(n.texts + old[i].texts))[-MAX_TEXT_WIDTHS:],
            )
            if i in old
            else n
            for i, n in new.items()
        }

    def _measure_needs(self) -> dict[int, _Need]:
        table = self.table
        normal = QFontMetrics(table.font())
        bold_font = QFont(table.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        margin = cell_margin(table)
        rows = sample_rows(self.model.rows)
        hints = self._bare_header_widths()
        needs: dict[int, _Need] = {}
        for i, column in enumerate(self.model.columns):
            metrics = bold if column.bold is not None else normal
            cache: dict[str, int] = {}
            measure = _width_cache(metrics, bold_font if column.bold is not None else table.font())

            one = two = 0
            texts: list[int] = []
            for row in rows:
                text = self.model.shown_text(column, row)
                if text in cache:
                    texts.append(cache[text] + margin)
                    continue
                width = measure(text)
                cache[text] = width
                texts.append(width + margin)
                one = max(one, width)
                two = max(two, two_line_width(text, measure) if column.wrap else width)
            floor = max(hints[i], MIN_TEXT_WIDTH if column.wrap else 0)
            needs[i] = _Need(
                max(one + margin, floor), max(two + margin, floor), floor, tuple(sorted(texts))
            )
        return needs

    def _bare_header_widths(self) -> list[int]:
        """Each header's width without a sort arrow (only the sorted column draws one;
        :meth:`fit` adds its room to that column alone)."""
        header = self.table.horizontalHeader()
        shown = header.isSortIndicatorShown()
        if shown:
            header.setSortIndicatorShown(False)  # Qt then sizes every section for an arrow
        try:
            return [header.sectionSizeHint(i) for i in range(len(self.model.columns))]
        finally:
            if shown:
                header.setSortIndicatorShown(True)

    def _with_sort_arrow(self, needs: dict[int, _Need]) -> dict[int, _Need]:
        """*needs* with room for the sort arrow in the header of the column sorted on."""
        header = self.table.horizontalHeader()
        if not (self.sortable and header.isSortIndicatorShown()):
            return needs
        i = header.sortIndicatorSection()
        if i not in needs:
            return needs
        n = needs[i]
        floor = n.floor + SORT_ARROW
        return {**needs, i: _Need(max(n.one, floor), max(n.two, floor), floor, n.texts)}

    # ------------------------------------------------------------------ fitting

    def fit(self) -> None:
        """Size the columns (the user's widths kept) to the view's width."""
        self._timer.stop()
        table = self.table
        if not table.isVisible():
            # A hidden table (a case file's other tabs) is fitted when it is first shown:
            # measuring it now would cost the case file's opening for nothing.
            self._width = -1
            return
        self._width = table.viewport().width()
        if self._width <= 0:
            return
        header = table.horizontalHeader()
        columns = self.model.columns
        auto = [
            i
            for i, c in enumerate(columns)
            if c.title not in self.user_sized and not header.isSectionHidden(i)
        ]
        fixed = sum(
            header.sectionSize(i)
            for i, c in enumerate(columns)
            if c.title in self.user_sized and not header.isSectionHidden(i)
        )
        room = self._width - fixed
        if self._stale:
            for mode in list(self._needs):
                self._needs[mode] = self._merged(mode)
            self._cover(self.model.rows)
            self._stale = False
        needs = self._needs_for(False)
        if sum(needs[i].one for i in auto) > room and self.model.has_short_forms():
            needs = self._needs_for(True)
        self.model.set_compact(needs is self._needs.get(True))
        needs = self._with_sort_arrow(needs)
        one = sum(needs[i].one for i in auto)
        if one <= room:
            widths = [needs[i].one for i in auto]
            spare = room - one
            growing = [k for k, i in enumerate(auto) if columns[i].wrap] or list(range(len(auto)))
            total = sum(widths[k] for k in growing) or 1
            shares = [spare * widths[k] // total for k in growing]
            for k, share in zip(growing, shares, strict=True):
                widths[k] += share
            if growing:
                widths[growing[-1]] += spare - sum(shares)
            wrapped = False
        elif self.one_line:
            widths = _give_way_one_line(
                [(needs[i].floor, needs[i].one, needs[i].texts) for i in auto], room
            )
            wrapped = False
        else:
            widths = _give_way([(needs[i].two, needs[i].one, needs[i].texts) for i in auto], room)
            wrapped = any(w < needs[i].one for w, i in zip(widths, auto, strict=True))
        self._fitting = True
        try:
            for i, width in zip(auto, widths, strict=True):
                header.resizeSection(i, width)
        finally:
            self._fitting = False
        self._set_wrapped(wrapped)
        self.fitted.emit()

    def _set_wrapped(self, wrapped: bool) -> None:
        """Two-line rows (word wrap) when a column is narrower than its longest text."""
        if wrapped == self.wrapped and self.table.wordWrap() == wrapped:
            return
        self.wrapped = wrapped
        self.table.setWordWrap(wrapped)
        line = self.table.fontMetrics().lineSpacing()
        height = max(self.row_height, 2 * line + 10) if wrapped else self.row_height
        self.table.verticalHeader().setDefaultSectionSize(height)


class RowTableView(QTableView):
    """A :class:`QTableView` of a :class:`RowTableModel` with its :class:`ColumnFitter`."""

    fitter: ColumnFitter | None = None


def make_row_table(
    model: Any,
    name: str,
    *,
    row_height: int = 26,
    sortable: bool = False,
    one_line: bool = False,
    parent: QWidget | None = None,
) -> RowTableView:
    """A read-only list table as the desk shows them: whole-row single selection, no grid,
    alternating rows, no row numbers, fixed row height.

    With a :class:`RowTableModel` the columns are fitted to their content within the view
    (:class:`ColumnFitter`; ``sortable``: leave room for a sort arrow in the headers;
    ``one_line``: rows never grow to two lines, a text that does not fit is elided).
    """
    table = RowTableView(parent)
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
    if isinstance(model, RowTableModel):
        table.fitter = ColumnFitter(
            table, row_height=row_height, sortable=sortable, one_line=one_line
        )
    if one_line:
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
    return table
