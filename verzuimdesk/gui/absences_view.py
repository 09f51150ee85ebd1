"""A pupil's absences as a month grid: hours per kind per day, free days greyed out.

Editing a cell saves it at once through
:func:`verzuimdesk.core.services.absences.set_absences` (one transaction that
also recomputes the pupil's signals); Ctrl+Z puts the previous value back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import absences, changes, queries
from verzuimdesk.core.services.conflicts import ConflictError
from verzuimdesk.core.services.errors import ServiceError, ValidationError
from verzuimdesk.gui import conflict_dialog, errors, undo
from verzuimdesk.gui.formatting import DAYS, date_short, hours, month_title
from verzuimdesk.gui.table_model import OVERDUE, Column, RowTableModel

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

Index = QModelIndex | QPersistentModelIndex

#: Short column titles of the grid.
GRID_TITLES = {"ongeoorloofd": "Ongeoorl.", "luxe": "Luxe", "geoorloofd": "Geoorl."}
#: The kinds in grid order (columns 2 …).
KINDS = list(absences.KIND_NAMES)
FREE_BG = QColor("#eef1f4")
FREE_FG = QColor("#8a94a3")
WEEKEND_BG = QColor("#f6f7f9")
TODAY_BG = QColor("#e8f0fe")
ENTERED_FG = QColor("#1e3a8a")
#: A day with more hours than the school day (old or imported data): its date cell.
OVERFULL_BG = QColor("#fde2e1")
#: Width of an hours column of the grid, and of the *Bijzonderheden* column at least (px).
KIND_WIDTH = 90
NOTES_WIDTH = 150


def parse_hours(text: Any) -> float | None:
    """``"1,5"`` → 1.5, ``"5:20"`` → 5 h 20 min; empty → None; ValueError for anything else."""
    if text is None:
        return None
    if isinstance(text, int | float):
        return float(text)
    text = str(text).strip().replace(",", ".")
    if not text:
        return None
    if ":" in text:
        whole, minutes = text.split(":", 1)
        if not (whole.isdigit() or not whole) or not minutes.isdigit() or int(minutes) >= 60:
            raise ValueError(text)
        return int(whole or 0) + int(minutes) / 60
    return float(text)


class MonthModel(QAbstractTableModel):
    """Rows are the days of one month; columns date, day, one per kind, and remarks."""

    def __init__(
        self, on_edit: Callable[[dt.date, str, float | None], bool], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.month: queries.MonthAbsences | None = None
        self.on_edit = on_edit
        #: Shows a Dutch message about unreadable input (the view: under the grid).
        self.on_invalid: Callable[[str], None] = lambda message: errors.show_error(None, message)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_month(self, month: queries.MonthAbsences) -> None:
        """Show another month (or the same month after a change)."""
        self.beginResetModel()
        self.month = month
        self.endResetModel()

    def day_at(self, row: int) -> queries.DayAbsences | None:
        """The day of ``row``."""
        if self.month is None or not 0 <= row < len(self.month.days):
            return None
        return self.month.days[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.month is None else len(self.month.days)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3 + len(KINDS)

    def overfull(self, day: queries.DayAbsences) -> bool:
        """True when the day's hours of all kinds exceed the school's day length (§2)."""
        if self.month is None:
            return False
        return round(sum(day.hours.values()), absences.HOURS_DECIMALS) > self.month.day_hours

    def kind_of(self, column: int) -> str | None:
        """The absence kind of a grid column (None for date/day/remarks)."""
        return KINDS[column - 2] if 2 <= column < 2 + len(KINDS) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        day = self.day_at(index.row()) if index.isValid() else None
        if day is None:
            return None
        column = index.column()
        kind = self.kind_of(column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return date_short(day.date)
            if column == 1:
                return DAYS[day.date.weekday()]
            if kind is not None:
                value = day.hours.get(kind)
                if role == Qt.ItemDataRole.EditRole:
                    return hours(value)
                return hours(value)
            if not day.schooldag:
                return day.free_name
            return "; ".join(day.notes.values())
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == 0 and self.overfull(day):
                return QBrush(OVERFULL_BG)
            if not day.schooldag:
                return QBrush(WEEKEND_BG if day.date.weekday() >= 5 else FREE_BG)
            if self.month and day.date == self.month.today:
                return QBrush(TODAY_BG)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if not day.schooldag:
                return QBrush(FREE_FG)
            if kind is not None and kind in day.hours:
                return QBrush(OVERDUE if kind in ("ongeoorloofd", "luxe") else ENTERED_FG)
            return None
        if role == Qt.ItemDataRole.FontRole and kind is not None and kind in day.hours:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and kind is not None:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.overfull(day) and self.month is not None:
                return (
                    f"Op {date_short(day.date)} staat {hours(sum(day.hours.values()))} uur "
                    f"verzuim, meer dan de {hours(self.month.day_hours)} lesuren van een "
                    "schooldag. Verlaag de uren."
                )
            if not day.schooldag:
                return f"Geen schooldag: {day.free_name}"
            if kind is not None:
                return f"{absences.KIND_NAMES[kind]} op {date_short(day.date)} (uren)"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return "Datum"
        if section == 1:
            return "Dag"
        kind = self.kind_of(section)
        if kind is not None:
            return GRID_TITLES.get(kind, absences.KIND_NAMES[kind])
        return "Bijzonderheden" if section == 2 + len(KINDS) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        day = self.day_at(index.row())
        if day is not None and day.schooldag and self.kind_of(index.column()) is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        day = self.day_at(index.row())
        kind = self.kind_of(index.column())
        if day is None or kind is None or not day.schooldag:
            return False
        try:
            amount = parse_hours(value)
        except ValueError:
            self.on_invalid("Vul een aantal uren in, bijvoorbeeld 2, 1,5 of 5:20 (uren:minuten).")
            return False
        if amount == day.hours.get(kind) or (not amount and kind not in day.hours):
            return False
        return self.on_edit(day.date, kind, amount)


class AbsencesView(QWidget):
    """The month grid of one pupil, with month navigation and the pupil's signals."""

    #: The tab title ("Verzuim · Sanne de Vries"), again after the pupil was renamed.
    titleChanged = Signal(str)

    def __init__(
        self,
        desk: Desk,
        pupil_id: int,
        undo_stack: Any,
        month: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.pupil_id, self.undo_stack = desk, pupil_id, undo_stack
        self.setObjectName("absencesView")
        from verzuimdesk.core.services.common import today

        self.month_start = (month or today(desk)).replace(day=1)
        self.data: queries.MonthAbsences | None = None

        self.title = QLabel()
        self.title.setObjectName("caseTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # user data, never HTML (issue 11)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("caseSubtitle")
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)  # user data, never HTML (issue 11)
        self.prev_button = QPushButton("◀ Vorige maand")
        self.next_button = QPushButton("Volgende maand ▶")
        self.today_button = QPushButton("Deze maand")
        for button in (self.prev_button, self.next_button, self.today_button):
            button.setObjectName("smallButton")
        self.prev_button.clicked.connect(lambda: self.shift(-1))
        self.next_button.clicked.connect(lambda: self.shift(1))
        self.today_button.clicked.connect(self.this_month)
        self.month_label = QLabel()
        self.month_label.setObjectName("monthLabel")
        self.totals = QLabel()
        self.totals.setObjectName("hintLabel")

        self.model = MonthModel(self.save_cell, self)
        self.table = QTableView()
        self.table.setObjectName("absenceGrid")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setShowGrid(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, 92)
        header.resizeSection(1, 46)
        for i in range(len(KINDS)):
            header.resizeSection(2 + i, KIND_WIDTH)
        header.setStretchLastSection(True)

        self.signals_model = RowTableModel(
            [
                Column("Datum", lambda s: date_short(s.datum), width=86),
                # The report deadline before the (long) name: in a narrow pane it was
                # scrolled out of view, and it is what the school must act on.
                Column(
                    # Not "Melden uiterlijk": sickness signals (never reported to the
                    # LPA) carry a date here too.
                    "Uiterlijk",
                    lambda s: date_short(s.deadline),
                    width=100,
                    foreground=lambda s: OVERDUE if s.overdue else None,
                ),
                Column("Signaal", lambda s: s.name, width=200, tooltip=lambda s: s.name),
            ],
            self,
        )
        self.signals = QTableView()
        self.signals.setObjectName("pupilSignals")
        self.signals.setModel(self.signals_model)
        self.signals.verticalHeader().setVisible(False)
        self.signals.horizontalHeader().setStretchLastSection(True)
        self.signals.setShowGrid(False)
        self.signals.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for i, column in enumerate(self.signals_model.columns):
            self.signals.horizontalHeader().resizeSection(i, column.width)

        head = QFrame()
        head.setObjectName("caseHeader")
        head_layout = QVBoxLayout(head)
        head_layout.setContentsMargins(16, 12, 16, 12)
        head_layout.addWidget(self.title)
        head_layout.addWidget(self.subtitle)
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.month_label)
        nav.addWidget(self.next_button)
        nav.addWidget(self.today_button)
        nav.addStretch(1)
        self.totals.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(nav)
        left_layout.addWidget(self.totals)  # own line: it used to be cut off at the right
        left_layout.addWidget(self.table, 1)
        hint = QLabel(
            "Typ het aantal uren in een cel (Enter bewaart). Leeg of 0 verwijdert; "
            "Ctrl+Z maakt ongedaan. Grijze dagen zijn geen schooldag."
        )
        hint.setObjectName("hintLabel")
        hint.setWordWrap(True)
        # Refused input is explained here, under the grid, instead of in a dialog.
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Foutmelding")
        self.message.hide()
        self.model.on_invalid = self.show_message
        left_layout.addWidget(self.message)
        left_layout.addWidget(hint)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel("Signalen van deze leerling")
        caption.setObjectName("sectionTitle")
        right_layout.addWidget(caption)
        right_layout.addWidget(self.signals, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        # The grid in full (its last column included); the signals get the rest.
        grid = 92 + 46 + KIND_WIDTH * len(KINDS) + NOTES_WIDTH + 24
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([grid, 520])
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(head)
        body = QVBoxLayout()
        body.setContentsMargins(12, 8, 12, 8)
        body.addWidget(split, 1)
        layout.addLayout(body, 1)

        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.activated.connect(self.clear_selection)
        self._pending = False
        self._unsubscribe = changes.bus(desk).subscribe(self._on_change)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.refresh()

    def commit_open_editor(self) -> None:
        """Save what is typed in a cell that is still being edited.

        A reload (F5, another month, a change elsewhere) resets the model, which closed
        the editor and silently dropped the typed hours.
        """
        if self.table.state() != QAbstractItemView.State.EditingState:
            return
        delegate = self.table.itemDelegate()
        for editor in self.table.viewport().children():
            if isinstance(editor, QWidget) and editor.isVisible():
                delegate.commitData.emit(editor)
                delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def refresh(self) -> None:
        """Reload the month from the service (after saving a cell still being edited)."""
        self.commit_open_editor()
        try:
            self.data = queries.pupil_absences(self.desk, self.pupil_id, self.month_start)
        except ServiceError as exc:
            self.title.setText(exc.message)
            return
        current = self.table.currentIndex()
        self.model.set_month(self.data)
        if current.isValid():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        self.title.setText(f"Verzuim van {self.data.pupil_name}")
        self.titleChanged.emit(f"Verzuim · {self.data.pupil_name}")
        self.subtitle.setText(
            f"{self.data.school_name or 'geen school'}  ·  schooldag {hours(self.data.day_hours)} "
            "lesuren"
        )
        self.month_label.setText(f"  {month_title(self.month_start)}  ")
        totals = self.data.totals()
        parts = [f"{absences.KIND_NAMES[k]}: {hours(v)}" for k, v in totals.items() if v]
        self.totals.setText("Deze maand — " + (", ".join(parts) if parts else "geen verzuim"))
        self.signals_model.set_rows(list(reversed(self.data.signals)))

    def shift(self, months: int) -> None:
        """Show an earlier or later month."""
        year = self.month_start.year + (self.month_start.month - 1 + months) // 12
        month = (self.month_start.month - 1 + months) % 12 + 1
        self.month_start = dt.date(year, month, 1)
        self.refresh()

    def this_month(self) -> None:
        """Back to the month of today."""
        from verzuimdesk.core.services.common import today

        self.month_start = today(self.desk).replace(day=1)
        self.refresh()

    def show_message(self, message: str) -> None:
        """Show (or with ``""`` clear) the message about refused input under the grid."""
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def _version(self, day: dt.date, kind: str) -> int:
        """The version of the (day, kind) record as shown (0: no record shown)."""
        days = self.data.days if self.data is not None else []
        shown = next((d for d in days if d.date == day), None)
        return shown.versions.get(kind, 0) if shown is not None else 0

    def save_cell(self, day: dt.date, kind: str, amount: float | None) -> bool:
        """Save one cell (undoable); False when the service refuses it."""
        entry = absences.AbsenceEntry(day, kind, amount, version=self._version(day, kind))
        return self._save([entry], f"Verzuim {date_short(day)} wijzigen")

    def _save(self, entries: list[absences.AbsenceEntry], text: str) -> bool:
        try:
            previous = absences.set_absences(self.desk, self.pupil_id, entries)
        except ConflictError as conflict:
            return self._resolve(entries, text, conflict)
        except ValidationError as exc:
            self.show_message(exc.message)  # a typo is not worth a dialog
            return False
        except ServiceError as exc:
            errors.report(self, exc)
            return False
        self.show_message("")
        unchecked = [replace(e, version=None) for e in entries]  # redo after undo: no check
        undo.push_safely(
            self.undo_stack,
            undo.AbsenceCommand(self.desk, self.pupil_id, unchecked, previous, text),
        )
        return True

    def _resolve(
        self, entries: list[absences.AbsenceEntry], text: str, conflict: ConflictError
    ) -> bool:
        """A colleague changed these cells after they were shown: keep mine (save over
        theirs) or take theirs (the grid shows them)."""
        choice = conflict_dialog.ask(conflict, self)
        seen = conflict.stored if isinstance(conflict.stored, dict) else None
        if choice == conflict_dialog.KEEP_MINE and seen is not None:
            key = absences.entry_key
            mine = [replace(e, version=seen.get(key(e.date, e.kind), e.version)) for e in entries]
            return self._save(mine, text)
        QTimer.singleShot(0, self.refresh)  # not inside the cell's setData
        self.show_message(
            "De uren van uw collega staan nu in het overzicht; niets opgeslagen."
            if choice == conflict_dialog.TAKE_THEIRS
            else "Niet opgeslagen: een collega heeft dit verzuim intussen gewijzigd."
        )
        return False

    def clear_selection(self) -> None:
        """Delete the selected cells' records (Del); Ctrl+Z brings them back."""
        entries = []
        for index in self.table.selectionModel().selectedIndexes():
            day = self.model.day_at(index.row())
            kind = self.model.kind_of(index.column())
            if day is not None and kind is not None and kind in day.hours:
                version = day.versions.get(kind, 0)
                entries.append(absences.AbsenceEntry(day.date, kind, None, version=version))
        if entries:
            self._save(entries, "Verzuim verwijderen")

    def _on_change(self, change: changes.Change) -> None:
        if (self.pupil_id in change.pupil_ids or change.case_ids is None) and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._apply_change)

    def _apply_change(self) -> None:
        self._pending = False
        self.refresh()
