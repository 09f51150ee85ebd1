"""A case whose pupil has every field a letter or the printable case file fills in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from verzuimdesk.core.services import cases, pupils


def letter_case(desk: Any) -> int:
    """Open a case (4 Nov 2024) for Sanne de Vries with BSN, parent and address filled in."""
    school = pupils.create_school(desk, pupils.SchoolData("Het Testcollege", "VO", "midden"))
    pupil = pupils.create_pupil(
        desk,
        pupils.PupilData(
            "Sanne",
            "de Vries",
            dt.date(2010, 3, 14),
            school_id=school,
            bsn="111222333",
            parent_name="mevrouw De Vries",
            street="Laan 1",
            postcode="2500 AA",
            city="Teststad",
        ),
    )
    return cases.open_case(desk, pupil, opened_on=dt.date(2024, 11, 4))
