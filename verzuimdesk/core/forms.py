"""Form values: validation, pre-filling and (de)serialisation — pure Python, no Qt.

A regional plugin describes a form as a :class:`~verzuimdesk.core.region_spec.FormDef`;
this module works on the *values* of such a form, a plain ``dict`` keyed by field id:

================  ==========================================================
field type        value
================  ==========================================================
text, multiline,  ``str``
email, phone,
postcode, bsn,
choice
date              :class:`datetime.date` (or ``None``)
number            ``int`` or ``float`` (a string such as ``"3,5"`` is accepted)
multichoice       ``list[str]`` of choice values
boolean           ``bool``
repeat            ``list[dict]``: one dict of sub-field values per row
================  ==========================================================

* :func:`validate` returns ``{field id: Dutch message}`` — empty when the values are
  valid. Errors inside a repeat group are keyed ``"<field>[<row>].<sub>"`` (row 0-based).
* :func:`prefill` resolves each ``Field.prefill`` path (``pupil.full_name``) in a plain
  mapping such as ``{"pupil": {"full_name": "Sem de Vries"}}``.
* :func:`to_json` / :func:`from_json` turn values into JSON-safe dicts (dates as ISO
  strings) and back; :func:`normalize` tidies values before storing (postcode
  ``1234 AB``, trimmed text, compact BSN).
* :func:`display_value` renders a value as Dutch text (dates ``dd-mm-jjjj``, choice
  labels, ``Ja``/``Nee``) for print-outs and summaries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from verzuimdesk.core import validation
from verzuimdesk.core.dutch_dates import date_short, date_written
from verzuimdesk.core.region_spec import Field, FieldType, FormDef
from verzuimdesk.core.validation import is_dutch_phone, normalize_postcode

__all__ = [
    "MESSAGES",
    "display_value",
    "format_date",
    "from_json",
    "is_dutch_phone",
    "is_empty",
    "is_report_form",
    "is_shown",
    "mask_bsn",
    "normalize",
    "normalize_postcode",
    "parse_date",
    "parse_number",
    "prefill",
    "resolve_path",
    "signal_context",
    "to_json",
    "validate",
    "validate_field",
]

#: The Dutch validation messages, by kind. ``{n}`` is filled in where used.
MESSAGES: dict[str, str] = {
    "required": "Dit veld is verplicht.",
    "required_bool": "Vink dit aan om door te gaan.",
    "date": "Vul een geldige datum in (dd-mm-jjjj).",
    "number": "Vul een getal in, bijvoorbeeld 12 of 3,5.",
    **validation.MESSAGES,
    "choice": "Kies een van de mogelijkheden.",
    "multichoice": "Kies alleen uit de genoemde mogelijkheden.",
    "min_items": "Voeg minstens {n} rijen toe.",
    "min_one_item": "Voeg minstens één rij toe.",
    "repeat": "Deze lijst is ongeldig.",
}

_DUTCH_DATE_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


# --------------------------------------------------------------------------- parsing


def is_empty(value: object) -> bool:
    """True for ``None``, blank strings and empty collections (``False`` is not empty)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | set | frozenset | dict):
        return len(value) == 0
    return False


def parse_date(value: object) -> dt.date | None:
    """Parse a date from a ``date``/``datetime``, an ISO string or ``dd-mm-jjjj``.

    :returns: the date, or None when ``value`` is not a valid date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    match = _DUTCH_DATE_RE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


def parse_number(value: object) -> int | float | None:
    """Parse a number; accepts ``int``/``float`` and strings with a decimal comma.

    :returns: an ``int`` when the number is whole and written without decimals, else a
        ``float``; None when ``value`` is not a number.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip().replace(" ", "")
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    if re.fullmatch(r"[+-]?\d+(\.\d{3})*,\d+", text):  # Dutch: 1.234,5
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"[+-]?\d*\.\d+|[+-]?\d+\.\d*", text):
        return float(text)
    if re.fullmatch(r"[+-]?\d*,\d+", text):
        return float(text.replace(",", "."))
    return None


def mask_bsn(value: object) -> str:
    """Hide all but the last three digits of a BSN (``******782``)."""
    text = re.sub(r"\D", "", str(value or ""))
    if not text:
        return ""
    keep = text[-3:]
    return "•" * (len(text) - len(keep)) + keep


# ------------------------------------------------------------------------ conditions


