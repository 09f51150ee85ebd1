"""A regional form in its own window: pre-filled from the case, validated, saved, printed.

The fields, their checks and the print-out are :class:`verzuimdesk.gui.form_renderer.FormWidget`;
this window adds saving through the case service, the messages and the buttons.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core import forms as form_values
from verzuimdesk.core import privacy
from verzuimdesk.core.services import case_forms, history, pupils, queries
from verzuimdesk.core.services.conflicts import ConflictError
from verzuimdesk.core.services.errors import ServiceError, ValidationError
from verzuimdesk.gui import conflict_dialog, errors, form_renderer, undo
from verzuimdesk.gui.dialogs import GuardedDialog
from verzuimdesk.gui.save_dialog import ask_save_path

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


def prefill_context(file: queries.CaseFile) -> dict[str, dict[str, Any]]:
    """The case file's flat prefill values as the nested mapping ``core.forms`` reads."""
    nested: dict[str, dict[str, Any]] = {}
    for path, value in file.prefill.items():
        head, _, tail = path.partition(".")
        nested.setdefault(head, {})[tail] = value
    return nested


def report_signal(
    file: queries.CaseFile, form: Any, signal: queries.SignalItem | None = None
) -> queries.SignalItem | None:
    """The signal a new ``form`` reports: ``signal`` (opened from it), else the case's one
    unreported DUO signal; None for a form that reports no signal or when it is unclear."""
    if not form_values.is_report_form(form):
        return None
    if signal is not None:
        return signal
    open_reports = [
        s
        for s in file.signals
        if s.code in form_values.DUO_REPORT_KINDS and s.deadline and s.reported_on is None
    ]
    return open_reports[0] if len(open_reports) == 1 else None


