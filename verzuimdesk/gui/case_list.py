"""The home screen: every open case, most urgent first, with instant search and filters.

Searching, filtering and sorting happen in :func:`verzuimdesk.core.services.queries.case_list`
over compact rows; the table model is simply reset with the result (a
``QSortFilterProxyModel`` takes seconds on 50,000 rows).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.rules.inspectie_codes import InspectieCategory
from verzuimdesk.core.services import changes, queries
from verzuimdesk.gui.background import run_in_background
from verzuimdesk.gui.formatting import date_short, relative_due
from verzuimdesk.gui.history_view import log_search
from verzuimdesk.gui.table_model import (
    MUTED,
    OVERDUE,
    Column,
    ColumnFitter,
    RowTableModel,
    make_row_table,
)

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: How long the search field waits after a keystroke before it filters (ms).
SEARCH_DEBOUNCE_MS = 30
SETTINGS_GROUP = "caselist"
#: Above this many open cases the window paints before the case list is filled (at
#: 32,000 cases building the rows takes most of a second).
FILL_AFTER_PAINT_ABOVE = 10_000
#: The lesweek column is filled in this long after the first paint (ms).
WEEKS_DELAY_MS = 50


def settings() -> QSettings:
    """The desk's QSettings (organisation ``VerzuimDesk``)."""
    return QSettings("VerzuimDesk", "VerzuimDesk")


_EXPLANATION_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")


def band_short(name: str) -> str:
    """A band's name without its explanation in brackets: ``(week 5–12)``, Amstelland's
    ``(een maand of langer)``."""
    return _EXPLANATION_SUFFIX.sub("", name) or name


def case_columns(today_fn: Any) -> list[Column]:
    """The case list's columns."""

    def due_text(row: queries.CaseRow, short: bool = False) -> str:
        if row.next_due is None:
            return ""
        relative = relative_due(row.next_due, today_fn(), short=short)
        return f"{date_short(row.next_due)}  ({relative})"

    def due_short(row: queries.CaseRow) -> str:
        return due_text(row, short=True)

    def due_colour(row: queries.CaseRow) -> Any:
        return OVERDUE if row.overdue else None

    def due_tip(row: queries.CaseRow) -> str:
        tip = row.next_what
        if row.overdue_count:
            tip += (
                f"\n{row.overdue_count} termijn(en) verlopen sinds {date_short(row.overdue_since)}"
            )
        return tip

    return [
        Column("Casus", lambda r: r.number, "number", width=118, wrap=False,
               foreground=lambda r: OVERDUE if r.overdue else None, bold=lambda r: r.overdue),
        Column("Leerling", lambda r: r.pupil_name, "pupil", width=165,
               tooltip=lambda r: r.pupil_name),
        Column("School", lambda r: r.school_name, "school", width=140,
               tooltip=lambda r: r.school_name),
        Column("Stap", lambda r: f"{r.stage_number}. {r.stage_name}", "stage", width=180,
               tooltip=lambda r: f"{r.stage_number}. {r.stage_name}"),
        # Short of room the phase drops its "(week 5–12)" (the week has its own column) or
        # other explanation in brackets.
        Column("Fase", lambda r: r.band_name, "stage", width=180, short=lambda r: band_short(
               r.band_name), foreground=lambda r: MUTED, tooltip=lambda r: r.band_name),
        Column("Week", lambda r: "" if r.week is None else str(r.week), "week", width=64,
               align_right=True, wrap=False),
        Column("Cat.", lambda r: r.category, "category", width=52, wrap=False,
               tooltip=lambda r: f"Inspectiecategorie {r.category}" if r.category else ""),
        # Short of room: the person in regie without their role (the tooltip has both).
        Column("Regie", lambda r: r.regie, "regie", width=170, tooltip=lambda r: r.regie,
               short=lambda r: r.regie_person or r.regie),
        Column("Volgende termijn", due_text, "deadline", width=250, foreground=due_colour,
               bold=lambda r: r.overdue, tooltip=due_tip, short=due_short,
               short_title="Termijn"),
    ]  # fmt: skip