def _as_texts(value: object) -> list[str]:
    if value is True:
        return ["ja"]
    if value is False or value is None:
        return []
    items = value if isinstance(value, list | tuple | set | frozenset) else [value]
    return [str(v).strip() for v in items if not is_empty(v)]


def is_shown(field: Field, values: Mapping[str, Any], siblings: Iterable[Field] = ()) -> bool:
    """Whether ``field`` is shown given the other values of its form (or repeat row).

    A field with ``shown_when`` is shown only when that field has a value (one of
    ``shown_values`` when given; a ticked yes/no field counts as ``ja``), and, when
    ``siblings`` (the form's or row's fields) are given, only when that field is shown
    itself. A hidden field is not validated and its value is not stored (:func:`normalize`
    drops it).
    """
    by_id = {f.id: f for f in siblings}
    seen: set[str] = set()
    current: Field | None = field
    while current is not None and current.shown_when and current.id not in seen:
        seen.add(current.id)
        texts = _as_texts(values.get(current.shown_when))
        wanted = current.shown_values
        if not (any(t in wanted for t in texts) if wanted else texts):
            return False
        current = by_id.get(current.shown_when)
    return True


# ------------------------------------------------------------------------ validation


def validate_field(field: Field, value: object) -> str | None:
    """Validate one (non-repeat) field value; returns the Dutch message or None."""
    ftype = FieldType(field.type)
    if ftype is FieldType.BOOLEAN:
        if field.required and value is not True:
            return MESSAGES["required_bool"]
        return None
    if is_empty(value):
        return MESSAGES["required"] if field.required else None
    if ftype is FieldType.DATE:
        return None if parse_date(value) is not None else MESSAGES["date"]
    if ftype is FieldType.NUMBER:
        return None if parse_number(value) is not None else MESSAGES["number"]
    text = value if isinstance(value, str) else str(value)
    if ftype is FieldType.EMAIL:
        return None if validation.normalize_email(text) else MESSAGES["email"]
    if ftype is FieldType.PHONE:
        return None if validation.is_phone(text) else MESSAGES["phone"]
    if ftype is FieldType.POSTCODE:
        return None if normalize_postcode(text) else MESSAGES["postcode"]
    if ftype is FieldType.BSN:
        return None if validation.normalize_bsn(text) else MESSAGES["bsn"]
    if ftype is FieldType.CHOICE:
        return None if text in {v for v, _ in field.choices} else MESSAGES["choice"]
    if ftype is FieldType.MULTICHOICE:
        allowed = {v for v, _ in field.choices}
        items = value if isinstance(value, list | tuple | set | frozenset) else [value]
        return None if all(str(item) in allowed for item in items) else MESSAGES["multichoice"]
    return None


def _validate_fields(
    fields: Iterable[Field], values: Mapping[str, Any], prefix: str, errors: dict[str, str]
) -> None:
    fields = tuple(fields)
    for field in fields:
        key = f"{prefix}{field.id}"
        value = values.get(field.id)
        if not is_shown(field, values, fields):
            continue
        if FieldType(field.type) is FieldType.REPEAT:
            rows = [] if is_empty(value) else value
            if not isinstance(rows, list | tuple):
                errors[key] = MESSAGES["repeat"]
                continue
            minimum = max(getattr(field, "min_items", 0) or 0, 1 if field.required else 0)
            if len(rows) < minimum:
                errors[key] = (
                    MESSAGES["min_one_item"]
                    if minimum == 1
                    else MESSAGES["min_items"].format(n=minimum)
                )
            for row_index, row in enumerate(rows):
                if not isinstance(row, Mapping):
                    errors[f"{key}[{row_index}]"] = MESSAGES["repeat"]
                    continue
                _validate_fields(field.fields, row, f"{key}[{row_index}].", errors)
            continue
        message = validate_field(field, value)
        if message:
            errors[key] = message


def validate(form: FormDef, values: Mapping[str, Any]) -> dict[str, str]:
    """Validate form values.

    :param form: the form definition.
    :param values: field id -> value (see the module docstring for the types).
    :returns: field id -> Dutch message, in form order; empty when everything is valid.
        Repeat rows are validated per row with keys like ``partijen[1].email``; a
        repeat with too few rows gets a message under its own id.
    """
    errors: dict[str, str] = {}
    _validate_fields(form.fields, values, "", errors)
    return errors


# --------------------------------------------------------------------------- prefill


