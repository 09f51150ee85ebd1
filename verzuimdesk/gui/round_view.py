"""The phone round tab: the schools with their progress, and the school being called.

Left the round's schools (✓ klaar, ☎ terugbellen, · te doen; a colleague calling one is
named), above them the progress; right the :class:`~verzuimdesk.gui.round_panel.RoundPanel`.
**Alt+PgDown** / **Alt+PgUp** go to the next / previous school; after a call is recorded the
view moves to the next school still to do. Everything is saved at once, so the round can be
left and resumed at any moment (also by a colleague on a shared case base).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import changes, round_work
from verzuimdesk.core.services.errors import ServiceError
from verzuimdesk.core.services.school_views import RoundSchoolPage, round_school_page
from verzuimdesk.gui.round_panel import RoundPanel

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

MARKS = {"done": "✓", "callback": "☎", "todo": "·"}


class RoundView(QWidget):
    """One round. Emits ``openCase(case_id)`` and ``newCase(round_pupil_id, pupil_id)``."""

    openCase = Signal(int)
    newCase = Signal(int, int)
    titleChanged = Signal(str)
    message = Signal(str)

    def __init__(self, desk: Desk, round_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.round_id = desk, round_id
        self.setObjectName("roundView")
        self.overview: round_work.RoundOverview | None = None
        self.current_entry: int | None = None
        self.progress = QLabel()
        self.progress.setObjectName("sectionTitle")
        self.progress.setWordWrap(True)
        self.schools = QListWidget()
        self.schools.setObjectName("roundSchoolList")
        self.schools.setMinimumWidth(200)
        # A long school name wraps onto a second line instead of being cut off.
        self.schools.setWordWrap(True)
        self.schools.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.schools.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.schools.currentItemChanged.connect(lambda *_: self._school_chosen())
        self.panel = RoundPanel(desk)
        self.panel.callRecorded.connect(self._called)
        self.panel.pupilBack.connect(self._pupil_back)
        self.panel.newCaseFor.connect(self.newCase)
        self.panel.message.connect(self.message)
        self.panel.table.doubleClicked.connect(self._open_case)
        self.remove_button = QPushButton("School van de ronde &halen…")
        self.remove_button.setObjectName("removeRoundSchool")
        self.remove_button.setToolTip(
            "De gekozen school met haar leerlingen van deze belronde halen (Delete)"
        )
        self.remove_button.clicked.connect(lambda: self.remove_school())
        remove_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.schools)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(lambda: self.remove_school())
        #: The window's undo stack (set by the window): removing a school can be undone.
        self.undo_stack: Any = None
        #: The progress dialog of the last summary PDF (tests look at it).
        self.progress_dialog: QProgressDialog | None = None
        self.pdf_button = QPushButton("Samenvatting (pdf)…")
        self.finish_button = QPushButton("Belronde afronden…")
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.finish_button.clicked.connect(self.finish)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.progress)
        box.addWidget(self.schools, 1)
        box.addWidget(self.remove_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.finish_button)
        box.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.panel)
        left.setMaximumWidth(340)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addWidget(split, 1)
        for keys, step in (("Alt+PgDown", 1), ("Alt+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.step(s))
        self._pending = False
        #: Pages of the schools next to the current one, loaded in advance (moving on is then
        #: only filling the panel); dropped on every change.
        self._prefetched: dict[int, RoundSchoolPage] = {}
        self._claim_from: int | None = None
        self._after_show = QTimer(self)
        self._after_show.setSingleShot(True)
        self._after_show.setInterval(0)
        self._after_show.timeout.connect(self._claim_and_prefetch)
        self._unsubscribe = changes.bus(desk).subscribe(self._on_change)
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.refresh()
        first = self.next_entry(None, include_current=True)
        if first is not None:
            self.show_school(first)

    @property
    def tab_title(self) -> str:
        """``Belronde 2024Q4``."""
        return f"Belronde {self.overview.quarter}" if self.overview else "Belronde"

    # ------------------------------------------------------------------ list

    def refresh(self) -> None:
        """Reload the round's schools and progress (the current school stays)."""
        self.overview = round_work.round_overview(self.desk, self.round_id)
        overview = self.overview
        finished = f" — afgerond op {overview.finished_on:%d-%m-%Y}" if overview.finished_on else ""
        self.progress.setText(f"Belronde {overview.quarter}: {overview.progress_text}{finished}")
        self.schools.blockSignals(True)
        self.schools.clear()
        for school in overview.schools:
            mark = MARKS.get(school.state, "·")
            text = f"{mark}  {school.name}  ({school.discussed}/{school.pupils})"
            if school.claimed_by:
                text += f" — {school.claimed_by} belt"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, school.id)
            item.setToolTip(f"{school.state_name}. {school.reason}")
            self.schools.addItem(item)
            if school.id == self.current_entry:
                self.schools.setCurrentItem(item)
        self.schools.blockSignals(False)
        self.titleChanged.emit(self.tab_title)

    def next_entry(self, after: int | None, *, include_current: bool = False) -> int | None:
        """The next school still to do (or to call back) after ``after``, wrapping around."""
        schools = self.overview.schools if self.overview else []
        ids = [s.id for s in schools]
        start = ids.index(after) + (0 if include_current else 1) if after in ids else 0
        order = schools[start:] + schools[:start]
        for school in order:
            if school.state != "done" and (include_current or school.id != after):
                return school.id
        return None

    def _school_chosen(self) -> None:
        item = self.schools.currentItem()
        if item is not None:
            self.show_school(int(item.data(Qt.ItemDataRole.UserRole)))

    def show_school(self, entry_id: int) -> None:
        """Show one school (its page prefetched when the user moved on to it), then claim it
        and fetch the schools around it while the user is on the phone."""
        previous = self.current_entry
        self.current_entry = entry_id
        page = self._prefetched.pop(entry_id, None) or round_school_page(self.desk, entry_id)
        self.panel.show_page(page, None)
        self._claim_from = previous
        self._after_show.start()
        for i in range(self.schools.count()):
            item = self.schools.item(i)
            if int(item.data(Qt.ItemDataRole.UserRole)) == entry_id:
                self.schools.blockSignals(True)
                self.schools.setCurrentItem(item)
                self.schools.blockSignals(False)
        self.panel.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _claim_and_prefetch(self) -> None:
        """After the school is painted: claim it (show a colleague's claim) and load the
        pages of the next and previous school."""
        entry_id = self.current_entry
        if entry_id is None:
            return
        try:
            claimed_by = round_work.claim_school(self.desk, entry_id, releasing=self._claim_from)
        except ServiceError:
            return
        self._claim_from = None
        self.panel.show_claim(claimed_by)
        schools = self.overview.schools if self.overview else []
        ids = [s.id for s in schools]
        if entry_id not in ids:
            return
        index = ids.index(entry_id)
        for near in {ids[(index + 1) % len(ids)], ids[index - 1]} - {entry_id}:
            if near not in self._prefetched:
                with contextlib.suppress(ServiceError):
                    self._prefetched[near] = round_school_page(self.desk, near)

    def step(self, by: int) -> None:
        """Alt+PgDown / Alt+PgUp: the next / previous school in the list."""
        schools = self.overview.schools if self.overview else []
        ids = [s.id for s in schools]
        if not ids:
            return
        index = ids.index(self.current_entry) if self.current_entry in ids else -by
        self.show_school(ids[(index + by) % len(ids)])

    # ------------------------------------------------------------------ reactions

    def _called(self, result: str) -> None:
        name = self.panel.page.name if self.panel.page else ""
        self.refresh()
        following = self.next_entry(self.current_entry)
        if following is None:
            self.message.emit(f"{name}: {round_work.CALL_RESULTS[result].lower()}. Alle scholen "
                              "zijn gebeld; rond de belronde af.")  # fmt: skip
            if self.current_entry is not None:
                self.show_school(self.current_entry)
            return
        self.show_school(following)
        nxt = self.panel.page.name if self.panel.page else ""
        self.message.emit(
            f"{name}: {round_work.CALL_RESULTS[result].lower()}. Volgende school: {nxt}."
        )

    def _pupil_back(self, case_id: int, name: str, back_on: dt.date) -> None:
        from verzuimdesk.gui.round_dialogs import ReturnDialog

        quarter = self.overview.quarter if self.overview else ""
        ReturnDialog(self.desk, case_id, name, back_on, quarter, self).exec()

    def _open_case(self, index: Any) -> None:
        row = self.panel.model.row_at(index.row())
        if row is not None and row.case_id is not None:
            self.openCase.emit(row.case_id)

    def case_opened(self, round_pupil_id: int, case_id: int) -> None:
        """A new case was opened for a pupil on the round: link it (and its event)."""
        round_work.attach_case(self.desk, round_pupil_id, case_id)
        if self.current_entry is not None:
            self.panel.show_page(round_school_page(self.desk, self.current_entry))

    def _on_change(self, change: changes.Change) -> None:
        self._forget(change)
        if change.kind not in ("round", "case", "event", "all", "school"):
            return
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._apply)

    def _forget(self, change: changes.Change) -> None:
        """Drop the prefetched pages a change may have made stale (only those)."""
        if change.kind in ("round", "deadline"):
            return  # a call at the current school: the other schools' pages stay as they are
        if change.case_ids is None or change.kind in ("all", "school"):
            self._prefetched.clear()
            return
        touched = set(change.case_ids)
        for entry_id, page in list(self._prefetched.items()):
            if touched & {p.case_id for p in page.pupils if p.case_id is not None}:
                del self._prefetched[entry_id]

    def _apply(self) -> None:
        self._pending = False
        try:
            self.refresh()
            if self.current_entry is not None:
                self.panel.show_page(round_school_page(self.desk, self.current_entry))
        except ServiceError:
            pass  # the round or school was removed meanwhile: keep what is shown

    # ------------------------------------------------------------------ the round

    def _confirm(self, title: str, text: str) -> bool:
        """Ask a yes/no question (*Nee* by default); True for *Ja*."""
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def remove_school(self, entry_id: int | None = None, *, confirm: bool = True) -> bool:
        """Take the chosen school (or ``entry_id``) off the round, after asking; Ctrl+Z
        puts it back. True when it was removed."""
        from verzuimdesk.core.services import round_removal
        from verzuimdesk.gui.round_undo import RemoveRoundSchoolCommand

        entry_id = entry_id if entry_id is not None else self.current_entry
        school = (
            next((s for s in self.overview.schools if s.id == entry_id), None)
            if (self.overview)
            else None
        )
        if entry_id is None or school is None:
            return False
        if confirm:
            done = (
                f" Van {school.discussed} leerling(en) is de status al vastgelegd; die staat "
                "in hun casus en blijft daar staan."
                if school.discussed
                else ""
            )
            if not self._confirm(
                "School van de belronde halen",
                f"{school.name} met {school.pupils} leerling(en) van de belronde halen?{done}\n"
                "Met Ctrl+Z zet u de school terug.",
            ):
                return False
        try:
            removed = round_removal.remove_school_from_round(self.desk, entry_id)
        except ServiceError as exc:
            QMessageBox.warning(self, "School van de belronde halen", exc.message)
            return False
        if self.undo_stack is not None:
            self.undo_stack.push(RemoveRoundSchoolCommand(self.desk, removed))
        if self.current_entry == entry_id:
            self.current_entry = None
        self._prefetched.clear()
        self.refresh()
        following = self.next_entry(None, include_current=True)
        if following is not None:
            self.show_school(following)
        self.message.emit(
            f"{removed.school_name} is van de belronde gehaald (Ctrl+Z: terugzetten)."
        )
        return True

    def finish(self) -> bool:
        """*Belronde afronden…*: finish it (asking first when schools are left)."""
        try:
            round_work.finish_round(self.desk, self.round_id)
        except ServiceError as exc:
            if not self._confirm(
                "Belronde afronden",
                f"{exc.message}\nToch afronden? De termijn voor het kwartaalcontact wordt dan "
                "afgehandeld.",
            ):
                return False
            round_work.finish_round(self.desk, self.round_id, force=True)
        self.refresh()
        self.message.emit(f"Belronde {self.overview.quarter if self.overview else ''} afgerond.")
        return True

    def save_pdf(self, path: str | None = None) -> str | None:
        """Ask where (unless ``path`` is given), then write the round's summary PDF with a
        progress dialog (one step per school; *Annuleren* stops it); the path, or None."""
        from verzuimdesk.gui.case_pdf import ask_pdf_path
        from verzuimdesk.gui.round_pdf import write_round_pdf

        quarter = self.overview.quarter if self.overview else "belronde"
        if path is None:
            path = ask_pdf_path(self, "Samenvatting belronde opslaan", f"belronde-{quarter}.pdf")
        if path is None:
            return None
        dialog = QProgressDialog("Samenvatting maken…", "Annuleren", 0, 1, self)
        dialog.setObjectName("roundPdfProgress")
        dialog.setWindowTitle("Samenvatting belronde")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self.progress_dialog = dialog

        def step(done: int, steps: int) -> bool:
            dialog.setMaximum(steps)
            if done < steps - 1:
                dialog.setLabelText(f"Scholen gelezen: {done} van {steps - 1}…")
            else:
                dialog.setLabelText("Pagina's opmaken…" if done < steps else "Klaar.")
            dialog.setValue(done)  # a modal progress dialog processes events here
            return not dialog.wasCanceled()

        dialog.show()
        try:
            pages = write_round_pdf(self.desk, self.round_id, path, step)
        finally:
            dialog.close()
        if pages == 0 and dialog.wasCanceled():
            self.message.emit("Samenvatting niet gemaakt (geannuleerd).")
            return None
        self.message.emit(f"Samenvatting opgeslagen: {path}")
        return path

    def showEvent(self, event: Any) -> None:
        """Back on the tab: the school being called is claimed again."""
        if self.current_entry is not None:
            with contextlib.suppress(ServiceError):
                round_work.claim_school(self.desk, self.current_entry)
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:
        """Leaving the tab gives up the claim on the school (colleagues may call it)."""
        if self.current_entry is not None:
            with contextlib.suppress(ServiceError):
                round_work.release_school(self.desk, self.current_entry)
        super().hideEvent(event)