class CaseListModel(RowTableModel):
    """The case list's table model: rows are :class:`~queries.CaseRow`."""

    def __init__(self, today_fn: Any, parent: Any = None) -> None:
        super().__init__(case_columns(today_fn), parent)


class CaseListView(QWidget):
    """Search field, filters and the table of cases. Emits ``openCase(case_id)``."""

    openCase = Signal(int)
    countChanged = Signal(int, int)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("caseList")
        self._sort = "urgency"
        self._descending = False
        self._loading = False

        self.search = QLineEdit()
        self.search.setObjectName("searchField")
        self.search.setPlaceholderText("Zoek op naam, school of casusnummer  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Zoeken in casussen")
        self.search.setToolTip(
            "Zoek op naam, school of casusnummer. ↓ gaat naar de lijst; Enter opent de casus "
            "als er precies één is gevonden."
        )
        self.search.installEventFilter(self)
        self.stage = QComboBox()
        self.band = QComboBox()
        self.category = QComboBox()
        self.school = QComboBox()
        for combo in (self.stage, self.band, self.category):
            combo.setMinimumContentsLength(8)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.category.setMinimumContentsLength(13)  # "Alle categorieën"
        self.school.setMinimumContentsLength(12)
        self.school.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.stage.setMinimumContentsLength(12)
        self.stage.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.overdue = QCheckBox("Alleen verlopen")
        self.mine = QCheckBox("Mijn casussen")
        self.urgency = QToolButton()
        self.urgency.setText("Meest urgent eerst")
        self.urgency.setToolTip(
            "Terug naar de standaardvolgorde: verlopen termijnen, dan hoogste fase"
        )
        self.urgency.setCheckable(True)
        self.urgency.setChecked(True)
        self.count = QLabel()
        self.count.setObjectName("countLabel")

        self.model = CaseListModel(lambda: self._today())
        self.table = make_row_table(
            self.model, "caseTable", row_height=28, sortable=True, one_line=True
        )
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._header_clicked)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self.table.setAccessibleName("Casussen")

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 3)
        for label, combo in (
            ("Stap", self.stage),
            ("Fase", self.band),
            ("Categorie", self.category),
            ("School", self.school),
        ):
            caption = QLabel(label)
            caption.setObjectName("filterCaption")
            caption.setBuddy(combo)
            filters.addWidget(caption)
            filters.addWidget(combo, 1)
        second = QHBoxLayout()
        second.addWidget(self.overdue)
        second.addWidget(self.mine)
        second.addWidget(self.urgency)
        second.addStretch(1)
        second.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.setSpacing(8)
        layout.addLayout(filters)
        layout.addLayout(second)
        self._build_empty_state()
        self._body = QStackedLayout()
        self._body.addWidget(self.table)
        self._body.addWidget(self.empty)
        layout.addLayout(self._body, 1)

        self._searched = ""  # the last search logged in the audit trail
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        for combo in (self.stage, self.band, self.category, self.school):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.overdue.toggled.connect(self._filters_changed)
        self.mine.toggled.connect(self._filters_changed)
        self.urgency.clicked.connect(self._reset_order)

        self._pending_change = False
        self._unsubscribe = changes.bus(desk).subscribe(self._on_change)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.fill_filters()
        self.restore_settings()
        # A large case base: the window paints first, the list fills right after it.
        self.fill_pending = queries.open_case_count(desk) > FILL_AFTER_PAINT_ABOVE
        self._first_fill_timer = QTimer(self)
        self._first_fill_timer.setSingleShot(True)
        self._first_fill_timer.setInterval(0)
        self._first_fill_timer.timeout.connect(self.first_fill)
        if self.fill_pending:
            self.empty_message.setText("Casussen laden…")
            self.clear_filters_button.setVisible(False)
            self._body.setCurrentWidget(self.empty)
            self.count.setText("Casussen laden…")
            self._first_fill_timer.start()
        else:
            self.refresh(quick=True)
        # A child timer, not a bare singleShot: it dies with the list and is stopped when
        # the window closes, so it never reads a case base that has been closed meanwhile.
        #: The thread computing the lesweek numbers after a quick start (None: none ran).
        self.weeks_thread: threading.Thread | None = None
        self._weeks_timer = QTimer(self)
        self._weeks_timer.setSingleShot(True)
        self._weeks_timer.setInterval(WEEKS_DELAY_MS)
        self._weeks_timer.timeout.connect(self._fill_weeks)
        if not self.fill_pending and queries.case_index(desk).weeks_pending:
            self._weeks_timer.start()

    def _build_empty_state(self) -> None:
        """What the list shows instead of a blank table when nothing matches."""
        self.empty = QWidget()
        self.empty.setObjectName("caseListEmpty")
        self.empty_message = QLabel()
        self.empty_message.setObjectName("emptyMessage")
        self.empty_message.setWordWrap(True)
        self.empty_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_message.setTextFormat(Qt.TextFormat.PlainText)
        self.clear_filters_button = QPushButton("Filters wissen")
        self.clear_filters_button.setObjectName("clearFilters")
        self.clear_filters_button.setToolTip("Zoektekst en filters wissen en alle casussen tonen")
        self.clear_filters_button.clicked.connect(self.clear_filters)
        box = QVBoxLayout(self.empty)
        box.addStretch(1)
        box.addWidget(self.empty_message)
        box.addWidget(self.clear_filters_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)

    def active_filters(self) -> list[str]:
        """The active filters in words, for the empty-result message."""
        active = [
            f"{name}: {combo.currentText()}"
            for name, combo in (
                ("stap", self.stage),
                ("fase", self.band),
                ("categorie", self.category),
                ("school", self.school),
            )
            if combo.currentData() is not None
        ]
        if self.overdue.isChecked():
            active.append("alleen verlopen")
        if self.mine.isChecked():
            active.append("mijn casussen")
        return active

    def _show_result(self, found: int, total: int) -> None:
        """The table, or the reason it is empty and a way out."""
        if found:
            self._body.setCurrentWidget(self.table)
            return
        text = self.search.text().strip()
        filters = self.active_filters()
        if not text and not filters:
            message = "Er zijn geen open casussen." if not total else "Geen casussen gevonden."
        else:
            parts = []
            if text:
                parts.append(f"voor ‘{text}’")
            if filters:
                parts.append("met " + ", ".join(filters))
            message = "Geen casussen gevonden " + " ".join(parts) + "."
        self.empty_message.setText(message)
        self.clear_filters_button.setVisible(bool(text or filters))
        had_focus = self.table.hasFocus()
        self._body.setCurrentWidget(self.empty)
        if had_focus:
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_filters(self) -> None:
        """Empty the search field and set every filter to 'all' (one refresh)."""
        self._loading = True
        try:
            self.search.clear()
            for combo in (self.stage, self.band, self.category, self.school):
                combo.setCurrentIndex(0)
            self.overdue.setChecked(False)
            self.mine.setChecked(False)
        finally:
            self._loading = False
        self.refresh()
        self.save_settings()
        self.focus_search()

    def first_fill(self) -> None:
        """Fill a list whose first fill waited for the window's first paint."""
        self._first_fill_timer.stop()
        if not self.fill_pending:
            return
        self.fill_pending = False
        self.refresh(quick=True)
        if queries.case_index(self.desk).weeks_pending:
            self._weeks_timer.start()

    def stop_background_work(self) -> None:
        """Stop the deferred work of the list (the window is closing), and wait for a
        lesweek computation under way: it reads the case base that is about to close."""
        self._weeks_timer.stop()
        self._first_fill_timer.stop()
        self._debounce.stop()
        if self.weeks_thread is not None:
            self.weeks_thread.join(timeout=30)

    # ------------------------------------------------------------------ data

    def _today(self) -> dt.date:
        from verzuimdesk.core.services.common import today

        return today(self.desk)

    def fill_filters(self) -> None:
        """Fill the filter combo boxes from the region and the case base."""
        choices = queries.filter_choices(self.desk)
        self._loading = True
        try:
            for combo, items, everything in (
                (self.stage, choices.stages, "Alle stappen"),
                (self.band, choices.bands, "Alle fasen"),
                (
                    self.category,
                    [(c.value, c.value) for c in InspectieCategory],
                    "Alle categorieën",
                ),
                (self.school, choices.schools, "Alle scholen"),
            ):
                current = combo.currentData()
                combo.clear()
                combo.addItem(everything, None)
                for value, label in items:
                    combo.addItem(label, value)
                index = combo.findData(current)
                combo.setCurrentIndex(max(index, 0))
        finally:
            self._loading = False

    def query(self) -> queries.CaseQuery:
        """The :class:`~queries.CaseQuery` the widgets describe."""
        return queries.CaseQuery(
            text=self.search.text(),
            stage_id=self.stage.currentData(),
            band_id=self.band.currentData(),
            category=self.category.currentData(),
            school_id=self.school.currentData(),
            overdue_only=self.overdue.isChecked(),
            mine_only=self.mine.isChecked(),
            sort=self._sort,
            descending=self._descending,
        )

    def _fill_weeks(self) -> None:
        """Compute the lesweek numbers in the background; the list stays usable meanwhile."""
        index = queries.case_index(self.desk)
        job = index.weeks_job()
        if job is None:
            return

        def done(result: queries.WeeksResult) -> None:
            index.apply_weeks(result)
            self.refresh()

        self.weeks_thread = run_in_background(self, job, done)

    def refresh(self, *, quick: bool = False) -> None:
        """Ask the service for the rows and reset the model, keeping the selection.

        ``quick`` (first paint) may leave the week column empty for a moment.
        """
        self._debounce.stop()
        selected = self.current_case_id()
        rows = queries.case_list(self.desk, self.query(), quick=quick)
        self.model.set_rows(rows)
        self._searched = log_search(self.desk, self.search.text(), len(rows), self._searched)
        total = len(queries.case_index(self.desk).rows)
        self.count.setText(
            f"{len(rows)} van {total} open casussen"
            if len(rows) != total
            else f"{total} open casussen"
        )
        self.countChanged.emit(len(rows), total)
        self._show_result(len(rows), total)
        if selected is not None:
            self.select_case(selected)

    def _on_change(self, change: changes.Change) -> None:
        if change.kind == "school":
            QTimer.singleShot(0, self.fill_filters)
        if not self._pending_change:
            self._pending_change = True
            QTimer.singleShot(0, self._apply_change)

    def _apply_change(self) -> None:
        self._pending_change = False
        self.refresh()

    def _filters_changed(self) -> None:
        if not self._loading:
            self.refresh()
            self.save_settings()

    # ------------------------------------------------------------------ order

    def _header_clicked(self, section: int) -> None:
        key = self.model.columns[section].key or "urgency"
        if self._sort == key:
            self._descending = not self._descending
        else:
            self._sort, self._descending = key, False
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicator(
            section,
            Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder,
        )
        self.urgency.setChecked(False)
        self.refresh()

    def _reset_order(self) -> None:
        self._sort, self._descending = "urgency", False
        self.urgency.setChecked(True)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.refresh()

    # ------------------------------------------------------------------ selection

    def current_case_id(self) -> int | None:
        """The selected case id, if any."""
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row.case_id if row else None

    def select_case(self, case_id: int) -> bool:
        """Select the row of ``case_id`` when it is in the list."""
        for i, row in enumerate(self.model.rows):
            if row.case_id == case_id:
                self.table.selectRow(i)
                return True
        return False

    def _activated(self, index: Any) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.openCase.emit(row.case_id)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """From the search field: ↓/PgDn to the list, Enter opens a single hit."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self.focus_table()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive():
                    self.refresh()  # the list of what was typed, not of a moment ago
                if len(self.model.rows) == 1:
                    self.openCase.emit(self.model.rows[0].case_id)
                else:
                    self.focus_table()
                return True
        return super().eventFilter(watched, event)

    def focus_table(self) -> None:
        """Put the keyboard in the list, on the selected row (else the first)."""
        if not self.model.rows:
            return
        if not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the search field."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ------------------------------------------------------------------ settings

    def _filters_group(self) -> str:
        """The settings group of this case base's filters.

        Filters name a case base's own schools and steps (a school filter is a school
        id): shared between case bases they silently filtered another region's list on
        a different school.
        """
        url = getattr(getattr(self.desk, "case_base", None), "url", "") or ""
        digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]
        return f"{SETTINGS_GROUP}/{digest}"

    def save_settings(self) -> None:
        """Remember filters, the columns' order and the widths the user gave them (per case
        base), and the order of the rows."""
        store = settings()
        store.beginGroup(self._filters_group())
        store.setValue("header", self.table.horizontalHeader().saveState())
        store.setValue("sized", sorted(self._fitter().user_sized))
        store.setValue("stage", self.stage.currentData() or "")
        store.setValue("band", self.band.currentData() or "")
        store.setValue("category", self.category.currentData() or "")
        store.setValue("school", self.school.currentData() or 0)
        store.setValue("overdue", self.overdue.isChecked())
        store.setValue("mine", self.mine.isChecked())
        store.endGroup()
        store.beginGroup(SETTINGS_GROUP)
        store.setValue("sort", self._sort)
        store.setValue("descending", self._descending)
        store.endGroup()

    def _fitter(self) -> ColumnFitter:
        assert self.table.fitter is not None
        return self.table.fitter

    def _restore_columns(self, state: Any, sized: Any) -> None:
        """The columns' order and the user's widths; the other columns are fitted anew."""
        fitter = self._fitter()
        header = self.table.horizontalHeader()
        if isinstance(state, QByteArray | bytes) and state:
            fitter.restoring = True
            try:
                header.restoreState(state)
            finally:
                fitter.restoring = False
            header.setStretchLastSection(False)  # the fitter shares out the room
        titles = {c.title for c in self.model.columns}
        if isinstance(sized, str):
            sized = [sized]
        fitter.user_sized = {str(t) for t in (sized or []) if str(t) in titles}
        fitter.fit()

    def restore_settings(self) -> None:
        """Restore filters, order and column widths saved by :meth:`save_settings`."""
        store = settings()
        store.beginGroup(SETTINGS_GROUP)
        sort = str(store.value("sort", "urgency") or "urgency")
        descending = store.value("descending", False) in (True, "true")
        store.endGroup()
        store.beginGroup(self._filters_group())
        self._loading = True
        try:
            for combo, key in (
                (self.stage, "stage"),
                (self.band, "band"),
                (self.category, "category"),
            ):
                value = store.value(key, "")
                index = combo.findData(value) if value else 0
                combo.setCurrentIndex(max(index, 0))
            school = int(str(store.value("school", 0) or 0))
            self.school.setCurrentIndex(max(self.school.findData(school), 0) if school else 0)
            self.overdue.setChecked(store.value("overdue", False) in (True, "true"))
            self.mine.setChecked(store.value("mine", False) in (True, "true"))
            header = self.table.horizontalHeader()
            self._restore_columns(store.value("header"), store.value("sized"))
            keys = [c.key for c in self.model.columns]
            if sort != "urgency" and sort in keys:
                self._sort, self._descending = sort, descending
                header.setSortIndicatorShown(True)
                header.setSortIndicator(
                    keys.index(sort),
                    Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder,
                )
                self.urgency.setChecked(False)
            else:
                header.setSortIndicatorShown(False)
        finally:
            self._loading = False
            store.endGroup()
