"""*Casus → Brief maken…*: a letter from a template, filled from the case, edited, printed, kept.

Choose a template (the national letters and the region's own), edit the filled text,
then *Afdrukken (PDF)…* writes it to a file and *Opslaan bij casus* keeps it with the
case: an event of kind *Brief* with the PDF attached (undo with Ctrl+Z).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QIODevice
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core import privacy
from verzuimdesk.core.services import documents, history, pupils
from verzuimdesk.core.services.errors import ServiceError
from verzuimdesk.gui import case_pdf, errors, undo

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.region_spec import LetterTemplate


def letter_html(text: str) -> str:
    """A letter's plain text as HTML for printing: its lines and paragraphs as typed."""
    body = html.escape(text.rstrip("\n"))
    return (
        "<html><body style=\"font-family:'DejaVu Sans',sans-serif; font-size:10.5pt;"
        ' color:#111827">'
        f"<p style='white-space:pre-wrap; line-height:135%'>{body}</p></body></html>"
    )


def write_letter_pdf(text: str, target: str | Path | QIODevice, title: str) -> int:
    """Write a letter to ``target`` (a path or a device); returns the page count."""
    writer = case_pdf.new_writer(target, title)
    document = case_pdf.new_document()
    font = document.defaultFont()
    font.setPointSizeF(10.5)
    document.setDefaultFont(font)
    document.documentLayout().setPaintDevice(writer)
    document.setHtml(letter_html(text))
    pages = case_pdf.print_pages(document, writer, number_pages=True)
    del writer
    return pages


class LetterDialog(QDialog):
    """Make a letter from a template for one case (modal)."""

    def __init__(
        self,
        desk: Desk,
        case_id: int,
        case_number: str,
        parent: QWidget | None = None,
        *,
        undo_stack: Any = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.case_id, self.case_number = desk, case_id, case_number
        self.undo_stack = undo_stack
        self.setWindowTitle(f"Brief maken — casus {case_number}")
        self.setObjectName("letterDialog")
        self.resize(760, 720)
        #: The event id of the saved letter (None until *Opslaan bij casus*).
        self.saved_event: int | None = None
        self._filled = ""  # the text as filled in, to tell whether the user edited it

        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        label = QLabel("&Sjabloon:", self)
        self.template_box = QComboBox(self)
        self.template_box.setAccessibleName("Sjabloon")
        label.setBuddy(self.template_box)
        self.templates: list[LetterTemplate] = documents.letter_templates(desk)
        for template in self.templates:
            suffix = "" if not template.region_id else " (regio)"
            self.template_box.addItem(template.name + suffix, template.id)
        row.addWidget(label)
        row.addWidget(self.template_box, 1)
        layout.addLayout(row)
        self.description = QLabel(self)
        self.description.setObjectName("hintText")
        self.description.setWordWrap(True)
        layout.addWidget(self.description)
        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName("Tekst van de brief")
        font = QFont("DejaVu Sans")
        font.setPointSizeF(10.5)
        self.editor.setFont(font)
        layout.addWidget(self.editor, 1)
        self.message = QLabel(self)
        self.message.setObjectName("errorText")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        hint = QLabel(
            "Vul de puntjes (…) aan en pas de tekst aan waar nodig. Het BSN staat nooit in een "
            "brief.",
            self,
        )
        hint.setObjectName("hintText")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        buttons = QHBoxLayout()
        self.print_button = QPushButton("Afdrukken (PDF)…", self)
        self.print_button.setToolTip("De brief als pdf opslaan om af te drukken of te mailen")
        self.print_button.clicked.connect(self.ask_print)
        self.save_button = QPushButton("Opslaan bij casus", self)
        self.save_button.setObjectName("primaryButton")
        self.save_button.setToolTip(
            "De brief met pdf bewaren als gebeurtenis van de casus (Ctrl+Z maakt ongedaan)"
        )
        self.save_button.clicked.connect(self.save_to_case)
        self.close_button = QPushButton("Sluiten", self)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self._objects = pupils.objects_to_parent_sharing(desk, case_id)  # 16+: not to parents
        self.template_box.currentIndexChanged.connect(lambda *_: self._fill())
        self._fill()

    # ------------------------------------------------------------------ state

    @property
    def template(self) -> LetterTemplate:
        """The chosen template."""
        return self.templates[max(0, self.template_box.currentIndex())]

    def text(self) -> str:
        """The letter as edited."""
        return self.editor.toPlainText()

    def has_unsaved_input(self) -> bool:
        """True when the user edited the filled-in text and did not keep it with the case."""
        return self.saved_event is None and self.text() != self._filled

    def pdf_name(self) -> str:
        """The proposed file name: the template and the case number, never the pupil."""
        return documents.file_name(f"brief-{self.template.id}", self.case_number)

    def _fill(self) -> None:
        template = self.template
        objected = self._objects and privacy.is_for_parents(template.id, template.name)
        note = privacy.OBJECTION_NOTE if objected else ""
        self.description.setText("\n".join(t for t in (template.description, note) if t))
        self.description.setVisible(bool(template.description or note))
        try:
            text = documents.draft_letter(self.desk, self.case_id, template.id)
        except ServiceError as exc:
            self._show_message(exc.message)
            text = template.text
        else:
            self._show_message("")
        self._filled = text
        self.editor.setPlainText(text)

    def _show_message(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    # ------------------------------------------------------------------ actions

    def pdf(self) -> bytes:
        """The letter as edited, as PDF bytes."""
        title = self.template.name
        return case_pdf.pdf_bytes(lambda device: write_letter_pdf(self.text(), device, title))

    def ask_print(self) -> str | None:
        """*Afdrukken (PDF)…*: ask where, write the PDF; returns the path written."""
        if not self._check_text():
            return None
        path = case_pdf.ask_pdf_path(self, "Brief als pdf opslaan", self.pdf_name())
        if path is None:
            return None
        write_letter_pdf(self.text(), path, self.template.name)
        history.audit_read(self.desk, "print", self.case_id, {"soort": self.template.id})
        return path

    def save_to_case(self) -> bool:
        """*Opslaan bij casus*: keep the letter and its PDF as a case event (undoable)."""
        if not self._check_text():
            return False
        try:
            event_id = documents.save_letter(
                self.desk,
                self.case_id,
                self.template.name,
                self.text(),
                self.pdf(),
                self.pdf_name(),
            )
        except ServiceError as exc:
            errors.report(self, exc)
            return False
        self.saved_event = event_id
        if self.undo_stack is not None:
            undo.push_safely(self.undo_stack, undo.AddEventCommand(self.desk, event_id, "Brief"))
        self.accept()
        return True

    def _check_text(self) -> bool:
        if not self.text().strip():
            self._show_message("De brief is leeg.")
            return False
        return True
