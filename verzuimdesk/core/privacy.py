"""Privacy rules shared by the services and the desk: when a BSN may be printed, and what a
pupil's objection to sharing with the parents means.

Pure Python (no Qt). The BSN is printed in full only on a form that needs it: a report to
DUO's Verzuimloket, which identifies the pupil by BSN. Every other print-out shows it
masked (``••••••782``), and no file name ever contains it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from verzuimdesk.core.region_spec import FieldType, FormDef

#: A form is a DUO report when a field is pre-filled from the signal it reports.
_REPORT_PREFILL = "signal.report_kind"


def form_needs_bsn(form: FormDef) -> bool:
    """True for a form whose print-out must show the BSN in full (the DUO report)."""
    has_bsn = any(field.type is FieldType.BSN for field in form.fields)
    is_report = "duo" in form.id.lower() or any(
        field.prefill == _REPORT_PREFILL for field in form.fields
    )
    return has_bsn and is_report


#: Letters addressed to the parents (national ids); a region's letter counts when its id
#: or name mentions the parents.
PARENT_LETTERS = frozenset({"uitnodiging-ouders", "bevestiging-afspraken"})


def is_for_parents(letter_id: str, name: str = "") -> bool:
    """True when a letter goes to the parents (then an objection applies)."""
    return letter_id in PARENT_LETTERS or "ouder" in f"{letter_id} {name}".lower()


#: What the desk says where an objection applies.
OBJECTION_NOTE = (
    "Deze leerling (16+) heeft bezwaar gemaakt tegen het delen van de reden van het verzuim "
    "met de ouders: noem die reden niet in wat u aan de ouders stuurt. De velden van de "
    "brief bevatten die reden niet."
)


# --------------------------------------------------------------------------- the objection

#: Words that mark a form field as "the reason for absence" (in its id or label).
REASON_WORDS = ("reden", "oorzaak", "aanleiding")
#: What stands in place of a withheld reason in anything for the parents.
WITHHELD = "(niet gedeeld: de leerling heeft bezwaar gemaakt)"


def is_reason_field(field_id: str, label: str = "") -> bool:
    """True for a form field that holds the reason for absence (``reden``, ``Reden van het
    verzuim``): left out of what goes to the parents of a pupil who objected."""
    text = f"{field_id} {label}".lower()
    return any(word in text for word in REASON_WORDS)


def withhold_form_values(form: FormDef, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` of ``form`` with every reason field (:func:`is_reason_field`) that has a
    value replaced by :data:`WITHHELD`, for a print-out to the parents."""
    reasons = {f.id for f in form.fields if is_reason_field(f.id, f.label)}
    return _withhold_values(values, reasons.__contains__)


def _withhold_values(values: Mapping[str, Any], is_reason: Callable[[str], bool]) -> dict[str, Any]:
    return {k: WITHHELD if is_reason(k) and v not in (None, "") else v for k, v in values.items()}


def _withhold_keys(row: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        if row.get(key):
            row[key] = WITHHELD


def _withhold_form(values: Any) -> Any:
    return _withhold_values(values, is_reason_field) if isinstance(values, dict) else values


#: Per table, the columns that may hold the reason for absence: an absence's note, the text
#: of a case event (conversation notes, a step's reason), a case's outcome note.
REASON_COLUMNS: dict[str, tuple[str, ...]] = {
    "absence_record": ("note",),
    "case_event": ("text",),
    "case": ("outcome_note",),
}


def access_for_parents(data: Mapping[str, Any]) -> dict[str, Any]:
    """The access export (*inzageverzoek*) as it may go to the parents.

    For a pupil who objected to sharing the reason for absence with the parents
    (``objects_to_parent_sharing``, 16 or older), a copy with the reason left out
    everywhere: absence notes, the texts of case events, cases' outcome notes, the reason
    fields of forms, and the same values in the audit trail's before- and after-images.
    Other data is unchanged; without an objection ``data`` is returned as a copy.
    """
    out = copy.deepcopy(dict(data))
    if not (out.get("leerling") or {}).get("objects_to_parent_sharing"):
        return out
    for row in out.get("verzuim", []):
        _withhold_keys(row, REASON_COLUMNS["absence_record"])
    for case in out.get("casussen", []):
        _withhold_keys(case, REASON_COLUMNS["case"])
        for event in case.get("gebeurtenissen", []):
            _withhold_keys(event, REASON_COLUMNS["case_event"])
        for form in case.get("formulieren", []):
            form["values"] = _withhold_form(form.get("values"))
    for entry in out.get("audit", []):
        columns = REASON_COLUMNS.get(str(entry.get("table_name")), ())
        for image in ("before", "after"):
            values = entry.get(image)
            if not isinstance(values, dict):
                continue
            _withhold_keys(values, columns)
            if entry.get("table_name") == "form_submission" and "values" in values:
                values["values"] = _withhold_form(values["values"])
    return out
