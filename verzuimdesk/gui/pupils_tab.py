"""The *Leerlingen* tab: every pupil, searchable, and the page of the chosen pupil.

Search on name, pupil number, school or the BSN's last digits. The list shows every
matching pupil: its model (:class:`PagedPupilModel`) reads the first page and the next
ones while the user scrolls (Qt's ``fetchMore``), so 160,000 pupils cost no more to show
than 500 and no widget is made per row. The page shows the pupil's details, enrolments,
absences and cases, and starts a case (or opens the open one), enters absence or edits
the pupil. A pupil added without a case is found here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import changes
from verzuimdesk.core.services.pupil_register import (
    PupilListRow,
    PupilPage,
    pupil_page,
    search_register,
)
from verzuimdesk.gui import errors
from verzuimdesk.gui.table_model import Column, RowTableModel, make_row_table

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.gui.main_window import MainWindow

SEARCH_DELAY_MS = 200
#: Pupils read per page of the list.
PAGE_SIZE = 500
#: The largest page read while looking for one pupil further down the list.
HUNT_PAGE = 20_000


class PagedPupilModel(RowTableModel):
    """The pupils matching a search, read a page at a time as the view asks for more."""

    def __init__(self, desk: Desk, columns: list[Column], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self.desk = desk
        self.text = ""
        #: How many pupils match the search (all of them can be scrolled to).
        self.total = 0

    def search(self, text: str) -> None:
        """Show the first page of the pupils matching ``text``."""
        self.text = text
        rows, self.total = search_register(self.desk, text, limit=PAGE_SIZE)
        self.set_rows(rows)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        """Whether more matching pupils than the rows read so far exist."""
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        """Read the next page and append it."""
        if self.canFetchMore(parent):
            self._fetch(PAGE_SIZE)

    def _fetch(self, limit: int) -> None:
        rows, self.total = search_register(self.desk, self.text, limit=limit, offset=len(self.rows))
        if not rows:
            self.total = len(self.rows)
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def position_of(self, pupil_id: int) -> int | None:
        """The row of ``pupil_id``, reading further pages until it is found (None: absent).

        The pages grow while looking (up to :data:`HUNT_PAGE` pupils), so even the last
        of 160,000 pupils is found in a dozen queries.
        """
        checked = 0
        while True:
            for i in range(checked, len(self.rows)):
                row: PupilListRow = self.rows[i]
                if row.pupil_id == pupil_id:
                    return i
            checked = len(self.rows)
            if not self.canFetchMore():
                return None
            self._fetch(min(max(PAGE_SIZE, checked), HUNT_PAGE))


def _hours(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


class PupilsView(QWidget):
    """The list of pupils with a search field, and the chosen pupil's page."""

    def __init__(self, desk: Desk, window: MainWindow | None = None) -> None:
        super().__init__()
        self.desk = desk
        self.main_window = window
        self.setObjectName("pupilsView")
        self.page: PupilPage | None = None
        self.search = QLineEdit()
        self.search.setObjectName("pupilSearch")
        self.search.setPlaceholderText(
            "Zoek op naam, leerlingnummer, school of laatste cijfers van het BSN"
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Leerlingen zoeken")
        self.count = QLabel()
        self.model = PagedPupilModel(
            desk,
            [
                Column("Naam", lambda r: r.name, width=180),
                Column(
                    "Geboortedatum", lambda r: f"{r.birth_date:%d-%m-%Y}", wrap=False, width=100
                ),
                Column("School", lambda r: r.school, width=180),
                Column("Leerlingnummer", lambda r: r.numbers, wrap=False, width=100),
                Column("BSN", lambda r: r.bsn_end, wrap=False, width=90),
                Column("Open casus", lambda r: r.open_case, wrap=False, width=110),
            ],
        )
        self.table = make_row_table(self.model, "pupilTable", row_height=28)
        self.table.setAccessibleName("Leerlingen")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.count)
        left_layout.addWidget(self.table, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 8, 8, 8)
        self.title = QLabel("Kies een leerling.")
        self.title.setObjectName("pupilTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        right_layout.addWidget(self.title)
        buttons = QHBoxLayout()
        self.start_case = QPushButton("Casus &starten")
        self.open_case = QPushButton("Casus &openen")
        self.absence = QPushButton("&Verzuim invoeren")
        self.edit = QPushButton("&Bewerken…")
        for button in (self.start_case, self.open_case, self.absence, self.edit):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        self.details = QTabWidget()
        self.details.setObjectName("pupilPage")
        self.data_form = QFormLayout()
        data = QWidget()
        data.setLayout(self.data_form)
        self.enrolments = self._grid(["School", "Van", "Tot en met"])
        self.absence_totals = QLabel()
        self.absences = self._grid(["Datum", "Soort", "Uren"])
        absence_page = QWidget()
        absence_layout = QVBoxLayout(absence_page)
        absence_layout.addWidget(self.absence_totals)
        absence_layout.addWidget(self.absences)
        self.cases = self._grid(["Casus", "Geopend", "Gesloten", "Stap"])
        self.cases.doubleClicked.connect(self._open_selected_case)
        self.details.addTab(data, "Gegevens")
        self.details.addTab(self.enrolments, "Inschrijvingen")
        self.details.addTab(absence_page, "Verzuim")
        self.details.addTab(self.cases, "Casussen")
        right_layout.addWidget(self.details, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([700, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        # Bound methods, not lambdas holding ``self``: no reference cycles through Qt objects.
        self.search.textChanged.connect(self._search_changed)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.table.activated.connect(self._show_current)
        self.start_case.clicked.connect(self.start_new_case)
        self.open_case.clicked.connect(self._open_open_case)
        self.absence.clicked.connect(self._enter_absence)
        self.edit.clicked.connect(self.edit_pupil)
        unsubscribe = changes.bus(desk).subscribe(self._on_change)
        self.destroyed.connect(lambda *_: unsubscribe())
        #: The list is read when the tab is first shown and after a change while shown,
        #: so the desk's start and the other tabs never wait for it.
        self._stale = True

    @staticmethod
    def _grid(headers: list[str]) -> QTableWidget:
        grid = QTableWidget(0, len(headers))
        grid.setHorizontalHeaderLabels(headers)
        grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        grid.verticalHeader().hide()
        grid.horizontalHeader().setStretchLastSection(True)
        return grid

    def _on_change(self, change: changes.Change) -> None:
        if change.kind in ("pupil", "absence", "case", "school", "all") or change.pupil_ids:
            self._stale = True
            if self.isVisible():
                self.reload()

    def showEvent(self, event: Any) -> None:
        """Read the list when the tab is shown and something changed since."""
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Search again and keep the chosen pupil selected when still listed."""
        self._stale = False
        chosen = self.page.pupil_id if self.page else None
        self.model.search(self.search.text())
        total = self.model.total
        noun = "leerling" if total == 1 else "leerlingen"
        self.count.setText(f"{total:,} {noun}".replace(",", "."))
        for i, row in enumerate(self.model.rows):
            if row.pupil_id == chosen:
                self.table.selectRow(i)
                self.show_pupil(row.pupil_id)
                return

    def select_pupil(self, pupil_id: int) -> bool:
        """Select ``pupil_id`` in the list (clearing the search when needed)."""
        for attempt in range(2):
            position = self.model.position_of(pupil_id)
            if position is not None:
                self.table.selectRow(position)
                self.show_pupil(pupil_id)
                return True
            if attempt == 0:
                self.search.clear()
                self.reload()
        return False

    def _search_changed(self, _text: str) -> None:
        self._timer.start()

    def _show_current(self, *_args: Any) -> None:
        row = self.model.row_at(self.table.currentIndex().row())
        if row is not None:
            self.show_pupil(row.pupil_id)

    def show_pupil(self, pupil_id: int) -> None:
        """Fill the page with the pupil's data, enrolments, absences and cases."""
        try:
            page = pupil_page(self.desk, pupil_id)
        except Exception as exc:  # the pupil was removed meanwhile
            errors.report(self, exc)
            return
        self.page = page
        self.title.setText(page.name)
        while self.data_form.rowCount():
            self.data_form.removeRow(0)
        for label, value in page.details:
            text = QLabel(value)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setWordWrap(True)
            self.data_form.addRow(f"{label}:", text)
        self._fill(
            self.enrolments,
            [
                (e.school, f"{e.start:%d-%m-%Y}", f"{e.end:%d-%m-%Y}" if e.end else "—")
                for e in page.legal.enrolments
            ],
        )
        totals = ", ".join(f"{kind}: {_hours(hours)} uur" for kind, hours in page.absence_totals)
        shown = len(page.absences)
        more = f" (de laatste {shown} getoond)" if page.absence_count > shown else ""
        self.absence_totals.setText(
            f"{page.absence_count} registraties{more}. {totals}"
            if page.absence_count
            else "Geen verzuim."
        )
        self._fill(
            self.absences, [(f"{a.date:%d-%m-%Y}", a.kind, _hours(a.hours)) for a in page.absences]
        )
        self._fill(
            self.cases,
            [
                (
                    c.number,
                    f"{c.opened_on:%d-%m-%Y}",
                    f"{c.closed_on:%d-%m-%Y}" if c.closed_on else "open",
                    c.stage,
                )
                for c in page.cases
            ],
        )
        has_open = page.open_case_id is not None
        self.start_case.setEnabled(not has_open)
        self.open_case.setEnabled(has_open)
        self.absence.setEnabled(True)
        self.edit.setEnabled(True)

    @staticmethod
    def _fill(grid: QTableWidget, rows: list[tuple[str, ...]]) -> None:
        grid.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                grid.setItem(r, c, QTableWidgetItem(value))
        grid.resizeColumnsToContents()

    def start_new_case(self) -> int | None:
        """Open a case for the chosen pupil and show its file."""
        from verzuimdesk.core.services import cases

        if self.page is None:
            return None
        try:
            case_id = cases.open_case(self.desk, self.page.pupil_id)
        except Exception as exc:
            errors.report(self, exc)
            return None
        if self.main_window is not None:
            self.main_window.open_case(case_id)
        return case_id

    def _open_open_case(self) -> None:
        if self.page is not None and self.page.open_case_id and self.main_window is not None:
            self.main_window.open_case(self.page.open_case_id)

    def _open_selected_case(self, *_args: Any) -> None:
        if self.page is None or self.main_window is None:
            return
        row = self.cases.currentRow()
        if 0 <= row < len(self.page.cases):
            self.main_window.open_case(self.page.cases[row].case_id)

    def _enter_absence(self) -> None:
        if self.page is not None and self.main_window is not None:
            self.main_window.open_absences(self.page.pupil_id)

    def confirm_close(self) -> bool:
        """The Leerlingen tab is not closed (Ctrl+W on it does nothing)."""
        return False

    def edit_pupil(self) -> bool:
        """Edit the chosen pupil (also Ctrl+Shift+E on this tab)."""
        from PySide6.QtWidgets import QDialog

        from verzuimdesk.gui.pupil_dialog import PupilDialog

        if self.page is None:
            return False
        dialog = PupilDialog(self.desk, self, pupil_id=self.page.pupil_id)
        return dialog.exec() == QDialog.DialogCode.Accepted


def install_pupils_tab(window: MainWindow) -> Any:
    """Add the *Leerlingen* tab after *Termijnen* (not closable) with Ctrl+3, and its
    entry in the *Beeld* menu after *Termijnen*."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QMenu

    view = PupilsView(window.desk, window)
    index = window.tabs.insertTab(2, view, "Leerlingen")
    window.tabs.tabBar().setTabButton(index, window.tabs.tabBar().ButtonPosition.RightSide, None)
    action = QAction("Leerlingen", window)
    action.setShortcut(QKeySequence("Ctrl+3"))
    action.setStatusTip("Naar de leerlingen")
    action.triggered.connect(lambda: window.tabs.setCurrentWidget(view))
    window.addAction(action)
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if isinstance(menu, QMenu) and window.deadlines_action in menu.actions():
            entries = menu.actions()
            after = entries.index(window.deadlines_action) + 1
            if after < len(entries):
                menu.insertAction(entries[after], action)
            else:
                menu.addAction(action)
    window.pupils_view = view  # type: ignore[attr-defined]
    window.pupils_action = action  # type: ignore[attr-defined]
    return view
