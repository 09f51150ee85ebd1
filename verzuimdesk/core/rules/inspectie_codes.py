"""The inspectie categories and their Dutch names (seed 001 Bijlage 1).

Apart from :mod:`.inspectie` (which computes a category and needs the school calendar) so that
lists and filters can name the categories without loading the calendar data at start-up.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["InspectieCategory"]


class InspectieCategory(StrEnum):
    """Inspectie target groups (seed 001 Bijlage 1)."""

    A1 = "A1"
    A2A = "A2a"
    A2B = "A2b"
    A2C = "A2c"
    B1 = "B1"
    B2A = "B2a"
    B2B = "B2b"
    B3 = "B3"
    C = "C"

    @property
    def label(self) -> str:
        """Dutch label as the seed words it."""
        return _LABELS[self]


_LABELS: dict[InspectieCategory, str] = {
    InspectieCategory.A1: "A1: langdurig of vaak ziek gemeld",
    InspectieCategory.A2A: "A2a: vrijstelling art. 5a (lichamelijk of psychisch niet in staat)",
    InspectieCategory.A2B: "A2b: vrijstelling art. 5b (bezwaar tegen richting van het onderwijs)",
    InspectieCategory.A2C: "A2c: vrijstelling art. 5c (school in het buitenland)",
    InspectieCategory.B1: "B1: relatief verzuimer",
    InspectieCategory.B2A: "B2a: langdurig relatief verzuim van 4 weken tot 3 maanden",
    InspectieCategory.B2B: "B2b: langdurig relatief verzuim van meer dan 3 maanden",
    InspectieCategory.B3: "B3: absoluut verzuimer (niet ingeschreven)",
    InspectieCategory.C: "C: restcategorie (art. 11g)",
}
