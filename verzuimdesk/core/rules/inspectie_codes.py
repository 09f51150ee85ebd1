"""The inspectie categories and their Dutch names (seed 001 Bijlage 1).

Apart from :mod:`.inspectie` (which computes a category and needs the school calendar) so that
lists and filters can name the categories without loading the calendar data at start-up.
"""

from __future__ import annotations

from verzuimdesk.core.rules.labelled_enum import LabelledStrEnum

__all__ = ["InspectieCategory"]


class InspectieCategory(LabelledStrEnum):
    """Inspectie target groups (seed 001 Bijlage 1)."""

    A1 = "A1", "A1: langdurig of vaak ziek gemeld"
    A2A = "A2a", "A2a: vrijstelling art. 5a (lichamelijk of psychisch niet in staat)"
    A2B = "A2b", "A2b: vrijstelling art. 5b (bezwaar tegen richting van het onderwijs)"
    A2C = "A2c", "A2c: vrijstelling art. 5c (school in het buitenland)"
    B1 = "B1", "B1: relatief verzuimer"
    B2A = "B2a", "B2a: langdurig relatief verzuim van 4 weken tot 3 maanden"
    B2B = "B2b", "B2b: langdurig relatief verzuim van meer dan 3 maanden"
    B3 = "B3", "B3: absoluut verzuimer (niet ingeschreven)"
    C = "C", "C: restcategorie (art. 11g)"
