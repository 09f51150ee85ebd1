"""The Scholen tab, the phone round, the workload and "Wie bent u?" in the main window.

:func:`install` adds them to a :class:`~verzuimdesk.gui.main_window.MainWindow` with one
call, so the main window keeps its own size and job: the actions and menus (*Beeld →
Scholen* Ctrl+4, *Beeld → Werkvoorraad* Ctrl+5, the *Belronde* menu with *Belronde*
Ctrl+Shift+B and *Nieuwe belronde…*, *Beheer → Mijn persoon…*), the tabs they open, the
"Wie bent u?" bar above the case list and the region deadlines of the current quarter.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QToolBar, QWidget

from verzuimdesk.core.services import region_deadlines
from verzuimdesk.core.services.errors import ServiceError
from verzuimdesk.gui.persons_view import LinkPersonDialog, UserLinkBar

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from verzuimdesk.gui.main_window import MainWindow
    from verzuimdesk.gui.round_view import RoundView
    from verzuimdesk.gui.schools_tab import SchoolsTab


class RoundFeatures(QObject):
    """What :func:`install` adds; reached as ``window.round_features``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.desk = window.desk
        self.schools_tab: SchoolsTab | None = None
        self.school_pages: dict[int, QWidget] = {}
        self.round_views: dict[int, RoundView] = {}
        self.workload: QWidget | None = None
        self._actions()
        self.user_bar = UserLinkBar(self.desk)
        layout = window.case_list.layout()
        if layout is not None:
            layout.insertWidget(0, self.user_bar)  # type: ignore[attr-defined]
        try:
            # Before any view shows deadlines: no change to publish (the case list would
            # redo its first paint's work).
            region_deadlines.ensure_current_deadlines(self.desk, publish=False)
        except Exception:  # a read-only case base: the deadlines wait, the desk starts
            log.warning("Regiotermijnen van dit kwartaal niet gemaakt", exc_info=True)

    # ------------------------------------------------------------------ actions

    def _action(self, text: str, slot: Any, shortcut: str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.triggered.connect(lambda *_: slot())
        self.window.addAction(action)
        return action

    def _actions(self) -> None:
        w = self.window
        self.schools_action = self._action(
            "Scholen", self.show_schools, "Ctrl+4", "Scholen, contactpersonen en gesprekken"
        )
        self.workload_action = self._action(
            "Werkvoorraad",
            self.show_workload,
            "Ctrl+5",
            "Open, verlopen en stille casussen per persoon",
        )
        self.round_action = self._action(
            "Belronde", self.show_round, "Ctrl+Shift+B", "De belronde van dit kwartaal"
        )
        self.new_round_action = self._action(
            "Nieuwe belronde…", self.new_round, tip="Een belronde voor een kwartaal maken"
        )
        self.link_action = self._action(
            "Mijn persoon…", self.choose_person, tip="Uw gebruikersnaam koppelen aan een persoon"
        )
        menus: dict[str, QMenu] = {}
        for action in w.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu):
                menus[menu.title()] = menu
        view = menus.get("Beel&d")
        if view is not None:
            view.addSeparator()
            view.addAction(self.schools_action)
            view.addAction(self.workload_action)
        manage = menus.get("Behee&r")
        round_menu = w.menuBar().addMenu("Be&lronde")
        if manage is not None:
            w.menuBar().insertMenu(manage.menuAction(), round_menu)
            manage.addAction(self.link_action)
        round_menu.addAction(self.round_action)
        round_menu.addAction(self.new_round_action)
        bar = w.findChild(QToolBar, "mainToolbar")
        if bar is not None:
            before = w.deadlines_action
            actions = bar.actions()
            index = actions.index(before) if before in actions else -1
            after = actions[index + 1] if 0 <= index < len(actions) - 1 else None
            bar.insertAction(after, self.schools_action) if after else bar.addAction(
                self.schools_action
            )
            bar.insertAction(after, self.round_action) if after else bar.addAction(
                self.round_action
            )

    # ------------------------------------------------------------------ tabs

    def _alive(self, widget: QWidget | None) -> bool:
        return widget is not None and self.window.tabs.indexOf(widget) >= 0

    def _add_tab(self, widget: QWidget, title: str) -> None:
        tabs = self.window.tabs
        tabs.addTab(widget, title)
        signal = getattr(widget, "titleChanged", None)
        if signal is not None:
            signal.connect(lambda text, v=widget: tabs.setTabText(tabs.indexOf(v), text))
        tabs.setCurrentWidget(widget)

    def show_schools(self) -> SchoolsTab:
        """Ctrl+4: the Scholen tab."""
        from verzuimdesk.gui.schools_tab import SchoolsTab

        if not self._alive(self.schools_tab):
            self.schools_tab = SchoolsTab(self.desk, self.window._stack())
            self.schools_tab.openSchool.connect(self.open_school)
            self.schools_tab.callSchool.connect(self.call_school)
            self._add_tab(self.schools_tab, "Scholen")
        assert self.schools_tab is not None
        self.window.tabs.setCurrentWidget(self.schools_tab)
        return self.schools_tab

    def open_school(self, school_id: int) -> QWidget:
        """A school's page (in its own tab)."""
        from verzuimdesk.gui.school_page import SchoolPage

        page = self.school_pages.get(school_id)
        if not self._alive(page):
            page = SchoolPage(self.desk, school_id, self.window.undo_stack, self.window._stack())
            page.openCase.connect(self.window.open_case)
            page.callSchool.connect(self.call_school)
            self.school_pages[school_id] = page
            self._add_tab(page, page.tab_title)
        assert page is not None
        self.window.tabs.setCurrentWidget(page)
        return page

    def show_workload(self) -> QWidget:
        """Ctrl+5: open, overdue and quiet cases per person."""
        from verzuimdesk.gui.persons_view import WorkloadView

        if not self._alive(self.workload):
            view = WorkloadView(self.desk, self.window._stack())
            view.openCase.connect(self.window.open_case)
            self.workload = view
            self._add_tab(view, "Werkvoorraad")
        assert self.workload is not None
        self.window.tabs.setCurrentWidget(self.workload)
        return self.workload

    def open_round(self, round_id: int, entry_id: int | None = None) -> RoundView:
        """The round's tab (at ``entry_id`` when given)."""
        from verzuimdesk.gui.round_view import RoundView

        view = self.round_views.get(round_id)
        if not self._alive(view):
            view = RoundView(self.desk, round_id, self.window._stack())
            view.undo_stack = self.window.undo_stack
            view.openCase.connect(self.window.open_case)
            view.newCase.connect(lambda rp, pupil, v=view: self._new_case(v, rp, pupil))
            view.panel.new_pupil_button.clicked.connect(lambda *_, v=view: self._new_case(v, 0, 0))
            view.message.connect(lambda text: self.window.statusBar().showMessage(text, 6000))
            self.round_views[round_id] = view
            self._add_tab(view, view.tab_title)
        assert view is not None
        self.window.tabs.setCurrentWidget(view)
        if entry_id is not None:
            view.show_school(entry_id)
        return view

    # ------------------------------------------------------------------ the round

    def show_round(self) -> RoundView | None:
        """Ctrl+Shift+B: the round being worked, or a new one."""
        from verzuimdesk.core.services import round_work

        round_id = round_work.active_round(self.desk)
        if round_id is None:
            return self.new_round()
        return self.open_round(round_id)

    def new_round(self, school_id: int | None = None) -> RoundView | None:
        """*Nieuwe belronde…*: make a round and open it."""
        from verzuimdesk.gui.round_dialogs import NewRoundDialog

        dialog = NewRoundDialog(self.desk, self.window, school_id=school_id)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        view = self.open_round(int(dialog.result_value))
        if school_id is not None:
            self._go_to_school(view, school_id)
        return view

    def _go_to_school(self, view: RoundView, school_id: int) -> None:
        entry = next(
            (
                s.id
                for s in (view.overview.schools if view.overview else ())
                if s.school_id == school_id
            ),
            None,
        )
        if entry is not None:
            view.show_school(entry)

    def call_school(self, school_id: int) -> RoundView | None:
        """*Bellen*: continue the round at this school (added when it is not on it), or make
        a round with it."""
        from verzuimdesk.core.services import round_planning, round_work

        round_id = round_work.active_round(self.desk)
        if round_id is None:
            return self.new_round(school_id)
        overview = round_work.round_overview(self.desk, round_id)
        entry = next((s.id for s in overview.schools if s.school_id == school_id), None)
        if entry is None:
            answer = QMessageBox.question(
                self.window,
                "Bellen",
                f"Deze school staat niet op belronde {overview.quarter}. Toevoegen?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
            entry = round_planning.add_school_to_round(self.desk, round_id, school_id)
        return self.open_round(round_id, entry)

    def _new_case(self, view: RoundView, round_pupil_id: int, pupil_id: int) -> int | None:
        """Open a case pre-filled with the pupil (and the school's pupils to find others)."""
        from verzuimdesk.core.services import round_work
        from verzuimdesk.gui.dialogs import NewCaseDialog
        from verzuimdesk.gui.pupil_dialog import PupilDialog

        dialog = NewCaseDialog(
            self.desk, self.window, pupil_id=pupil_id or None, pupil_dialog=PupilDialog
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        case_id = int(dialog.result_value)
        try:
            if round_pupil_id:
                view.case_opened(round_pupil_id, case_id)
            elif view.current_entry is not None:
                status = next(
                    (s.id for s in view.panel.settings.statuses if s.kind == "nieuwe-casus"), None
                )
                if status:
                    round_work.add_new_case_pupil(self.desk, view.current_entry, case_id, status)
        except ServiceError as exc:
            self.window.statusBar().showMessage(exc.message, 6000)
            return case_id
        self.window.statusBar().showMessage("Casus geopend en op de belronde gezet.", 6000)
        return case_id

    # ------------------------------------------------------------------ persons

    def choose_person(self) -> bool:
        """*Beheer → Mijn persoon…*."""
        accepted = LinkPersonDialog(self.desk, self.window).exec() == QDialog.DialogCode.Accepted
        self.user_bar.update_visibility()
        return accepted


def install(window: MainWindow) -> RoundFeatures:
    """Add the Scholen tab, the round, the workload and the user link to ``window``."""
    features = RoundFeatures(window)
    window.round_features = features  # type: ignore[attr-defined]
    return features


def open_region_deadline(view: QWidget, round_quarter: str) -> None:
    """A region deadline chosen in Termijnen: the round of its quarter (or a new one)."""
    from verzuimdesk.core.services import round_work

    features = getattr(view.window(), "round_features", None)
    if features is None:
        return
    round_id = round_work.round_of_quarter(features.desk, round_quarter)
    if round_id is None:
        features.new_round()
    else:
        features.open_round(round_id)


def mark_region_deadline_done(parent: QWidget, desk: Any, deadline_id: int, what: str) -> bool:
    """*Afgehandeld…* on a region deadline in Termijnen: ask the date, mark it done."""
    from verzuimdesk.gui.dialogs import DoneDialog

    dialog = DoneDialog(
        desk,
        what,
        parent,
        apply=lambda on: region_deadlines.set_region_deadline_done(desk, deadline_id, on),
    )
    return dialog.exec() == QDialog.DialogCode.Accepted
