"""The demo pupils' legal history: enrolments, exemptions, startkwalificatie, and the gaps.

Synthetic, like the rest of the demo: enough variety that the *Leerling* page and the
``absoluut-verzuim`` signal show on a demo case base.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from typing import Any

from verzuimdesk.core.rules.leerplicht import leerplicht_start
from verzuimdesk.core.rules.legal_record import (
    EnrolmentPeriod,
    ExemptionKind,
    ExemptionPeriod,
    LegalRecord,
)

Row = dict[str, Any]


def record_if_gap(pupil: Row, enrolments: list[Row], exemptions: list[Row]) -> LegalRecord | None:
    """The legal record of one pupil whose enrolments leave a gap (absoluut verzuim), or None.

    ``enrolments`` and ``exemptions`` are this pupil's rows (as :func:`legal_rows` makes them).
    """
    rows = sorted(enrolments, key=lambda r: r["start"])
    contiguous = all(
        a["end"] is not None and a["end"] + dt.timedelta(days=1) >= b["start"]
        for a, b in itertools.pairwise(rows)
    )
    if contiguous and rows and rows[-1]["end"] is None:
        return None
    return LegalRecord(
        birth_date=pupil["birth_date"],
        enrolments=tuple(EnrolmentPeriod(r["start"], r["end"], r["school_id"]) for r in rows),
        exemptions=tuple(
            ExemptionPeriod(ExemptionKind(r["kind"]), r["start"], r["end"]) for r in exemptions
        ),
        startkwalificatie_on=pupil.get("startkwalificatie_on"),
    )


def legal_rows(
    rng: random.Random,
    today: dt.date,
    pupil_id: int,
    birth: dt.date,
    school_id: int,
    enrolled_from: dt.date,
    gap_share: float = 0.02,
) -> tuple[list[Row], list[Row], dt.date | None]:
    """A demo pupil's enrolments, exemptions and startkwalificatie (rules.md §7–§8).

    Every pupil is enrolled at an earlier school (not in the demo) from the start of
    leerplicht until the current enrolment; ``gap_share`` of them (the stress profile: 1 in
    50) had a few weeks without enrolment in between (absoluut verzuim in the past, shown
    on the *Leerling* page), 1 in 40 has
    had art. 11g leave and 1 in 150 an art. 15 exemption; a 17-year-old sometimes holds a
    startkwalificatie already.
    """
    first = leerplicht_start(birth)
    enrolments: list[Row] = []
    exemptions: list[Row] = []
    previous_end = enrolled_from - dt.timedelta(days=1)
    if rng.random() < gap_share and enrolled_from < today:
        previous_end -= dt.timedelta(weeks=rng.randint(2, 6))
    if first <= previous_end:
        enrolments.append(
            {"pupil_id": pupil_id, "school_id": None, "start": first, "end": previous_end}
        )
    enrolments.append(
        {
            "pupil_id": pupil_id,
            "school_id": school_id,
            "start": max(first, enrolled_from),
            "end": None,
        }
    )
    roll = rng.random()
    if roll < 0.025:
        start = today - dt.timedelta(days=rng.randint(20, 200))
        exemptions.append(
            {"pupil_id": pupil_id, "kind": "11g", "start": start, "end": start + dt.timedelta(3)}
        )
    elif roll < 0.032:
        start = today - dt.timedelta(days=rng.randint(30, 300))
        exemptions.append(
            {"pupil_id": pupil_id, "kind": "15", "start": start, "end": start + dt.timedelta(90)}
        )
    startkwalificatie = None
    if today.year - birth.year >= 17 and rng.random() < 0.3:
        startkwalificatie = dt.date(today.year - (1 if today.month < 7 else 0), 7, 1)
    return enrolments, exemptions, startkwalificatie
