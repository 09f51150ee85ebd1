"""Small helpers shared by the services: today's date, region lookups, validators."""

from __future__ import annotations

import datetime as dt
from typing import Any

# The validators live in core/validation.py, shared with the forms; re-exported here
# for the services that import them from this module.
from verzuimdesk.core.validation import check_bsn as check_bsn
from verzuimdesk.core.validation import check_email as check_email
from verzuimdesk.core.validation import check_phone as check_phone
from verzuimdesk.core.validation import check_postcode as check_postcode


def today(desk: Any) -> dt.date:
    """Return the desk's "today": ``desk.today`` when set (demo, tests), else the real date."""
    value = getattr(desk, "today", None)
    if callable(value):
        value = value()
    return value if isinstance(value, dt.date) else dt.date.today()


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


def role_name(desk: Any, role_id: str | None) -> str:
    """Return the Dutch name of a region role, or the id when unknown ('' for None)."""
    if not role_id:
        return ""
    try:
        return desk.registry.role(desk.region_id, role_id).name
    except Exception:
        return role_id


def region_ladder(desk: Any) -> Any:
    """Return the region's ladder."""
    return desk.registry.ladder(desk.region_id)
