"""Letters kept with a case: a ``brief`` event with its PDF, hidden with its event (services)."""

from __future__ import annotations

import pytest

from tests.support.letter_case import letter_case
from verzuimdesk.core.services import cases, documents, queries
from verzuimdesk.core.services.errors import NotFoundError, ValidationError

PDF = b"%PDF-1.4 fake letter"


def _case(desk) -> int:  # type: ignore[no-untyped-def]
    return letter_case(desk)


def test_templates_are_the_national_letters_then_the_regions(desk) -> None:  # type: ignore[no-untyped-def]
    ids = [t.id for t in documents.letter_templates(desk)]
    assert ids == ["bevestiging-afspraken", "brief-school", "uitnodiging-ouders"]


def test_a_draft_is_filled_from_the_case_without_the_bsn(desk) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(desk)
    number = queries.case_file(desk, case_id).number
    text = documents.draft_letter(desk, case_id, "uitnodiging-ouders")
    assert text.startswith("Aan mevrouw De Vries\nLaan 1\n2500 AA Teststad\n")
    assert "20 november 2024" in text and number in text and "Sanne" in text
    assert "111222333" not in text
    with pytest.raises(NotFoundError):
        documents.draft_letter(desk, case_id, "bestaat-niet")


def test_a_saved_letter_is_an_event_with_its_pdf_and_undo_hides_both(desk) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(desk)
    number = queries.case_file(desk, case_id).number
    name = documents.file_name("brief-uitnodiging-ouders", number)
    assert name == f"brief-uitnodiging-ouders-{number}.pdf"
    event_id = documents.save_letter(
        desk, case_id, "Uitnodiging gesprek ouders", "\nAan mevrouw De Vries\n…", PDF, name
    )
    event = next(e for e in queries.case_file(desk, case_id).events if e.id == event_id)
    assert event.kind_name == "Brief" and event.deletable
    assert event.text == "Uitnodiging gesprek ouders — Aan mevrouw De Vries"
    assert event.document_name == name and event.document_id is not None
    stored = documents.document(desk, event.document_id)
    assert (stored.content, stored.mime, stored.file_name) == (PDF, "application/pdf", name)

    cases.delete_event(desk, event_id)
    assert event_id not in {e.id for e in queries.case_file(desk, case_id).events}
    with pytest.raises(NotFoundError, match="bijlage"):
        documents.document(desk, event.document_id)
    cases.restore_event(desk, event_id)
    assert documents.document(desk, event.document_id).content == PDF


def test_an_empty_letter_or_a_missing_pdf_is_refused(desk) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(desk)
    with pytest.raises(ValidationError) as err:
        documents.save_letter(desk, case_id, "Brief", "  ", b"", "brief.pdf")
    assert set(err.value.errors) == {"text", "pdf"}
