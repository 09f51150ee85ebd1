"""The case file's documents: the printable case summary, letters and their attachments.

Functions on a :class:`~verzuimdesk.gui.case_file.CaseFileView` (its desk, case and event
list), kept apart so the view itself only lays out and refreshes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog

from verzuimdesk.core.services import documents, history, queries
from verzuimdesk.core.services.errors import ServiceError
from verzuimdesk.gui import errors

if TYPE_CHECKING:
    from verzuimdesk.gui.case_file import CaseFileView


def print_case_file(view: CaseFileView) -> str | None:
    """Ask where to save the case summary and write it as a PDF; returns the path."""
    from verzuimdesk.gui import case_pdf

    file = view.file
    if file is None:
        return None
    path = case_pdf.ask_pdf_path(
        view, "Casusoverzicht als pdf opslaan", case_pdf.case_pdf_name(file)
    )
    if path is None:
        return None
    case_pdf.write_case_pdf(file, path, user=view.desk.user)
    history.audit_read(view.desk, "print", file.case_id, {"soort": "casusoverzicht"})
    return path


def make_letter(view: CaseFileView) -> bool:
    """Open the letter dialog for the view's case; True when a letter was kept."""
    from verzuimdesk.gui.letter_dialog import LetterDialog

    if view.file is None:
        return False
    dialog = LetterDialog(
        view.desk, view.case_id, view.file.number, view, undo_stack=view.undo_stack
    )
    return dialog.exec() == QDialog.DialogCode.Accepted


def update_attachment_buttons(view: CaseFileView, event: queries.EventItem | None) -> None:
    """Enable the attachment buttons when the selected event has a document."""
    has = event is not None and event.document_id is not None
    view.open_attachment_button.setEnabled(has)
    view.save_attachment_button.setEnabled(has)


def _document(
    view: CaseFileView, event: queries.EventItem | None
) -> documents.StoredDocument | None:
    if event is None or event.document_id is None:
        return None
    try:
        return documents.document(view.desk, event.document_id)
    except ServiceError as exc:
        errors.report(view, exc)
        return None


def save_attachment(view: CaseFileView, event: queries.EventItem | None) -> str | None:
    """Save the event's PDF where the user chooses; returns the path written."""
    from verzuimdesk.gui import case_pdf

    doc = _document(view, event)
    if doc is None:
        return None
    path = case_pdf.ask_pdf_path(view, "Bijlage opslaan", doc.file_name)
    if path is None:
        return None
    Path(path).write_bytes(doc.content)
    return path


def open_attachment(view: CaseFileView, event: queries.EventItem | None) -> str | None:
    """Open the event's PDF in the system's viewer, from a private temporary file."""
    doc = _document(view, event)
    if doc is None:
        return None
    folder = Path(tempfile.mkdtemp(prefix="verzuimdesk-"))
    path = folder / doc.file_name
    path.write_bytes(doc.content)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return str(path)
