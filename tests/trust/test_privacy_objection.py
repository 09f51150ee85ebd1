"""A pupil of 16 or older who objected to sharing the reason for absence with the parents:
the reason is left out of what goes to the parents (issue 11, privacy by design).

The reason lives in absence notes, the texts of case events and the reason fields of forms.
It is left out of the access export (*inzageverzoek*: PDF and JSON, both for the parents),
of a form's PDF meant for the parents, and never reaches a letter to the parents (the letter
fields carry no reason). Without an objection everything is there, as before.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tests.gui.test_form_renderer import _pdf_text
from verzuimdesk.core import privacy
from verzuimdesk.core.services import absences, case_forms, cases, documents, pupils, queries

D = dt.date
REASON = "Paniekaanvallen"


def _pupil_with_reasons(desk: Any, *, objects: bool) -> tuple[int, int]:
    """A pupil of 17 with the reason in an absence note, a conversation note and a form."""
    school = pupils.create_school(desk, pupils.SchoolData("Het Testcollege", "VO", "midden"))
    pid = pupils.create_pupil(
        desk,
        pupils.PupilData(
            "Sam", "Jansen", D(2007, 5, 1), school_id=school, objects_to_parent_sharing=objects
        ),
    )
    absences.set_absences(
        desk, pid, [absences.AbsenceEntry(D(2024, 11, 4), "ziek", 4.0, f"{REASON} (moeder belde)")]
    )
    case_id = cases.open_case(desk, pid, opened_on=D(2024, 11, 5), stage_id="t4")
    cases.add_event(desk, case_id, "note", f"Sam vertelt over {REASON.lower()} op school")
    case_forms.save_form(
        desk,
        case_id,
        "melding-thuiszitter",
        {
            "naam": "Sam Jansen",
            "geboortedatum": D(2007, 5, 1),
            "school": "Het Testcollege",
            "begin": D(2024, 11, 4),
            "soort": "B1",
            "reden": f"{REASON} in de klas",
        },
    )
    return pid, case_id


def _text(pdf: Path) -> str:
    """The PDF's text with every run of white space as one space."""
    return " ".join(_pdf_text(pdf.read_bytes()).split())


def _mentions_reason(text: str) -> bool:
    return "paniekaanval" in text.lower()


@pytest.mark.parametrize("objects", [True, False])
def test_the_access_export_for_the_parents_leaves_the_reason_out(
    qtbot: Any, desk: Any, tmp_path: Path, objects: bool
) -> None:
    from verzuimdesk.gui.exports import write_access_export

    pid, _case = _pupil_with_reasons(desk, objects=objects)
    pdf, json_path = write_access_export(desk, pid, tmp_path / "inzage.pdf")
    pdf_text = _text(pdf)
    stored = json_path.read_text(encoding="utf-8")
    assert "Jansen" in pdf_text and "ziek" in stored  # the rest is there
    assert _mentions_reason(pdf_text) is not objects
    assert _mentions_reason(stored) is not objects
    if objects:
        data = json.loads(stored)
        (absence,) = data["verzuim"]
        assert (absence["kind"], absence["note"]) == ("ziek", privacy.WITHHELD)
        assert "niet gedeeld" in pdf_text


def test_a_letter_to_the_parents_has_no_field_with_the_reason(desk: Any) -> None:
    _pid, case_id = _pupil_with_reasons(desk, objects=True)
    for template in ("uitnodiging-ouders", "bevestiging-afspraken"):
        text = documents.draft_letter(desk, case_id, template)
        assert "Sam" in text and not _mentions_reason(text)


@pytest.mark.parametrize("objects", [True, False])
def test_a_form_printed_for_the_parents_leaves_the_reason_out(
    qtbot: Any, desk: Any, monkeypatch: Any, tmp_path: Path, objects: bool
) -> None:
    """A form meant for the parents (as a region may have one) prints the reason field as
    withheld; the form itself keeps it."""
    from verzuimdesk.gui.forms_dialog import FormDialog

    _pid, case_id = _pupil_with_reasons(desk, objects=objects)
    file = queries.case_file(desk, case_id)
    (submission,) = file.forms
    monkeypatch.setattr(privacy, "is_for_parents", lambda *_: True)
    dialog = FormDialog(desk, file, "melding-thuiszitter", submission.id)
    qtbot.addWidget(dialog)
    text = _text(dialog.print_to(tmp_path / "formulier.pdf"))
    assert "Sam Jansen" in text
    assert _mentions_reason(text) is not objects
    assert _mentions_reason(dialog.values()["reden"])  # on screen and stored: unchanged