def resolve_path(context: Mapping[str, object] | object, path: str) -> object:
    """Resolve a dotted path (``pupil.full_name``) in nested mappings or attributes.

    :returns: the value, or None when any part of the path is missing.
    """
    current: object = context
    for part in path.split("."):
        if current is None:
            return None
        if isinstance(current, Mapping):
            current = current.get(part)
        else:
            current = getattr(current, part, None)
    return current


def _coerce(field: Field, value: object) -> object:
    ftype = FieldType(field.type)
    if value is None:
        return None
    if ftype is FieldType.DATE:
        return parse_date(value)
    if ftype is FieldType.NUMBER:
        parsed = parse_number(value)
        return parsed if parsed is not None else value
    if ftype is FieldType.BOOLEAN:
        return bool(value)
    if ftype is FieldType.MULTICHOICE:
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, Iterable) else [str(value)]
    if ftype is FieldType.REPEAT:
        if not isinstance(value, Iterable) or isinstance(value, str | bytes):
            return None
        return [dict(row) for row in value if isinstance(row, Mapping)]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if isinstance(value, str) else str(value)


def prefill(form: FormDef, context: Mapping[str, object]) -> dict[str, object]:
    """Pre-fill values from a case context.

    :param form: the form definition; each field with ``Field.prefill`` is looked up.
    :param context: plain nested data, e.g. ``{"pupil": {"full_name": ...},
        "school": {"name": ...}, "case": {"first_absence_on": date(...)}}``.
        Objects with attributes work too.
    :returns: field id -> value for the fields whose path resolved to a value, coerced
        to the field type (an ISO string becomes a date for a date field).
    """
    result: dict[str, object] = {}
    for field in form.fields:
        if not field.prefill:
            continue
        value = _coerce(field, resolve_path(context, field.prefill))
        if not is_empty(value):
            result[field.id] = value
    return result


#: The DUO *Soort melding* of each signal that is reported to DUO.
DUO_REPORT_KINDS: dict[str, str] = {"duo-16h": "16-uur", "duo-lrv": "lrv", "duo-luxe": "luxe"}


def is_report_form(form: FormDef) -> bool:
    """True for a form that reports a signal: it pre-fills from ``signal.*`` paths.

    Saving such a form for a signal marks the signal's report deadline done.
    """
    return any(f.prefill and f.prefill.startswith("signal.") for f in form.fields)


def signal_context(
    code: str,
    datum: dt.date,
    start: dt.date | None,
    end: dt.date | None,
    hours: float | None,
    deadline: dt.date | None,
) -> dict[str, object]:
    """The ``signal.*`` prefill values of one signal, as the ``signal`` part of a context.

    ``signal.report_kind`` is DUO's *Soort melding* (``16-uur``, ``lrv``, ``luxe``), None
    for a signal DUO does not take.
    """
    return {
        "report_kind": DUO_REPORT_KINDS.get(code),
        "datum": datum,
        "start": start or datum,
        "end": end,
        "hours": hours,
        "deadline": deadline,
    }


# ---------------------------------------------------------------------- serialisation


