"""The dialog that moves a case to another ladder step (with the decision a step may ask for)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QKeySequence,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.gui.date_field import DateField
from verzuimdesk.gui.formatting import date_short
from verzuimdesk.gui.ladder_model import LadderDecision, LadderDisplay, StepStatus
from verzuimdesk.gui.qt_layouts import grow_to_fit

_ERROR_STYLE = "color: #b91c1c;"


class MoveStageDialog(QDialog):
    """Ask where the case goes, why, the decision (when the step asks one) and when.

    Non-modal: the case file stays usable while it is open. On *Verplaatsen* with valid
    input it emits ``moveRequested(target_stage_id, reason, decision | None, date)`` and
    closes; invalid input shows a Dutch message under the field and keeps it open.
    """

    moveRequested = Signal(str, str, object, object)

    MSG_TARGET = "Kies de stap waar de casus naartoe gaat."
    MSG_REASON = "Vul een reden in: waarom gaat de casus naar deze stap?"
    MSG_NOTE = "Licht het besluit toe (minstens een paar woorden)."
    MSG_DECISION = "Kies het besluit."
    MSG_DATE_FUTURE = "De datum mag niet na vandaag liggen."
    MSG_DATE_EARLY = "De datum mag niet vóór het begin van de huidige stap ({date}) liggen."

    def __init__(self, display: LadderDisplay, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(False)
        self.emitting = False
        current = display.current
        assert current is not None, "a move needs a current step"
        self._display = display
        self._current = current
        self._targets = display.move_targets()
        self.setWindowTitle("Naar volgende stap")
        self.setAccessibleName("Casus naar volgende stap verplaatsen")
        self.setMinimumWidth(480)

        intro = QLabel(f"Huidige stap: <b>{current.number}. {current.name}</b>")
        intro.setTextFormat(Qt.TextFormat.RichText)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(4)
        form.setHorizontalSpacing(12)

        self.target_combo = QComboBox()
        self.target_combo.setAccessibleName("Naar stap")
        self.target_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.target_combo.setMinimumContentsLength(28)
        self.target_hint = QLabel()
        self.target_hint.setWordWrap(True)
        self.target_hint.setStyleSheet("color: #b45309;")
        self.target_hint.setVisible(False)
        self._fill_targets(None)
        self.target_error = self._error_label()
        target_box = self._stack(self.target_combo, self.target_error, self.target_hint)
        form.addRow(self._label("Naar &stap", self.target_combo, True), target_box)

        self.decision_combo: QComboBox | None = None
        self.decision_error: QLabel | None = None
        if current.decisions:
            combo = QComboBox()
            combo.setAccessibleName("Besluit")
            combo.addItem("— kies een besluit —", None)
            for decision in current.decisions:
                combo.addItem(decision.label, decision.id)
            combo.currentIndexChanged.connect(self._decision_changed)
            self.decision_combo = combo
            self.decision_error = self._error_label()
            form.addRow(
                self._label("&Besluit", combo, True), self._stack(combo, self.decision_error)
            )

        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(
            "Bijvoorbeeld: afspraken uit het JES zijn niet nagekomen; jeugdhulp is dominant."
        )
        self.reason_edit.setAccessibleName("Reden")
        self.reason_edit.setFixedHeight(84)
        self.reason_error = self._error_label()
        reason_label = "&Reden / toelichting" if current.decisions else "&Reden"
        form.addRow(
            self._label(reason_label, self.reason_edit, True),
            self._stack(self.reason_edit, self.reason_error),
        )

        self.date_edit = DateField(display.today)
        self.date_edit.line_edit.setAccessibleName("Datum")
        self.date_error = self._error_label()
        form.addRow(
            self._label("&Datum", self.date_edit, True),
            self._stack(self.date_edit, self.date_error),
        )

        hint = QLabel(
            "Velden met * zijn verplicht. De verplaatsing wordt als gebeurtenis "
            "in het dossier vastgelegd."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #64748b;")

        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("Verplaatsen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        cancel = buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        self.ok_button.setShortcut(QKeySequence("Ctrl+Return"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

        self.target_combo.currentIndexChanged.connect(lambda _i: self._clear(self.target_error))
        self.target_combo.currentIndexChanged.connect(lambda _i: self._update_target_hint())
        self.reason_edit.textChanged.connect(lambda: self._clear(self.reason_error))
        self.date_edit.dateChanged.connect(lambda _d: self._clear(self.date_error))
        self.target_combo.setFocus()

    # ----------------------------------------------------------------------- building blocks

    def _label(self, text: str, buddy: QWidget, required: bool) -> QLabel:
        label = QLabel(text + (" <span style='color:#b91c1c'>*</span>" if required else ""))
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setBuddy(buddy)
        label.setContentsMargins(0, 4, 0, 0)
        return label

    @staticmethod
    def _error_label() -> QLabel:
        label = QLabel()
        label.setStyleSheet(_ERROR_STYLE)
        label.setWordWrap(True)
        label.setVisible(False)
        label.setAccessibleName("Foutmelding")
        return label

    @staticmethod
    def _stack(field: QWidget, error: QLabel, hint: QLabel | None = None) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(field)
        if hint is not None:
            layout.addWidget(hint)
        layout.addWidget(error)
        return box

    def _grow_to_fit(self) -> None:
        """Grow to the height the shown messages need (wrapped labels included).

        Without this a two-line message under the fixed-height reason field was drawn
        over the field: a top-level's minimum size ignores height-for-width.
        """
        grow_to_fit(self)

    @staticmethod
    def _clear(label: QLabel | None) -> None:
        if label is not None and label.isVisible():
            label.clear()
            label.setVisible(False)

    @staticmethod
    def _show(label: QLabel | None, text: str) -> None:
        if label is not None:
            label.setText(text)
            label.setVisible(True)

    def _fill_targets(self, only: Sequence[str] | None) -> None:
        previous = self.target_combo.currentData()
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        targets = [t for t in self._targets if only is None or t.id in only]
        if len(targets) != 1:
            self.target_combo.addItem("— kies een stap —", None)
        for step in targets:
            text = f"{step.number}. {step.name}"
            if step.blocked:
                text += " (voorwaarde ontbreekt)"
            elif step.status is StepStatus.SUGGESTED:
                text += " (voorgesteld)"
            self.target_combo.addItem(text, step.id)
        index = self.target_combo.findData(previous) if previous else -1
        self.target_combo.setCurrentIndex(max(index, 0))
        self.target_combo.blockSignals(False)
        self._update_target_hint()

    def _update_target_hint(self) -> None:
        step_id = self.target_combo.currentData()
        step = next((t for t in self._targets if t.id == step_id), None)
        if step is not None and step.blocked:
            self.target_hint.setText(f"Kan nog niet: {step.blocked}")
            self.target_hint.setVisible(True)
            self._grow_to_fit()
        elif step is not None and step.status is StepStatus.SUGGESTED and step.reason:
            self.target_hint.setText(f"Voorgesteld: {step.reason}")
            self.target_hint.setVisible(True)
        else:
            self.target_hint.setVisible(False)

    def _decision(self) -> LadderDecision | None:
        if self.decision_combo is None:
            return None
        decision_id = self.decision_combo.currentData()
        return next((d for d in self._current.decisions if d.id == decision_id), None)

    def _decision_changed(self, _index: int) -> None:
        self._clear(self.decision_error)
        decision = self._decision()
        self._fill_targets(decision.next_ids if decision and decision.next_ids else None)

    def done(self, result: int) -> None:
        """Close; the inputs stop signalling so nothing reaches half-deleted widgets."""
        for widget in (self.target_combo, self.decision_combo, self.reason_edit, self.date_edit):
            if widget is not None:
                widget.blockSignals(True)
        super().done(result)

    # ----------------------------------------------------------------------- public

    def set_target(self, stage_id: str) -> None:
        """Pick a target step (as a user would in the combo box)."""
        index = self.target_combo.findData(stage_id)
        if index < 0:
            raise KeyError(stage_id)
        self.target_combo.setCurrentIndex(index)

    def set_decision(self, decision_id: str) -> None:
        """Pick a decision (as a user would in the combo box)."""
        if self.decision_combo is None:
            raise KeyError(decision_id)
        index = self.decision_combo.findData(decision_id)
        if index < 0:
            raise KeyError(decision_id)
        self.decision_combo.setCurrentIndex(index)

    def errors(self) -> dict[str, str]:
        """The Dutch messages of the current input, keyed target/decision/reason/date."""
        errors: dict[str, str] = {}
        target_id = self.target_combo.currentData()
        target = next((t for t in self._targets if t.id == target_id), None)
        if not target_id:
            errors["target"] = self.MSG_TARGET
        elif target is not None and target.blocked:
            errors["target"] = target.blocked  # a precondition (consent, a form) is unmet
        decision = self._decision()
        if self.decision_combo is not None and decision is None:
            errors["decision"] = self.MSG_DECISION
        reason = self.reason_edit.toPlainText().strip()
        if not reason:
            errors["reason"] = self.MSG_REASON
        elif decision is not None and decision.note_required and len(reason.split()) < 3:
            errors["reason"] = self.MSG_NOTE
        day = self.date_edit.value()
        if day is None:
            errors["date"] = self.date_edit.error()
        elif day > self._display.today:
            errors["date"] = self.MSG_DATE_FUTURE
        elif self._current.entered_on and day < self._current.entered_on:
            errors["date"] = self.MSG_DATE_EARLY.format(date=date_short(self._current.entered_on))
        return errors

    def try_accept(self) -> bool:
        """Validate; emit ``moveRequested`` and close when valid, else show the messages."""
        errors = self.errors()
        labels = {
            "target": self.target_error,
            "decision": self.decision_error,
            "reason": self.reason_error,
            "date": self.date_error,
        }
        widgets = {
            "target": self.target_combo,
            "decision": self.decision_combo,
            "reason": self.reason_edit,
            "date": self.date_edit,
        }
        for key, label in labels.items():
            if key in errors:
                self._show(label, errors[key])
            else:
                self._clear(label)
        if errors:
            self._grow_to_fit()
            first = next(iter(errors))
            widget = widgets[first]
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        decision = self._decision()
        self.emitting = True  # the receiver may refresh the ladder while we emit
        try:
            self.moveRequested.emit(
                str(self.target_combo.currentData()),
                self.reason_edit.toPlainText().strip(),
                decision.id if decision else None,
                self.date_edit.value(),
            )
        finally:
            self.emitting = False
        self.accept()
        return True
