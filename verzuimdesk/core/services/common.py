"""Small helpers shared by the services: today's date, text cleaning, validators."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

# Importing it installs the length/character check on every save (issue 11).
from verzuimdesk.core.services import input_limits as input_limits

# The validators live in core/validation.py, shared with the forms; re-exported here
# for the services that import them from this module.
from verzuimdesk.core.validation import check_bsn as check_bsn
from verzuimdesk.core.validation import check_email as check_email
from verzuimdesk.core.validation import check_phone as check_phone
from verzuimdesk.core.validation import check_postcode as check_postcode

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk


def today(desk: Desk) -> dt.date:
    """Return the desk's "today": ``desk.today`` when set (demo, tests), else the real date."""
    return desk.today or dt.date.today()


def clean(text: str | None) -> str | None:
    """Strip ``text``; None for empty."""
    if text is None:
        return None
    text = str(text).strip()
    return text or None


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Return the age in whole years on ``on``."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
