"""Dutch formatting of dates, hours and counts for the desk's widgets."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from verzuimdesk.core.dutch_dates import (
    DAYS,
    DAYS_LONG,
    MONTHS,
    MONTHS_LONG,
    date_long,
    date_short,
    date_written,
    month_title,
)

__all__ = [
    "DAYS",
    "DAYS_LONG",
    "MONTHS",
    "MONTHS_LONG",
    "date_long",
    "date_short",
    "date_written",
    "from_qdate",
    "hours",
    "month_title",
    "relative_due",
    "to_qdate",
]


def to_qdate(day: dt.date) -> QDate:
    """A ``datetime.date`` as ``QDate``."""
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    """A ``QDate`` as ``datetime.date``."""
    return dt.date(day.year(), day.month(), day.day())


def hours(value: float | None) -> str:
    """``6``, ``1,5`` (Dutch decimal comma; empty for None/0); ``5:20`` for hours that two
    decimals cannot show exactly (entered as hours and minutes)."""
    if not value:
        return ""
    if abs(value * 100 - round(value * 100)) > 1e-6:
        minutes = round(value * 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def relative_due(due: dt.date | None, today: dt.date, *, short: bool = False) -> str:
    """``vandaag``, ``morgen``, ``over 3 dagen``, ``2 dagen te laat``; with ``short``
    (a narrow column) ``over 3 d.`` and ``2 d. te laat``."""
    if due is None:
        return ""
    days = (due - today).days
    if days == 0:
        return "vandaag"
    if days == 1:
        return "morgen"
    unit = "d." if short else ("dag" if abs(days) == 1 else "dagen")
    if days < 0:
        return f"{-days} {unit} te laat"
    return f"over {days} {unit}"
