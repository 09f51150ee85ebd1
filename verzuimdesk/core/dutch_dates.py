"""Dutch names of days and months, and the date formats the desk, forms and reports share."""

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


def date_written(day: dt.date | None) -> str:
    """``7 januari 2025`` (empty for None), as in letters and forms."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS_LONG[day.month - 1]} {day.year}"


def month_title(day: dt.date) -> str:
    """``november 2024``."""
    return f"{MONTHS_LONG[day.month - 1]} {day.year}"
