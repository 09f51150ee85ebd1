"""The official school vacations and public holidays, from the ``holidays`` package.

The package names days in English (``en_US``); these functions keep only the days that
are free at school and give them their Dutch names. Results are cached per year: a
calendar asks for the same years again and again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache

import holidays

from verzuimdesk.core.rules.school_years import VacationRegion

__all__ = ["BUILTIN_PUBLIC_HOLIDAYS", "public_holidays", "school_vacations"]


#: Subdivision code of the ``holidays`` package for each vacation region.
_HOLIDAYS_SUBDIV: dict[VacationRegion, str] = {
    VacationRegion.NOORD: "Noord",
    VacationRegion.MIDDEN: "Midden",
    VacationRegion.ZUID: "Zuid",
}

#: The ``holidays`` school-category names (language ``en_US``) -> Dutch vacation names.
_VACATION_NAMES: dict[str, str] = {
    "Autumn Break": "Herfstvakantie",
    "Christmas Break": "Kerstvakantie",
    "Spring Break": "Voorjaarsvakantie",
    "May Break": "Meivakantie",
    "Summer Break": "Zomervakantie",
}

#: Public holidays that are always free days on weekdays (rules.md §1), keyed by
#: the ``holidays`` name (language ``en_US``), with their Dutch display names.
#: Koninginnedag is the same holiday before 2014.
BUILTIN_PUBLIC_HOLIDAYS: dict[str, str] = {
    "New Year's Day": "Nieuwjaarsdag",
    "Easter Monday": "Tweede Paasdag",
    "King's Day": "Koningsdag",
    "Queen's Day": "Koninginnedag",
    "Ascension Day": "Hemelvaartsdag",
    "Pentecost Monday": "Tweede Pinksterdag",
    "Christmas Day": "Eerste Kerstdag",
    "Second Day of Christmas": "Tweede Kerstdag",
}
_GOEDE_VRIJDAG = ("Good Friday", "Goede Vrijdag")
_BEVRIJDINGSDAG = ("Liberation Day", "Bevrijdingsdag")


@lru_cache(maxsize=512)
def school_vacations(region: VacationRegion, year: int) -> Mapping[int, str]:
    """Ordinal -> Dutch vacation name for the official vacations of *region* in *year*."""
    data = holidays.country_holidays(
        "NL",
        subdiv=_HOLIDAYS_SUBDIV[region],
        categories=("school",),
        years=year,
        language="en_US",
    )
    return _dutch_names(data, _VACATION_NAMES)


@lru_cache(maxsize=512)
def public_holidays(year: int, goede_vrijdag: bool, bevrijdingsdag: bool) -> Mapping[int, str]:
    """Ordinal -> Dutch name of the public holidays that are free days (rules.md §1)."""
    data = holidays.country_holidays(
        "NL", categories=("public", "optional"), years=year, language="en_US"
    )
    allowed = dict(BUILTIN_PUBLIC_HOLIDAYS)
    if goede_vrijdag:
        allowed[_GOEDE_VRIJDAG[0]] = _GOEDE_VRIJDAG[1]
    if bevrijdingsdag:
        allowed[_BEVRIJDINGSDAG[0]] = _BEVRIJDINGSDAG[1]
    return _dutch_names(data, allowed)


def _dutch_names(data: Mapping[dt.date, str], names: Mapping[str, str]) -> dict[int, str]:
    """Ordinal -> Dutch name of the days in *data* that have a name in *names*.

    The package joins several names of one day with ``"; "``; the first known one wins.
    """
    out: dict[int, str] = {}
    for day, name in data.items():
        for part in name.split("; "):
            nl = names.get(part)
            if nl is not None:
                out[day.toordinal()] = nl
                break
    return out
