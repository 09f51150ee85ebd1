"""A case file tab: header, timeline, ladder, signals, events and notes, deadlines, forms.

Everything comes from one :func:`verzuimdesk.core.services.queries.case_file` call;
the tab refreshes itself whenever the change hub reports a change to its case.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.forms import mask_bsn
from verzuimdesk.core.services import cases, changes, queries
from verzuimdesk.core.services.errors import ServiceError
from verzuimdesk.gui import case_documents, case_file_pages, errors, ladder_view, undo
from verzuimdesk.gui.case_file_actions import MoveEditor, mark_done, move_case
from verzuimdesk.gui.case_file_data import ladder_display, timeline_data
from verzuimdesk.gui.case_file_tables import (
    FactLabel,
    _drop_layout,
    _table,
    deadline_columns,
    event_columns,
    form_columns,
    signal_columns,
)
from verzuimdesk.gui.checklists_view import ChecklistsPanel, criterion_suggestions
from verzuimdesk.gui.dialogs import (
    CANCEL,
    SAVE,
    CloseCaseDialog,
    EventDialog,
    MoveDialog,
    RegieDialog,
    ask_save_changes,
)
from verzuimdesk.gui.formatting import date_long, date_short
from verzuimdesk.gui.ladder_move_dialog import MoveStageDialog
from verzuimdesk.gui.pupil_dialog import PupilDialog
from verzuimdesk.gui.pupil_legal_view import PupilLegalPanel
from verzuimdesk.gui.qt_layouts import skip_idle_tab_relayouts
from verzuimdesk.gui.table_model import RowTableModel
from verzuimdesk.gui.timeline import (
    TimelineWidget,
)

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: Height the ladder and the events list keep when the case file is first split (px).
LOWER_PANE_MIN = 240


class CaseFileView(QWidget):
    """One case file (a tab of the main window)."""

    openAbsences = Signal(int)
    titleChanged = Signal(str)
    # Built by the page builders of :mod:`.case_file_pages`.
    events: QTableView
    deadlines: QTableView
    forms: QTableView
    form_buttons: QHBoxLayout
    event_buttons: dict[str, QPushButton]
    open_attachment_button: QPushButton
    save_attachment_button: QPushButton
    delete_event_button: QPushButton
    done_button: QPushButton

    def __init__(
        self, desk: Desk, case_id: int, undo_stack: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.desk, self.case_id, self.undo_stack = desk, case_id, undo_stack
        self.setObjectName("caseFile")
        self.file: queries.CaseFile | None = None
        #: The main window's tab text: pupil and case number, "(gesloten)" when closed.
        self.tab_title = "Casus"

        # Built top-down (containers first, children created inside their final
        # parent): every reparent re-polishes a subtree under the style sheet, and
        # bottom-up construction made opening a case file several times slower.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        # Header
        self.header, head = self._bar(layout, "caseHeader", 12)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        head.addLayout(titles, 1)
        self.name_label = QLabel(self.header)
        self.name_label.setObjectName("caseTitle")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)  # user data, never HTML (issue 11)
        self.sub_label = QLabel(self.header)
        self.sub_label.setObjectName("caseSubtitle")
        self.sub_label.setTextFormat(Qt.TextFormat.PlainText)  # user data, never HTML (issue 11)
        name_row = QHBoxLayout()
        name_row.setSpacing(12)
        name_row.addWidget(self.name_label)
        self.edit_pupil_button = QPushButton("Leerling bewerken…", self.header)
        self.edit_pupil_button.setObjectName("smallButton")
        self.edit_pupil_button.setToolTip(
            "Naam, geboortedatum, BSN, school, adres en ouders wijzigen (Ctrl+Shift+E)"
        )
        self.edit_pupil_button.clicked.connect(self.edit_pupil)
        name_row.addWidget(self.edit_pupil_button, 0, Qt.AlignmentFlag.AlignVCenter)
        name_row.addStretch(1)
        titles.addLayout(name_row)
        titles.addWidget(self.sub_label)
        titles.addSpacing(6)
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(24)
        titles.addLayout(self.facts)
        self.fact_labels: dict[str, FactLabel] = {}
        for i, (key, caption) in enumerate(
            (
                ("school", "School"),
                ("number", "Casus"),
                ("stage", "Stap"),
                ("category", "Categorie"),
                ("regie", "In regie"),
                ("week", "Lesweek"),
            )
        ):
            cap = QLabel(caption, self.header)
            cap.setObjectName("factCaption")
            value = FactLabel(self.header)
            value.setObjectName("factValue")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            value.setMinimumWidth(60)
            self.facts.addWidget(cap, 0, i)
            self.facts.addWidget(value, 1, i)
            self.fact_labels[key] = value
        for i, stretch in enumerate((3, 2, 3, 1, 4, 1)):
            self.facts.setColumnStretch(i, stretch)
        buttons = QVBoxLayout()
        head.addLayout(buttons)
        self.move_button = QPushButton("Naar volgende stap…", self.header)
        self.move_button.setObjectName("primaryButton")
        self.move_button.clicked.connect(lambda: self.request_move(""))
        self.absence_button = QPushButton("Verzuim invoeren", self.header)
        self.absence_button.setToolTip("Verzuim van de leerling invoeren (Ctrl+E)")
        self.absence_button.clicked.connect(self._open_absences)
        self.close_button = QPushButton("Casus sluiten…", self.header)
        self.close_button.clicked.connect(self.close_case)
        buttons.addWidget(self.move_button)
        buttons.addWidget(self.absence_button)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)

        # Shown while the case is closed: read-only, with a way back.
        self.closed_banner, banner = self._bar(layout, "closedBanner", 8)
        self.closed_label = QLabel(self.closed_banner)
        self.closed_label.setObjectName("closedText")
        self.closed_label.setWordWrap(True)
        banner.addWidget(self.closed_label, 1)
        self.reopen_button = QPushButton("Heropenen", self.closed_banner)
        self.reopen_button.setToolTip(
            "De casus weer openen (wordt vastgelegd in de gebeurtenissen)"
        )
        self.reopen_button.clicked.connect(self.reopen_case)
        banner.addWidget(self.reopen_button)
        self.closed_banner.hide()

        content = QVBoxLayout()
        content.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(content, 1)
        main = QSplitter(Qt.Orientation.Vertical, self)
        main.setChildrenCollapsible(False)  # a dragged handle must not make a pane vanish
        content.addWidget(main, 1)

        # Timeline
        self.timeline = TimelineWidget(None, main)
        self.timeline.itemActivated.connect(self._timeline_item)
        main.addWidget(self.timeline)
        lower = QSplitter(Qt.Orientation.Horizontal, main)
        lower.setObjectName("caseSplitter")
        lower.setChildrenCollapsible(False)
        main.addWidget(lower)

        # Ladder
        self.ladder = ladder_view.LadderStepper(None, lower)
        self.ladder.moveRequested.connect(self.move_to)
        self.ladder.regieRequested.connect(self.change_regie)
        self.ladder.setMinimumWidth(320)
        self.ladder.actionToggled.connect(self.toggle_action)
        lower.addWidget(self.ladder)

        # Tabs
        self.tabs = QTabWidget(lower)
        self.tabs.setObjectName("caseTabs")
        skip_idle_tab_relayouts(self.tabs)
        lower.addWidget(self.tabs)
        self.events_model = RowTableModel(event_columns(), self)
        self.deadlines_model = RowTableModel(deadline_columns(self._today), self)
        self.signals_model = RowTableModel(signal_columns(), self)
        self.forms_model = RowTableModel(form_columns(), self)
        case_file_pages.build_events_page(self, self._page("Gebeurtenissen"))
        case_file_pages.build_deadlines_page(self, self._page("Termijnen"))
        signals_page = self._page("Signalen")
        self.signals = _table(self.signals_model, "signalsTable", signals_page)
        signals_layout = QVBoxLayout(signals_page)
        signals_layout.setContentsMargins(6, 6, 6, 6)
        signals_layout.addWidget(self.signals)
        self.signals.setToolTip("Dubbelklik op een DUO-signaal om de melding in te vullen")
        self.signals.doubleClicked.connect(lambda index: self.report_signal(index.row()))
        case_file_pages.build_forms_page(self, self._page("Formulieren"))
        self.checklists_page = self._page("Checklists")
        checklists_layout = QVBoxLayout(self.checklists_page)
        checklists_layout.setContentsMargins(0, 0, 0, 0)
        self.checklists = ChecklistsPanel(self.checklists_page)
        self.checklists.answerToggled.connect(self.toggle_checklist)
        checklists_layout.addWidget(self.checklists)
        self._checklists_stale = True
        self.tabs.currentChanged.connect(lambda *_: self._fill_checklists())
        self.pupil_page = self._page("Leerling")
        pupil_layout = QVBoxLayout(self.pupil_page)
        pupil_layout.setContentsMargins(0, 0, 0, 0)
        self.pupil_panel = PupilLegalPanel(desk, undo_stack, self.pupil_page)
        self.pupil_panel.editRequested.connect(self.edit_pupil)
        pupil_layout.addWidget(self.pupil_panel)

        lower.setStretchFactor(0, 0)
        lower.setStretchFactor(1, 1)
        lower.setSizes([470, 850])
        main.setStretchFactor(0, 1)  # the timeline takes a third of any extra height
        main.setStretchFactor(1, 2)
        main.setSizes([300, 400])
        self.main_splitter = main
        self._split_once = True

        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.events)
        delete.activated.connect(self.delete_selected_event)

        self._pending = False
        self._event_dialog: EventDialog | None = None
        self._unsubscribe = changes.bus(desk).subscribe(self._on_change)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.refresh()

    def showEvent(self, event: Any) -> None:
        """First shown: split the height between timeline and the rest by the room there is.

        A fixed 300 px timeline left a small window (1024×700) one and a half rows of events.
        """
        super().showEvent(event)
        if self._split_once:
            self._split_once = False
            QTimer.singleShot(0, self._split_height)

    def _split_height(self) -> None:
        splitter = self.main_splitter
        total = sum(splitter.sizes())
        if total <= 0:
            return
        low = self.timeline.minimumSizeHint().height()
        high = max(low, self.timeline.sizeHint().height())
        # Half for the timeline, but the events list keeps room for a handful of rows.
        top = int(min(high, max(low, min(total * 0.5, total - LOWER_PANE_MIN))))
        splitter.setSizes([top, total - top])

    # ------------------------------------------------------------------ pages

    def _page(self, title: str) -> QWidget:
        page = QWidget()
        self.tabs.addTab(page, title)  # empty: reparenting it is cheap
        return page

    # ------------------------------------------------------------------ data

    def _today(self) -> dt.date:
        return self.file.today if self.file else dt.date.today()

    def refresh(self) -> None:
        """Reload the case file from the services and show it."""
        try:
            file = queries.case_file(self.desk, self.case_id)
        except ServiceError as exc:
            self.name_label.setText(exc.message)
            return
        self.file = file
        self.name_label.setText(file.pupil_name)
        sub = [f"{file.age} jaar", file.leerplicht, f"geboren {date_short(file.birth_date)}"]
        # Routes follow the woongemeente: say when it is unknown (issue 9).
        sub.append(
            f"woongemeente {file.municipality}" if file.municipality else "woongemeente onbekend"
        )
        bsn = file.prefill.get("pupil.bsn")
        if bsn:
            sub.append(f"BSN {mask_bsn(bsn)}")  # in full only in the pupil dialog
        if file.closed_on:
            sub.append(f"GESLOTEN {date_short(file.closed_on)}")
        self.sub_label.setText("  ·  ".join(x for x in sub if x))
        facts = {
            "school": file.school_name or "—",
            "number": file.number,
            "stage": file.stage_label,
            "category": file.category or "—",
            "regie": file.regie or "—",
            # Weeks of continued absence; 0: the pupil has been at school since.
            "week": "—"
            if file.week is None
            else str(file.week)
            if file.week
            else "— (weer op school)",
        }
        for key, value in facts.items():
            self.fact_labels[key].setText(value)
        self.fact_labels["category"].setToolTip("Inspectiecategorie")
        self.timeline.set_data(timeline_data(file))
        if ladder_view is not None:
            self.ladder.set_display(ladder_display(self.desk, file))
        else:
            self.ladder.set_file(file)
        self.events_model.set_rows(list(reversed(file.events)))
        self._update_attachment_buttons()
        self.deadlines_model.set_rows(
            sorted(file.deadlines, key=lambda d: (d.done_on is not None, d.due_on))
        )
        self.signals_model.set_rows(list(reversed(file.signals)))
        self.forms_model.set_rows(file.forms)
        self._fill_form_buttons(file)
        open_deadlines = len(file.open_deadlines)
        overdue = sum(1 for d in file.deadlines if d.overdue)
        self.tabs.setTabText(
            1, f"Termijnen ({open_deadlines}{', ' + str(overdue) + ' verlopen' if overdue else ''})"
        )
        self.tabs.setTabText(2, f"Signalen ({len(file.signals)})")
        self.tabs.setTabText(3, f"Formulieren ({len(file.forms)})")
        closed = file.closed_on is not None
        self.move_button.setEnabled(not closed and bool(file.ladder.transitions))
        self.move_button.setToolTip(
            "Deze casus is gesloten."
            if closed
            else "De casus naar een volgende stap van de route verplaatsen"
            if file.ladder.transitions
            else "Dit is een eindstap: sluit de casus met een uitkomst (Casus sluiten…)."
        )
        self.close_button.setEnabled(not closed)
        self._show_closed(file)
        self._checklists_stale = True
        self._fill_checklists()
        self.pupil_panel.show_pupil(file.pupil_id)
        self.tab_title = f"{file.pupil_name} · {file.number}" + (" (gesloten)" if closed else "")
        self.titleChanged.emit(self.tab_title)

    def _show_closed(self, file: queries.CaseFile) -> None:
        """A closed case is read-only: a banner says so and offers *Heropenen*."""
        closed = file.closed_on is not None
        self.closed_banner.setVisible(closed)
        if closed:
            note = f" — {file.outcome_note}" if file.outcome_note else ""
            self.closed_label.setText(  # the note is the user's text: escaped (issue 11)
                f"<b>Deze casus is gesloten op {date_long(file.closed_on)}.</b> "
                + html.escape(f"Uitkomst: {file.outcome_name or file.outcome or '—'}{note}")
            )
        for button in (*self.event_buttons.values(), self.delete_event_button, self.done_button):
            button.setEnabled(not closed)
        for box in self.ladder.findChildren(QCheckBox):
            if closed:
                box.setEnabled(False)

    def _fill_checklists(self) -> None:
        """Show the region's checklists (built when the tab is first looked at)."""
        file = self.file
        if file is None:
            return
        index = self.tabs.indexOf(self.checklists_page)
        shown = {i.id for c in file.checklists for i in c.items}
        ticked = sum(1 for key in file.checklist_answers if key in shown)
        self.tabs.setTabVisible(index, bool(file.checklists))
        self.tabs.setTabText(index, f"Checklists ({ticked})" if ticked else "Checklists")
        self.tabs.setTabToolTip(
            index, ", ".join(c.name for c in file.checklists) if file.checklists else ""
        )
        if not self._checklists_stale or self.tabs.currentIndex() != index:
            return
        self._checklists_stale = False
        self.checklists.set_checklists(
            file.checklists,
            file.checklist_answers,
            read_only=file.closed_on is not None,
            suggestions=criterion_suggestions(
                self.desk.registry.ladder(self.desk.region_id),
                file.ladder.transitions,
                file.checklists,
            ),
            role_names=file.role_names,
        )

    def _fill_form_buttons(self, file: queries.CaseFile) -> None:
        _drop_layout(self.form_buttons)
        stage_forms = set(file.ladder.forms)
        for form in sorted(file.available_forms, key=lambda f: (f.id not in stage_forms, f.name)):
            button = QPushButton(f"+ {form.name}", self.forms.parentWidget())
            button.setObjectName("smallButton")
            if form.id in stage_forms:
                button.setToolTip("Hoort bij de huidige stap")
            button.clicked.connect(lambda _=False, fid=form.id: self.open_form(fid))
            button.setEnabled(file.closed_on is None)
            self.form_buttons.addWidget(button)
        self.form_buttons.addStretch(1)

    def _on_change(self, change: changes.Change) -> None:
        if change.touches_case(self.case_id) and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._apply_change)

    def _apply_change(self) -> None:
        self._pending = False
        self.refresh()

    # ------------------------------------------------------------------ actions

    def request_move(self, target: str) -> None:
        """Ask for the reason (and decision) and move the case on."""
        if self.file is None:
            return
        if ladder_view is not None and isinstance(self.ladder, ladder_view.LadderStepper):
            dialog = self.ladder.open_move_dialog()
            if dialog is not None and target:
                dialog.set_target(target)
            return
        dialog = MoveDialog(
            self.desk, self.case_id, self.file.ladder.transitions, self, target or None
        )
        dialog.exec()

    def move_to(self, target: str, reason: str, decision: Any, on: Any) -> bool:
        """Move the case to ``target`` (from the stepper's dialog); True when it moved."""
        seen = self.file.ladder.stage.id if self.file else None  # a colleague may move it
        move = {"reason": reason, "decision": decision, "on": on}
        return move_case(self, self.desk, self.case_id, target, seen=seen, **move)

    def change_regie(self) -> bool:
        """*Regie wijzigen…*: hand regie to another allowed role or person (undoable)."""
        file = self.file
        if file is None or not file.regie_changeable:
            return False
        dialog = RegieDialog(self.desk, file, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        if file.regie_role_id:
            undo.push_safely(
                self.undo_stack,
                undo.RegieCommand(
                    self.desk,
                    self.case_id,
                    (dialog.role.currentData(), dialog.person.currentData()),
                    (file.regie_role_id, file.regie_person_id),
                ),
            )
        return True

    def toggle_action(self, action_id: str, done: bool) -> None:
        """Tick or untick a ladder action (undoable)."""
        try:
            cases.set_action_done(self.desk, self.case_id, action_id, done)
        except ServiceError as exc:
            errors.report(self, exc)
            return
        undo.push_safely(
            self.undo_stack, undo.ActionToggleCommand(self.desk, self.case_id, action_id, done)
        )

    def toggle_checklist(self, item_id: str, ticked: bool) -> None:
        """Tick or untick a region checklist item: one transaction, undoable (Ctrl+Z)."""
        previous = self.file.checklist_answers.get(item_id) if self.file else None
        value = True if ticked else None
        try:
            cases.set_checklist_answer(self.desk, self.case_id, item_id, value)
        except ServiceError as exc:
            errors.report(self, exc)
            self._checklists_stale = True
            self.refresh()
            return
        undo.push_safely(
            self.undo_stack,
            undo.ChecklistAnswerCommand(self.desk, self.case_id, item_id, value, previous),
        )

    def edit_pupil(self) -> bool:
        """*Leerling bewerken…*: the pupil dialog; every open view follows. True when saved."""
        if self.file is None:
            return False
        dialog = PupilDialog(self.desk, self, pupil_id=self.file.pupil_id)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def reopen_case(self) -> bool:
        """*Heropenen*: open the closed case again (recorded as an event). True when done."""
        try:
            cases.reopen_case(self.desk, self.case_id)
        except ServiceError as exc:
            errors.report(self, exc)
            return False
        return True

    def unsaved_editors(self) -> list[Any]:
        """Open form windows and note editors of this case with input not yet saved."""
        from verzuimdesk.gui.forms_dialog import FormDialog

        editors: list[Any] = [
            d for d in self.findChildren(FormDialog) if d.isVisible() and d.has_unsaved_input()
        ]
        dialog = self._event_dialog
        if dialog is not None and dialog.isVisible() and dialog.has_unsaved_input():
            editors.append(dialog)
        if ladder_view is not None:
            for move in self.ladder.findChildren(MoveStageDialog):
                editor = MoveEditor(move)
                if move.isVisible() and editor.has_unsaved_input():
                    editors.append(editor)
        return editors

    def confirm_close(self) -> bool:
        """Before the tab closes: "Wijzigingen opslaan?" per unsaved editor. False = stay."""
        for editor in self.unsaved_editors():
            window = getattr(editor, "dialog", editor)
            window.raise_()
            choice = ask_save_changes(window, f"Het venster ‘{window.windowTitle()}’")
            if choice == CANCEL:
                return False
            if choice == SAVE and not editor.save_changes():
                return False  # refused: the editor stays open with its messages
            if window.isVisible():
                editor.discard()
        return True

    def add_event(self, kind: str) -> None:
        """Add a note/contact/meeting/decision (undoable)."""
        dialog = EventDialog(self.desk, self.case_id, kind, self)
        self._event_dialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self._event_dialog = None
        if accepted:
            undo.push_safely(
                self.undo_stack,
                undo.AddEventCommand(
                    self.desk, dialog.result_value, cases.USER_EVENT_KINDS.get(kind, "Gebeurtenis")
                ),
            )

    def delete_selected_event(self) -> None:
        """Delete the selected note/contact/meeting/decision; Ctrl+Z brings it back."""
        index = self.events.currentIndex()
        event = self.events_model.row_at(index.row()) if index.isValid() else None
        if event is None:
            return
        if not event.deletable:
            errors.show_error(
                self,
                "Alleen notities, contacten, overleggen, besluiten en brieven kunnen worden "
                "verwijderd.",
            )
            return
        try:
            cases.delete_event(self.desk, event.id)
        except ServiceError as exc:
            errors.report(self, exc)
            return
        undo.push_safely(
            self.undo_stack, undo.DeleteEventCommand(self.desk, event.id, event.kind_name)
        )

    # ------------------------------------------------------------------ documents

    def print_case_file(self) -> str | None:
        """*Afdrukken (PDF)…*: the case summary as a PDF for an overleg; returns the path."""
        return case_documents.print_case_file(self)

    def make_letter(self) -> bool:
        """*Brief maken…*: a letter from a template, kept with the case when saved."""
        return case_documents.make_letter(self)

    def _selected_event(self) -> queries.EventItem | None:
        index = self.events.currentIndex()
        return self.events_model.row_at(index.row()) if index.isValid() else None

    def _update_attachment_buttons(self) -> None:
        case_documents.update_attachment_buttons(self, self._selected_event())

    def save_selected_attachment(self) -> str | None:
        """Save the selected letter's PDF as a file; returns the path written."""
        return case_documents.save_attachment(self, self._selected_event())

    def open_selected_attachment(self) -> str | None:
        """Open the selected letter's PDF in the system's viewer (from a private temp file)."""
        return case_documents.open_attachment(self, self._selected_event())

    def mark_selected_done(self) -> None:
        """Mark the selected deadline done with a date (undoable)."""
        index = self.deadlines.currentIndex()
        deadline = self.deadlines_model.row_at(index.row()) if index.isValid() else None
        if deadline is None or deadline.done_on is not None:
            return
        mark_done(self, self.desk, self.undo_stack, deadline.id, deadline.what)

    def _bar(self, layout: QVBoxLayout, name: str, margin: int) -> tuple[QFrame, QHBoxLayout]:
        """A full-width styled strip of the case file (header, banner) and its row layout."""
        frame = QFrame(self)
        frame.setObjectName(name)
        layout.addWidget(frame)
        row = QHBoxLayout(frame)
        row.setContentsMargins(16, margin, 16, margin)
        return frame, row

    def _open_absences(self) -> None:
        if self.file is not None:
            self.openAbsences.emit(self.file.pupil_id)

    def close_case(self) -> None:
        """Close the case with an outcome."""
        if self.file is None:
            return
        CloseCaseDialog(self.desk, self.case_id, self.file.outcomes, self).exec()

    def open_form(self, form_id: str, submission_id: int | None = None, signal: Any = None) -> None:
        """Open a regional form, pre-filled from the case (or a saved submission); a report
        form (DUO) also from ``signal`` or the case's one open DUO signal."""
        from verzuimdesk.gui.forms_dialog import FormDialog

        if self.file is None:
            return
        dialog = FormDialog(
            self.desk,
            self.file,
            form_id,
            submission_id,
            self,
            signal=signal,
            undo_stack=self.undo_stack,
        )
        dialog.show()
        self._form_dialog = dialog

    def report_signal(self, row: int) -> None:
        """Open the region's report form (DUO) for the signal in ``row``, pre-filled."""
        from verzuimdesk.core.forms import DUO_REPORT_KINDS, is_report_form

        signal = self.signals_model.row_at(row)
        if self.file is None or signal is None or self.file.closed_on is not None:
            return
        if signal.code not in DUO_REPORT_KINDS:
            return
        form = next((f for f in self.file.available_forms if is_report_form(f)), None)
        if form is not None:
            self.open_form(form.id, signal=signal)

    def open_submission(self, row: int) -> None:
        """Open a saved form."""
        submission = self.forms_model.row_at(row)
        if submission is not None:
            self.open_form(submission.form_id, submission.id)

    def _timeline_item(self, item_id: str) -> None:
        kind, _, ident = item_id.partition(":")
        if kind == "event":
            self._select(self.events, self.events_model, lambda e: str(e.id) == ident, 0)
        elif kind == "deadline":
            self._select(self.deadlines, self.deadlines_model, lambda d: str(d.id) == ident, 1)
        elif kind == "signal" and self.file:
            signal = self.file.signals[int(ident)]
            self._select(self.signals, self.signals_model, lambda s: s is signal, 2)

    def _select(self, table: QTableView, model: RowTableModel, match: Any, tab: int) -> None:
        self.tabs.setCurrentIndex(tab)
        for i, row in enumerate(model.rows):
            if match(row):
                table.selectRow(i)
                table.scrollTo(model.index(i, 0))
                return


__all__ = ["CaseFileView"]
