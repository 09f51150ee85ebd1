"""The desk's dialogs: new case, add event, move on, mark done, close case.

Every dialog validates through a service and shows the Dutch message next to
the field it concerns; nothing is saved until the service accepts it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import cases, pupils, queries
from verzuimdesk.core.services.common import today
from verzuimdesk.core.services.errors import ValidationError
from verzuimdesk.gui.date_field import DateField
from verzuimdesk.gui.formatting import from_qdate
from verzuimdesk.gui.qt_layouts import grow_to_fit

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: A field widget of a :class:`ValidatingDialog`; :meth:`~ValidatingDialog.add_field` returns it.
W = TypeVar("W", bound=QWidget)

#: Answers of :func:`ask_save_changes`.
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_save_changes(parent: QWidget | None, what: str) -> str:
    """Ask "Wijzigingen opslaan?" about ``what``: :data:`SAVE`, :data:`DISCARD` or :data:`CANCEL`.

    Escape (or closing the question) means *Annuleren*: nothing is lost.
    """
    box = QMessageBox(parent)
    box.setObjectName("saveChangesBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Wijzigingen opslaan?")
    box.setText("<b>Wijzigingen opslaan?</b>")
    box.setInformativeText(f"{what} bevat invoer die nog niet is opgeslagen.")
    save = box.addButton("Opslaan", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Niet opslaan", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is save:
        return SAVE
    if clicked is discard:
        return DISCARD
    return CANCEL


def date_edit(day: dt.date | None = None, *, optional: bool = False) -> DateField:
    """A Dutch date field (``dd-mm-jjjj``, typed or picked from a calendar); an optional
    one starts and may be left empty."""
    return DateField(day, optional=optional)


def optional_date(edit: DateField) -> dt.date | None:
    """The date of an optional date field (None when empty)."""
    return edit.value()


def field_with_error(widget: QWidget) -> tuple[QWidget, QLabel]:
    """Put ``widget`` above an (initially hidden) red message label: the Dutch message
    about this field appears right under it. Returns the box and the label."""
    box = QWidget()
    inner = QVBoxLayout(box)
    inner.setContentsMargins(0, 0, 0, 0)
    inner.setSpacing(2)
    inner.addWidget(widget)
    error = QLabel()
    error.setObjectName("fieldError")
    error.setWordWrap(True)
    error.hide()
    inner.addWidget(error)
    return box, error


def may_close_without_saving(dialog: Any, what: str) -> bool:
    """Before a dialog with input closes: ask "Wijzigingen opslaan?" when input would be lost.

    ``dialog`` has ``has_unsaved_input()`` and ``save_changes()`` (which closes it when the
    save succeeds). Returns True when the caller may close it without saving (nothing
    typed, or *Niet opslaan*); *Opslaan* saves (and closes) here; *Annuleren* keeps it open.
    """
    if not (dialog.isVisible() and dialog.has_unsaved_input()):
        return True
    choice = ask_save_changes(dialog, what)
    if choice == SAVE:
        dialog.save_changes()
    return choice == DISCARD


class GuardedDialog(QDialog):
    """A dialog that asks "Wijzigingen opslaan?" before closing would lose typed input.

    Subclasses say what is unsaved (:meth:`has_unsaved_input`), how to save it
    (:meth:`save_changes`) and how the question names the window (:meth:`unsaved_what`).
    """

    def has_unsaved_input(self) -> bool:
        """True when closing now would lose what the user typed (subclasses decide)."""
        return False

    def save_changes(self) -> bool:  # pragma: no cover - overridden
        """Save and close; False (messages shown, stays open) when refused."""
        raise NotImplementedError

    def unsaved_what(self) -> str:
        """The window as the question names it (``Het venster ‘Notitie toevoegen’``)."""
        return f"Het venster ‘{self.windowTitle()}’"

    def discard(self) -> None:
        """Close without saving and without asking."""
        QDialog.reject(self)

    def reject(self) -> None:
        """Annuleren or Sluiten / Escape / the close button: ask first when input would be lost."""
        if may_close_without_saving(self, self.unsaved_what()):
            super().reject()


class ValidatingDialog(GuardedDialog):
    """A form dialog with a Dutch error label under each field."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.errors: dict[str, QLabel] = {}
        self.general = QLabel()
        self.general.setObjectName("fieldError")
        self.general.setWordWrap(True)
        self.general.hide()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("OK", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.result_value: Any = None
        self._fields: list[QWidget] = []
        self._date_fields: dict[str, DateField] = {}  # checked before the service is asked
        self._tab_order_set = False
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self._submit)
        self.ok_button.setToolTip("Opslaan (Ctrl+Enter)")

    def showEvent(self, event: Any) -> None:
        """First shown: Tab runs through the fields, then the buttons; the cursor starts
        in the first field (it started on *OK*, so typing went nowhere)."""
        super().showEvent(event)
        if self._tab_order_set:
            return
        self._tab_order_set = True
        self.grow_to_fit()
        fields = [w for w in self._fields if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        if not fields:
            return
        previous = fields[-1]
        for button in sorted(self.buttons.buttons(), key=lambda b: b.mapTo(self, QPoint()).x()):
            QWidget.setTabOrder(previous, button)
            previous = button
        focus = self.focusWidget()
        in_a_field = focus is not None and (
            focus in self._fields or focus.parentWidget() in self._fields
        )
        if not in_a_field:
            enabled = [w for w in fields if w.isEnabled()]
            if enabled:
                enabled[0].setFocus(Qt.FocusReason.TabFocusReason)

    def add_field(self, key: str, label: str, widget: W) -> W:
        """Add a labelled field with an (initially hidden) error label below it."""
        if isinstance(widget, QPlainTextEdit):
            widget.setTabChangesFocus(True)  # Tab leaves the box instead of typing a tab
        box, self.errors[key] = field_with_error(widget)
        self.form.addRow(label, box)
        self._fields.append(widget)
        if isinstance(widget, DateField):
            self._date_fields[key] = widget
        return widget

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message next to its field; unknown fields in the general label."""
        rest = []
        for key, label in self.errors.items():
            label.setVisible(key in errors)
            label.setText(errors.get(key, ""))
        for key, message in errors.items():
            if key not in self.errors:
                rest.append(message)
        self.general.setText("\n".join(rest))
        self.general.setVisible(bool(rest))
        self.grow_to_fit()

    def grow_to_fit(self) -> None:
        """Grow to the height wrapped texts need (a top-level's minimum ignores it)."""
        grow_to_fit(self)

    def _submit(self) -> None:
        self.save_changes()

    def save_changes(self) -> bool:
        """Save through :meth:`save` and close; False (errors shown) when refused."""
        wrong_dates = {key: w.error() for key, w in self._date_fields.items() if w.error()}
        if wrong_dates:
            self.show_errors(wrong_dates)
            return False
        try:
            self.result_value = self.save()
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        self.accept()
        return True

    def save(self) -> Any:  # pragma: no cover - overridden
        """Call the service; raise :class:`ValidationError` to stay open."""
        raise NotImplementedError


class NewCaseDialog(ValidatingDialog):
    """Open a case: find the pupil (or make a new one), first absence day, a note."""

    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None = None,
        pupil_id: int | None = None,
        pupil_dialog: Callable[[Desk, QWidget], Any] | None = None,
    ):
        super().__init__("Nieuwe casus", parent)
        self.desk = desk
        #: Makes the *Nieuwe leerling…* dialog (``gui.pupil_dialog.PupilDialog``, which
        #: builds on this module, so the caller passes it in); None hides the button.
        self.pupil_dialog = pupil_dialog
        self.ok_button.setText("Casus openen")
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText("Typ een deel van de naam…")
        self.add_field("find", "Zoek leerling", self.search_field)
        self.pupils = QListWidget()
        self.pupils.setMinimumHeight(140)
        self.pupils.setSpacing(3)
        self.add_field("pupil_id", "Leerling", self.pupils)
        self.new_pupil = self.buttons.addButton(
            "Nieuwe leerling…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.new_pupil.clicked.connect(self._new_pupil)
        self.new_pupil.setVisible(pupil_dialog is not None)
        self.opened_on = self.add_field("opened_on", "Geopend op", date_edit(today(desk)))
        self.first_absence = self.add_field(
            "first_absence_on", "Eerste verzuimdag", date_edit(None, optional=True)
        )
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Aanleiding (optioneel)")
        self.note.setFixedHeight(70)
        self.add_field("note", "Aanleiding", self.note)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(40)
        self._timer.timeout.connect(self._search)
        self.search_field.textChanged.connect(self._timer.start)
        self._search()
        if pupil_id is not None:
            self.select_pupil(pupil_id)

    def _search(self) -> None:
        self.pupils.clear()
        for choice in pupils.search_pupils(self.desk, self.search_field.text()):
            extra = f"  ·  open casus {choice.open_case_number}" if choice.open_case_number else ""
            item = QListWidgetItem(
                f"{choice.name}\n{choice.birth_date:%d-%m-%Y}  ·  "
                f"{choice.school_name or 'geen school'}{extra}"
            )
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            self.pupils.addItem(item)
        if self.pupils.count() == 1:
            self.pupils.setCurrentRow(0)
        # Two lines per pupil (name; birth date · school · open case), as wide as the
        # longest (within reason) so they are not cut off.
        metrics = self.pupils.fontMetrics()
        widest = max(
            (
                metrics.horizontalAdvance(line)
                for i in range(self.pupils.count())
                for line in self.pupils.item(i).text().split("\n")
            ),
            default=0,
        )
        scrollbar = self.pupils.verticalScrollBar().sizeHint().width()
        self.pupils.setMinimumWidth(min(max(widest + scrollbar + 60, 360), 760))
        layout = self.layout()
        if layout is not None:  # the dialog's own minimum width (440) hides the layout's
            layout.activate()
            self.resize(max(self.width(), layout.minimumSize().width()), self.height())

    def select_pupil(self, pupil_id: int) -> None:
        """Select ``pupil_id`` in the list (searching all pupils)."""
        for i in range(self.pupils.count()):
            if self.pupils.item(i).data(Qt.ItemDataRole.UserRole) == pupil_id:
                self.pupils.setCurrentRow(i)
                return

    def _new_pupil(self) -> None:
        if self.pupil_dialog is None:
            return
        dialog = self.pupil_dialog(self.desk, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            data = dialog.data()
            self.search_field.setText(data.last_name)
            self._search()
            self.select_pupil(dialog.result_value)

    def save(self) -> int:
        item = self.pupils.currentItem()
        if item is None:
            raise ValidationError({"pupil_id": "Kies een leerling (of maak een nieuwe)."})
        return cases.open_case(
            self.desk,
            item.data(Qt.ItemDataRole.UserRole),
            opened_on=from_qdate(self.opened_on.date()),
            first_absence_on=optional_date(self.first_absence),
            note=self.note.toPlainText(),
        )


class EventDialog(ValidatingDialog):
    """Add a note, contact, meeting or decision to a case.

    For a *Besluit* a choice list offers the decisions the current step's transitions
    accept (:func:`cases.offered_decisions`), after "geen (alleen notitie)"; a chosen
    decision is recorded with the event, so the ladder suggests the step it leads to.
    """

    #: The decision list's first entry: a Besluit that records no decision.
    NO_DECISION = "geen (alleen notitie)"

    def __init__(self, desk: Desk, case_id: int, kind: str, parent: QWidget | None = None):
        super().__init__(f"{cases.USER_EVENT_KINDS.get(kind, 'Gebeurtenis')} toevoegen", parent)
        self.desk, self.case_id = desk, case_id
        self.ok_button.setText("Toevoegen")
        self.kind = self.add_field("kind", "Soort", QComboBox())
        for key, label in cases.USER_EVENT_KINDS.items():
            self.kind.addItem(label, key)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.decision = self.add_field("decision", "Besluit", QComboBox())
        self.decision.setAccessibleName("Besluit")
        self.decision.addItem(self.NO_DECISION, None)
        self._offered = cases.offered_decisions(desk, case_id)
        for decision in self._offered:
            self.decision.addItem(decision.label, decision.id)
            if decision.description:
                index = self.decision.count() - 1
                self.decision.setItemData(index, decision.description, Qt.ItemDataRole.ToolTipRole)
        self.leads_to = QLabel()
        self.leads_to.setObjectName("hintLabel")
        self.form.addRow("", self.leads_to)
        ladder = desk.registry.ladder(desk.region_id)
        self._step_names = {s.id: f"stap {s.number} ({s.name})" for s in ladder.stages}
        self.decision.currentIndexChanged.connect(self._decision_changed)
        self.on = self.add_field("date", "Datum", date_edit(today(desk)))
        self.text = QPlainTextEdit()
        self.text.setMinimumHeight(110)
        self.add_field("text", "Tekst", self.text)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.text.setFocus()

    def _kind_changed(self) -> None:
        """The Besluit list only shows for a Besluit (and when the step offers any)."""
        shown = self.kind.currentData() == "decision" and bool(self._offered)
        row = self.decision.parentWidget()  # the box with the field's error label
        assert row is not None
        self.form.setRowVisible(row, shown)
        if not shown:
            self.decision.setCurrentIndex(0)
            self.errors["decision"].hide()
        self._decision_changed()

    def _decision_changed(self) -> None:
        """Say where the chosen decision leads: the step the ladder will then suggest."""
        chosen = next((d for d in self._offered if d.id == self.decision.currentData()), None)
        steps = [self._step_names.get(s, s) for s in chosen.next_stages] if chosen else []
        self.leads_to.setText(f"Daarna voorgesteld: {' of '.join(steps)}." if steps else "")
        self.form.setRowVisible(self.leads_to, bool(steps))
        self.grow_to_fit()

    def set_decision(self, decision_id: str | None) -> None:
        """Pick a decision (as a user would in the choice list); None: no decision."""
        index = self.decision.findData(decision_id)
        if index < 0:
            raise KeyError(decision_id)
        self.decision.setCurrentIndex(index)

    def has_unsaved_input(self) -> bool:
        """True once text is typed or a decision is chosen."""
        return bool(self.text.toPlainText().strip()) or self.decision.currentIndex() > 0

    def save(self) -> int:
        decision = self.decision.currentData() if self.kind.currentData() == "decision" else None
        return cases.add_event(
            self.desk,
            self.case_id,
            self.kind.currentData(),
            self.text.toPlainText(),
            on=from_qdate(self.on.date()),
            decision=decision,
        )


class MoveDialog(ValidatingDialog):
    """Move a case on: the next step (suggested ones first), decision, reason and date."""

    def __init__(
        self,
        desk: Desk,
        case_id: int,
        transitions: Any,
        parent: QWidget | None = None,
        target: str | None = None,
    ) -> None:
        super().__init__("Casus naar volgende stap", parent)
        self.desk, self.case_id = desk, case_id
        self.target = self.add_field("target", "Naar stap", QComboBox())
        for t in transitions:
            label = f"{t.number}. {t.name}"
            if t.suggested:
                label += "  (voorgesteld)"
            if not t.allowed:
                label += "  — niet mogelijk"
            self.target.addItem(label, t.stage_id)
        self._transitions = {t.stage_id: t for t in transitions}
        self.decision = self.add_field("decision", "Besluit", QComboBox())
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(80)
        self.add_field("reason", "Reden / toelichting", self.reason)
        self.on = self.add_field("date", "Datum", date_edit(today(desk)))
        self.hint = QLabel()
        self.hint.setObjectName("hintLabel")
        self.hint.setWordWrap(True)
        self.form.addRow("", self.hint)
        self.target.currentIndexChanged.connect(self._target_changed)
        if target is not None:
            self.target.setCurrentIndex(max(self.target.findData(target), 0))
        self._target_changed()

    def _target_changed(self) -> None:
        t = self._transitions.get(self.target.currentData())
        self.decision.clear()
        if t is not None and t.decisions:
            self.decision.addItem("— kies —", None)
            for d in t.decisions:
                self.decision.addItem(d.label, d.id)
        self.decision.setEnabled(self.decision.count() > 0)
        hint = ""
        if t is not None:
            hint = "; ".join(t.reasons) if t.suggested else ""
            if not t.allowed:
                hint = t.blocked_reason
        self.hint.setText(hint)
        if t is not None and t.suggested and not self.reason.toPlainText():
            self.reason.setPlainText("; ".join(t.reasons))

    def save(self) -> Any:
        return cases.move_case(
            self.desk,
            self.case_id,
            self.target.currentData() or "",
            reason=self.reason.toPlainText(),
            decision=self.decision.currentData(),
            on=from_qdate(self.on.date()),
        )


class RegieDialog(ValidatingDialog):
    """Hand regie over: a role the current step allows, optionally a person, and why."""

    #: The person combo's first entry: no one named (yet).
    NOBODY = "— (nog) niemand benoemd —"

    def __init__(self, desk: Desk, file: Any, parent: QWidget | None = None) -> None:
        super().__init__("Regie wijzigen", parent)
        self.desk, self.case_id = desk, file.case_id
        self.ok_button.setText("Regie wijzigen")
        current = QLabel(file.regie or "—")
        current.setObjectName("dialogSubject")
        current.setTextFormat(Qt.TextFormat.PlainText)  # user data, never HTML (issue 11)
        current.setWordWrap(True)
        current.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.form.addRow("Nu in regie", current)
        self.role = self.add_field("role", "Regie naar", QComboBox())
        for role_id in file.regie_roles:
            self.role.addItem(file.role_names.get(role_id, role_id), role_id)
        others = [r for r in file.regie_roles if r != file.regie_role_id]
        self.role.setCurrentIndex(max(self.role.findData(others[0] if others else ""), 0))
        self.person = self.add_field("person", "Persoon", QComboBox())
        self.person.setToolTip("Wie de regie krijgt; wie die rol al eerder had staat bovenaan")
        self._persons = queries.persons(desk)
        self.reason = QPlainTextEdit()
        self.reason.setFixedHeight(70)
        self.reason.setPlaceholderText("Bijvoorbeeld: afgesproken in het doorstroomoverleg")
        self.add_field("reason", "Reden", self.reason)
        self.role.currentIndexChanged.connect(self._fill_persons)
        self._fill_persons()

    def _fill_persons(self, *_: Any) -> None:
        """Persons who held the chosen role come first (the current holder pre-chosen)."""
        role_id = self.role.currentData()
        keep = self.person.currentData() if self.person.count() else None
        self.person.clear()
        self.person.addItem(self.NOBODY, None)
        holders = [p for p in self._persons if role_id in p.role_ids]
        rest = [p for p in self._persons if role_id not in p.role_ids]
        for person in holders:
            self.person.addItem(person.label, person.id)
        if holders and rest:
            self.person.insertSeparator(self.person.count())
        for person in rest:
            self.person.addItem(person.label, person.id)
        if keep is not None:
            self.person.setCurrentIndex(max(self.person.findData(keep), 0))

    def has_unsaved_input(self) -> bool:
        """True once a reason is typed."""
        return bool(self.reason.toPlainText().strip())

    def save(self) -> int:
        return cases.set_regie(
            self.desk,
            self.case_id,
            self.role.currentData() or "",
            self.person.currentData(),
            reason=self.reason.toPlainText(),
        )


class DoneDialog(ValidatingDialog):
    """Mark a deadline done on a date."""

    def __init__(
        self,
        desk: Desk,
        what: str,
        parent: QWidget | None = None,
        apply: Callable[[dt.date], Any] | None = None,
    ) -> None:
        super().__init__("Termijn afhandelen", parent)
        self.desk, self.apply = desk, apply
        self.ok_button.setText("Afgehandeld")
        label = QLabel(what)
        label.setWordWrap(True)
        label.setObjectName("dialogSubject")
        # Expanding: a Preferred label stayed as narrow as its first words and was cut off.
        label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.subject = label
        self.form.addRow("Termijn", label)
        self.on = self.add_field("done_on", "Afgehandeld op", date_edit(today(desk)))

    def value(self) -> dt.date:
        """The chosen date."""
        return from_qdate(self.on.date())

    def save(self) -> Any:
        return self.apply(self.value()) if self.apply else self.value()


class CloseCaseDialog(ValidatingDialog):
    """Close a case with an outcome and a note."""

    def __init__(
        self,
        desk: Desk,
        case_id: int,
        outcomes: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Casus sluiten", parent)
        self.desk, self.case_id = desk, case_id
        self.ok_button.setText("Casus sluiten")
        self.outcome = self.add_field("outcome", "Uitkomst", QComboBox())
        self.outcome.addItem("— kies de uitkomst —", "")
        for key, label in outcomes:
            self.outcome.addItem(label, key)
        self.on = self.add_field("date", "Gesloten op", date_edit(today(desk)))
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(80)
        self.add_field("note", "Toelichting", self.note)

    def save(self) -> None:
        cases.close_case(
            self.desk,
            self.case_id,
            self.outcome.currentData() or "",
            note=self.note.toPlainText(),
            on=from_qdate(self.on.date()),
        )