class FormDialog(GuardedDialog):
    """A form window (non-modal): *Bewaren* validates and saves, *Afdrukken (PDF)* prints."""

    saved = Signal(int)

    def __init__(
        self,
        desk: Desk,
        file: queries.CaseFile,
        form_id: str,
        submission_id: int | None = None,
        parent: QWidget | None = None,
        *,
        signal: queries.SignalItem | None = None,
        undo_stack: Any = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.file = desk, file
        self.submission_id = submission_id
        self.undo_stack = undo_stack
        version = None
        stored: dict[str, Any] = {}
        #: The record version the values were loaded with: a colleague's later save is a
        #: conflict, not silently overwritten.
        self.record_version: int | None = None
        if submission_id is not None:
            loaded = case_forms.load_submission(desk, submission_id)
            version, stored, self.record_version = (
                loaded.form_version,
                loaded.values,
                loaded.version,
            )
        self.form = desk.registry.form(desk.region_id, form_id, version)
        #: The signal this (new) form reports; saving marks its deadline done once.
        self.signal = None if submission_id is not None else report_signal(file, self.form, signal)
        self._report_deadline = self._open_deadline(self.signal)
        if submission_id is not None:
            values = form_values.from_json(self.form, stored)
        else:
            context: dict[str, Any] = dict(prefill_context(file))
            if self.signal is not None:
                s = self.signal
                context["signal"] = form_values.signal_context(
                    s.code, s.datum, s.start, s.eind, s.uren, s.deadline
                )
            values = form_values.prefill(self.form, context)
        self.setWindowTitle(f"{self.form.name} — {file.pupil_name} ({file.number})")
        self.setObjectName("formDialog")
        self.widget = self._make_widget(values, file)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.widget)
        self.message = QLabel()
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        self.message.hide()
        self.save_button = QPushButton("Bewaren")
        self.save_button.setObjectName("primaryButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton("Afdrukken (PDF)…")
        self.print_button.clicked.connect(self.ask_print)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(640, 720)
        self._fitted = False
        self._saved_values = self.values()

    def showEvent(self, event: QShowEvent) -> None:
        """Wide enough on first showing that no field is clipped (styles are applied by now)."""
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            screen = self.screen().availableGeometry().width() if self.screen() else 1280
            width = min(max(self.width(), self.widget.content_width() + 40), screen)
            self.resize(width, self.height())

    def has_unsaved_input(self) -> bool:
        """True when the values differ from what was last saved (or pre-filled)."""
        return self.values() != self._saved_values

    def save_changes(self) -> bool:
        """Save (see :meth:`save`) and close; False (errors shown, stays open) when refused."""
        if not self.save():
            return False
        QDialog.reject(self)
        return True

    def unsaved_what(self) -> str:
        """The form as "Wijzigingen opslaan?" names it."""
        return f"Het formulier ‘{self.form.name}’"

    def _open_deadline(self, signal: queries.SignalItem | None) -> queries.DeadlineItem | None:
        if signal is None:
            return None
        return next(
            (d for d in self.file.deadlines if d.rule_id == signal.rule_id and d.done_on is None),
            None,
        )

    def _make_widget(
        self, values: dict[str, Any], file: queries.CaseFile
    ) -> form_renderer.FormWidget:
        header = [
            ("Leerling", file.pupil_name),
            ("Casus", file.number),
            ("School", file.school_name or "—"),
        ]
        if self.signal is not None:
            header.append(("Signaal", f"{self.signal.name} ({self.signal.datum:%d-%m-%Y})"))
        widget = form_renderer.FormWidget(
            self.form,
            values,
            header=header,
            show_buttons=False,
        )
        widget.saveRequested.connect(self._save_values)
        return widget

    def values(self) -> dict[str, Any]:
        """The values in the form widget."""
        return dict(self.widget.values())

    def save(self) -> bool:
        """Validate and save; Dutch messages next to the fields when something is wrong."""
        self._saved_ok = False
        if not self.widget.request_save():  # emits saveRequested when valid
            self._show_errors(self.widget.errors())
            return False
        return self._saved_ok

    def _save_values(self, values: dict[str, Any], version: int | None = None) -> bool:
        try:
            saved = case_forms.save_form_checked(
                self.desk,
                self.file.case_id,
                self.form.id,
                values,
                submission_id=self.submission_id,
                report=self._report_deadline.rule_id if self._report_deadline else None,
                version=self.record_version if version is None else version,
            )
            self.submission_id, self.record_version = saved.id, saved.version
        except ConflictError as conflict:
            return self._resolve(values, conflict)
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return False
        except ServiceError as exc:
            errors.report(self, exc)
            return False
        self._saved_ok = True
        self._saved_values = self.values()
        self._show_errors({})
        self.message.setObjectName("savedMessage")
        self.message.setText("Bewaard.")
        reported, self._report_deadline = self._report_deadline, None
        if reported is not None:
            self.message.setText(
                f"Bewaard. De termijn ‘{reported.what}’ staat nu op gemeld"
                + (" (Ctrl+Z in het dossier maakt dat ongedaan)." if self.undo_stack else ".")
            )
            if self.undo_stack is not None:
                undo.push_safely(
                    self.undo_stack,
                    undo.DeadlineDoneCommand(self.desk, reported.id, self._today(), None),
                )
        self.message.show()
        self.message.style().unpolish(self.message)  # green, not the error red of before
        self.message.style().polish(self.message)
        self.saved.emit(self.submission_id)
        return True

    def _resolve(self, values: dict[str, Any], conflict: ConflictError) -> bool:
        """A colleague saved this form meanwhile: keep mine (save over theirs) or take theirs
        (the form shows their values, unsaved)."""
        choice = conflict_dialog.ask(conflict, self)
        if choice == conflict_dialog.KEEP_MINE:
            return self._save_values(values, conflict.their_version)
        if choice == conflict_dialog.TAKE_THEIRS and self.submission_id is not None:
            loaded = case_forms.load_submission(self.desk, self.submission_id)
            self.widget.set_values(form_values.from_json(self.form, loaded.values))
            self.record_version = loaded.version
            self._saved_values = self.values()
            text = "De versie van uw collega staat nu in het formulier; niets opgeslagen."
        else:
            text = "Niet bewaard: een collega heeft dit formulier intussen gewijzigd."
        self._show_errors({})
        self.message.setText(text)
        self.message.show()
        return False

    def _today(self) -> Any:
        from verzuimdesk.core.services.common import today

        return today(self.desk)

    def _show_errors(self, messages: dict[str, str]) -> None:
        self.message.setObjectName("fieldError")
        self.widget.set_errors(messages)
        self.message.setText(
            f"Het formulier is niet bewaard: {len(messages)} veld(en) kloppen nog niet."
            if messages
            else ""
        )
        self.message.setVisible(bool(messages))
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def ask_print(self) -> None:
        """Ask for a file name and print the form to PDF."""
        name = f"{self.form.id}-{self.file.number}.pdf"
        path = ask_save_path(self, "Afdrukken naar PDF", name, "PDF (*.pdf)", suffix=".pdf")
        if path is not None:
            self.print_to(path)

    def print_to(self, path: str | Path) -> Path:
        """Write the form to ``path`` as PDF: the BSN masked unless the form needs it (DUO);
        the print is logged in the audit trail. A form for the parents of a pupil (16+)
        who objected leaves the reason for absence out."""
        hide = not privacy.form_needs_bsn(self.form)
        widget = self.widget
        if privacy.is_for_parents(self.form.id, self.form.name) and (
            pupils.objects_to_parent_sharing(self.desk, self.file.case_id)
        ):
            values = privacy.withhold_form_values(self.form, self.values())
            widget = self._make_widget(values, self.file)  # a copy to print, never shown
        written = Path(widget.print_to_pdf(str(path), hide_bsn=hide) or path)
        history.audit_read(self.desk, "print", self.file.case_id, {"soort": self.form.id})
        return written
