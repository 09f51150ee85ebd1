"""Documents users send (issue 14), driven through the real widgets.

*Casus → Afdrukken (PDF)…* writes the case summary (BSN masked); *Casus → Brief maken…*
fills a template from the case, lets the user edit it, prints it and keeps it with the
case as a *Brief* event with its PDF, which the events list opens and saves again.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.test_form_renderer import _pdf_text
from tests.support.gui import modal
from tests.support.letter_case import letter_case
from verzuimdesk.core.services import cases, documents, queries
from verzuimdesk.gui import case_pdf
from verzuimdesk.gui.letter_dialog import LetterDialog


def _case(desk: Any) -> int:
    case_id = letter_case(desk)
    cases.add_event(desk, case_id, "contact", "Moeder gebeld over het verzuim")
    return case_id


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The save dialog answers with a file in ``tmp_path``; records the proposed names."""
    proposed: list[str] = []

    def ask(_parent: Any, _title: str, name: str) -> str:
        proposed.append(name)
        return str(tmp_path / name)

    monkeypatch.setattr(case_pdf, "ask_pdf_path", ask)
    return proposed


def _flat(data: bytes) -> str:
    return re.sub(r"\s+", "", _pdf_text(data))


def test_ctrl_p_prints_the_case_file_with_the_bsn_masked(
    qtbot: Any, window: Any, asked: list[str], tmp_path: Path
) -> None:
    case_id = _case(window.desk)
    view = window.open_case(case_id)
    number = view.file.number
    assert "Ctrl+P" in window.print_case_action.shortcut().toString()
    assert window.print_case_action in window.case_menu.actions()

    window.print_case_action.trigger()

    assert asked == [f"casus-{number}.pdf"]  # the case number, never the pupil's name
    data = (tmp_path / asked[0]).read_bytes()
    assert data.startswith(b"%PDF-")
    text = _flat(data)
    for expected in (
        f"Casusoverzicht{number}",
        "Vertrouwelijk",
        "SannedeVries",
        "Zorgcoördinator",  # in regie
        "1.Preventieopschool",  # the current step
        "Moedergebeldoverhetverzuim",
        "Pagina1van1",
        "Tijdlijn",
    ):
        assert expected in text, expected
    assert "111222333" not in text and "333" in text
    assert b"/Subtype /Image" in data or b"/Subtype/Image" in data  # the timeline picture


def test_a_letter_is_filled_edited_printed_and_kept_with_the_case(
    qtbot: Any, window: Any, asked: list[str], tmp_path: Path
) -> None:
    desk = window.desk
    case_id = _case(desk)
    view = window.open_case(case_id)
    number = view.file.number
    assert window.letter_action in window.case_menu.actions()
    seen: dict[str, Any] = {}

    def write_letter(dialog: Any) -> None:
        assert isinstance(dialog, LetterDialog)
        box = dialog.template_box
        names = [box.itemText(i) for i in range(box.count())]
        assert names == [
            "Bevestiging afspraken",
            "Brief aan de school",
            "Uitnodiging gesprek ouders",
        ]
        box.setCurrentIndex(names.index("Uitnodiging gesprek ouders"))
        text = dialog.editor.toPlainText()
        assert text.startswith("Aan mevrouw De Vries\nLaan 1\n2500 AA Teststad")
        assert number in text and "20 november 2024" in text and "111222333" not in text
        assert not dialog.has_unsaved_input()
        # The user completes the date and signs off.
        dialog.editor.setPlainText(text.replace("Datum: …", "Datum: dinsdag 3 december 2024"))
        assert dialog.has_unsaved_input()
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        seen["printed"] = (tmp_path / asked[-1]).read_bytes()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["saved"] = dialog.saved_event

    modal(qtbot, window.letter_action.trigger, write_letter)

    assert asked == [f"brief-uitnodiging-ouders-{number}.pdf"]
    assert "Datum:dinsdag3december2024" in _flat(seen["printed"])
    qtbot.waitUntil(lambda: any(e.kind == "brief" for e in view.events_model.rows))
    row = next(i for i, e in enumerate(view.events_model.rows) if e.kind == "brief")
    event = view.events_model.rows[row]
    assert event.id == seen["saved"]
    assert event.text == "Uitnodiging gesprek ouders — Aan mevrouw De Vries"
    bijlage = view.events_model.index(row, 4)
    assert view.events_model.data(bijlage) == f"📎 brief-uitnodiging-ouders-{number}.pdf"

    # The events list saves the kept PDF again.
    assert not view.save_attachment_button.isEnabled()
    view.events.selectRow(row)
    assert view.save_attachment_button.isEnabled() and view.open_attachment_button.isEnabled()
    qtbot.mouseClick(view.save_attachment_button, Qt.MouseButton.LeftButton)
    kept = (tmp_path / asked[-1]).read_bytes()
    assert kept.startswith(b"%PDF-") and "Datum:dinsdag3december2024" in _flat(kept)

    # Undo removes the letter's event, and its PDF with it.
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: all(e.kind != "brief" for e in view.events_model.rows))
    assert all(not e.document_name for e in queries.case_file(desk, case_id).events)
    with pytest.raises(Exception, match="bijlage"):
        documents.document(desk, event.document_id)
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: any(e.kind == "brief" for e in view.events_model.rows))


def test_letters_are_for_open_cases_and_printing_also_for_closed_ones(
    qtbot: Any, window: Any, asked: list[str]
) -> None:
    case_id = _case(window.desk)
    view = window.open_case(case_id)
    cases.close_case(window.desk, case_id, "verzuim-gestopt")
    qtbot.waitUntil(lambda: view.file.closed_on is not None)
    window._update_case_actions()
    assert not window.letter_action.isEnabled()
    assert window.print_case_action.isEnabled()
    window.print_case_action.trigger()
    assert asked and asked[0].startswith("casus-")
