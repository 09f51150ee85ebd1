"""A pupil's inspectie category for a period: the one place the round and the Scholen tab
ask it.

Today this reads what the case base stores: the ``inspectie_category`` of the pupil's case
that was open during the period (the latest opened, when there were several). The category
over time (computed for each day from the history) replaces the body of these two
functions; their callers stay as they are.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from verzuimdesk.core.models import Case, Pupil

#: The categories that make a pupil a thuiszitter in the counts (seed 001 Bijlage 1).
THUISZITTER_CATEGORIES: tuple[str, ...] = ("B2a", "B2b", "B3")


def pupil_categories(session: Session, start: dt.date, end: dt.date) -> dict[int, str]:
    """pupil id -> inspectie category during ``start``..``end`` (pupils without one left out)."""
    rows = session.execute(
        select(Case.pupil_id, Case.inspectie_category, Case.opened_on)
        .where(
            Case.inspectie_category.is_not(None),
            Case.opened_on <= end,
            or_(Case.closed_on.is_(None), Case.closed_on >= start),
        )
        .order_by(Case.opened_on)
    ).all()
    return {pupil_id: category for pupil_id, category, _opened in rows if category}


def school_category_counts(
    session: Session, on: dt.date, categories: tuple[str, ...] = THUISZITTER_CATEGORIES
) -> dict[int, dict[str, int]]:
    """school id -> category -> number of pupils with an open case in it on ``on``."""
    rows = session.execute(
        select(Pupil.school_id, Case.inspectie_category)
        .join(Pupil, Pupil.id == Case.pupil_id)
        .where(
            Case.inspectie_category.in_(categories),
            Case.opened_on <= on,
            or_(Case.closed_on.is_(None), Case.closed_on > on),
            Pupil.school_id.is_not(None),
        )
    ).all()
    out: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for school_id, category in rows:
        if school_id is not None and category:
            out[school_id][category] += 1
    return {school: dict(counts) for school, counts in out.items()}
