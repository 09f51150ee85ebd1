"""The Schoolkalender tab of the schools window: building it, choosing in it, and the
calendar changes made from it (each one undoable).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import (
    QUndoCommand,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import changes, schools
from verzuimdesk.core.services.errors import ServiceError, ValidationError
from verzuimdesk.gui import errors
from verzuimdesk.gui.formatting import to_qdate
from verzuimdesk.gui.qt_layouts import styled_frame
from verzuimdesk.gui.school_calendar.host import SchoolsHost
from verzuimdesk.gui.school_calendar.periods import PeriodDialog, PeriodModel, VacationDialog
from verzuimdesk.gui.school_calendar.year_grid import Legend, YearGrid

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack


class CalendarCommand(QUndoCommand):
    """A calendar change that already ran; undo and redo put a whole snapshot back."""

    def __init__(
        self,
        window: CalendarTab,
        change: schools.CalendarChange,
        text: str,
    ) -> None:
        super().__init__(text)
        self.window = window
        self.before, self.after = change.before, change.after
        self._first = True

    def redo(self) -> None:
        """Put the changed calendar back (skipped at push: the change already ran)."""
        if self._first:
            self._first = False
            return
        self._restore(self.after, f"Opnieuw: {self.text()}")

    def undo(self) -> None:
        """Put the calendar back as it was before the change."""
        self._restore(self.before, f"Ongedaan: {self.text()}")

    def _restore(self, snapshot: schools.CalendarSnapshot, message: str) -> None:
        result = self.window.run_change(
            lambda progress: schools.restore_calendar(self.window.desk, snapshot, progress=progress)
        )
        if result is None:
            return
        self.window.after_calendar_change(snapshot.school_id, result, message)


# --------------------------------------------------------------------------- year overview


def stat_card(caption: str) -> tuple[QFrame, QLabel]:
    card, layout = styled_frame("statCard", (14, 6, 14, 6), spacing=0)
    value = QLabel("–")
    value.setObjectName("statValue")
    label = QLabel(caption)
    label.setObjectName("statCaption")
    layout.addWidget(value)
    layout.addWidget(label)
    return card, value


class CalendarTab(SchoolsHost):
    """The calendar tab's part of the schools window, which builds on this class.

    It shares the window's state (the desk, the chosen school, the calendar shown) and
    asks the window, through :meth:`refresh_list` and :meth:`select_school`, to show a
    school in the school list.
    """

    undo_stack: QUndoStack
    school_id: int | None
    view: schools.SchoolCalendarView | None
    today: dt.date
    creating: bool
    _loading: bool
    _seen_version: int

    def refresh_list(self) -> None:  # pragma: no cover - the window defines it
        """Reload the school list."""
        raise NotImplementedError

    def select_school(self, school_id: int) -> None:  # pragma: no cover - the window defines it
        """Choose a school in the school list."""
        raise NotImplementedError

    def _build_calendar_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(20, 14, 20, 10)
        layout.setSpacing(10)

        top = QHBoxLayout()
        top.setSpacing(8)
        caption = QLabel("Schoo&ljaar")
        self.prev_year = QToolButton()
        self.prev_year.setObjectName("yearStep")
        self.prev_year.setText("‹")
        self.prev_year.setToolTip("Vorig schooljaar (Ctrl+PgUp)")
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("yearCombo")
        caption.setBuddy(self.year_combo)
        for year in schools.school_years(self.desk, before=4, after=3):
            self.year_combo.addItem(f"{year}-{year + 1}", year)
        self.year_combo.setCurrentIndex(
            max(self.year_combo.findData(schools.current_school_year(self.desk)), 0)
        )
        self.next_year = QToolButton()
        self.next_year.setObjectName("yearStep")
        self.next_year.setText("›")
        self.next_year.setToolTip("Volgend schooljaar (Ctrl+PgDown)")
        top.addWidget(caption)
        top.addWidget(self.prev_year)
        top.addWidget(self.year_combo)
        top.addWidget(self.next_year)
        top.addSpacing(14)
        card, self.schooldagen_label = stat_card("schooldagen")
        top.addWidget(card)
        card, self.lesweken_label = stat_card("lesweken")
        top.addWidget(card)
        card, self.free_label = stat_card("vrije schooldagen (ma–vr)")
        top.addWidget(card)
        top.addStretch(1)
        self.goede_vrijdag = QCheckBox("&Goede Vrijdag vrij")
        self.bevrijdingsdag = QCheckBox("&Bevrijdingsdag vrij")
        holidays = QVBoxLayout()
        holidays.setSpacing(2)
        holidays.addWidget(self.goede_vrijdag)
        holidays.addWidget(self.bevrijdingsdag)
        top.addLayout(holidays)
        layout.addLayout(top)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.add_button = QPushButton("&Studiedag toevoegen…")
        self.add_button.setObjectName("primaryButton")
        self.add_button.setToolTip("Een extra vrije dag of periode van de school (Ctrl+T)")
        self.vacation_button = QPushButton("&Vakantie aanpassen…")
        self.vacation_button.setToolTip("Eigen data voor een vakantie, bijv. de herfstvakantie")
        self.import_button = QPushButton("Kalenderbestand &inlezen…")
        self.import_button.setToolTip(
            "Een CSV met start,eind,naam vervangt de vakanties en feestdagen (Ctrl+I)"
        )
        self.revert_button = QPushButton("Ingebouwde kalender &herstellen")
        self.revert_button.setToolTip(
            "Terug naar de vakanties en feestdagen van de regio (studiedagen blijven)"
        )
        for button in (self.add_button, self.vacation_button, self.import_button):
            actions.addWidget(button)
        actions.addWidget(self.revert_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.warning = QLabel()
        self.warning.setObjectName("calendarWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        layout.addWidget(self.warning)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        grid_card, grid_layout = styled_frame("calendarCard", (8, 8, 8, 8), spacing=4)
        self.grid = YearGrid()
        grid_layout.addWidget(self.grid, 1)
        self.legend = Legend()
        grid_layout.addWidget(self.legend)
        split.addWidget(grid_card)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(6)
        periods_title = QLabel("&Vrije periodes in dit schooljaar")
        periods_title.setObjectName("sectionTitle")
        side_layout.addWidget(periods_title)
        self.model = PeriodModel(self)
        self.table = QTableView()
        self.table.setObjectName("periodTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for i, column in enumerate(self.model.columns):
            self.table.setColumnWidth(i, column.width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Date and days as wide as their text: fixed widths left the names ('Zom…') unreadable.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        periods_title.setBuddy(self.table)
        side_layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.period_hint = QLabel()
        self.period_hint.setObjectName("hintLabel")
        self.period_hint.setWordWrap(True)
        row.addWidget(self.period_hint, 1)
        self.edit_button = QPushButton("&Wijzigen…")
        self.delete_button = QPushButton("Verwij&deren")
        self.delete_button.setToolTip("De gekozen eigen vrije periode verwijderen (Delete)")
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        side_layout.addLayout(row)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([650, 510])
        layout.addWidget(split, 1)

        self.status = QLabel()
        self.status.setObjectName("schoolStatus")
        layout.addWidget(self.status)

        self.year_combo.currentIndexChanged.connect(lambda *_: self.refresh_calendar())
        self.prev_year.clicked.connect(lambda: self.step_year(-1))
        self.next_year.clicked.connect(lambda: self.step_year(1))
        self.add_button.clicked.connect(lambda: self.add_studiedag())
        self.vacation_button.clicked.connect(lambda: self.override_vacation())
        self.import_button.clicked.connect(lambda: self.import_file())
        self.revert_button.clicked.connect(self.revert)
        self.goede_vrijdag.clicked.connect(
            lambda checked: self.set_holiday(goede_vrijdag=bool(checked))
        )
        self.bevrijdingsdag.clicked.connect(
            lambda checked: self.set_holiday(bevrijdingsdag=bool(checked))
        )
        self.edit_button.clicked.connect(self.edit_period)
        self.delete_button.clicked.connect(self.delete_period)
        self.table.doubleClicked.connect(lambda *_: self.edit_period())
        self.table.selectionModel().selectionChanged.connect(self._entry_chosen)
        self.grid.dayChosen.connect(self._day_chosen)
        self.grid.activated.connect(lambda day: self.add_studiedag(day))
        return page

    # ------------------------------------------------------------------ loading

    def current_year(self) -> int:
        """The chosen school year (as the calendar year it starts in)."""
        year = self.year_combo.currentData()
        return int(year) if year is not None else schools.current_school_year(self.desk)

    def step_year(self, step: int) -> None:
        """Show the previous (-1) or next (+1) school year."""
        index = self.year_combo.currentIndex() + step
        if 0 <= index < self.year_combo.count():
            self.year_combo.setCurrentIndex(index)

    def _fit_period_table(self) -> None:
        """The periods table at least as wide as its columns' text: the month grid beside it
        gives way, not the names (a narrow window squeezed 'Zomervakantie' to 'Zo…')."""
        header = self.table.horizontalHeader()
        columns = range(self.model.columnCount())
        need = sum(max(self.table.sizeHintForColumn(i), header.sectionSizeHint(i)) for i in columns)
        frame = 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()
        self.table.setMinimumWidth(need + frame + 4)

    def refresh_calendar(self) -> None:
        """Reload the calendar of the chosen school and year."""
        self._seen_version = changes.bus(self.desk).version
        if self.school_id is None or self.creating:
            self.view = None
        else:
            try:
                self.view = schools.school_calendar(self.desk, self.school_id, self.current_year())
            except ServiceError as exc:
                self.view = None
                self.status.setText(exc.message)
        view = self.view
        selected_id = self._selected_entry_id()
        self.grid.set_view(view, self.today)
        self.model.set_rows(list(view.entries) if view else [])
        self._fit_period_table()
        self.schooldagen_label.setText(str(view.schooldagen) if view else "–")
        self.lesweken_label.setText(str(view.lesweken) if view else "–")
        self.free_label.setText(
            str(sum(1 for d in view.day_names if d.weekday() < 5)) if view else "–"
        )
        self._loading = True
        try:
            self.goede_vrijdag.setChecked(bool(view and view.goede_vrijdag))
            self.bevrijdingsdag.setChecked(bool(view and view.bevrijdingsdag))
        finally:
            self._loading = False
        enabled = view is not None
        explicit = bool(view and view.explicit)
        for widget in (self.add_button, self.import_button, self.table, self.grid):
            widget.setEnabled(enabled)
        for button in (self.goede_vrijdag, self.bevrijdingsdag, self.vacation_button):
            button.setEnabled(enabled and not explicit)
        explained = "Niet bij een ingelezen kalenderbestand." if explicit else ""
        for box in (self.goede_vrijdag, self.bevrijdingsdag):
            box.setToolTip(explained or "Vrij op deze feestdag (per school, rules.md §1)")
        has_own = bool(view and any(e.kind == schools.KIND_OVERRIDE for e in view.entries))
        self.revert_button.setEnabled(enabled and (explicit or has_own))
        self.warning.setText(view.warning if view else "")
        self.warning.setVisible(bool(view and view.warning))
        self.prev_year.setEnabled(self.year_combo.currentIndex() > 0)
        self.next_year.setEnabled(self.year_combo.currentIndex() < self.year_combo.count() - 1)
        if selected_id is not None:
            self.select_entry(selected_id)
        self._entry_chosen()

    # ------------------------------------------------------------------ selection

    def _selected_entry(self) -> schools.CalendarEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selected_entry_id(self) -> int | None:
        entry = self._selected_entry()
        return entry.period_id if entry is not None else None

    def select_entry(self, period_id: int) -> None:
        """Choose the list row of one of the school's own periods."""
        for i, entry in enumerate(self.model.rows):
            if entry.period_id == period_id:
                self.table.selectRow(i)
                self.table.scrollTo(self.model.index(i, 0))
                return

    def _entry_chosen(self, *_args: Any) -> None:
        entry = self._selected_entry()
        self.grid.set_highlight((entry.start, entry.end) if entry else None)
        editable = bool(entry and entry.editable)
        self.edit_button.setEnabled(editable)
        self.delete_button.setEnabled(editable)
        if entry is None:
            self.period_hint.setText("")
            return
        hint = f"{entry.kind_label}."
        if entry.note:
            hint += f" {entry.note}"
        if entry.kind == schools.KIND_VACATION:
            hint += " Andere data? Kies ‘Vakantie aanpassen…’."
        self.period_hint.setText(hint)

    def _day_chosen(self, day: dt.date) -> None:
        for i, entry in enumerate(self.model.rows):
            if entry.start <= day <= entry.end:
                if self.table.currentIndex().row() != i:
                    self.table.selectRow(i)
                return
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self._entry_chosen()

    # ------------------------------------------------------------------ calendar actions

    def after_calendar_change(
        self, school_id: int, change: schools.CalendarChange, message: str
    ) -> None:
        """Show the outcome of a calendar change (also after undo/redo)."""
        if school_id != self.school_id:
            self.select_school(school_id)
        self.refresh_list()
        self.refresh_calendar()
        if change.period_id is not None:
            self.select_entry(change.period_id)
        n = change.recomputed
        suffix = (
            f" — signalen van {n} leerling{'en' if n != 1 else ''} opnieuw berekend." if n else "."
        )
        self.status.setText(message + suffix)

    def run_change(
        self,
        call: Callable[[schools.Progress], schools.CalendarChange],
        *,
        refresh_on_error: bool = False,
    ) -> schools.CalendarChange | None:
        """Run a calendar change (with progress); None when the service refused it.

        The refusal is shown to the user; *refresh_on_error* reloads the calendar too, for
        a change that failed because what the tab shows is out of date.
        """
        try:
            return self.run_with_progress(call)
        except ServiceError as exc:
            errors.report(self, exc)
            if refresh_on_error:
                self.refresh_calendar()
            return None

    def _push(self, change: schools.CalendarChange, text: str, message: str) -> None:
        if change.before != change.after:
            self.undo_stack.push(CalendarCommand(self, change, text))
        self.after_calendar_change(change.before.school_id, change, message)

    def add_studiedag(self, day: dt.date | None = None) -> schools.CalendarChange | None:
        """Add a studiedag (on ``day``, the chosen day or the first schooldag after today)."""
        if self.view is None or self.school_id is None:
            return None
        start = day or self.grid.selected or self.today
        if not self.view.start <= start <= self.view.end:
            start = self.view.start
        dialog = PeriodDialog(self, self.school_id, start=start)
        if dialog.exec() and dialog.change is not None:
            self._push(dialog.change, "Studiedag toevoegen", "Studiedag toegevoegd")
            return dialog.change
        return None

    def override_vacation(self, name: str | None = None) -> schools.CalendarChange | None:
        """Give a vacation the school's own dates."""
        if self.view is None:
            return None
        entry = self._selected_entry()
        if name is None and entry is not None and entry.name in schools.VACATION_NAMES:
            name = entry.name
        dialog = VacationDialog(self, self.view, name=name)
        if dialog.exec() and dialog.change is not None:
            vacation = dialog.vacation.currentData()
            self._push(dialog.change, f"{vacation} aanpassen", f"{vacation} heeft eigen data")
            return dialog.change
        return None

    def edit_period(self) -> schools.CalendarChange | None:
        """Change the chosen own free period."""
        entry = self._selected_entry()
        if entry is None or self.view is None:
            return None
        if not entry.editable:
            if entry.kind == schools.KIND_VACATION:
                return self.override_vacation(entry.name)
            return None
        dialog: PeriodDialog | VacationDialog
        if entry.kind == schools.KIND_OVERRIDE:
            dialog = VacationDialog(self, self.view, name=entry.name, period_id=entry.period_id)
            first, last = entry.whole
            dialog.start.setDate(to_qdate(first))
            dialog.end.setDate(to_qdate(last))
        else:
            dialog = PeriodDialog(
                self,
                self.view.school_id,
                start=entry.start,
                end=entry.end,
                name=entry.name,
                period_id=entry.period_id,
            )
        if dialog.exec() and dialog.change is not None:
            self._push(dialog.change, f"{entry.name} wijzigen", f"{entry.name} gewijzigd")
            return dialog.change
        return None

    def delete_period(self) -> schools.CalendarChange | None:
        """Delete the chosen own free period (Ctrl+Z brings it back)."""
        entry = self._selected_entry()
        if entry is None or not entry.editable or entry.period_id is None:
            return None
        period_id = entry.period_id
        change = self.run_change(
            lambda progress: schools.delete_free_period(self.desk, period_id, progress=progress),
            refresh_on_error=True,
        )
        if change is None:
            return None
        self._push(
            change,
            f"{entry.name} verwijderen",
            f"‘{entry.name}’ verwijderd (Ctrl+Z zet het terug)",
        )
        return change

    def set_holiday(
        self, *, goede_vrijdag: bool | None = None, bevrijdingsdag: bool | None = None
    ) -> schools.CalendarChange | None:
        """Make Goede Vrijdag or Bevrijdingsdag free (or not) at the chosen school."""
        if self._loading or self.school_id is None:
            return None
        school_id = self.school_id
        change = self.run_change(
            lambda progress: schools.set_holidays_free(
                self.desk,
                school_id,
                goede_vrijdag=goede_vrijdag,
                bevrijdingsdag=bevrijdingsdag,
                progress=progress,
            ),
            refresh_on_error=True,
        )
        if change is None:
            return None
        day, free = (
            ("Goede Vrijdag", goede_vrijdag)
            if goede_vrijdag is not None
            else ("Bevrijdingsdag", bevrijdingsdag)
        )
        text = f"{day} {'vrij' if free else 'schooldag'}"
        self._push(change, text, f"{day} is {'een vrije dag' if free else 'een schooldag'}")
        return change

    def import_file(self, path: str | None = None) -> schools.CalendarChange | None:
        """Read a calendar file (``start,eind,naam``) that replaces vacations and holidays."""
        if self.school_id is None or self.view is None:
            return None
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self,
                "Kalenderbestand inlezen",
                "",
                "Kalenderbestanden (*.csv *.txt);;Alle bestanden (*)",
            )
            if not path:
                return None
        school_id = self.school_id
        try:
            text = schools.read_calendar_file(path)
            change = self.run_with_progress(
                lambda progress: schools.import_calendar_csv(
                    self.desk, school_id, text, progress=progress
                )
            )
        except ValidationError as exc:
            message = exc.errors.get("file", exc.message)
            errors.show_error(
                self, f"Het kalenderbestand is niet ingelezen; er is niets gewijzigd.\n\n{message}"
            )
            self.status.setText("Kalenderbestand niet ingelezen.")
            return None
        except ServiceError as exc:
            errors.report(self, exc)
            return None
        self._push(
            change,
            "Kalenderbestand inlezen",
            f"Kalenderbestand ingelezen ({sum(1 for p in change.after.periods if p.kind == 'file')}"
            " periodes)",
        )
        return change

    def revert(self) -> schools.CalendarChange | None:
        """Back to the built-in calendar of the region (studiedagen stay)."""
        if self.school_id is None:
            return None
        school_id = self.school_id
        change = self.run_change(
            lambda progress: schools.revert_to_builtin(self.desk, school_id, progress=progress)
        )
        if change is None:
            return None
        self._push(
            change,
            "Ingebouwde kalender herstellen",
            "De ingebouwde kalender van de regio geldt weer",
        )
        return change
