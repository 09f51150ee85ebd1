"""Dutch formatting of dates, hours and counts for the desk's widgets."""

from __future__ import annotations

import datetime as dt

DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
DAYS_LONG = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MONTHS_LONG = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def date_short(day: dt.date | None) -> str:
    """``20-11-2024`` (empty for None)."""
    return "" if day is None else f"{day.day:02d}-{day.month:02d}-{day.year}"


def date_long(day: dt.date | None) -> str:
    """``wo 20 nov 2024`` (empty for None)."""
    if day is None:
        return ""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def month_title(day: dt.date) -> str:
    """``november 2024``."""
    return f"{MONTHS_LONG[day.month - 1]} {day.year}"


def hours(value: float | None) -> str:
    """``6``, ``1,5`` (Dutch decimal comma; empty for None/0)."""
    if not value:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def relative_due(due: dt.date | None, today: dt.date) -> str:
    """``vandaag``, ``morgen``, ``over 3 dagen``, ``2 dagen te laat``."""
    if due is None:
        return ""
    days = (due - today).days
    if days == 0:
        return "vandaag"
    if days == 1:
        return "morgen"
    if days == -1:
        return "1 dag te laat"
    if days < 0:
        return f"{-days} dagen te laat"
    return f"over {days} dagen"