def _to_json_value(field: Field | None, value: object) -> object:
    if (
        field is not None
        and FieldType(field.type) is FieldType.REPEAT
        and isinstance(value, list | tuple)
    ):
        subs = {f.id: f for f in field.fields}
        return [
            {k: _to_json_value(subs.get(k), v) for k, v in row.items()}
            for row in value
            if isinstance(row, Mapping)
        ]
    if field is not None and FieldType(field.type) is FieldType.NUMBER and isinstance(value, str):
        parsed = parse_number(value)
        return parsed if parsed is not None else value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return [_to_json_value(None, v) for v in value]
    if isinstance(value, list):
        return [_to_json_value(None, v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _to_json_value(None, v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def to_json(form: FormDef, values: Mapping[str, Any]) -> dict[str, object]:
    """Return the values as a JSON-safe dict (dates as ISO strings, lists not tuples).

    Keys that are not fields of the form are kept (converted the same way), so that
    nothing a user typed is lost when a form definition changes.
    """
    fields = {f.id: f for f in form.fields}
    return {key: _to_json_value(fields.get(key), value) for key, value in values.items()}


def _from_json_value(field: Field, value: object) -> object:
    ftype = FieldType(field.type)
    if value is None:
        return None
    if ftype is FieldType.DATE:
        parsed = parse_date(value)
        return parsed if parsed is not None else value
    if ftype is FieldType.REPEAT and isinstance(value, list):
        subs = {f.id: f for f in field.fields}
        return [
            {k: (_from_json_value(subs[k], v) if k in subs else v) for k, v in row.items()}
            for row in value
            if isinstance(row, Mapping)
        ]
    if ftype is FieldType.MULTICHOICE and isinstance(value, list):
        return list(value)
    return value


def from_json(form: FormDef, data: Mapping[str, Any]) -> dict[str, object]:
    """Inverse of :func:`to_json`: ISO strings of date fields become dates again."""
    fields = {f.id: f for f in form.fields}
    return {
        key: (_from_json_value(fields[key], value) if key in fields else value)
        for key, value in data.items()
    }


def _normalize_value(field: Field, value: object) -> object:
    ftype = FieldType(field.type)
    if ftype is FieldType.REPEAT and isinstance(value, list | tuple):
        return [
            {
                sub.id: _normalize_value(sub, row.get(sub.id))
                if is_shown(sub, row, field.fields)
                else None
                for sub in field.fields
            }
            for row in value
            if isinstance(row, Mapping)
        ]
    if ftype is FieldType.DATE:
        parsed = parse_date(value)
        return parsed if parsed is not None or is_empty(value) else value
    if ftype is FieldType.NUMBER and isinstance(value, str):
        number = parse_number(value)
        return number if number is not None else (None if is_empty(value) else value)
    if not isinstance(value, str):
        return value
    text = value.strip()
    if ftype is FieldType.POSTCODE:
        return normalize_postcode(text) or text
    if ftype is FieldType.BSN:
        digits = re.sub(r"[\s.\-]", "", text)
        return digits.zfill(9) if digits.isdigit() and len(digits) == 8 else digits
    if ftype is FieldType.EMAIL:
        return text.lower() if validation.normalize_email(text) else text
    if ftype is FieldType.MULTILINE:
        return value.rstrip()
    return text


def normalize(form: FormDef, values: Mapping[str, Any]) -> dict[str, object]:
    """Tidy values for storage: trimmed text, ``1234 AB`` postcodes, compact BSN,
    parsed dates and numbers. Invalid values are left as typed (validate first)."""
    fields = {f.id: f for f in form.fields}
    return {
        key: (
            (
                _normalize_value(fields[key], value)
                if is_shown(fields[key], values, form.fields)
                else None
            )
            if key in fields
            else value
        )
        for key, value in values.items()
    }


# --------------------------------------------------------------------------- display


def format_date(value: dt.date, *, long: bool = False) -> str:
    """Dutch date: ``07-01-2025`` or, with ``long``, ``7 januari 2025``."""
    return date_written(value) if long else date_short(value)


def display_value(field: Field, value: object, *, hide_bsn: bool = False) -> str:
    """Render a value as Dutch text for print-outs and summaries.

    :param hide_bsn: show only the last three digits of a BSN.
    :returns: the text; an empty string for an empty value. A repeat group gives one
        line per row (``Organisatie: JES; Contactpersoon: ...``).
    """
    ftype = FieldType(field.type)
    if ftype is FieldType.BOOLEAN:
        if value is None:
            return ""
        return "Ja" if value else "Nee"
    if is_empty(value):
        return ""
    labels = dict(field.choices)
    if ftype is FieldType.DATE:
        parsed = parse_date(value)
        return format_date(parsed) if parsed else str(value)
    if ftype is FieldType.NUMBER:
        number = parse_number(value)
        if isinstance(number, float):
            return f"{number:g}".replace(".", ",")
        return str(number if number is not None else value)
    if ftype is FieldType.CHOICE:
        return labels.get(str(value), str(value))
    if ftype is FieldType.MULTICHOICE:
        items = value if isinstance(value, list | tuple | set | frozenset) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in items)
    if ftype is FieldType.BSN:
        return mask_bsn(value) if hide_bsn else str(value)
    if ftype is FieldType.REPEAT and isinstance(value, list | tuple):
        lines = []
        for row in value:
            if not isinstance(row, Mapping):
                continue
            parts = [
                f"{sub.label}: {display_value(sub, row.get(sub.id), hide_bsn=hide_bsn)}"
                for sub in field.fields
                if not is_empty(row.get(sub.id))
            ]
            lines.append("; ".join(parts))
        return "\n".join(lines)
    return str(value)
