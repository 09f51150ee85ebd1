"""School years and vacation regions: the calendar facts that need no calendar.

A school year runs from 1 August to 31 July and is named by the calendar year it starts
in; every Dutch municipality lies in one of three vacation regions.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

__all__ = [
    "MUNICIPALITY_VACATION_REGION",
    "VacationRegion",
    "school_year_end",
    "school_year_label",
    "school_year_of",
    "school_year_start",
    "vacation_region_for_municipality",
]


class VacationRegion(StrEnum):
    """The three Dutch school vacation regions."""

    NOORD = "noord"
    MIDDEN = "midden"
    ZUID = "zuid"


#: Municipality (or area named in the seeds) -> vacation region. Data, not logic:
#: Den Haag, Leidschendam-Voorburg and Rijswijk are *midden* (seed 000); the
#: Amsterdam-Diemen, Kennemerland/IJmond, Amstelland & de Meerlanden and
#: Lelystad/Dronten regions all lie in Noord-Holland or Flevoland, i.e. *noord*.
MUNICIPALITY_VACATION_REGION: dict[str, VacationRegion] = {
    # Den Haag region (seed 000)
    "Den Haag": VacationRegion.MIDDEN,
    "'s-Gravenhage": VacationRegion.MIDDEN,
    "Leidschendam-Voorburg": VacationRegion.MIDDEN,
    "Rijswijk": VacationRegion.MIDDEN,
    # Amsterdam-Diemen (seed 002)
    "Amsterdam": VacationRegion.NOORD,
    "Diemen": VacationRegion.NOORD,
    # Zuid- en Midden-Kennemerland and IJmond (seed 003)
    "Haarlem": VacationRegion.NOORD,
    "Zandvoort": VacationRegion.NOORD,
    "Heemstede": VacationRegion.NOORD,
    "Bloemendaal": VacationRegion.NOORD,
    "IJmond": VacationRegion.NOORD,
    "Velsen": VacationRegion.NOORD,
    "Beverwijk": VacationRegion.NOORD,
    "Heemskerk": VacationRegion.NOORD,
    "Castricum": VacationRegion.NOORD,
    "Uitgeest": VacationRegion.NOORD,
    # Amstelland & de Meerlanden (seed 004)
    "Amstelland": VacationRegion.NOORD,
    "Amstelveen": VacationRegion.NOORD,
    "Aalsmeer": VacationRegion.NOORD,
    "Ouder-Amstel": VacationRegion.NOORD,
    "Uithoorn": VacationRegion.NOORD,
    "Haarlemmermeer": VacationRegion.NOORD,
    # Lelystad / Dronten (seed 001)
    "Lelystad": VacationRegion.NOORD,
    "Dronten": VacationRegion.NOORD,
}


def school_year_of(d: dt.date) -> int:
    """Return the school year of *d* as the calendar year it starts in (1 Aug–31 Jul)."""
    return d.year if d.month >= 8 else d.year - 1


def school_year_start(year: int) -> dt.date:
    """Return 1 August of school year *year*."""
    return dt.date(year, 8, 1)


def school_year_end(year: int) -> dt.date:
    """Return 31 July that ends school year *year*."""
    return dt.date(year + 1, 7, 31)


def school_year_label(year: int) -> str:
    """Return the Dutch label of school year *year*, e.g. ``2025-2026``."""
    return f"{year}-{year + 1}"


def vacation_region_for_municipality(municipality: str) -> VacationRegion | None:
    """Return the vacation region of a municipality (or seed area name), or None when unknown."""
    key = municipality.strip().casefold()
    for name, region in MUNICIPALITY_VACATION_REGION.items():
        if name.casefold() == key:
            return region
    return None
