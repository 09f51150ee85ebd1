"""The regisseur's desk: the main window and :func:`run_desk`.

Tabs: the case list (home), the deadlines across all cases, and any number of
case files and absence grids. One undo stack for the desk (Ctrl+Z).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QTabWidget,
    QToolBar,
    QWidget,
)

from verzuimdesk import paths
from verzuimdesk.core.services import cases, changes, history
from verzuimdesk.core.services.common import today
from verzuimdesk.gui import (
    errors,
    history_view,
    live_refresh,
    read_only,
    retention_dialog,
    start_checks,
)
from verzuimdesk.gui.case_list import CaseListView, settings
from verzuimdesk.gui.data_menu import install_data_menu
from verzuimdesk.gui.formatting import date_long
from verzuimdesk.gui.pupils_tab import install_pupils_tab
from verzuimdesk.gui.pyside_workaround import make_none_immortal
from verzuimdesk.gui.qt_layouts import skip_idle_tab_relayouts
from verzuimdesk.gui.tab_history import TabHistory

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.gui.absences_view import AbsencesView
    from verzuimdesk.gui.case_file import CaseFileView
    from verzuimdesk.gui.deadlines_view import DeadlinesView
    from verzuimdesk.gui.school_calendar import SchoolCalendarWindow


def load_style() -> str:
    """The desk's Qt style sheet (``resources/style.qss``; empty when missing)."""
    path = paths.resources_dir() / "style.qss"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    return text.replace("%ICONS%", (paths.resources_dir() / "icons").as_posix())


#: The name users see; Qt appends it to window titles on Linux and Windows.
DISPLAY_NAME = "VerzuimDesk"
#: The name of ``resources/verzuimdesk.desktop``: task bars match the window to it.
DESKTOP_FILE_NAME = "verzuimdesk"


def window_title(case_base: str, region: str) -> str:
    """The main window's own title: "<case base> — <region>" (the app name Qt adds)."""
    return f"{case_base} — {region}"


def qt_argv(argv: list[str]) -> list[str]:
    """``argv`` for the QApplication with the program named ``verzuimdesk``.

    Started as ``python -m verzuimdesk`` the program is ``__main__.py``, which X11 task
    bars showed as the window's name (its WM_CLASS instance).
    """
    return [DESKTOP_FILE_NAME, *argv[1:]]


def set_identity(app: QApplication) -> None:
    """The application's names and icon, as the task bar and window titles show them."""
    app.setOrganizationName("VerzuimDesk")
    app.setApplicationName("VerzuimDesk")  # also the QSettings file: never change it
    app.setApplicationDisplayName(DISPLAY_NAME)
    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)
    icon = paths.resources_dir() / "icons" / "verzuimdesk.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


