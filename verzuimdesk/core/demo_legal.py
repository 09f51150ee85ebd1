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


def records_with_gaps(
    pupil_rows: list[Row], enrolment_rows: list[Row], exemption_rows: list[Row]
) -> dict[int, LegalRecord]:
    """The legal records of the pupils whose enrolments leave a gap (absoluut verzuim)."""
    by_pupil: dict[int, list[Row]] = {}
    for row in enrolment_rows:
        by_pupil.setdefault(row["pupil_id"], []).append(row)
    out: dict[int, LegalRecord] = {}
    for pupil_id, rows in by_pupil.items():
        rows.sort(key=lambda r: r["start"])
        contiguous = all(
            a["end"] is not None and a["end"] + dt.timedelta(days=1) >= b["start"]
            for a, b in itertools.pairwise(rows)
        )
        if contiguous and rows[-1]["end"] is None:
            continue
        pupil = pupil_rows[pupil_id - 1]
        out[pupil_id] = LegalRecord(
            birth_date=pupil["birth_date"],
            enrolments=tuple(EnrolmentPeriod(r["start"], r["end"], r["school_id"]) for r in rows),
            exemptions=tuple(
                ExemptionPeriod(ExemptionKind(r["kind"]), r["start"], r["end"])
                for r in exemption_rows
                if r["pupil_id"] == pupil_id
            ),
            startkwalificatie_on=pupil.get("startkwalificatie_on"),
        )
    return out


def legal_rows(
    rng: random.Random,
    today: dt.date,
    pupil_id: int,
    birth: dt.date,
    school_id: int,
    enrolled_from: dt.date,
) -> tuple[list[Row], list[Row], dt.date | None]:
    """A demo pupil's enrolments, exemptions and startkwalificatie (rules.md §7–§8).

    Every pupil is enrolled at an earlier school (not in the demo) from the start of
    leerplicht until the current enrolment; about 1 in 50 had a few weeks without enrolment
    in between (absoluut verzuim in the past, shown on the *Leerling* page), 1 in 40 has
    had art. 11g leave and 1 in 150 an art. 15 exemption; a 17-year-old sometimes holds a
    startkwalificatie already.
    """
    first = leerplicht_start(birth)
    enrolments: list[Row] = []
    exemptions: list[Row] = []
    previous_end = enrolled_from - dt.timedelta(days=1)
    if rng.random() < 0.02 and enrolled_from < today:
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
