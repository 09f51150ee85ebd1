"""Documents users send: letters made from templates, kept with the case as an event + PDF.

The letter's text is made here (:func:`draft_letter`: a template filled from the case by
:mod:`verzuimdesk.core.letters`); the GUI lets the user edit it, renders the PDF and saves
it with :func:`save_letter` — one transaction: an event of kind ``brief`` and a
:class:`~verzuimdesk.core.models.CaseDocument` with the PDF. A document follows its event:
when the event is soft-deleted the document is hidden (:func:`document` refuses it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from verzuimdesk.core import letters
from verzuimdesk.core.models import CaseDocument, CaseEvent
from verzuimdesk.core.services import changes
from verzuimdesk.core.services.cases import get_case
from verzuimdesk.core.services.common import clean, today
from verzuimdesk.core.services.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.region_spec import LetterTemplate

#: The event kind of a saved letter.
LETTER_EVENT = "brief"
PDF_MIME = "application/pdf"


def letter_templates(desk: Desk) -> list[LetterTemplate]:
    """The letters a user can make: the national ones, then the region's own."""
    return [*letters.national_templates(), *desk.registry.letter_templates(desk.region_id)]


def letter_template(desk: Desk, template_id: str) -> LetterTemplate:
    """One letter template by id (national or the region's)."""
    for template in letter_templates(desk):
        if template.id == template_id:
            return template
    raise NotFoundError(f"De briefsjabloon ‘{template_id}’ bestaat niet (meer).")


def draft_letter(desk: Desk, case_id: int, template_id: str) -> str:
    """The letter ``template_id`` filled from case ``case_id``, for the user to edit.

    :raises ValidationError: (field ``template``) when the template cannot be filled.
    """
    from verzuimdesk.core.services import queries

    template = letter_template(desk, template_id)
    file = queries.case_file(desk, case_id)
    values = letters.letter_values(
        file.prefill,
        stage=file.stage_label,
        regie=file.regie,
        region_name=desk.registry.region(desk.region_id).name,
        today=file.today,
    )
    try:
        return letters.fill(template.text, values)
    except letters.LetterError as exc:
        raise ValidationError({"template": str(exc)}) from None


def file_name(kind: str, case_number: str) -> str:
    """A file name proposal with the case number, never the pupil's name or BSN."""
    safe = re.sub(r"[^\w\-]+", "-", f"{kind}-{case_number}").strip("-")
    return f"{safe}.pdf"


def save_letter(desk: Desk, case_id: int, title: str, text: str, pdf: bytes, name: str) -> int:
    """Keep a letter with its case: a ``brief`` event and its PDF. Returns the event id.

    The event's text is the letter's title and first line. Undo is
    :func:`~verzuimdesk.core.services.cases.delete_event` (the PDF is hidden with it).
    """
    errors: dict[str, str] = {}
    if not clean(text):
        errors["text"] = "De brief is leeg."
    if not pdf.startswith(b"%PDF"):
        errors["pdf"] = "De pdf van de brief ontbreekt."
    if errors:
        raise ValidationError(errors)
    line = letters.first_line(text)
    summary = f"{clean(title) or 'Brief'} — {line}" if line else clean(title) or "Brief"
    with desk.case_base.transaction(desk.user) as session:
        case = get_case(session, case_id)
        event = CaseEvent(
            case=case, occurred_on=today(desk), kind=LETTER_EVENT, author=desk.user, text=summary
        )
        session.add(event)
        session.flush()
        session.add(
            CaseDocument(
                case_id=case.id,
                event_id=event.id,
                file_name=name,
                mime=PDF_MIME,
                content=pdf,
                author=desk.user,
            )
        )
        event_id = event.id
    changes.publish(desk, "event", case_ids=(case_id,))
    return event_id


@dataclass(frozen=True)
class StoredDocument:
    """A document kept with a case event, with its bytes."""

    id: int
    event_id: int
    file_name: str
    mime: str
    content: bytes


def document(desk: Desk, document_id: int) -> StoredDocument:
    """A kept document with its bytes; refused once its event is deleted."""
    with desk.case_base.sessions() as session:
        doc = session.get(CaseDocument, document_id)
        event = session.get(CaseEvent, doc.event_id) if doc is not None else None
        if doc is None or event is None or event.deleted_at is not None:
            raise NotFoundError("Deze bijlage bestaat niet meer.")
        return StoredDocument(doc.id, doc.event_id, doc.file_name, doc.mime, bytes(doc.content))