class MainWindow(QMainWindow):
    """Case list, deadlines, and case-file / absence tabs, with menus and shortcuts."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("mainWindow")
        # The name once: Qt appends the application display name ("— VerzuimDesk") itself on
        # Linux and Windows (issue 14).
        self.setWindowTitle(window_title(desk.case_base.display_name, desk.region.name))
        self.undo_stack = QUndoStack(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        skip_idle_tab_relayouts(self.tabs)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.case_list = CaseListView(desk)
        self.case_list.openCase.connect(self.open_case)
        self.tabs.addTab(self.case_list, "Casussen")
        self._deadlines: DeadlinesView | None = None
        self._deadlines_placeholder = QWidget()
        self.tabs.addTab(self._deadlines_placeholder, "Termijnen")
        for i in (0, 1):
            self.tabs.tabBar().setTabButton(i, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.tab_history = TabHistory(self.tabs)  # closing a tab returns to the one before
        self.setCentralWidget(self.tabs)
        self.case_tabs: dict[int, CaseFileView] = {}
        self.absence_tabs: dict[int, AbsencesView] = {}
        self._schools_window: SchoolCalendarWindow | None = None
        self._build_actions()
        install_pupils_tab(self)  # the Leerlingen tab
        from verzuimdesk.gui.overview import install as install_overview

        self.overview = install_overview(self)  # the Overzicht tab and the Rapportages menu
        from verzuimdesk.gui import round_features  # Scholen, belronde, werkvoorraad

        round_features.install(self)
        self._status()
        self.restore_layout()
        read_only.apply(self)  # a read-only case base says so and saves nothing (issue 11)
        self.live_refresh = live_refresh.install(self, desk)  # colleagues' changes, no F5

    # ------------------------------------------------------------------ actions

    def _action(self, text: str, slot: Any, shortcut: Any = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts([QKeySequence(k) for k in shortcut])
            shortcut = shortcut[0]
        if shortcut is not None and not action.shortcuts():
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString()})" if shortcut else tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_case_action = self._action(
            "Nieuwe casus…", self.new_case, ["Ctrl+N"], "Casus openen"
        )
        self.new_pupil_action = self._action(
            "Nieuwe leerling…", self.new_pupil, "Ctrl+Shift+N", "Leerling toevoegen"
        )
        self.search_action = self._action(
            "Zoeken", self.focus_search, ["Ctrl+F"], "Zoeken in casussen"
        )
        self.refresh_action = self._action(
            "Vernieuwen", self.refresh, ["F5", "Ctrl+R"], "Alles opnieuw laden"
        )
        self.close_tab_action = self._action(
            "Tabblad sluiten", self.close_current_tab, ["Ctrl+W", "Ctrl+F4"]
        )
        self.cases_action = self._action(
            "Casussen", lambda: self.tabs.setCurrentIndex(0), "Ctrl+1", "Naar de casuslijst"
        )
        self.deadlines_action = self._action(
            "Termijnen", lambda: self.tabs.setCurrentIndex(1), "Ctrl+2", "Naar de termijnen"
        )
        self.absences_action = self._action(
            "Verzuim invoeren",
            self.open_absences_of_current,
            "Ctrl+E",
            "Verzuim van de leerling invoeren",
        )
        self.edit_pupil_action = self._action(
            "Leerling bewerken…",
            self.edit_pupil_of_current,
            "Ctrl+Shift+E",
            "Gegevens van de leerling wijzigen",
        )
        self.undo_action = self.undo_stack.createUndoAction(self, "Ongedaan maken")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, "Opnieuw")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.undo_action.triggered.connect(lambda: None)
        plugins = self._action("Plug-ins…", self.show_plugins, tip="Geïnstalleerde regio's")
        about = self._action("Over VerzuimDesk", self.show_about)
        self.schools_action = self._action(
            "Scholen en schoolkalenders…",
            self.show_schools,
            "Ctrl+Shift+K",
            "Scholen, studiedagen en vakanties",
        )
        self.monitoring_action = self._action(
            "Monitoringslijsten…", self.show_monitoring, None, "Leerlingen zonder verzuimregels"
        )
        quit_action = self._action("Afsluiten", self.close, ["Ctrl+Q"])
        # What can be done to the case of the current tab (also its buttons, but these
        # are findable and reachable from the keyboard).
        self.move_action = self._action(
            "Naar volgende stap…",
            lambda: self._on_current_case(lambda view: view.request_move("")),
            "Ctrl+M",
            "De casus naar een volgende stap van de route verplaatsen",
        )
        self.event_actions = {
            kind: self._action(
                f"{label} toevoegen…",
                lambda _=False, k=kind: self._on_current_case(lambda view: view.add_event(k)),
                shortcut,
            )
            for (kind, label), shortcut in zip(
                cases.USER_EVENT_KINDS.items(), ("Ctrl+Shift+O", None, None, None), strict=False
            )
        }
        self.print_case_action = self._action(
            "Afdrukken (PDF)…",
            lambda: self._on_case_file(lambda view: view.print_case_file()),
            "Ctrl+P",
            "Het casusoverzicht als pdf voor een overleg (BSN afgeschermd)",
        )
        self.letter_action = self._action(
            "Brief maken…",
            lambda: self._on_current_case(lambda view: view.make_letter()),
            "Ctrl+Shift+L",
            "Een brief uit een sjabloon, ingevuld vanuit de casus",
        )
        self.close_case_action = self._action(
            "Casus sluiten…",
            lambda: self._on_current_case(lambda view: view.close_case()),
            tip="De casus sluiten met een uitkomst",
        )

        menu = self.menuBar()
        file_menu = menu.addMenu("&Bestand")
        file_menu.addAction(self.new_case_action)
        file_menu.addAction(self.new_pupil_action)
        file_menu.addSeparator()
        install_data_menu(self, file_menu)  # Importeren…, Exporteren (issue 13)
        file_menu.addAction(self.close_tab_action)
        file_menu.addAction(quit_action)
        edit_menu = menu.addMenu("Be&werken")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.edit_pupil_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.search_action)
        view_menu = menu.addMenu("Beel&d")
        view_menu.addAction(self.cases_action)
        view_menu.addAction(self.deadlines_action)
        view_menu.addAction(self.absences_action)
        view_menu.addAction(self.monitoring_action)  # region lists (plugin API 1.3)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        case_menu = menu.addMenu("&Casus")
        case_menu.addAction(self.move_action)
        case_menu.addSeparator()
        for action in self.event_actions.values():
            case_menu.addAction(action)
        case_menu.addSeparator()
        case_menu.addAction(self.absences_action)
        case_menu.addAction(self.edit_pupil_action)
        case_menu.addSeparator()
        case_menu.addAction(self.letter_action)
        case_menu.addAction(self.print_case_action)
        case_menu.addSeparator()
        case_menu.addAction(self.close_case_action)
        self.case_menu = case_menu
        case_menu.aboutToShow.connect(self._update_case_actions)
        manage_menu = menu.addMenu("Behee&r")
        manage_menu.addAction(self.schools_action)
        self.trust_actions = history_view.install(self, self.desk, case_menu, manage_menu)
        self.trust_actions["retention"] = retention_dialog.install(self, self.desk, manage_menu)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(plugins)
        help_menu.addAction(about)

        bar = QToolBar("Werkbalk")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addAction(self.new_case_action)
        bar.addAction(self.new_pupil_action)
        bar.addSeparator()
        bar.addAction(self.cases_action)
        bar.addAction(self.deadlines_action)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.refresh_action)
        self.addToolBar(bar)

    def _current_case_view(self) -> CaseFileView | None:
        """The case file of the current tab (None on the list, deadlines or absences)."""
        widget = self.tabs.currentWidget()
        return next((view for view in self.case_tabs.values() if view is widget), None)

    def _current_absences_view(self) -> AbsencesView | None:
        """The absence grid of the current tab (None on any other tab)."""
        widget = self.tabs.currentWidget()
        return next((view for view in self.absence_tabs.values() if view is widget), None)

    def _on_current_case(self, act: Callable[[CaseFileView], object]) -> None:
        view = self._current_case_view()
        if view is None or view.file is None:
            self.statusBar().showMessage("Open eerst een casus (Enter in de casuslijst).", 4000)
            return
        if view.file.closed_on is not None:
            self.statusBar().showMessage("Deze casus is gesloten.", 4000)
            return
        act(view)

    def _on_case_file(self, act: Callable[[CaseFileView], object]) -> None:
        """Like :meth:`_on_current_case`, but a closed case will do (printing it)."""
        view = self._current_case_view()
        if view is None or view.file is None:
            self.statusBar().showMessage("Open eerst een casus (Enter in de casuslijst).", 4000)
            return
        act(view)

    def _update_case_actions(self) -> None:
        view = self._current_case_view()
        open_case = view is not None and view.file is not None and view.file.closed_on is None
        actions = (self.move_action, *self.event_actions.values(), self.close_case_action)
        for action in (*actions, self.letter_action):
            action.setEnabled(open_case)
        self.print_case_action.setEnabled(view is not None and view.file is not None)
        if view is not None and open_case:
            self.move_action.setEnabled(view.move_button.isEnabled())
        read_only.disable_saving(self)

    def _status(self) -> None:
        self.status_label = QLabel()
        self.status_label.setObjectName("statusText")
        self.statusBar().addPermanentWidget(self.status_label)
        self._update_status()
        self.case_list.countChanged.connect(lambda *_: self._update_status())

    def _update_status(self) -> None:
        self.status_label.setText(
            f"{self.desk.region.name}  ·  {self.desk.case_base.display_name}  ·  "
            f"{self.desk.user}  ·  {date_long(today(self.desk))}"
        )

    # ------------------------------------------------------------------ tabs

    @property
    def deadlines(self) -> DeadlinesView:
        """The deadlines view (built when first shown, to keep start-up quick)."""
        if self._deadlines is None:
            from verzuimdesk.gui.deadlines_view import DeadlinesView

            self._deadlines = DeadlinesView(self.desk, self.undo_stack)
            self._deadlines.openCase.connect(self.open_case)
            current = self.tabs.currentIndex()
            self.tabs.removeTab(1)
            self.tabs.insertTab(1, self._deadlines, "Termijnen")
            self.tabs.tabBar().setTabButton(1, self.tabs.tabBar().ButtonPosition.RightSide, None)
            self.tabs.setCurrentIndex(current)
            self._deadlines_placeholder.deleteLater()
        return self._deadlines

    def _tab_changed(self, index: int) -> None:
        self._update_case_actions()
        if index == 1 and self._deadlines is None:
            self.deadlines  # noqa: B018 - builds the view
            self.tabs.setCurrentIndex(1)

    def _stack(self) -> QWidget:
        """The QStackedWidget inside the main tabs (the parent of every page)."""
        from PySide6.QtWidgets import QStackedWidget

        stack = self.tabs.findChild(QStackedWidget)
        assert stack is not None  # every QTabWidget has one
        return stack

    def open_case(self, case_id: int) -> CaseFileView:
        """Open (or bring forward) the case file tab of ``case_id``."""
        view = self.case_tabs.get(case_id)
        if view is None:
            from verzuimdesk.gui.case_file import CaseFileView

            # Created inside the tab widget's page stack: addTab then does not reparent
            # (and re-polish) the whole case file.
            view = CaseFileView(self.desk, case_id, self.undo_stack, self._stack())
            history.audit_read(self.desk, "case", case_id)  # NEN 7513: reading is logged
            view.openAbsences.connect(self.open_absences)
            index = self.tabs.addTab(view, view.tab_title)
            view.titleChanged.connect(
                lambda title, v=view: self.tabs.setTabText(self.tabs.indexOf(v), title)
            )
            self.tabs.setTabToolTip(index, view.file.number if view.file else "")
            self.case_tabs[case_id] = view
        self.tabs.setCurrentWidget(view)
        return view

    def open_absences(self, pupil_id: int) -> AbsencesView:
        """Open (or bring forward) the absence grid of ``pupil_id``."""
        view = self.absence_tabs.get(pupil_id)
        if view is None:
            from verzuimdesk.gui.absences_view import AbsencesView

            view = AbsencesView(self.desk, pupil_id, self.undo_stack, parent=self._stack())
            name = view.data.pupil_name if view.data else "Leerling"
            self.tabs.addTab(view, f"Verzuim · {name}")
            view.titleChanged.connect(
                lambda title, v=view: self.tabs.setTabText(self.tabs.indexOf(v), title)
            )
            self.absence_tabs[pupil_id] = view
        self.tabs.setCurrentWidget(view)
        return view

    def open_absences_of_current(self) -> None:
        """Ctrl+E: the absences of the pupil of the current case tab or list row."""
        view = self._current_case_view()
        if view is not None and view.file is not None:
            self.open_absences(view.file.pupil_id)
            return
        if self.tabs.currentWidget() is self.case_list:
            case_id = self.case_list.current_case_id()
            row = next((r for r in self.case_list.model.rows if r.case_id == case_id), None)
            if row is not None:
                self.open_absences(row.pupil_id)

    def _pupil_of_current(self) -> int | None:
        """The pupil of the current case tab, absence tab or selected case-list row."""
        view = self._current_case_view()
        if view is not None and view.file is not None:
            return view.file.pupil_id
        absences_view = self._current_absences_view()
        if absences_view is not None:
            return absences_view.pupil_id
        if self.tabs.currentWidget() is self.case_list:
            case_id = self.case_list.current_case_id()
            row = next((r for r in self.case_list.model.rows if r.case_id == case_id), None)
            return row.pupil_id if row is not None else None
        return None

    def edit_pupil_of_current(self) -> bool:
        """Ctrl+Shift+E: edit the pupil of the current tab or list row; True when saved."""
        widget = self.tabs.currentWidget()
        if hasattr(widget, "edit_pupil"):
            return bool(widget.edit_pupil())
        pupil_id = self._pupil_of_current()
        if pupil_id is None:
            self.statusBar().showMessage("Kies eerst een casus of leerling.", 4000)
            return False
        from verzuimdesk.gui.pupil_dialog import PupilDialog

        dialog = PupilDialog(self.desk, self, pupil_id=pupil_id)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def close_tab(self, index: int) -> None:
        """Close a case-file or absences tab (the list and deadlines stay).

        Unsaved input in the case's form windows or note editor is asked about first
        ("Wijzigingen opslaan?"); *Annuleren* keeps the tab.
        """
        widget = self.tabs.widget(index)
        if widget is None or index < 2 or widget is getattr(self, "overview", None):
            return
        if hasattr(widget, "confirm_close") and not widget.confirm_close():
            return
        for tabs in (self.case_tabs, self.absence_tabs):
            for key, view in list(tabs.items()):
                if view is widget:
                    del tabs[key]
        self.tab_history.remove(index)
        widget.deleteLater()

    def close_current_tab(self) -> None:
        """Ctrl+W."""
        self.close_tab(self.tabs.currentIndex())

    # ------------------------------------------------------------------ commands

    def focus_search(self) -> None:
        """Ctrl+F: to the case list's search field."""
        self.tabs.setCurrentIndex(0)
        self.case_list.focus_search()

    def refresh(self) -> None:
        """F5: reload everything from the case base."""
        changes.publish(self.desk, "all", case_ids=None)
        self._update_status()

    def new_case(self) -> int | None:
        """Ctrl+N: open a case (and the new case's file)."""
        from verzuimdesk.gui.dialogs import NewCaseDialog
        from verzuimdesk.gui.pupil_dialog import PupilDialog

        dialog = NewCaseDialog(self.desk, self, pupil_dialog=PupilDialog)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.open_case(dialog.result_value)
            return int(dialog.result_value)
        return None

    def new_pupil(self) -> int | None:
        """Add a pupil."""
        from verzuimdesk.gui.pupil_dialog import PupilDialog

        dialog = PupilDialog(self.desk, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.statusBar().showMessage("Leerling toegevoegd.", 4000)
            return int(dialog.result_value)
        return None

    def show_plugins(self) -> None:
        """The Plugins dialog."""
        from verzuimdesk.gui.about import PluginsDialog

        PluginsDialog(self.desk, self).exec()

    def show_about(self) -> None:
        """The About dialog."""
        from verzuimdesk.gui.about import AboutDialog

        AboutDialog(self.desk, self).exec()

    def show_monitoring(self) -> None:
        """The region's monitoring lists (B3, A2, unenrolled 4-year-olds), if it has any."""
        from verzuimdesk.gui.monitoring_dialog import MonitoringDialog

        MonitoringDialog(self.desk, self).exec()

    def show_schools(self) -> SchoolCalendarWindow:
        """Ctrl+Shift+K: the (non-modal) Scholen en schoolkalenders window."""
        from verzuimdesk.gui.school_calendar import SchoolCalendarWindow

        window = self._schools_window
        if window is None:
            window = SchoolCalendarWindow(self.desk, self.undo_stack, self)
            self._schools_window = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    # ------------------------------------------------------------------ layout

    def restore_layout(self) -> None:
        """Window geometry and state from QSettings."""
        store = settings()
        geometry = store.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes) and geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 820)
        state = store.value("window/state")
        if isinstance(state, QByteArray | bytes) and state:
            self.restoreState(state)

    def save_layout(self) -> None:
        """Remember window geometry, state, filters and column widths."""
        store = settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        self.case_list.save_settings()
        store.sync()

    def closeEvent(self, event: Any) -> None:
        """Ask about unsaved input in any case tab, then save the layout and close."""
        for view in list(self.case_tabs.values()):
            if not view.confirm_close():
                self.tabs.setCurrentWidget(view)
                event.ignore()
                return
        self.save_layout()
        self.case_list.stop_background_work()
        super().closeEvent(event)


