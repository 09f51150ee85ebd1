"""The user as a person of the region, and every person's workload.

- :class:`UserLinkBar` — at the top of the case list until the user is linked: "Wie bent u?"
  with *Kiezen…* and *Niet nu* (asked at first start, without blocking the desk with a modal
  window; *Niet nu* is remembered per case base).
- :class:`LinkPersonDialog` — *Beheer → Mijn persoon…*: pick the person (or nobody).
- :class:`WorkloadView` — *Werkvoorraad*: per person open cases, cases with an overdue
  deadline and *stil* cases (no event for six weeks); a person's cases below, *stil* ones
  marked; Enter opens a case.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import persons
from verzuimdesk.gui.case_list import settings
from verzuimdesk.gui.change_refresh import CoalescedRefresh, listen
from verzuimdesk.gui.formatting import date_short
from verzuimdesk.gui.table_model import OVERDUE, Column, RowTableModel, make_row_table

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


def _key(desk: Desk) -> str:
    url = getattr(desk.case_base, "url", "") or ""
    return "userlink/" + hashlib.sha1(str(url).encode("utf-8")).hexdigest()[:12]


class LinkPersonDialog(QDialog):
    """Pick the person of the region the desk's user is (or *Niemand*)."""

    NOBODY = "Niemand (niet gekoppeld)"

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle("Mijn persoon")
        self.list = QListWidget()
        self.list.setObjectName("personList")
        current = persons.linked_person(desk)
        nobody = QListWidgetItem(self.NOBODY)
        nobody.setData(256, None)
        self.list.addItem(nobody)
        for person in persons.list_persons(desk):
            item = QListWidgetItem(person.label)
            item.setData(256, person.id)
            if person.username and person.username != desk.user:
                item.setToolTip(f"Nu gekoppeld aan gebruiker {person.username}")
            self.list.addItem(item)
            if current is not None and person.id == current.id:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None:
            self.list.setCurrentRow(1 if self.list.count() > 1 else 0)
        intro = QLabel(
            f"Wie bent u? Kies de persoon van de regio die bij gebruiker <b>{desk.user}</b> "
            "hoort. ‘Mijn casussen’ en de werkvoorraad tonen dan de casussen waarin deze "
            "persoon de regie of een rol heeft. De koppeling staat in het casusbestand, dus "
            "ook op een andere computer bent u deze persoon."
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("OK", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda *_: self._save())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(460, 380)

    def chosen(self) -> int | None:
        """The chosen person's id (None: nobody)."""
        item = self.list.currentItem()
        value = item.data(256) if item is not None else None
        return None if value is None else int(value)

    def _save(self) -> None:
        persons.link_user(self.desk, self.chosen())
        self.accept()


class UserLinkBar(QWidget):
    """ "Wie bent u?" above the case list, until the user is linked or says *Niet nu*."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("userLinkBar")
        self.setStyleSheet(
            "#userLinkBar { background: #eef4fb; border: 1px solid #c8d9ee; border-radius: 4px; }"
        )
        self.text = QLabel(
            "Wie bent u? Koppel uw gebruikersnaam aan een persoon van de regio, dan toont "
            "‘Mijn casussen’ uw casussen."
        )
        self.text.setWordWrap(True)
        self.choose_button = QPushButton("Kiezen…")
        self.choose_button.setObjectName("chooseLinkedPerson")
        self.later_button = QPushButton("Niet nu")
        self.choose_button.clicked.connect(self.choose)
        self.later_button.clicked.connect(self.later)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.later_button)
        self.update_visibility()

    def needed(self) -> bool:
        """True when the case base has persons, the user is not linked and did not say no."""
        if settings().value(_key(self.desk), "") == "later":
            return False
        return bool(persons.list_persons(self.desk)) and persons.linked_person(self.desk) is None

    def update_visibility(self) -> None:
        """Show the bar only while it is needed."""
        self.setVisible(self.needed())

    def choose(self) -> bool:
        """*Kiezen…*: the person dialog; True when linked."""
        dialog = LinkPersonDialog(self.desk, self.window())
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.update_visibility()
        return accepted

    def later(self) -> None:
        """*Niet nu*: not asked again for this case base (Beheer → Mijn persoon… still works)."""
        settings().setValue(_key(self.desk), "later")
        self.hide()


def workload_columns() -> list[Column]:
    """Columns of the persons table."""
    return [
        Column("Persoon", lambda r: r.person.label, width=240),
        Column("Open casussen", lambda r: str(r.open_cases), width=110, align_right=True),
        Column("Met verlopen termijn", lambda r: str(r.overdue_cases), width=150,
               align_right=True, foreground=lambda r: OVERDUE if r.overdue_cases else None),
        Column("Stil (≥ 6 weken)", lambda r: str(r.quiet_cases), width=130, align_right=True,
               bold=lambda r: r.quiet_cases > 0),
    ]  # fmt: skip


def case_columns() -> list[Column]:
    """Columns of a person's cases."""
    return [
        Column("Casus", lambda r: r.number, width=120, wrap=False),
        Column("Leerling", lambda r: r.pupil_name, width=180),
        Column("Rol", lambda r: r.role, width=170),
        Column("Verlopen termijnen", lambda r: str(r.overdue) if r.overdue else "", width=140,
               align_right=True, foreground=lambda r: OVERDUE if r.overdue else None),
        Column("Laatste gebeurtenis", lambda r: date_short(r.last_event_on), width=140),
        Column("Stil", lambda r: f"stil ({r.quiet_days} dagen)" if r.quiet else "", width=130,
               bold=lambda r: r.quiet, foreground=lambda r: OVERDUE if r.quiet else None),
    ]  # fmt: skip


class WorkloadView(QWidget):
    """Persons with their workload; the selected person's cases below. Emits ``openCase``."""

    openCase = Signal(int)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("workloadView")
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.persons = RowTableModel(workload_columns(), self)
        self.person_table = make_row_table(self.persons, "workloadPersons", row_height=28)
        self.cases = RowTableModel(case_columns(), self)
        self.case_table = make_row_table(self.cases, "workloadCases", row_height=28)
        self.case_title = QLabel()
        self.person_table.selectionModel().currentRowChanged.connect(lambda *_: self._person())
        self.case_table.activated.connect(self._open)
        self.case_table.doubleClicked.connect(self._open)
        lower = QWidget()
        box = QVBoxLayout(lower)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.case_title)
        box.addWidget(self.case_table, 1)
        split = QSplitter()
        split.setOrientation(split.orientation().Vertical)
        split.addWidget(self.person_table)
        split.addWidget(lower)
        split.setSizes([260, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addWidget(self.title)
        layout.addWidget(split, 1)
        self._refresher = CoalescedRefresh(self, self.refresh)
        listen(self, desk, lambda _change: self._refresher.request())
        self.refresh()

    def refresh(self) -> None:
        """Reload the persons (keeping the selected one) and their cases."""
        selected = self.current_person()
        rows = persons.workload_overview(self.desk)
        self.persons.set_rows(rows)
        total = sum(r.quiet_cases for r in rows)
        self.title.setText(
            f"Werkvoorraad per persoon — {len(rows)} personen, {total} stille casussen "
            "(zes weken of langer zonder gebeurtenis)"
        )
        linked = persons.linked_person(self.desk)
        wanted = selected if selected is not None else (linked.id if linked else None)
        index = next((i for i, r in enumerate(rows) if r.person.id == wanted), 0)
        if rows:
            self.person_table.selectRow(index)
        self._person()

    def current_person(self) -> int | None:
        """The selected person's id."""
        index = self.person_table.currentIndex()
        row = self.persons.row_at(index.row()) if index.isValid() else None
        return row.person.id if row is not None else None

    def _person(self) -> None:
        person_id = self.current_person()
        rows = persons.person_workload(self.desk, person_id) if person_id is not None else []
        self.cases.set_rows(rows)
        index = self.person_table.currentIndex()
        row = self.persons.row_at(index.row()) if index.isValid() else None
        self.case_title.setText(
            f"Casussen van {row.person.name}" if row is not None else "Geen personen."
        )

    def _open(self, index: Any) -> None:
        row = self.cases.row_at(index.row())
        if row is not None:
            self.openCase.emit(row.case_id)
