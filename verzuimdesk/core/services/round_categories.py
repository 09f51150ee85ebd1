"""A pupil's inspectie category for a period: the one place the round and the Scholen tab
ask it.

The category is computed from the pupil's history for the day or period asked
(:mod:`verzuimdesk.core.services.inspectie_history`), never read from the stored
``Case.inspectie_category``, which keeps the value of the last recompute: a pupil back at
school stops counting as a thuiszitter the day the history says so. The pupils asked
about are the ones with a case in the period, as the round and the Scholen tab show cases.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import or_, select

from verzuimdesk.core.models import Case, Pupil
from verzuimdesk.core.services.inspectie_history import categories_on, periods_for

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: The categories that make a pupil a thuiszitter in the counts (seed 001 Bijlage 1).
THUISZITTER_CATEGORIES: tuple[str, ...] = ("B2a", "B2b", "B3")


def pupil_categories(desk: Desk, start: dt.date, end: dt.date) -> dict[int, str]:
    """pupil id -> the last inspectie category the pupil had during ``start``..``end``, for
    the pupils with a case in that period (pupils without a category left out)."""
    with desk.case_base.sessions() as session:
        pupil_ids = set(
            session.scalars(
                select(Case.pupil_id).where(
                    Case.opened_on <= end, or_(Case.closed_on.is_(None), Case.closed_on >= start)
                )
            )
        )
    return {
        pupil_id: periods[-1].category.value
        for pupil_id, periods in periods_for(desk, pupil_ids, start, end).items()
        if periods
    }


def school_category_counts(
    desk: Desk, on: dt.date, categories: tuple[str, ...] = THUISZITTER_CATEGORIES
) -> dict[int, dict[str, int]]:
    """school id -> category -> number of pupils with an open case in it on ``on``."""
    with desk.case_base.sessions() as session:
        school_of: dict[int, int] = {
            pupil_id: school_id
            for pupil_id, school_id in session.execute(
                select(Pupil.id, Pupil.school_id)
                .join(Case, Case.pupil_id == Pupil.id)
                .where(
                    Case.opened_on <= on,
                    or_(Case.closed_on.is_(None), Case.closed_on > on),
                    Pupil.school_id.is_not(None),
                )
            )
            if school_id is not None
        }
    out: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for pupil_id, category in categories_on(desk, school_of, on).items():
        if category in categories:
            out[school_of[pupil_id]][category] += 1
    return {school: dict(counts) for school, counts in out.items()}
