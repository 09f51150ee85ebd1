"""Privacy rules shared by the services and the desk: when a BSN may be printed, and what a
pupil's objection to sharing with the parents means.

Pure Python (no Qt). The BSN is printed in full only on a form that needs it: a report to
DUO's Verzuimloket, which identifies the pupil by BSN. Every other print-out shows it
masked (``••••••782``), and no file name ever contains it.
"""

from __future__ import annotations

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
    "met de ouders: noem die reden niet in wat u aan de ouders stuurt."
)
