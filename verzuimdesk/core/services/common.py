"""Small helpers shared by the services: today's date, text cleaning, validators."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: A plausible e-mail address (the desk only checks the shape).
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: Digits, spaces, dashes, parentheses and a leading + (Dutch and international numbers).
PHONE_RE = re.compile(r"^\+?[0-9 ()\-]{8,20}$")


def today(desk: Desk) -> dt.date:
    """Return the desk's "today": ``desk.today`` when set (demo, tests), else the real date."""
    return desk.today or dt.date.today()


def clean(text: str | None) -> str | None:
    """Strip ``text``; None for empty."""
    if text is None:
        return None
    text = str(text).strip()
    return text or None


def check_bsn(value: str | None) -> tuple[str | None, str | None]:
    """Return (normalised BSN, Dutch error) for an optional BSN."""
    value = clean(value)
    if value is None:
        return None, None
    digits = re.sub(r"[\s.\-]", "", value)
    if not digits.isdigit() or len(digits) not in (8, 9):
        return None, "Een BSN bestaat uit 9 cijfers."
    digits = digits.zfill(9)
    if not stdnum_bsn.is_valid(digits):
        return None, "Dit is geen geldig BSN (de elfproef klopt niet)."
    return digits, None


def check_postcode(value: str | None) -> tuple[str | None, str | None]:
    """Return (normalised postcode ``1234 AB``, Dutch error) for an optional postcode."""
    value = clean(value)
    if value is None:
        return None, None
    try:
        return stdnum_postcode.validate(value), None
    except Exception:
        return None, "Vul een postcode in als 1234 AB."


def check_email(value: str | None) -> tuple[str | None, str | None]:
    """Return (e-mail, Dutch error) for an optional e-mail address."""
    value = clean(value)
    if value is None:
        return None, None
    if not EMAIL_RE.match(value):
        return None, "Dit is geen geldig e-mailadres."
    return value, None


def check_phone(value: str | None) -> tuple[str | None, str | None]:
    """Return (phone number, Dutch error) for an optional phone number."""
    value = clean(value)
    if value is None:
        return None, None
    if not PHONE_RE.match(value) or sum(ch.isdigit() for ch in value) < 8:
        return None, "Dit is geen geldig telefoonnummer."
    return value, None


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Return the age in whole years on ``on``."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