#: Qt texts the desk shows that Qt's own ``qtbase_nl`` leaves in English (Qt 6.12): the
#: file dialogs (printing a form to PDF, a calendar file, another case base).
QT_DUTCH_SUPPLEMENT: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "&Zoeken in:",
    ("QFileDialog", "Look in:"): "Zoeken in:",
    ("QFileDialog", "Files of &type:"): "Bestands&type:",
    ("QFileDialog", "Files of type:"): "Bestandstype:",
    ("QAbstractFileIconProvider", "Folder"): "Map",
    ("QAbstractFileIconProvider", "Drive"): "Station",
    ("QAbstractFileIconProvider", "File"): "Bestand",
    ("QAbstractFileIconProvider", "%1 File"): "%1-bestand",
}


def _supplement_translator(parent: QApplication) -> Any:
    from PySide6.QtCore import QTranslator

    class DutchSupplement(QTranslator):
        """Answers only the texts of :data:`QT_DUTCH_SUPPLEMENT`; Qt asks the next
        translator (``qtbase_nl``) for everything else."""

        def translate(
            self, context: str, source: str, disambiguation: str | None = None, n: int = -1
        ) -> str | None:
            return QT_DUTCH_SUPPLEMENT.get((context, source))  # None: ask the next one

        def isEmpty(self) -> bool:
            return False

    return DutchSupplement(parent)


