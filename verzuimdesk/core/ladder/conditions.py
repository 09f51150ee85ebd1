"""Form answers on the ladder: answer triggers, preconditions and form-anchored deadlines.

Plugin API 1.3 (issue 12). A case's forms reach the evaluator as
``CaseState.form_answers`` (form id -> the values of its latest submission, as stored:
JSON, dates as ISO strings). This module reads them:

- :func:`answer_values` / :func:`answer_holds`: what a form field holds (``ANSWER``
  triggers and preconditions);
- :func:`precondition_problem`: the Dutch reason a :class:`Precondition` is unmet;
- :func:`field_rows`: the dates (with owner and text) a ``field:`` deadline anchor gives;
- :func:`add_months`: the month arithmetic of ``DeadlineRule.months``.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Any

from verzuimdesk.core.region_conditions import (
    Precondition,
    PreconditionKind,
    answer_ref,
    split_ref,
)
from verzuimdesk.core.region_spec import DeadlineRule

_NO = frozenset({"", "nee", "no", "false", "0"})


def _text(value: Any) -> str:
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    if value is None:
        return ""
    return str(value).strip()


def answer_values(form_answers: Mapping[str, Mapping[str, Any]], ref: str) -> list[str]:
    """The non-empty values the field ``ref`` (``<form>.<field>[.<sub>]``) holds.

    A multichoice field gives each chosen value; a sub-field of a repeated group gives
    each row's value; a yes/no field gives ``ja`` (ticked) or nothing.
    """
    parts = split_ref(ref)
    if parts is None:
        return []
    form_id, field_id, sub = parts
    values = form_answers.get(form_id)
    if not values:
        return []
    raw = values.get(field_id)
    if sub is not None:
        rows = raw if isinstance(raw, list | tuple) else []
        raw = [row.get(sub) for row in rows if isinstance(row, Mapping)]
    items = raw if isinstance(raw, list | tuple) else [raw]
    return [t for t in (_text(v) for v in items) if t.lower() not in _NO]


def answer_holds(
    form_answers: Mapping[str, Mapping[str, Any]], ref: str, answers: tuple[str, ...]
) -> bool:
    """True when ``ref`` holds one of ``answers`` (any non-empty value when empty)."""
    values = answer_values(form_answers, ref)
    if not answers:
        return bool(values)
    return any(v in answers for v in values)


def precondition_problem(
    pre: Precondition,
    form_answers: Mapping[str, Mapping[str, Any]],
    ticked: Set[str],
    form_names: Mapping[str, str] | None = None,
) -> str:
    """The Dutch reason ``pre`` is unmet ('' when it holds)."""
    names = form_names or {}
    if pre.kind == PreconditionKind.TICKED:
        ok = pre.value in ticked
        default = f"Vink eerst ‘{pre.value}’ aan."
    elif pre.kind == PreconditionKind.FORM:
        ok = bool(form_answers.get(pre.value))
        default = f"Vul eerst het formulier ‘{names.get(pre.value, pre.value)}’ in."
    elif pre.kind == PreconditionKind.ANSWER:
        ok = answer_holds(form_answers, pre.value, pre.answers)
        form_id = pre.value.split(".")[0]
        wanted = f" ({' of '.join(pre.answers)})" if pre.answers else ""
        default = (
            f"Vul in het formulier ‘{names.get(form_id, form_id)}’ eerst "
            f"‘{pre.value.split('.', 1)[-1]}’ in{wanted}."
        )
    else:
        return f"Onbekende voorwaarde ‘{pre.kind}’."
    return "" if ok else (pre.reason or default)


@dataclass(frozen=True)
class FieldRow:
    """One date a ``field:`` anchor gives, with the row's owner and text (if any)."""

    on: dt.date
    owner: str = ""
    text: str = ""
    index: int = 0


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def field_rows(rule: DeadlineRule, form_answers: Mapping[str, Mapping[str, Any]]) -> list[FieldRow]:
    """The anchor dates of a ``field:`` rule in the case's latest form submission.

    A plain date field gives one row; a date sub-field of a repeated group gives one row
    per filled-in row, with its ``owner_field`` and ``what_field`` values.
    """
    parts = rule.anchor_field
    if parts is None:
        return []
    form_id, field_id, sub = parts
    values = form_answers.get(form_id) or {}
    if sub is None:
        on = _date(values.get(field_id))
        return [FieldRow(on)] if on else []
    rows = values.get(field_id)
    out: list[FieldRow] = []
    for index, row in enumerate(rows if isinstance(rows, list | tuple) else []):
        if not isinstance(row, Mapping):
            continue
        on = _date(row.get(sub))
        if on is None:
            continue
        owner = _text(row.get(rule.owner_field)) if rule.owner_field else ""
        text = _text(row.get(rule.what_field)) if rule.what_field else ""
        out.append(FieldRow(on, owner, text, index))
    return out


def add_months(d: dt.date, months: int) -> dt.date:
    """``d`` plus ``months`` calendar months (31 Jan + 1 month = 28/29 Feb)."""
    total = d.month - 1 + months
    year, month = d.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(d.day, _calendar.monthrange(year, month)[1]))


__all__ = [
    "FieldRow",
    "add_months",
    "answer_holds",
    "answer_ref",
    "answer_values",
    "field_rows",
    "precondition_problem",
]
