"""Region specification, part two: preconditions, form-anchored deadlines, monitoring lists.

Added in plugin API 1.3 for Lelystad/Dronten and Amstelland en de Meerlanden (issue 12):

- :class:`Precondition`: a condition a case must meet before it may *enter* a stage
  (consent recorded, a form filled in, a form answer given); unmet, the move is refused
  with the precondition's Dutch reason, in the core and in the move dialog.
- :func:`field_anchor`: the anchor of a deadline that counts from a date the user entered
  in a form (a TLV date, a court date), or from every row of a repeated group (each
  agreement of a doorbraakoverleg: its own date, owner and text).
- :func:`answer_ref`: how a trigger or precondition names a form field.
- :class:`MonitoringList`: a list of pupils that have no absence records but are watched
  (absolute verzuimers B3, vrijgestelden A2, unenrolled 4-year-olds).

Pure data, no imports from the rest of the core: :mod:`verzuimdesk.core.region_spec`
imports from here.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from enum import StrEnum

#: The prefix of a deadline anchor on a form field: ``field:<form>.<field>[.<sub>]``.
FIELD_ANCHOR_PREFIX = "field:"


def answer_ref(form_id: str, field_id: str, sub_field: str | None = None) -> str:
    """How a trigger, precondition or anchor names a form field: ``<form>.<field>[.<sub>]``.

    ``sub_field`` names a sub-field of a ``REPEAT`` field (every row counts).
    """
    return ".".join(p for p in (form_id, field_id, sub_field) if p)


def split_ref(ref: str) -> tuple[str, str, str | None] | None:
    """``(form_id, field_id, sub_field)`` of an :func:`answer_ref`, or None when malformed."""
    parts = ref.split(".")
    if len(parts) == 2 and all(parts):
        return parts[0], parts[1], None
    if len(parts) == 3 and all(parts):
        return parts[0], parts[1], parts[2]
    return None


def field_anchor(form_id: str, field_id: str, sub_field: str | None = None) -> str:
    """The anchor of a deadline counted from a date the user entered in a form.

    ``field_anchor("ll-tlv", "afgegeven_op")``: from the date field ``afgegeven_op`` of the
    case's latest ``ll-tlv`` form. ``field_anchor("am-doorbraak", "afspraken", "uiterlijk")``:
    one deadline per row of the repeated group ``afspraken``, from the row's date
    ``uiterlijk`` (see :attr:`DeadlineRule.owner_field` and ``what_field``).
    """
    return FIELD_ANCHOR_PREFIX + answer_ref(form_id, field_id, sub_field)


class PreconditionKind(StrEnum):
    """What a :class:`Precondition` asks of a case."""

    TICKED = "ticked"  # a checklist item is ticked (``value``: the item id)
    FORM = "form"  # a form was filled in for the case (``value``: the form id)
    ANSWER = "answer"  # a form field has a value (``value``: ``<form>.<field>``)


@dataclass(frozen=True)
class Precondition:
    """A condition a case must meet before it may enter a stage.

    The desk refuses the move while it is unmet and shows ``reason`` (Dutch) in the move
    dialog and in the error of the service; it is enforced by the core
    (``check_transition``), not by the GUI.

    :param kind: a :class:`PreconditionKind` (or its string value).
    :param value: the checklist item id (``ticked``), form id (``form``) or
        ``<form>.<field>`` (``answer``, see :func:`answer_ref`).
    :param answers: ``answer`` only: the field must hold one of these values (a choice
        value, ``ja`` for a ticked yes/no field); empty: any non-empty value.
    :param reason: the Dutch reason shown when the move is refused; write what the user
        must do ("Leg eerst de instemming van ouders/leerling vast.").
    """

    kind: PreconditionKind | str
    value: str
    answers: tuple[str, ...] = ()
    reason: str = ""

    def __post_init__(self) -> None:
        # An unknown kind is kept as given: the plugin manager reports it in Dutch.
        with suppress(ValueError):
            object.__setattr__(self, "kind", PreconditionKind(self.kind))


class MonitoringGroup(StrEnum):
    """A group of pupils without absence records that a region watches."""

    ABSOLUUT_VERZUIM = "b3"  # of compulsory school age, not enrolled, not exempt (B3)
    VRIJSTELLING = "a2"  # exempt under Leerplichtwet art. 5a/5b/5c (A2)
    VIERJARIG_NIET_INGESCHREVEN = "vierjarig"  # 4 years old, not enrolled at a school


@dataclass(frozen=True)
class MonitoringList:
    """A list of watched pupils who have no absence records (and so no signals).

    The desk fills it from the pupils' enrolments, exemptions and birth dates on a date
    (``verzuimdesk.core.services.monitoring.monitoring_list``).

    :param id: stable id, unique within the region.
    :param groups: the :class:`MonitoringGroup` s on the list.
    :param role_id: the role that keeps the list (it discusses it with leerplicht).
    """

    id: str
    region_id: str
    name: str
    groups: tuple[MonitoringGroup | str, ...]
    role_id: str | None = None
    description: str = ""
    source: str = ""
