"""The Scholen en schoolkalenders window: school list, header, tabs, loading and changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import changes, schools
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.conflicts import ConflictError
from verzuimdesk.core.services.errors import NotFoundError, ServiceError, ValidationError
from verzuimdesk.gui import conflict_dialog, errors
from verzuimdesk.gui.qt_layouts import styled_frame
from verzuimdesk.gui.school_calendar.calendar_tab import CalendarTab
from verzuimdesk.gui.school_calendar.school_form import SchoolForm, SchoolItemDelegate

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: Extra styling of this window (the desk's style sheet covers the rest).
STYLE = """
QWidget#schoolsWindow { background: #f5f7fa; }
QFrame#schoolListPanel { background: #ffffff; border-right: 1px solid #e2e8f0; }
QLabel#panelTitle { font-size: 12pt; font-weight: 600; color: #0f172a; }
QListWidget#schoolList { border: none; background: #ffffff; outline: 0; }
QListWidget#schoolList::item { border-bottom: 1px solid #f1f5f9; }
QListWidget#schoolList::item:selected { background: #e8f0fe; color: #0f172a; }
QFrame#schoolHeader { background: #ffffff; border-bottom: 1px solid #e2e8f0; }
QLabel#schoolTitle { font-size: 15pt; font-weight: 600; color: #0f172a; }
QLabel#schoolSubtitle { color: #64748b; }
QTabWidget#schoolTabs::pane { border: none; background: #f5f7fa; }
QTabWidget#schoolTabs > QTabBar::tab {
    background: transparent; border: none; border-bottom: 2px solid transparent;
    padding: 7px 14px; margin-right: 2px; color: #475569;
}
QTabWidget#schoolTabs > QTabBar::tab:selected {
    color: #1d4ed8; border-bottom: 2px solid #2563eb; font-weight: 600;
}
QFrame#statCard {
    background: #ffffff; border: 1px solid #e2e8f0; border-radius: 8px;
}
QLabel#statValue { font-size: 15pt; font-weight: 600; color: #0f172a; }
QLabel#statCaption { color: #64748b; font-size: 8.5pt; }
QFrame#calendarCard, QFrame#formCard {
    background: #ffffff; border: 1px solid #e2e8f0; border-radius: 8px;
}
QLabel#calendarWarning {
    background: #fffbeb; border: 1px solid #fde68a; border-radius: 6px;
    color: #92400e; padding: 6px 10px;
}
QLabel#legend { color: #475569; font-size: 8.5pt; }
QLabel#schoolStatus { color: #15803d; }
QToolButton#yearStep { padding: 3px 8px; font-weight: 600; }
QComboBox#yearCombo { font-weight: 600; min-width: 110px; }
"""


class SchoolCalendarWindow(CalendarTab):
    """Scholen en schoolkalenders: school list, calendar of a school year, details form."""

    def __init__(
        self,
        desk: Desk,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.desk = desk
        self.setObjectName("schoolsWindow")
        self.setWindowTitle("Scholen en schoolkalenders")  # Qt adds " — VerzuimDesk"
        self.setStyleSheet(STYLE)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.school_id: int | None = None
        self.details: schools.SchoolDetails | None = None
        self.view: schools.SchoolCalendarView | None = None
        self.creating = False
        self._loading = False
        self._seen_version = -1
        self._pending = False
        self.today = today(desk)

        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self._build_list_panel())
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self._build_header())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("schoolTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_calendar_tab(), "Schoolkalender")
        self.tabs.addTab(self._build_details_tab(), "Gegevens")
        right.addWidget(self.tabs, 1)
        root.addLayout(right, 1)
        self._build_shortcuts()
        self.resize(1360, 860)

        self._unsubscribe = changes.bus(desk).subscribe(self._on_change)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.refresh_list()
        if self.school_list.count():
            self.school_list.setCurrentRow(0)
        else:
            self.show_school(None)

    # ------------------------------------------------------------------ building

    def _build_list_panel(self) -> QWidget:
        panel = QFrame()
        panel.setObjectName("schoolListPanel")
        panel.setFixedWidth(300)  # leaves the free periods room for their names
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(14, 14, 0, 10)
        layout.setSpacing(8)
        title = QLabel("Scholen")
        title.setObjectName("panelTitle")
        title.setContentsMargins(0, 0, 14, 0)
        layout.addWidget(title)
        self.search = QLineEdit()
        self.search.setObjectName("searchField")
        self.search.setPlaceholderText("Zoek school…  (Ctrl+F)")
        self.search.setToolTip("Zoek op naam, BRIN-nummer of gemeente")
        self.search.setClearButtonEnabled(True)
        self.search.setStyleSheet("min-width: 0px;")
        wrap = QHBoxLayout()
        wrap.setContentsMargins(0, 0, 14, 0)
        wrap.addWidget(self.search)
        layout.addLayout(wrap)
        self.school_list = QListWidget()
        self.school_list.setObjectName("schoolList")
        self.school_list.setItemDelegate(SchoolItemDelegate(self.school_list))
        self.school_list.setMouseTracking(True)
        # Rows differ in height (a long name wraps) and follow the list's width.
        self.school_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.school_list.setAccessibleName("Scholen")
        layout.addWidget(self.school_list, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 14, 0)
        bottom.addWidget(self.count_label, 1)
        self.new_button = QPushButton("Nieuwe school")
        self.new_button.setToolTip("Een school toevoegen (Ctrl+N)")
        bottom.addWidget(self.new_button)
        layout.addLayout(bottom)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(120)
        self._search_timer.timeout.connect(self.refresh_list)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._focus_first_school)
        self.school_list.currentItemChanged.connect(self._school_chosen)
        self.new_button.clicked.connect(self.new_school)
        return panel

    def _build_header(self) -> QWidget:
        header, layout = styled_frame("schoolHeader", (20, 12, 20, 10), spacing=2)
        self.title = QLabel()
        self.title.setObjectName("schoolTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # user data, never HTML (issue 11)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("schoolSubtitle")
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        return header

    def _build_details_tab(self) -> QWidget:
        page = QWidget()
        layout = QHBoxLayout(page)
        layout.setContentsMargins(20, 14, 20, 14)
        self.form = SchoolForm()
        self.form.setMaximumWidth(640)
        layout.addWidget(self.form, 3, Qt.AlignmentFlag.AlignTop)
        info, info_layout = styled_frame("formCard", (18, 14, 18, 14))
        info_title = QLabel("Wat telt voor de verzuimsignalen")
        info_title.setObjectName("sectionTitle")
        info_layout.addWidget(info_title)
        self.info_text = QLabel(
            "<p>De <b>vakantieregio</b> bepaalt de ingebouwde vakanties; de <b>sector</b> "
            "bepaalt welke ziekmeldingssignalen gelden (VO/MBO of PO).</p>"
            "<p>Een dag telt als <b>volledig afwezig</b> wanneer de ongeoorloofde uren de "
            "<b>lesuren per dag</b> halen. Leeg laten: 5,5 uur (PO) of 6 uur (VO, MBO).</p>"
            "<p>Wijzigt u een van deze drie, dan berekent VerzuimDesk de signalen en "
            "termijnen van alle leerlingen van de school opnieuw.</p>"
        )
        self.info_text.setWordWrap(True)
        self.info_text.setObjectName("hintLabel")
        self.info_text.setTextFormat(Qt.TextFormat.RichText)
        info_layout.addWidget(self.info_text)
        layout.addWidget(info, 2, Qt.AlignmentFlag.AlignTop)
        self.form.save_button.clicked.connect(self.save_details)
        self.form.reset_button.clicked.connect(self._reset_details)
        return page

    def _build_shortcuts(self) -> None:
        def shortcut(keys: Any, slot: Callable[[], Any], widget: QWidget | None = None) -> None:
            item = QShortcut(QKeySequence(keys), widget or self)
            item.setContext(
                Qt.ShortcutContext.WidgetShortcut
                if widget is not None
                else Qt.ShortcutContext.WindowShortcut
            )
            item.activated.connect(slot)

        shortcut("Ctrl+F", self.focus_search)
        shortcut("Ctrl+N", self.new_school)
        shortcut("Ctrl+S", self.save_details)
        shortcut("Ctrl+T", lambda: self.add_studiedag())
        shortcut("Ctrl+I", lambda: self.import_file())
        shortcut("Ctrl+PgUp", lambda: self.step_year(-1))
        shortcut("Ctrl+PgDown", lambda: self.step_year(1))
        shortcut("Escape", self._escape)
        shortcut(QKeySequence.StandardKey.Delete, self.delete_period, self.table)
        shortcut("Return", self.edit_period, self.table)
        shortcut("Enter", self.edit_period, self.table)
        self.undo_action = self.undo_stack.createUndoAction(self, "Ongedaan maken")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, "Opnieuw")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)

    # ------------------------------------------------------------------ loading

    def refresh_list(self) -> None:
        """Reload the school list (keeps the chosen school when it is still there)."""
        rows = schools.list_schools(self.desk, self.search.text())
        self._loading = True
        try:
            self.school_list.clear()
            chosen = None
            for row in rows:
                item = QListWidgetItem(row.name)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                parts = [row.sector]
                if row.brin:
                    parts.append(row.brin)
                if row.municipality:
                    parts.append(row.municipality)
                parts.append(f"{row.pupils} leerling{'en' if row.pupils != 1 else ''}")
                if row.explicit_calendar:
                    parts.append("eigen kalender")
                item.setData(SchoolItemDelegate.SubtitleRole, "  ·  ".join(parts))
                item.setToolTip(f"{row.name}\n" + "  ·  ".join(parts))
                self.school_list.addItem(item)
                if row.id == self.school_id:
                    chosen = item
            if chosen is not None:
                self.school_list.setCurrentItem(chosen)
        finally:
            self._loading = False
        total = len(rows)
        self.count_label.setText(f"{total} school" if total == 1 else f"{total} scholen")

    def select_school(self, school_id: int) -> None:
        """Choose a school in the list (clearing the search when it hides it)."""
        for _attempt in range(2):
            for i in range(self.school_list.count()):
                if self.school_list.item(i).data(Qt.ItemDataRole.UserRole) == school_id:
                    self.school_list.setCurrentRow(i)
                    return
            self.search.clear()
            self.refresh_list()

    def _focus_first_school(self) -> None:
        if self.school_list.count():
            if self.school_list.currentRow() < 0:
                self.school_list.setCurrentRow(0)
            self.school_list.setFocus()

    def _school_chosen(self, current: QListWidgetItem | None, _previous: Any = None) -> None:
        if self._loading or current is None:
            return
        school_id = current.data(Qt.ItemDataRole.UserRole)
        if school_id != self.school_id or self.creating:
            self.show_school(school_id)

    def show_school(self, school_id: int | None) -> None:
        """Show a school's calendar and details (None: nothing chosen)."""
        self.creating = False
        self.school_id = school_id
        self.grid.selected = None
        self.details = None
        if school_id is not None:
            try:
                self.details = schools.school_details(self.desk, school_id)
            except NotFoundError as exc:
                self.status.setText(exc.message)
                self.school_id = None
        if self.details is not None:
            self.form.load(self.details.data)
        self.tabs.setTabEnabled(0, self.details is not None)
        self.refresh_calendar()
        self._update_header()

    def _update_header(self) -> None:
        if self.creating:
            self.title.setText("Nieuwe school")
            self.subtitle.setText("Vul de gegevens in en kies Opslaan (Ctrl+S).")
            return
        if self.details is None:
            self.title.setText("Geen school gekozen")
            self.subtitle.setText("Kies links een school of maak een nieuwe (Ctrl+N).")
            return
        data = self.details.data
        parts = [schools.SECTOR_NAMES.get(data.sector, data.sector)]
        if data.brin:
            parts.append(f"BRIN {data.brin}")
        if data.municipality:
            parts.append(data.municipality)
        parts.append(f"vakantieregio {schools.REGION_NAMES.get(data.vacation_region, '?')}")
        hours = data.day_hours or self.details.default_day_hours
        parts.append(f"{hours:g} lesuren per dag".replace(".", ","))
        parts.append(f"{self.details.pupils} leerling{'en' if self.details.pupils != 1 else ''}")
        self.title.setText(data.name)
        self.subtitle.setText("  ·  ".join(parts))

    # ------------------------------------------------------------------ details

    def new_school(self) -> None:
        """Start a new school in the details form."""
        self.creating = True
        self.school_id = None
        self.details = None
        self.school_list.clearSelection()
        self.school_list.setCurrentItem(None)  # type: ignore[call-overload]  # None: no current item; the stubs miss that overload
        region = getattr(getattr(self.desk, "region", None), "vacation_region", None) or "midden"
        self.form.load(schools.SchoolData("", "VO", region))
        self.refresh_calendar()
        self.tabs.setTabEnabled(0, False)
        self.tabs.setCurrentIndex(1)
        self._update_header()
        self.form.name.setFocus()

    def _reset_details(self) -> None:
        if self.creating:
            self.new_school()
        elif self.details is not None:
            self.form.load(self.details.data)

    def save_details(self) -> int | None:
        """Save the details form (create or update); messages appear next to the fields."""
        current_id = self.school_id
        if not self.creating and current_id is None:
            return None
        try:
            data = self.form.data()
            if self.creating or current_id is None:
                school_id = schools.create_school(self.desk, data)
                recomputed = 0
            else:
                school_id = current_id
                recomputed = self._update(current_id, data, self.form.loaded)
        except ConflictError as conflict:
            resolved = self._resolve(current_id, conflict)
            if resolved is None:
                return None
            school_id, recomputed = resolved
        except ValidationError as exc:
            self.tabs.setCurrentIndex(1)
            self.form.show_errors(exc.errors)
            return None
        except ServiceError as exc:
            errors.report(self, exc)
            return None
        created = self.creating
        self.creating = False
        self.school_id = school_id
        self.refresh_list()
        self.select_school(school_id)
        self.show_school(school_id)
        message = "School toegevoegd" if created else "Gegevens opgeslagen"
        if recomputed:
            message += f" — signalen van {recomputed} leerlingen opnieuw berekend"
        self.status.setText(message + ".")
        self.form.saved.setText(message + ".")
        self.form.saved.show()
        return school_id

    def _update(self, school_id: int, data: Any, loaded: Any) -> int:
        return self.run_with_progress(
            lambda progress: schools.update_school(
                self.desk, school_id, data, loaded=loaded, progress=progress
            )
        )

    def _resolve(self, school_id: int | None, conflict: ConflictError) -> tuple[int, int] | None:
        """A colleague changed these details meanwhile: keep mine (save over theirs) or take
        theirs (the form shows them); (school id, pupils recomputed) when saved."""
        if school_id is None:
            return None
        choice = conflict_dialog.ask(conflict, self)
        if choice == conflict_dialog.KEEP_MINE:
            try:
                return school_id, self._update(school_id, self.form.data(), conflict.stored)
            except ServiceError as exc:
                errors.report(self, exc)
                return None
        if choice == conflict_dialog.TAKE_THEIRS:
            self.refresh_list()  # the colleague may have renamed it
            self.select_school(school_id)
            self.show_school(school_id)
            message = "De gegevens van uw collega staan nu in het formulier; niets opgeslagen."
        else:
            message = "Niet opgeslagen: een collega heeft deze school intussen gewijzigd."
        self.tabs.setCurrentIndex(1)
        self.form.show_errors({"_conflict": message})
        return None

    # ------------------------------------------------------------------ misc

    def _escape(self) -> None:
        """Esc: clear a search first, else close the window."""
        if self.search.hasFocus() and self.search.text():
            self.search.clear()
            return
        self.close()

    def focus_search(self) -> None:
        """Ctrl+F: to the search field."""
        self.search.setFocus()
        self.search.selectAll()

    def _on_change(self, change: changes.Change) -> None:
        if change.kind in ("school", "pupil", "all") and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._apply_change)

    def _apply_change(self) -> None:
        self._pending = False
        if changes.bus(self.desk).version == self._seen_version:
            return  # our own change, already shown
        self.refresh_list()
        if self.school_id is not None and not self.creating:
            try:
                self.details = schools.school_details(self.desk, self.school_id)
            except NotFoundError:
                self.show_school(None)
                return
            self._update_header()
            self.refresh_calendar()