def install_dutch(app: QApplication) -> None:
    """Load Qt's own Dutch translations (standard buttons, context menus, date pop-ups),
    plus the few texts they leave in English (:data:`QT_DUTCH_SUPPLEMENT`)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    if getattr(app, "_verzuimdesk_nl", None) is not None:
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_nl", folder):
        app.installTranslator(translator)
        # Kept on the app so Python does not collect the translator Qt still uses.
        app._verzuimdesk_nl = translator  # type: ignore[attr-defined]  # our own attribute
    supplement = _supplement_translator(app)
    app.installTranslator(supplement)  # asked first: installed last
    app._verzuimdesk_nl_supplement = supplement  # type: ignore[attr-defined]  # as above


def apply_style(app: QApplication) -> None:
    """Apply the desk's style sheet, the Fusion style and Dutch Qt texts (once: setting the
    style again would replace the style object under widgets that are still alive)."""
    if not getattr(app, "_verzuimdesk_fusion", False):
        app.setStyle("Fusion")
        app._verzuimdesk_fusion = True  # type: ignore[attr-defined]  # our own attribute
    sheet = load_style()
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    install_dutch(app)


def run_desk(desk: Desk, argv: list[str], smoke: bool = False) -> int:
    """Show the desk for ``desk`` and run the event loop; returns the exit status.

    Creates the QApplication when there is none. With ``smoke`` the window is shown,
    the case list is painted, ``ok`` is printed and 0 returned (start-up check).
    """
    make_none_immortal()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(qt_argv(argv))
    set_identity(app)
    errors.install_excepthook()
    apply_style(app)
    window = MainWindow(desk)
    window.show()
    if smoke:
        window.repaint()  # synchronous: the window is painted when this returns
        painted = time.perf_counter()
        window.case_list.first_fill()  # a large list fills right after the first paint
        window.repaint()
        # Monotonic clock readings (system-wide on Linux and macOS): a benchmark that
        # starts the process subtracts its own start reading.
        print(f"venster getekend: {painted:.6f}", flush=True)
        print(f"casuslijst getekend: {time.perf_counter():.6f}", flush=True)
        print("ok", flush=True)
        window.save_layout()
        window.close()
        return 0
    QTimer.singleShot(0, window.case_list.focus_search)
    start_checks.start(window)  # the daily backup and a large file's check, in the background
    QTimer.singleShot(WARM_UP_DELAY_MS, warm_up)
    return app.exec()


#: How long after the first paint the case-file modules are loaded in the background.
WARM_UP_DELAY_MS = 300


def warm_up() -> None:
    """Import the case-file modules while the user reads the list (~0.25 s, once).

    The case list paints without them (fast start); without this the first case file a
    user opens would pay for the imports and take about a third of a second.
    """
    from verzuimdesk.gui import case_file, deadlines_view, dialogs  # noqa: F401
